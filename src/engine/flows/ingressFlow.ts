/**
 * An http(s) URL through the ingress controller: the front connection reaches the controller
 * through its LoadBalancer Service, the controller terminates TLS, matches an Ingress rule
 * and opens a second connection to an endpoint of the backend (or to its ClusterIP with
 * service-upstream); the answer goes back over the front connection.
 */
import type { TraceContext } from '../datapath/context.ts';
import { endpointCandidates, loadBalancingCandidates } from '../datapath/kubeProxy.ts';
import {
  controllerAnnotation,
  matchIngress,
  PATH_SEMANTICS_TEXT,
  type IngressMatch,
  type ParsedUrl,
} from '../ingress.ts';
import {
  ingressClassesOf,
  ingressClassVerdict,
  splitByClass,
  type IngressClasses,
} from '../ingressClass.ts';
import { ingressHasTlsFor, redirectStatusText, sslRedirectFor } from '../ingressRedirect.ts';
import type { ServiceModel } from '../model.ts';
import type { Ipv4 } from '../net.ts';
import { ingressControllerOf, type IngressControllerType, type IngressSpec } from '../spec.ts';
import type { Decision, HttpLayer, Location } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { dropped, type Flow } from './flow.ts';
import { ephemeralPort, type Origin } from './origin.ts';
import {
  answerAtProxy,
  connectUpstream,
  copyOntoClient,
  isAtProxy,
  noProxyAddress,
  proxyToEndpoint,
  reachProxy,
} from './proxySteps.ts';
import { serviceFromInside } from './serviceFromInside.ts';
import { answered } from './steps.ts';

