/**
 * A Service from inside the cluster: a pod or a node connects to a ClusterIP (or to a load
 * balancer IP, which the service proxy short-circuits). The proxy on the client's node picks an
 * endpoint and rewrites the destination (or, with Cilium's socket load balancer, the socket
 * does before the packet exists); conntrack undoes it on the way back. Includes the hairpin,
 * where the chosen endpoint is the client itself.
 */
import type { TraceContext } from '../datapath/context.ts';
import { Journey } from '../datapath/journey.ts';
import {
  chooseEndpoint,
  endpointCandidates,
  findServicePort,
  hairpinAddress,
  masqueradeHairpin,
  noEndpointsText,
  proxyLocation,
  proxyName,
  refuseHairpin,
} from '../datapath/kubeProxy.ts';
import { detectLocalTraffic, externalMasqueradeDecision } from '../datapath/localTraffic.ts';
import { masqueradeOnTheWayOut } from '../datapath/masquerade.ts';
import { rejectRule, servicePortName } from '../datapath/proxyRules.ts';
import {
  enterPodFromNode,
  leavePod,
  podLocation,
  withDestination,
  withSource,
} from '../datapath/paths.ts';
import type { EndpointModel, NodeModel, PodModel, ServiceModel } from '../model.ts';
import type { Ipv4 } from '../net.ts';
import type { Decision, Location } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { dropped, type Flow } from './flow.ts';
import { originIp, originNode, startInside, type Origin, type PodOrigin } from './origin.ts';
import { checkPolicy } from './policyCheck.ts';
import { answered, deliverAndAnswer, deliverOverLoopback, replyHome } from './steps.ts';

