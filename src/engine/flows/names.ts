/**
 * A probe to a name: the DNS lookup is traffic of its own (UDP 53 to the kube-dns Service,
 * then to a CoreDNS pod), and what the answer says decides what follows: a connection to the
 * address, an ExternalName's outside name, or an error the application gets instead.
 */
import type { TraceContext } from '../datapath/context.ts';
import { Journey } from '../datapath/journey.ts';
import { swap } from '../datapath/paths.ts';
import { resolveFromPod, upstreamAnswer, type DnsResult } from '../dns.ts';
import type { PodModel } from '../model.ts';
import type { Ipv4, Protocol } from '../net.ts';
import type { Hop, Location, ObjectRef, Probe, Trace } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { finish, ProbeError, type Flow } from './flow.ts';
import type { Origin, PodOrigin } from './origin.ts';
import { defaultPortFor, sendTo } from './sendTo.ts';

/** Traces a probe to a cluster or outside name, from a pod (only pods use CoreDNS). */
export function traceName(
  ctx: TraceContext,
  probe: Probe,
  origin: Origin,
  name: string,
  protocol: Protocol,
): Trace {
  if (origin.kind !== 'pod') {
    throw new ProbeError(
      `Only pods resolve cluster names: a ${origin.kind === 'node' ? 'node' : 'client outside the cluster'} does not use CoreDNS. Use an address instead.`,
    );
  }
  const lookup = dnsLookup(ctx, origin, name);
  const lookupTrace = finish(
    {
      ...probe,
      to: { kind: 'ip', ip: lookup.nameserver ?? ctx.model.settings.dnsServiceIp },
      port: 53,
      protocol: 'UDP',
    },
    lookup.flow,
  );
  const answered = lookup.flow.deliveredTo !== null || lookup.flow.outside !== undefined;
  if (!lookup.result || !answered || !lookup.flow.reply) {
    return {
      ...lookupTrace,
      probe,
      lookup: lookupTrace,
      hops: [],
      reply: [],
      summary: `The DNS lookup for ${name} failed: ${lookupTrace.summary}`,
    };
  }
  const result = lookup.result;
  // What the application sees: the resolver in its pod hands it the answer.
  const answer = lookup.flow.reply.packet;
  const app: Location = {
    place: Place.Container,
    device: origin.container ?? 'app',
    node: origin.node.name,
    at: origin.pod.ref,
  };
  const ending = (
    verdict: 'Delivered' | 'Dropped',
    reason: DropReason | undefined,
    explanation: string,
    summary: string,
    extra: readonly Hop[] = [],
  ): Trace => {
    const j = new Journey(answer, 'request');
    for (const hop of extra) j.hops.push(hop);
    if (verdict === 'Dropped') j.drop(app, reason as DropReason, explanation);
    else
      j.step(
        { place: Place.Network, device: 'outside the cluster' },
        Verdict.Delivered,
        explanation,
      );
    return {
      probe,
      verdict,
      reason,
      lookup: lookupTrace,
      hops: j.hops,
      reply: [],
      deliveredTo: null,
      seenSource: null,
      summary,
    };
  };
  const tried = result.tried.map((t) => t.name).join(', ');
  const cnames = result.answers.filter((a) => a.type === 'CNAME');
  const chainText = cnames.map((c) => `${c.name} is a CNAME for ${c.data}`).join('; ');
  switch (result.rcode) {
    case 'NXDOMAIN':
      return ending(
        'Dropped',
        DropReason.NXDOMAIN,
        `The resolver got NXDOMAIN for every name it tried (${tried}), so the application gets "name not found" and sends nothing.${result.byCoreDns ? '' : ` ${result.resolver?.why ?? ''}`}`,
        cnames.length > 0
          ? `${chainText}, which does not exist (NXDOMAIN).`
          : result.byCoreDns
            ? `${name} does not exist: CoreDNS answered NXDOMAIN for ${tried}.`
            : `${name} does not resolve: the pod asks ${result.nameserver ?? 'no nameserver'}, not the cluster DNS, and got NXDOMAIN for ${tried || name}.`,
      );
    case 'SERVFAIL':
      return ending(
        'Dropped',
        DropReason.ServFail,
        `CoreDNS gave up following the CNAME chain (${chainText}) because it loops, and answered SERVFAIL; the application gets an error and sends nothing.`,
        `${name} is a CNAME chain that loops; CoreDNS answered SERVFAIL.`,
      );
    case 'FORWARDED':
    case 'NOERROR':
      break;
    default: {
      const never: never = result.rcode;
      throw new Error(`unknown rcode ${String(never)}`);
    }
  }
  const a = result.answers.find((x) => x.type === 'A');
  if (a) {
    const ip = a.data as Ipv4;
    const port = probe.port ?? defaultPortFor(ctx, ip);
    const trace = finish(probe, sendTo(ctx, origin, ip, port, protocol));
    return { ...trace, lookup: lookupTrace };
  }
  const external = outsideName(result);
  if (external !== undefined) {
    const upstream = upstreamAnswer(ctx.model, external);
    const port = probe.port ?? upstream.element?.ports?.[0]?.port ?? 80;
    const flow = sendTo(ctx, origin, upstream.ip, port, protocol, {}, external);
    const trace = finish(probe, flow);
    const how = !result.byCoreDns
      ? `The pod's resolver asks ${result.nameserver ?? 'its nameserver'}, outside the cluster, which resolves ${name} itself.`
      : result.rcode === 'FORWARDED'
        ? `${name} is outside the cluster domain, so CoreDNS forwarded the question to the upstream resolver (forward . /etc/resolv.conf).`
        : `${chainText}: an ExternalName Service is only this DNS answer, with no ClusterIP, no endpoints and no kube-proxy rules. CoreDNS resolves the target itself (its kubernetes plugin looks up an outside CNAME target through CoreDNS, whose forward plugin asks the upstream resolver).`;
    // The application's first hop of the new connection says where its address came from.
    const [opening, ...rest] = trace.hops;
    const resolved: Hop = {
      ...opening,
      explanation: `${how} The upstream answer is ${external} A ${upstream.ip}${upstream.element ? ` (${upstream.element.name} in the scenario)` : ' (an assumed address: the outside world is simulated)'}. ${opening.explanation}`,
      decisions: [
        {
          kind: 'dns',
          summary:
            cnames.length > 0
              ? `${chainText}; ${external} A ${upstream.ip}`
              : `${name}: forwarded upstream, A ${upstream.ip}`,
          ref: cnames.length > 0 ? serviceRefOfName(ctx, cnames[0].name) : undefined,
        },
        ...(opening.decisions ?? []),
      ],
    };
    return {
      ...trace,
      hops: [resolved, ...rest],
      lookup: lookupTrace,
      summary: cnames.length > 0 ? `${chainText}. ${trace.summary}` : trace.summary,
    };
  }
  return ending(
    'Dropped',
    DropReason.NoEndpoints,
    `${result.tried.at(-1)?.name ?? name} exists but has no A record: a headless Service with no ready endpoints has no addresses to return, so the application has nowhere to connect.`,
    `${name} exists but has no address: a headless Service with no ready endpoints returns no A records.`,
  );
}