export function ingressFlow(ctx: TraceContext, origin: Origin, url: ParsedUrl): Flow {
  const controllerInfo = ingressControllerOf(ctx.model.settings);
  const controllerSvc = controllerInfo
    ? ctx.model.services.find(
        (s) =>
          s.namespace === controllerInfo.namespace && s.type === 'LoadBalancer' && s.loadBalancerIP,
      )
    : undefined;
  const http: HttpLayer = {
    scheme: url.scheme,
    host: url.host,
    path: url.path,
    headers: { Host: url.host },
    tls: url.scheme === 'https' ? 'encrypted' : undefined,
  };
  if (!controllerInfo || !controllerSvc) {
    return noProxyAddress(
      ctx,
      origin,
      url.port,
      http,
      DropReason.NoIngressController,
      `No ingress controller runs in this cluster, so nothing serves ${url.host}; turn on the ingress controller add-on in the cluster settings.`,
    );
  }
  const kind = controllerInfo.value;
  const name = controllerInfo.label;
  const reached = reachProxy(
    ctx,
    origin,
    controllerSvc.loadBalancerIP as Ipv4,
    url.port,
    http,
    `${kind === 'nginx' ? 'nginx' : 'HAProxy'} reads the request to decide where it goes.`,
  );
  if (!isAtProxy(reached)) return reached;
  const { request: j, proxy: controller, clientSeen } = reached;
  const ctlLocation: Location = {
    place: Place.IngressController,
    device: kind === 'nginx' ? 'nginx' : 'haproxy',
    node: controller.node,
    at: controller.ref,
  };
  const classes = ingressClassesOf(ctx.model.ingressClasses, controllerInfo);
  const { served, skipped } = splitByClass(ctx.model.ingresses, classes, controllerInfo);

  if (url.scheme === 'https') {
    const tlsOk = served.some((i) => ingressHasTlsFor(i, url.host));
    j.step(
      ctlLocation,
      Verdict.Translated,
      tlsOk
        ? `${name} reads the SNI name ${url.host}, presents the certificate of the matching Ingress TLS entry, and terminates TLS: from here the request is plain HTTP it can read.`
        : `No Ingress ${name} serves lists ${url.host} under tls, so ${name} answers with its default self-signed certificate; a browser warns, and a client that accepts it continues.`,
      {
        to: { ...j.packet, http: { ...http, tls: 'terminated' } },
      },
    );
  }
  const match = matchIngress(served, url.host, url.path, url.scheme, kind);
  const other = controllerComparison(served, kind, match, url);
  if (!match) {
    const notServed = classSkipNote(skipped, classes, url);
    j.drop(
      ctlLocation,
      DropReason.NoIngressRule,
      `No Ingress rule ${name} serves matches host ${url.host} and path ${url.path}, and none of its Ingresses has a defaultBackend, so ${name} answers 404 Not Found from its default backend.${notServed ? ` ${notServed.text}` : ''}${other ? ` ${other.text}` : ''}`,
      [...(notServed ? [notServed.decision] : []), ...(other ? [other.decision] : [])],
    );
    return {
      request: j,
      reply: null,
      deliveredTo: null,
      seenSource: clientSeen,
      http: { status: 404, backend: null },
    };
  }
  const ingRef = { kind: 'Ingress' as const, namespace: match.namespace, name: match.ingress.name };
  const classDecision: Decision = {
    kind: 'ingress-rule',
    summary: ingressClassVerdict(match.ingress, classes, controllerInfo).why,
    ref: ingRef,
    ...(classes.assumed ? { rules: [classes.assumed] } : {}),
  };
  const ruleText =
    match.ruleIndex !== undefined
      ? `rule ${match.ruleIndex + 1}, path ${match.pathIndex! + 1}`
      : 'defaultBackend';
  const ruleDecisions: Decision[] = [
    { kind: 'ingress-rule', summary: match.how, ref: ingRef },
    classDecision,
    ...(other ? [other.decision] : []),
  ];
  const otherText = other ? ` ${other.text}` : '';
  const redirect = sslRedirectFor(match.ingress, kind, url);
  if (redirect) {
    const status = redirectStatusText(redirect.status);
    return answerAtProxy(
      reached,
      ctlLocation,
      `${name} matches Ingress ${match.ingress.name} (${ruleText}), but ${redirect.why}. It answers ${status} with Location: ${redirect.location} itself; the request goes to no backend, and the client is told to ask again over HTTPS.`,
      `${name} sends ${status} with Location: ${redirect.location} back over the client's connection.`,
      [
        ...ruleDecisions,
        { kind: 'ingress-rule', summary: `${status}: ${redirect.why}`, ref: ingRef },
      ],
      { status: redirect.status, location: redirect.location, backend: null },
    );
  }
  const backendSvc = ctx.serviceByKey.get(`${match.namespace}/${match.backend.service}`);
  const backendPortIndex = backendSvc
    ? backendSvc.ports.findIndex((p) =>
        typeof match.backend.port === 'number'
          ? p.port === match.backend.port
          : p.name === match.backend.port,
      )
    : -1;
  const candidates =
    backendSvc && backendPortIndex >= 0 ? endpointCandidates(backendSvc, backendPortIndex) : [];
  if (candidates.length === 0) {
    j.drop(
      ctlLocation,
      DropReason.NoEndpoints,
      backendSvc
        ? `Ingress ${match.ingress.name} (${ruleText}) sends ${url.host}${url.path} to Service ${match.backend.service}, which has no ready endpoints on that port; ${name} answers 503 Service Unavailable.${otherText}`
        : `Ingress ${match.ingress.name} (${ruleText}) names Service ${match.backend.service}, which does not exist; ${name} answers 503 Service Unavailable.${otherText}`,
      ruleDecisions,
    );
    return { request: j, reply: null, deliveredTo: null, seenSource: clientSeen };
  }
  const svc = backendSvc as ServiceModel;
  const sp = svc.ports[backendPortIndex];
  const headers: Record<string, string> =
    kind === 'nginx'
      ? {
          Host: url.host,
          'X-Forwarded-For': clientSeen,
          'X-Real-IP': clientSeen,
          'X-Forwarded-Proto': url.scheme,
          'X-Forwarded-Host': url.host,
        }
      : // HAProxy Ingress: forwardfor "add" by default.
        { Host: url.host, 'X-Forwarded-For': clientSeen };
  const upstreamHttp: HttpLayer = { scheme: 'http', host: url.host, path: url.path, headers };
  const serviceUpstream =
    controllerAnnotation(match.ingress, kind, 'service-upstream')?.trim().toLowerCase() ===
      'true' && svc.clusterIP !== null;
  const annotationKey = `${controllerInfo.annotationPrefixes[0]}service-upstream`;
  const copyText = `${name} copies the response onto the client's connection${url.scheme === 'https' ? ', encrypting it with TLS again' : ''}.`;

  if (serviceUpstream) {
    const vip = svc.clusterIP as Ipv4;
    j.step(
      ctlLocation,
      Verdict.Translated,
      `${name} matches Ingress ${match.ingress.name} (${ruleText}: ${match.how}) to Service ${match.backend.service}. The Ingress has ${annotationKey}: "true", so ${name} sends to the Service's ClusterIP ${vip}:${sp.port} instead of to the endpoints: a new connection from its own pod IP ${controller.ip}, with X-Forwarded-For: ${clientSeen}, which kube-proxy on ${controller.node} then translates.${otherText}`,
      {
        to: {
          protocol: 'TCP',
          src: { ip: controller.ip, port: ephemeralPort(ctx) },
          dst: { ip: vip, port: sp.port },
          http: upstreamHttp,
        },
        decisions: [
          ...ruleDecisions,
          {
            kind: 'service',
            summary: `${annotationKey}: "true": one upstream, the Service's ClusterIP and port`,
            ref: svc.ref,
          },
        ],
      },
    );
    const controllerOrigin: Origin = { kind: 'pod', pod: controller, node: reached.proxyNode };
    const inner = serviceFromInside(ctx, j, controllerOrigin, svc, 'cluster IP (service-upstream)');
    if (!inner.deliveredTo || !inner.reply) return dropped(j);
    // The answer reaches the proxy, which carries it on: not the end of the reply.
    const r = inner.reply;
    const last = r.hops[r.hops.length - 1];
    r.hops[r.hops.length - 1] = {
      ...last,
      verdict: Verdict.Forwarded,
      explanation: `${name} receives the response from ${vip}:${sp.port}.`,
    };
    copyOntoClient(r, ctlLocation, copyText, reached.front.reply);
    return { request: j, reply: r, deliveredTo: inner.deliveredTo, seenSource: inner.seenSource };
  }

  const {
    index,
    ep,
    packet: upstream,
  } = connectUpstream(ctx, controller, candidates, upstreamHttp);
  j.step(
    ctlLocation,
    Verdict.Translated,
    `${name} matches Ingress ${match.ingress.name} (${ruleText}: ${match.how}) to Service ${match.backend.service}. It opens a new connection from its own pod IP ${controller.ip} straight to the endpoint ${ep.pod.name} at ${ep.ip}:${ep.port} (not through the ClusterIP: ${kind === 'nginx' ? 'ingress-nginx' : 'HAProxy Ingress'} lists the endpoints itself unless the Ingress asks for service-upstream), adding X-Forwarded-For: ${clientSeen}.${otherText}`,
    {
      to: upstream,
      decisions: [
        ...ruleDecisions,
        {
          kind: 'load-balancing',
          summary:
            kind === 'nginx'
              ? `ingress-nginx balances over the Service's ready endpoints itself (round robin)`
              : `HAProxy Ingress makes each ready endpoint a server of its backend and balances with roundrobin (balance-algorithm default)`,
          ref: backendSvc?.ref,
          candidates: loadBalancingCandidates(candidates, index),
        },
      ],
    },
  );
  const answer = proxyToEndpoint(ctx, reached, ep);
  if (!answer) return dropped(j);
  copyOntoClient(answer.reply, ctlLocation, copyText, reached.front.reply);
  return answered(j, answer);
}