export function serviceFromInside(
  ctx: TraceContext,
  j: Journey,
  origin: Origin,
  svc: ServiceModel,
  how: string,
): Flow {
  const { ip: vip, port: vipPort } = j.packet.dst;
  const protocol = j.packet.protocol;
  const node = originNode(origin) as NodeModel;
  const portIndex = findServicePort(svc, vipPort, protocol);
  const ebpf = ctx.proxyMode === 'ebpf';

  if (portIndex < 0) {
    startInside(ctx, j, origin);
    j.drop(
      proxyLocation(ctx, node, svc),
      DropReason.PortNotExposed,
      `Service ${svc.name} has no ${protocol} port ${vipPort} (it exposes ${svc.ports.map((p) => `${p.protocol}/${p.port}`).join(', ')}). No rule matches, and the virtual ${vip} answers nothing.`,
    );
    return dropped(j);
  }
  const sp = svc.ports[portIndex];
  const local = svc.internalTrafficPolicy === 'Local';
  const candidates = endpointCandidates(svc, portIndex, local ? node : undefined);
  if (candidates.length === 0) {
    startInside(ctx, j, origin);
    const anyElsewhere = local && endpointCandidates(svc, portIndex).length > 0;
    j.drop(
      proxyLocation(ctx, node, svc),
      anyElsewhere ? DropReason.NodeHasNoLocalEndpoint : DropReason.NoEndpoints,
      anyElsewhere
        ? `Service ${svc.name} has internalTrafficPolicy: Local and ${node.name} runs none of its endpoints, so ${proxyName(ctx)} drops the packet instead of sending it to another node.`
        : `Service ${svc.name} has no ready endpoints (${noEndpointsText(svc, portIndex)}). ${proxyName(ctx)} rejects the connection at once.`,
      [
        {
          kind: 'kube-proxy',
          summary: `${servicePortName(svc, sp)} has no endpoints`,
          ref: svc.ref,
          rules: [rejectRule(ctx.proxyMode, svc, sp, vip, vipPort)],
        },
      ],
    );
    return dropped(j);
  }

  const choice = chooseEndpoint(
    ctx.proxyMode,
    svc,
    sp,
    vip,
    vipPort,
    candidates,
    originIp(origin),
    ctx.random,
  );
  const ep = choice.endpoint;
  const decisions: Decision[] = [
    {
      kind: 'service',
      summary: `${vip}:${vipPort} is the ${how} of Service ${svc.namespace}/${svc.name} (port ${sp.name ?? sp.port} -> targetPort ${sp.targetPort})`,
      ref: svc.ref,
    },
    {
      kind: 'load-balancing',
      summary: `${candidates.length} ready endpoint${candidates.length > 1 ? 's' : ''}${local ? ` on ${node.name} (internalTrafficPolicy: Local)` : ''}${publishedNotReady(candidates)}; ${choice.how}`,
      ref: svc.ref,
      candidates: choice.candidates,
    },
    {
      kind: 'kube-proxy',
      summary: `${proxyName(ctx)} rules for ${servicePortName(svc, sp)}`,
      ref: svc.ref,
      rules: choice.rules,
    },
  ];
  const translated = withDestination(j.packet, ep.ip, ep.port);
  const hairpin = origin.kind === 'pod' && ep.pod === origin.pod;

  if (ebpf && origin.kind === 'pod') {
    j.step(
      {
        place: Place.Container,
        device: origin.container ?? 'socket',
        node: node.name,
        at: origin.pod.ref,
      },
      Verdict.Translated,
      `At connect(), Cilium's socket-level eBPF program rewrites the destination ${vip}:${vipPort} to ${ep.pod.name} at ${ep.ip}:${ep.port}. The packet leaves the pod already addressed to the backend: there is no DNAT on the wire.`,
      { to: translated, decisions },
    );
    if (hairpin) return socketHairpin(ctx, j, origin, { ip: vip, port: vipPort });
    leavePod(ctx, j, origin.pod);
  } else {
    startInside(ctx, j, origin);
    j.step(
      proxyLocation(ctx, node, svc),
      Verdict.Translated,
      `${proxyName(ctx)} on ${node.name} matches ${vip}:${vipPort}, picks ${ep.pod.name} on ${ep.pod.node}, and rewrites the destination to ${ep.ip}:${ep.port} (DNAT). Conntrack records the translation for the reply.`,
      { to: translated, decisions },
    );
  }
  // Egress policy sees the packet after DNAT and before any masquerade (POSTROUTING).
  if (origin.kind === 'pod' && !checkPolicy(ctx, j, origin.pod, 'Egress', ep.ip)) return dropped(j);
  const hairpinSource = hairpinAddress(ctx, node);
  if (hairpin && ctx.proxyMode === 'kube-router') {
    refuseHairpin(ctx, j, svc, ep, vip, vipPort);
    return dropped(j);
  }
  if (hairpin && !ebpf) {
    masqueradeHairpin(
      j,
      proxyLocation(ctx, node, svc),
      hairpinSource,
      ep.ip,
      `The chosen endpoint is ${ep.pod.name} itself (hairpin). Without masquerade it would see a packet from its own IP and answer itself directly, so kube-proxy marks it and the source becomes ${hairpinSource} (SNAT).`,
    );
  }
  // A pod reaching a hostNetwork endpoint on another node (the API server) sends to that node's
  // address, outside the pod range: the CNI's masquerade rule applies on the way out.
  const lbMasquerade =
    !hairpin &&
    origin.kind === 'pod' &&
    masqueradesLoadBalancerCall(ctx, svc, origin.pod, node, vip);
  if (lbMasquerade) {
    const to = ep.pod.node === node.name ? hairpinAddress(ctx, node) : node.ip;
    j.step(
      proxyLocation(ctx, node, svc),
      Verdict.Translated,
      `${vip} is Service ${svc.name}'s load balancer address, so kube-proxy sends the packet through the Service's external chain, which under externalTrafficPolicy: Cluster marks it for masquerade even though it comes from a pod: the source becomes ${to} (SNAT), the address of the interface it leaves by.`,
      {
        to: withSource(j.packet, to, j.packet.src.port),
        decisions: [externalMasqueradeDecision(svc, sp)],
      },
    );
  }
  const masqueraded =
    lbMasquerade ||
    (!hairpin &&
      origin.kind === 'pod' &&
      !origin.pod.hostNetwork &&
      ep.pod.hostNetwork &&
      ep.pod.node !== node.name &&
      masqueradeOnTheWayOut(ctx, j, origin.pod, node, ep.ip).masquerade);
  const snatSource = j.packet.src.ip;
  const answer = deliverAndAnswer(ctx, j, node, ep.pod, node);
  if (!answer) return dropped(j);
  const r = answer.reply;
  const original = { ip: vip, port: vipPort };
  if (ebpf && origin.kind === 'pod') {
    // The socket program reverses the translation inside the client pod.
    enterPodFromNode(ctx, r, node, origin.pod);
    r.step(
      {
        place: Place.Container,
        device: origin.container ?? 'socket',
        node: node.name,
        at: origin.pod.ref,
      },
      Verdict.Translated,
      `Cilium's socket program shows the reply to the application as coming from ${vip}:${vipPort}, the address it connected to.`,
      {
        to: { ...r.packet, src: original },
        decisions: [
          {
            kind: 'conntrack',
            summary: `socket reverse NAT: ${ep.ip}:${ep.port} -> ${vip}:${vipPort}`,
          },
        ],
      },
    );
    r.step(
      {
        place: Place.Container,
        device: origin.container ?? 'eth0',
        node: node.name,
        at: origin.pod.ref,
      },
      Verdict.Delivered,
      `${origin.pod.name} receives the reply from ${vip}:${vipPort}.`,
    );
  } else {
    const restored = {
      ...r.packet,
      src: original,
      dst:
        hairpin || masqueraded ? { ip: originIp(origin), port: r.packet.dst.port } : r.packet.dst,
    };
    r.step(
      proxyLocation(ctx, node, svc),
      Verdict.Translated,
      `Conntrack on ${node.name} recognises the reply and reverses the DNAT: the source ${ep.ip}:${ep.port} becomes ${vip}:${vipPort} again${hairpin ? `, and the masqueraded destination ${hairpinSource} becomes ${originIp(origin)}` : masqueraded ? `, and the masqueraded destination ${snatSource} becomes ${originIp(origin)}` : ''}, so the client sees an answer from the address it called.`,
      {
        to: restored,
        decisions: [
          {
            kind: 'conntrack',
            summary: `${protocol} src=${originIp(origin)} dst=${vip} dport=${vipPort} [reply] src=${ep.ip} sport=${ep.port}`,
          },
        ],
      },
    );
    replyHome(ctx, r, node, origin);
  }
  return answered(j, answer);
}