function serviceRefOfName(ctx: TraceContext, fqdn: string): ObjectRef | undefined {
  const [svc, ns] = fqdn.split('.');
  return ctx.serviceByKey.get(`${ns}/${svc}`)?.ref;
}

interface Lookup {
  readonly flow: Flow;
  readonly result?: DnsResult;
  readonly nameserver?: Ipv4;
}

/**
 * The DNS query is traffic too: UDP 53 to the pod's first nameserver. Under ClusterFirst that
 * is the kube-dns ClusterIP, then a CoreDNS pod; under Default (or ClusterFirst on a
 * hostNetwork pod) it is the node's resolver outside the cluster.
 */
function dnsLookup(ctx: TraceContext, origin: PodOrigin, name: string): Lookup {
  const result = resolveFromPod(ctx.model, origin.pod, name);
  const nameserver = result.nameserver;
  if (nameserver === undefined) {
    throw new ProbeError(
      `${origin.pod.namespace}/${origin.pod.name} has no nameserver in its resolv.conf (dnsPolicy ${origin.pod.dnsPolicy} without dnsConfig.nameservers), so it cannot look up ${name}.`,
    );
  }
  const question = result.tried[result.tried.length - 1]?.name ?? name;
  const flow = sendTo(ctx, origin, nameserver, 53, 'UDP', { dns: { question, type: 'A' } });
  if (!flow.reply || (!flow.deliveredTo && !flow.outside)) return { flow, nameserver };
  const coredns = flow.deliveredTo
    ? (ctx.podByKey.get(
        `${flow.deliveredTo.pod.namespace}/${flow.deliveredTo.pod.name}`,
      ) as PodModel)
    : undefined;
  const outsideAnswer = flow.reply.hops[0];
  const answerText =
    result.rcode === 'NOERROR'
      ? result.answers.map((a) => `${a.type} ${a.data}`).join(', ') || 'no records'
      : result.rcode === 'FORWARDED'
        ? result.byCoreDns
          ? `forwarded to the upstream resolver, which answers A ${upstreamAnswer(ctx.model, question).ip}`
          : `A ${upstreamAnswer(ctx.model, question).ip}`
        : result.rcode;
  const tries = result.tried.map((t) => `${t.name} -> ${t.rcode}`);
  const dots = name.split('.').length - 1;
  const ndots = result.resolver?.ndots ?? 5;
  const searches = result.resolver?.searches.length ?? 1;
  const why = name.endsWith('.')
    ? `${name} ends with a dot, so it is absolute and the search list is not used`
    : searches === 0
      ? `resolv.conf has no search list, so the resolver asked for ${name} as it is`
      : dots >= ndots
        ? `${name} has ${dots} dots (at least ndots:${ndots}), so the resolver tried it as it is first`
        : `${name} has ${dots} dot${dots === 1 ? '' : 's'} (fewer than ndots:${ndots}), so the resolver tried the search list first`;
  const policy = result.resolver ? `${result.resolver.why} ` : '';
  const reply = new Journey(flow.request.packet, 'reply');
  reply.step(
    coredns
      ? { place: Place.CoreDns, device: 'coredns', node: coredns.node, at: coredns.ref }
      : outsideAnswer.location,
    Verdict.Resolved,
    `${policy}${coredns ? 'CoreDNS' : `The nameserver ${nameserver}`} answers: ${answerText}. ${why}: ${result.tried.map((t) => `${t.name} (${t.rcode})`).join(', ')}.`,
    {
      to: flow.reply.hops[0]?.before ?? swap(flow.request.packet),
      decisions: [
        {
          kind: 'dns',
          summary: `${question} ${answerText}`,
          rules: [...result.resolvConf.map((l) => `/etc/resolv.conf: ${l}`), ...tries],
        },
      ],
    },
  );
  // Outside, the nameserver's own "answers" hop is the one this step tells in full.
  for (const hop of coredns ? flow.reply.hops : flow.reply.hops.slice(1)) reply.hops.push(hop);
  reply.packet = flow.reply.packet;
  return { flow: { ...flow, reply }, result, nameserver };
}

/** The name outside the cluster a lookup ended on: forwarded as it is, or a CNAME's target. */
function outsideName(result: DnsResult): string | undefined {
  if (result.rcode === 'FORWARDED') return result.tried.at(-1)?.name;
  const last = result.answers.at(-1);
  return last?.type === 'CNAME' ? last.data : undefined;
}