/**
 * When a request finds no rule among the Ingresses the controller serves but would match one
 * of another class: which one, and why the controller skipped it.
 */
function classSkipNote(
  skipped: readonly { ingress: IngressSpec; why: string }[],
  classes: IngressClasses,
  url: ParsedUrl,
): { text: string; decision: Decision } | undefined {
  const m = matchIngress(
    skipped.map((s) => s.ingress),
    url.host,
    url.path,
    url.scheme,
  );
  if (!m) return undefined;
  const why = skipped.find((s) => s.ingress === m.ingress)?.why ?? '';
  const text = `Ingress ${m.ingress.name} would match (${m.how}), but the controller does not serve it: ${why}${classes.assumed ? ` ${classes.assumed}` : ''}`;
  return {
    text,
    decision: {
      kind: 'ingress-rule',
      summary: `not served: ${why}`,
      ref: { kind: 'Ingress', namespace: m.namespace, name: m.ingress.name },
      ...(classes.assumed ? { rules: [classes.assumed] } : {}),
    },
  };
}

/**
 * Where the two simulated controllers would treat this request differently: the other one's
 * backend, or the way it reads an ImplementationSpecific path. Undefined when they agree.
 */
function controllerComparison(
  served: readonly IngressSpec[],
  kind: IngressControllerType,
  match: IngressMatch | undefined,
  url: ParsedUrl,
): { text: string; decision: Decision } | undefined {
  const otherKind: IngressControllerType = kind === 'nginx' ? 'haproxy' : 'nginx';
  const otherName = otherKind === 'nginx' ? 'ingress-nginx' : 'HAProxy Ingress';
  const alt = matchIngress(served, url.host, url.path, url.scheme, otherKind);
  const same =
    match?.ingress === alt?.ingress &&
    match?.ruleIndex === alt?.ruleIndex &&
    match?.pathIndex === alt?.pathIndex;
  if (!same) {
    const text = alt
      ? `${otherName} would decide differently here: ${alt.how}, so it would send the request to Service ${alt.backend.service}.`
      : `${otherName} would decide differently here: no path of its own matches, so it would answer 404.`;
    return {
      text,
      decision: {
        kind: 'ingress-rule',
        summary: `${otherName} differs: ${alt ? `Service ${alt.backend.service}` : '404'}`,
        ref: alt
          ? { kind: 'Ingress', namespace: alt.namespace, name: alt.ingress.name }
          : undefined,
        rules: ingressDifferenceRules(kind, match, otherKind, alt),
      },
    };
  }
  if (match?.pathType === 'ImplementationSpecific' && match.semantics && alt?.semantics) {
    const text = `ImplementationSpecific is read by each controller its own way: here as ${PATH_SEMANTICS_TEXT[match.semantics]}, by ${otherName} as ${PATH_SEMANTICS_TEXT[alt.semantics]}; for this request both pick the same path.`;
    return {
      text,
      decision: {
        kind: 'ingress-rule',
        summary: `ImplementationSpecific: ${otherName} reads it as ${PATH_SEMANTICS_TEXT[alt.semantics]}`,
        rules: ingressDifferenceRules(kind, match, otherKind, alt),
      },
    };
  }
  return undefined;
}

function ingressDifferenceRules(
  kind: IngressControllerType,
  match: IngressMatch | undefined,
  otherKind: IngressControllerType,
  alt: IngressMatch | undefined,
): string[] {
  const line = (k: IngressControllerType, m: IngressMatch | undefined) =>
    `${k === 'nginx' ? 'ingress-nginx' : 'HAProxy Ingress'}: ${m ? m.how : 'no match, 404'}`;
  return [
    line(kind, match),
    line(otherKind, alt),
    'ingress-nginx: ImplementationSpecific is an nginx prefix location (case-sensitive characters); use-regex or rewrite-target on any Ingress of a host makes every path of that host a case-insensitive regex',
    'HAProxy Ingress: ImplementationSpecific uses path-type, begin by default (case-insensitive characters); regex paths are checked last',
  ];
}