/**
 * Cilium's socket load balancer picked the client pod itself: the connection goes to the pod's
 * own address, which the kernel keeps on the loopback path; no masquerade is needed.
 */
function socketHairpin(
  ctx: TraceContext,
  j: Journey,
  origin: PodOrigin,
  original: { readonly ip: Ipv4; readonly port: number },
): Flow {
  const pod = origin.pod;
  const answer = deliverOverLoopback(
    ctx,
    j,
    pod,
    `The chosen backend is ${pod.name} itself. A packet to the pod's own address ${pod.ip} never leaves its network namespace: the kernel delivers it over lo.`,
  );
  if (!answer) return dropped(j);
  const socket: Location = {
    place: Place.Container,
    device: origin.container ?? 'socket',
    node: pod.node,
    at: pod.ref,
  };
  const r = answer.reply;
  r.step(podLocation(pod, 'lo'), Verdict.Forwarded, `The answer comes back over lo.`);
  r.step(
    socket,
    Verdict.Translated,
    `Cilium's socket program shows the reply to the application as coming from ${original.ip}:${original.port}, the address it connected to.`,
    {
      to: { ...r.packet, src: original },
      decisions: [
        {
          kind: 'conntrack',
          summary: `socket reverse NAT: ${pod.ip}:${j.packet.dst.port} -> ${original.ip}:${original.port}`,
        },
      ],
    },
  );
  r.step(
    socket,
    Verdict.Delivered,
    `${pod.name} receives the reply from ${original.ip}:${original.port}.`,
  );
  return answered(j, answer);
}

/** Says which endpoints are there only because the Service publishes not-ready addresses. */
function publishedNotReady(candidates: readonly EndpointModel[]): string {
  const names = candidates.filter((e) => !e.pod.ready).map((e) => e.pod.name);
  if (names.length === 0) return '';
  return ` (${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} not Ready, but the Service sets publishNotReadyAddresses, so the EndpointSlice marks ${names.length > 1 ? 'them' : 'it'} ready)`;
}

/**
 * A pod calling a load balancer address: kube-proxy's iptables and nftables modes send it
 * through the Service's external chain, which masquerades under externalTrafficPolicy: Cluster
 * and, under Local, recognises pod traffic and sends it on unmasqueraded (localTraffic.ts).
 */
function masqueradesLoadBalancerCall(
  ctx: TraceContext,
  svc: ServiceModel,
  pod: PodModel,
  node: NodeModel,
  vip: Ipv4,
): boolean {
  return (
    vip === svc.loadBalancerIP &&
    !pod.hostNetwork &&
    svc.externalTrafficPolicy === 'Cluster' &&
    detectLocalTraffic(ctx.proxyMode, ctx.model.settings.clusterCidrParsed, node, pod.ip) === 'pod'
  );
}
