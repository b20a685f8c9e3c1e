/**
 * Traces one flow through the cluster: where it starts, every hop of the request, and the
 * reply that undoes each translation. The same model, probe and seed give the same trace.
 */
import { resolveName, type DnsResult } from './dns.ts';
import { traceContext, type TraceContext } from './datapath/context.ts';
import { Journey } from './datapath/journey.ts';
import { chooseEndpoint, rejectRule, servicePortName } from './datapath/kubeProxy.ts';
import {
  clientLocation,
  crossNodes,
  enterPodFromNode,
  forwardToNodeIp,
  fromClientToNode,
  fromNodeToClient,
  leavePod,
  nodeLocation,
  nodeOfPod,
  podLocation,
  swap,
  toNode,
  withDestination,
  withSource,
} from './datapath/paths.ts';
import {
  controllerAnnotation,
  hostMatches,
  matchIngress,
  parseUrl,
  PATH_SEMANTICS_TEXT,
  type IngressMatch,
  type ParsedUrl,
} from './ingress.ts';
import type {
  ClusterModel,
  EndpointModel,
  ExternalClientModel,
  NodeModel,
  PodModel,
  ServiceModel,
} from './model.ts';
import { cidrContains, parseIpv4, type Ipv4, type Protocol } from './net.ts';
import { evaluatePolicy, policyNamespace, type PolicyDirection } from './policy.ts';
import { ingressControllerOf, type IngressControllerType, type ProxyMode } from './spec.ts';
import type {
  Decision,
  DeliveredTo,
  Hop,
  HttpLayer,
  Location,
  Packet,
  Probe,
  Trace,
  ObjectRef,
} from './trace.ts';
import { DROP_REASON_TEXT, DropReason, Place, Verdict } from './vocabulary.ts';

type Origin =
  | {
      readonly kind: 'pod';
      readonly pod: PodModel;
      readonly node: NodeModel;
      readonly container?: string;
    }
  | { readonly kind: 'node'; readonly node: NodeModel }
  | { readonly kind: 'external'; readonly client: ExternalClientModel };

interface Flow {
  readonly request: Journey;
  readonly reply: Journey | null;
  readonly deliveredTo: DeliveredTo | null;
  readonly seenSource: Ipv4 | null;
}

/** A probe whose source or target is not in the scenario; the message says which. */
export class ProbeError extends Error {}

/** Traces a probe through the model. Throws ProbeError when the probe names unknown objects. */
export function runProbe(model: ClusterModel, probe: Probe): Trace {
  const ctx = traceContext(model, probe.seed ?? 1);
  const origin = resolveOrigin(ctx, probe);
  const protocol: Protocol = probe.protocol ?? 'TCP';
  const target = probe.to;

  switch (target.kind) {
    case 'localhost':
      return finish(probe, localhostFlow(ctx, origin, probe.port ?? 80, protocol));
    case 'pod': {
      const pod = ctx.podByKey.get(`${target.namespace}/${target.name}`);
      if (!pod) throw new ProbeError(`There is no pod ${target.namespace}/${target.name}.`);
      return finish(
        probe,
        sendTo(ctx, origin, pod.ip, probe.port ?? firstContainerPort(pod) ?? 80, protocol),
      );
    }
    case 'ip': {
      const ip = parseIpv4(target.ip);
      if (!ip) throw new ProbeError(`"${target.ip}" is not an IPv4 address.`);
      return finish(
        probe,
        sendTo(ctx, origin, ip, probe.port ?? defaultPortFor(ctx, ip), protocol),
      );
    }
    case 'name':
      return traceName(ctx, probe, origin, target.name, protocol);
    case 'url': {
      const url = parseUrl(target.url);
      if (!url) throw new ProbeError(`"${target.url}" is not an http(s) URL.`);
      return finish(probe, ingressFlow(ctx, origin, url));
    }
    default: {
      const never: never = target;
      throw new ProbeError(`Unknown target ${JSON.stringify(never)}.`);
    }
  }
}

function resolveOrigin(ctx: TraceContext, probe: Probe): Origin {
  const from = probe.from;
  switch (from.kind) {
    case 'pod': {
      const pod = ctx.podByKey.get(`${from.namespace}/${from.name}`);
      if (!pod)
        throw new ProbeError(`There is no pod ${from.namespace}/${from.name} to send from.`);
      if (from.container && !pod.containers.some((c) => c.name === from.container)) {
        throw new ProbeError(`Pod ${pod.name} has no container ${from.container}.`);
      }
      return {
        kind: 'pod',
        pod,
        node: nodeOfPod(ctx, pod),
        container: from.container ?? pod.containers[0]?.name,
      };
    }
    case 'node': {
      const node = ctx.nodeByName.get(from.name);
      if (!node) throw new ProbeError(`There is no node ${from.name} to send from.`);
      return { kind: 'node', node };
    }
    case 'external': {
      const client = ctx.clientByName.get(from.name);
      if (!client) throw new ProbeError(`There is no outside client ${from.name}.`);
      return { kind: 'external', client };
    }
    default: {
      const never: never = from;
      throw new ProbeError(`Unknown source ${JSON.stringify(never)}.`);
    }
  }
}

function originIp(origin: Origin): Ipv4 {
  return origin.kind === 'pod'
    ? origin.pod.ip
    : origin.kind === 'node'
      ? origin.node.ip
      : origin.client.ip;
}

function firstContainerPort(pod: PodModel): number | undefined {
  for (const c of pod.containers) for (const p of c.ports ?? []) return p.containerPort;
  return undefined;
}

function defaultPortFor(ctx: TraceContext, ip: Ipv4): number {
  const svc = ctx.serviceByClusterIp.get(ip) ?? ctx.serviceByLbIp.get(ip);
  if (svc?.ports[0]) return svc.ports[0].port;
  const pod = ctx.podByIp.get(ip);
  return (pod && firstContainerPort(pod)) ?? 80;
}

function ephemeralPort(ctx: TraceContext): number {
  // Linux's default ip_local_port_range is 32768-60999.
  return 32768 + Math.floor(ctx.random() * (60999 - 32768 + 1));
}

function newPacket(
  ctx: TraceContext,
  src: Ipv4,
  dst: Ipv4,
  port: number,
  protocol: Protocol,
  extra: Partial<Packet> = {},
): Packet {
  return { protocol, src: { ip: src, port: ephemeralPort(ctx) }, dst: { ip: dst, port }, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Dispatch on the destination address

function sendTo(
  ctx: TraceContext,
  origin: Origin,
  dst: Ipv4,
  port: number,
  protocol: Protocol,
  extra: Partial<Packet> = {},
): Flow {
  const j = new Journey(newPacket(ctx, originIp(origin), dst, port, protocol, extra), 'request');
  const clusterIpSvc = ctx.serviceByClusterIp.get(dst);
  const lbSvc = ctx.serviceByLbIp.get(dst);
  if (clusterIpSvc) {
    if (origin.kind === 'external') {
      return unroutableFromOutside(
        j,
        origin.client,
        `${dst} is a ClusterIP: a virtual address that only kube-proxy on the cluster's nodes knows, so nothing outside the cluster routes to it.`,
      );
    }
    return serviceFromInside(ctx, j, origin, clusterIpSvc, 'cluster IP');
  }
  if (lbSvc) {
    if (origin.kind === 'external') return loadBalancerFlow(ctx, j, origin.client, lbSvc);
    // kube-proxy short-circuits traffic to a load balancer IP from inside the cluster.
    return serviceFromInside(
      ctx,
      j,
      origin,
      lbSvc,
      'load balancer IP (short-circuited inside the cluster)',
    );
  }
  const node = ctx.nodeByIp.get(dst);
  if (node) return nodeAddressFlow(ctx, j, origin, node);
  const pod = ctx.podByIp.get(dst);
  if (pod) {
    if (origin.kind === 'external') {
      return unroutableFromOutside(
        j,
        origin.client,
        `${dst} is a pod IP from the cluster CIDR; networks outside the cluster have no route to pod addresses. Reach the pod through a NodePort or LoadBalancer Service or an Ingress.`,
      );
    }
    return podToPod(ctx, j, origin, pod);
  }
  startInside(ctx, j, origin);
  j.drop(
    origin.kind === 'external'
      ? clientLocation(origin.client)
      : nodeLocation(originNode(origin) as NodeModel, Place.Node, 'routing table'),
    DropReason.NoRoute,
    `No pod, Service, node or load balancer in the scenario has the address ${dst}, so the packet has nowhere to go.`,
  );
  return { request: j, reply: null, deliveredTo: null, seenSource: null };
}

/** An outside client sends to an address only the cluster knows: the outside network drops it. */
function unroutableFromOutside(j: Journey, client: ExternalClientModel, why: string): Flow {
  const { ip, port } = j.packet.dst;
  j.step(
    clientLocation(client),
    Verdict.Forwarded,
    `${client.name} sends the packet to ${ip}:${port}.`,
  );
  j.drop({ place: Place.Network, device: 'outside' }, DropReason.NoRoute, why);
  return { request: j, reply: null, deliveredTo: null, seenSource: null };
}

function originNode(origin: Origin): NodeModel | undefined {
  return origin.kind === 'pod' ? origin.node : origin.kind === 'node' ? origin.node : undefined;
}

/** Puts the packet on the origin's node: out of the pod, or into the node's own stack. */
function startInside(ctx: TraceContext, j: Journey, origin: Origin): NodeModel | undefined {
  if (origin.kind === 'pod') {
    if (origin.container) {
      j.step(
        {
          place: Place.Container,
          device: origin.container,
          node: origin.node.name,
          at: origin.pod.ref,
        },
        Verdict.Forwarded,
        `The ${origin.container} container in ${origin.pod.name} ${j.packet.protocol === 'UDP' ? 'sends a UDP datagram' : `opens a ${j.packet.protocol} connection`} from ${j.packet.src.ip}:${j.packet.src.port} to ${j.packet.dst.ip}:${j.packet.dst.port}.`,
      );
    }
    leavePod(ctx, j, origin.pod);
    return origin.node;
  }
  if (origin.kind === 'node') {
    j.step(
      nodeLocation(origin.node, Place.Node, 'host network'),
      Verdict.Forwarded,
      `A process on ${origin.node.name} opens a ${j.packet.protocol} connection from the node address ${origin.node.ip} to ${j.packet.dst.ip}:${j.packet.dst.port}.`,
    );
    return origin.node;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Policy and delivery at a pod

function policyLocation(ctx: TraceContext, pod: PodModel): Location {
  const node = nodeOfPod(ctx, pod);
  return nodeLocation(node, ctx.cni.plugin === 'cilium' ? Place.Ebpf : Place.Veth, pod.hostVeth);
}

/** Checks NetworkPolicy for one direction at one pod; returns false when the packet is dropped. */
function checkPolicy(
  ctx: TraceContext,
  j: Journey,
  pod: PodModel,
  direction: PolicyDirection,
  peerIp: Ipv4,
): boolean {
  const peerPod = ctx.podByIp.get(peerIp);
  const port = j.packet.dst.port;
  const verdict = evaluatePolicy(
    ctx.model,
    pod,
    direction,
    { ip: peerIp, pod: peerPod },
    port,
    j.packet.protocol,
  );
  if (!verdict.isolated) return true;
  const at = { ...policyLocation(ctx, pod), at: pod.ref };
  const names = verdict.selecting.map((p) => p.name).join(', ');
  const where =
    direction === 'Egress'
      ? `leaving ${pod.name} (egress, on ${pod.node})`
      : `entering ${pod.name} (ingress, on ${pod.node})`;
  if (!ctx.cni.enforcesPolicy) {
    j.step(
      at,
      Verdict.Forwarded,
      `NetworkPolicy ${names} selects ${pod.name}, but ${ctx.cni.title} does not enforce NetworkPolicy: the policy is silently ignored and the packet passes.`,
      {
        decisions: verdict.selecting.map((p) => ({
          kind: 'network-policy' as const,
          summary: `${p.name} selects ${pod.name} but is not enforced by ${ctx.cni.title}`,
          ref: { kind: 'NetworkPolicy' as const, namespace: policyNamespace(p), name: p.name },
          policy: { name: p.name, namespace: policyNamespace(p) },
        })),
      },
    );
    return true;
  }
  const peerText = peerPod ? `${peerPod.namespace}/${peerPod.name} (${peerIp})` : peerIp;
  if (verdict.allowed && verdict.match) {
    const m = verdict.match;
    j.step(
      at,
      Verdict.Allowed,
      `${ctx.cni.policyEngine} checks the packet ${where}: ${direction.toLowerCase()} rule ${m.ruleIndex + 1} of NetworkPolicy ${m.policy.name} allows ${peerText} on ${j.packet.protocol}/${j.packet.dst.port}.`,
      {
        decisions: [
          {
            kind: 'network-policy',
            summary: `${m.policy.name}: ${direction.toLowerCase()} rule ${m.ruleIndex + 1} allows it`,
            ref: { kind: 'NetworkPolicy', namespace: m.namespace, name: m.policy.name },
            policy: { name: m.policy.name, namespace: m.namespace, ruleIndex: m.ruleIndex },
            rules: verdict.reasons,
          },
        ],
      },
    );
    return true;
  }
  if (verdict.allowed) {
    j.step(
      at,
      Verdict.Allowed,
      `${ctx.cni.policyEngine} checks the packet ${where}: it comes from ${peerIp}, an address of ${pod.node} itself, and traffic from a pod's own node is always allowed in (kubelet probes, for one).`,
      {
        decisions: [
          {
            kind: 'network-policy',
            summary: `from the pod's own node: always allowed`,
            rules: verdict.reasons,
          },
        ],
      },
    );
    return true;
  }
  const snatHint =
    !peerPod && ctx.nodeByIp.has(peerIp)
      ? ` The source is the node address ${peerIp} (after SNAT), which no podSelector can match.`
      : '';
  j.drop(
    at,
    DropReason.PolicyDenied,
    `${ctx.cni.policyEngine} drops the packet ${where}: ${names} ${verdict.selecting.length > 1 ? 'select' : 'selects'} ${pod.name} for ${direction.toLowerCase()} and no rule allows ${peerText} on ${j.packet.protocol}/${j.packet.dst.port}.${snatHint}`,
    verdict.selecting.map((p) => ({
      kind: 'network-policy' as const,
      summary: `${p.name} selects ${pod.name} for ${direction.toLowerCase()}; no rule allows it`,
      ref: { kind: 'NetworkPolicy' as const, namespace: policyNamespace(p), name: p.name },
      policy: { name: p.name, namespace: policyNamespace(p) },
      rules: verdict.reasons,
    })),
  );
  return false;
}

function listeningContainer(pod: PodModel, port: number, protocol: Protocol): string | undefined {
  for (const c of pod.containers) {
    for (const p of c.ports ?? [])
      if (p.containerPort === port && (p.protocol ?? 'TCP') === protocol) return c.name;
  }
  return undefined;
}

/** The last hop at the destination pod: a container listens, or the kernel refuses. */
function deliverToPod(j: Journey, pod: PodModel): DeliveredTo | null {
  const { port } = j.packet.dst;
  const protocol = j.packet.protocol;
  const container = listeningContainer(pod, port, protocol);
  if (!container) {
    const answer =
      protocol === 'TCP'
        ? 'answers with a TCP reset'
        : protocol === 'UDP'
          ? 'answers with ICMP port unreachable'
          : 'aborts the association';
    j.drop(
      podLocation(pod, `${protocol}/${port}`),
      DropReason.NotListening,
      `No container in ${pod.name} declares ${protocol} port ${port}, so nothing listens there and the kernel ${answer}.`,
    );
    return null;
  }
  j.step(
    { place: Place.Container, device: container, node: pod.node, at: pod.ref },
    Verdict.Delivered,
    `The ${container} container in ${pod.name} accepts the connection on ${protocol} port ${port}. It sees the source ${j.packet.src.ip}:${j.packet.src.port}.`,
  );
  return { pod: pod.ref, ip: pod.ip, port, container };
}

/** From the node the packet is on to a pod: across nodes if needed, ingress policy, delivery. */
function arriveAtPod(
  ctx: TraceContext,
  j: Journey,
  from: NodeModel,
  pod: PodModel,
): DeliveredTo | null {
  const target = nodeOfPod(ctx, pod);
  if (target.name !== from.name) crossNodes(ctx, j, from, target);
  if (!checkPolicy(ctx, j, pod, 'Ingress', j.packet.src.ip)) return null;
  enterPodFromNode(ctx, j, target, pod);
  return deliverToPod(j, pod);
}

/** Reply toward a pod origin (or a node origin) from the node the reply is on. */
function replyHome(ctx: TraceContext, r: Journey, from: NodeModel, origin: Origin): void {
  if (origin.kind === 'pod') {
    toNode(ctx, r, from, origin.node);
    enterPodFromNode(ctx, r, origin.node, origin.pod);
    r.step(
      {
        place: Place.Container,
        device: origin.container ?? 'eth0',
        node: origin.node.name,
        at: origin.pod.ref,
      },
      Verdict.Delivered,
      `${origin.pod.name} receives the reply from ${r.packet.src.ip}:${r.packet.src.port}: the address it sent to, so the connection matches.`,
    );
  } else if (origin.kind === 'node') {
    if (origin.node.name !== from.name) forwardToNodeIp(r, from, origin.node);
    r.step(
      nodeLocation(origin.node, Place.Node, 'host network'),
      Verdict.Delivered,
      `${origin.node.name} receives the reply from ${r.packet.src.ip}:${r.packet.src.port}.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Pod to pod

function podToPod(ctx: TraceContext, j: Journey, origin: Origin, pod: PodModel): Flow {
  if (origin.kind === 'pod' && origin.pod === pod) return localhostLikeSelf(j, origin);
  const node = startInside(ctx, j, origin) as NodeModel;
  if (origin.kind === 'pod' && !checkPolicy(ctx, j, origin.pod, 'Egress', pod.ip))
    return dropped(j);
  const delivered = arriveAtPod(ctx, j, node, pod);
  if (!delivered) return dropped(j);
  const seen = j.packet.src.ip;
  const r = new Journey(swap(j.packet), 'reply');
  leavePod(ctx, r, pod);
  replyHome(ctx, r, nodeOfPod(ctx, pod), origin);
  return { request: j, reply: r, deliveredTo: delivered, seenSource: seen };
}

function localhostLikeSelf(j: Journey, origin: Extract<Origin, { kind: 'pod' }>): Flow {
  j.step(
    {
      place: Place.Container,
      device: origin.container ?? 'app',
      node: origin.node.name,
      at: origin.pod.ref,
    },
    Verdict.Forwarded,
    `The ${origin.container ?? 'app'} container in ${origin.pod.name} connects to its own pod IP ${j.packet.dst.ip}:${j.packet.dst.port}.`,
  );
  j.step(
    podLocation(origin.pod, 'lo'),
    Verdict.Forwarded,
    `${origin.pod.name} sends to its own IP: the kernel delivers it through the loopback path without leaving the pod.`,
  );
  const delivered = deliverToPod(j, origin.pod);
  if (!delivered) return dropped(j);
  const r = new Journey(swap(j.packet), 'reply');
  r.step(
    podLocation(origin.pod, 'lo'),
    Verdict.Delivered,
    `The reply stays inside ${origin.pod.name}'s network namespace.`,
  );
  return { request: j, reply: r, deliveredTo: delivered, seenSource: j.packet.src.ip };
}

function localhostFlow(ctx: TraceContext, origin: Origin, port: number, protocol: Protocol): Flow {
  if (origin.kind !== 'pod')
    throw new ProbeError('localhost is only meaningful from a container of a pod.');
  const lo = '127.0.0.1' as Ipv4;
  const j = new Journey(
    { protocol, src: { ip: lo, port: ephemeralPort(ctx) }, dst: { ip: lo, port } },
    'request',
  );
  const pod = origin.pod;
  j.step(
    {
      place: Place.Container,
      device: origin.container ?? 'container',
      node: pod.node,
      at: pod.ref,
    },
    Verdict.Forwarded,
    `The ${origin.container} container connects to localhost:${port}. Every container of ${pod.name} shares one network namespace, held by the pause container, so localhost is shared too.`,
  );
  j.step(
    podLocation(pod, 'lo'),
    Verdict.Forwarded,
    `The packet goes through the pod's loopback interface lo; it never reaches eth0, the veth or the node.`,
  );
  const delivered = deliverToPod(j, pod);
  if (!delivered) return dropped(j);
  const r = new Journey(swap(j.packet), 'reply');
  r.step(
    podLocation(pod, 'lo'),
    Verdict.Forwarded,
    `The ${delivered.container} container answers over lo.`,
  );
  r.step(
    {
      place: Place.Container,
      device: origin.container ?? 'container',
      node: pod.node,
      at: pod.ref,
    },
    Verdict.Delivered,
    `The ${origin.container} container receives the reply from localhost:${port}.`,
  );
  return { request: j, reply: r, deliveredTo: { ...delivered, ip: pod.ip }, seenSource: lo };
}

function dropped(j: Journey): Flow {
  return { request: j, reply: null, deliveredTo: null, seenSource: null };
}

// ---------------------------------------------------------------------------------------------
// Services

function findServicePort(
  svc: ServiceModel,
  port: number,
  protocol: Protocol,
  byNodePort = false,
): number {
  return svc.ports.findIndex(
    (p) => (byNodePort ? p.nodePort === port : p.port === port) && p.protocol === protocol,
  );
}

const PROXY_DEVICE: Record<ProxyMode, string> = {
  iptables: 'iptables nat (KUBE-SERVICES)',
  ipvs: 'IPVS (kube-ipvs0)',
  nftables: 'nftables (table ip kube-proxy)',
  ebpf: 'eBPF service map',
  'kube-router': 'IPVS (kube-dummy-if, kube-router)',
};

function proxyLocation(ctx: TraceContext, node: NodeModel, svc: ServiceModel): Location {
  return {
    place: Place.KubeProxy,
    device: PROXY_DEVICE[ctx.proxyMode],
    node: node.name,
    at: svc.ref,
  };
}

function proxyName(ctx: TraceContext): string {
  return ctx.proxyMode === 'ebpf'
    ? "Cilium's kube-proxy replacement"
    : ctx.proxyMode === 'kube-router'
      ? "kube-router's service proxy (IPVS, in place of kube-proxy)"
      : `kube-proxy (${ctx.proxyMode} mode)`;
}

/** Ready endpoints of one Service port (on one node), kept per model: the lists never change. */
const candidateCache = new WeakMap<
  readonly EndpointModel[],
  Map<string, readonly EndpointModel[]>
>();

function endpointCandidates(
  svc: ServiceModel,
  portIndex: number,
  localTo?: NodeModel,
): readonly EndpointModel[] {
  const all = svc.endpoints[portIndex];
  let byNode = candidateCache.get(all);
  if (!byNode) {
    byNode = new Map();
    candidateCache.set(all, byNode);
  }
  const key = localTo?.name ?? '';
  let list = byNode.get(key);
  if (!list) {
    const ready = all.filter((e) => e.ready);
    list = localTo ? ready.filter((e) => e.pod.node === localTo.name) : ready;
    byNode.set(key, list);
  }
  return list;
}

function noEndpointsText(svc: ServiceModel, portIndex: number): string {
  const notReady = svc.endpoints[portIndex].filter((e) => !e.ready).length;
  if (svc.selectedPods.length === 0)
    return `the selector ${
      Object.entries(svc.selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '(none)'
    } matches no pod`;
  if (notReady > 0)
    return `${notReady} selected pod${notReady > 1 ? 's are' : ' is'} not Ready, and a pod that is not Ready is not an endpoint`;
  return 'no selected pod has the target port';
}

function serviceFromInside(
  ctx: TraceContext,
  j: Journey,
  origin: Origin,
  svc: ServiceModel,
  how: string,
): Flow {
  const vip = j.packet.dst.ip;
  const vipPort = j.packet.dst.port;
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
      summary: `${candidates.length} ready endpoint${candidates.length > 1 ? 's' : ''}${local ? ` on ${node.name} (internalTrafficPolicy: Local)` : ''}; ${choice.how}`,
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
    if (hairpin) return socketHairpin(j, origin, { ip: vip, port: vipPort });
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
    // kube-router docs, "Hairpin Mode": not supported unless --hairpin-mode or the
    // kube-router.io/service.hairpin annotation asks for it.
    j.step(
      podLocation(ep.pod),
      Verdict.Forwarded,
      `The chosen endpoint is ${ep.pod.name} itself (hairpin). kube-router does not masquerade hairpin traffic by default, so the packet comes back into ${ep.pod.name} from its own address ${ep.pod.ip}, reflected by the hairpin port of ${ctx.cni.bridge ?? 'the bridge'}.`,
    );
    j.drop(
      podLocation(ep.pod, `${j.packet.protocol}/${ep.port}`),
      DropReason.HairpinNotSupported,
      `${ep.pod.name} answers its own address ${ep.ip} directly, inside the pod, so the answer never passes IPVS to be turned back into ${vip}:${vipPort}; the client socket, connected to ${vip}:${vipPort}, does not recognise it and the connection fails. kube-router supports hairpin traffic only with --hairpin-mode or the annotation kube-router.io/service.hairpin on the Service.`,
      [
        {
          kind: 'kube-proxy',
          summary: 'kube-router: no hairpin masquerade rule for this Service',
          ref: svc.ref,
          rules: [
            'kube-router --hairpin-mode=false (default)',
            'no kube-router.io/service.hairpin annotation',
          ],
        },
      ],
    );
    return dropped(j);
  }
  if (hairpin && !ebpf) {
    const gw = hairpinSource;
    j.step(
      proxyLocation(ctx, node, svc),
      Verdict.Translated,
      `The chosen endpoint is ${ep.pod.name} itself (hairpin). Without masquerade it would see a packet from its own IP and answer itself directly, so kube-proxy marks it and the source becomes ${gw} (SNAT).`,
      {
        to: withSource(j.packet, gw, j.packet.src.port),
        decisions: [
          {
            kind: 'kube-proxy',
            summary: 'hairpin: KUBE-MARK-MASQ, then MASQUERADE in POSTROUTING',
            rules: [`-A KUBE-SEP-... -s ${ep.ip}/32 -j KUBE-MARK-MASQ`],
          },
        ],
      },
    );
  }
  const delivered = arriveAtPod(ctx, j, node, ep.pod);
  if (!delivered) return dropped(j);
  const seen = j.packet.src.ip;

  const r = new Journey(swap(j.packet), 'reply');
  leavePod(ctx, r, ep.pod);
  const epNode = nodeOfPod(ctx, ep.pod);
  toNode(ctx, r, epNode, node);
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
      dst: hairpin ? { ip: originIp(origin), port: r.packet.dst.port } : r.packet.dst,
    };
    r.step(
      proxyLocation(ctx, node, svc),
      Verdict.Translated,
      `Conntrack on ${node.name} recognises the reply and reverses the DNAT: the source ${ep.ip}:${ep.port} becomes ${vip}:${vipPort} again${hairpin ? `, and the masqueraded destination ${hairpinSource} becomes ${originIp(origin)}` : ''}, so the client sees an answer from the address it called.`,
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
  return { request: j, reply: r, deliveredTo: delivered, seenSource: seen };
}

/**
 * The source a hairpin connection is masqueraded to. MASQUERADE takes the address of the
 * interface the packet leaves by: the bridge, or for Calico (no bridge, address-less cali*
 * veths) the node's own address.
 */
function hairpinAddress(ctx: TraceContext, node: NodeModel): Ipv4 {
  return ctx.cni.plugin === 'calico' ? node.ip : node.gateway;
}

/**
 * Cilium's socket load balancer picked the client pod itself: the connection goes to the pod's
 * own address, which the kernel keeps on the loopback path; no masquerade is needed.
 */
function socketHairpin(
  j: Journey,
  origin: Extract<Origin, { kind: 'pod' }>,
  original: { readonly ip: Ipv4; readonly port: number },
): Flow {
  const pod = origin.pod;
  j.step(
    podLocation(pod, 'lo'),
    Verdict.Forwarded,
    `The chosen backend is ${pod.name} itself. A packet to the pod's own address ${pod.ip} never leaves its network namespace: the kernel delivers it over lo.`,
  );
  const delivered = deliverToPod(j, pod);
  if (!delivered) return dropped(j);
  const seen = j.packet.src.ip;
  const socket: Location = {
    place: Place.Container,
    device: origin.container ?? 'socket',
    node: pod.node,
    at: pod.ref,
  };
  const r = new Journey(swap(j.packet), 'reply');
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
  return { request: j, reply: r, deliveredTo: delivered, seenSource: seen };
}

/** Traffic to a node address: a NodePort, or a hostNetwork pod listening on the node. */
function nodeAddressFlow(ctx: TraceContext, j: Journey, origin: Origin, node: NodeModel): Flow {
  const { port } = j.packet.dst;
  const protocol = j.packet.protocol;
  const svc = ctx.serviceByNodePort.get(`${protocol}/${port}`);
  const clientIp = originIp(origin);
  // A pod's egress policy sees the packet as it leaves its node: addressed to the other node.
  // On its own node the NodePort DNAT comes first, so egress is checked after it.
  let egressAfterDnat: PodModel | null = null;
  if (origin.kind === 'external') fromClientToNode(j, origin.client, node, `${node.ip}:${port}`);
  else {
    const from = startInside(ctx, j, origin) as NodeModel;
    if (origin.kind === 'pod') {
      if (svc && from.name === node.name) egressAfterDnat = origin.pod;
      else if (!checkPolicy(ctx, j, origin.pod, 'Egress', node.ip)) return dropped(j);
    }
    forwardToNodeIp(j, from, node);
  }
  if (svc)
    return nodePortFlow(
      ctx,
      j,
      origin,
      node,
      svc,
      findServicePort(svc, port, protocol, true),
      clientIp,
      null,
      egressAfterDnat,
    );
  const hostPod = (ctx.hostNetworkPodsByNode.get(node.name) ?? []).find((p) =>
    listeningContainer(p, port, protocol),
  );
  if (hostPod) {
    const delivered = deliverToPod(j, hostPod);
    const r = new Journey(swap(j.packet), 'reply');
    if (origin.kind === 'external') {
      fromNodeToClient(r, node, origin.client);
      r.step(
        clientLocation(origin.client),
        Verdict.Delivered,
        `${origin.client.name} receives the reply.`,
      );
    } else replyHome(ctx, r, node, origin);
    return { request: j, reply: r, deliveredTo: delivered, seenSource: clientIp };
  }
  j.drop(
    nodeLocation(node, Place.Node, `${protocol}/${port}`),
    DropReason.NotListening,
    `Nothing on ${node.name} listens on ${protocol} port ${port}: no Service has that nodePort and no hostNetwork pod there declares it.`,
  );
  return dropped(j);
}

interface LoadBalancerLeg {
  readonly svc: ServiceModel;
  readonly lbIp: Ipv4;
  readonly lbPort: number;
  /** For a proxy load balancer: the client's end of the front connection it answers on. */
  readonly frontClient?: { readonly ip: Ipv4; readonly port: number };
}

function nodePortFlow(
  ctx: TraceContext,
  j: Journey,
  origin: Origin,
  node: NodeModel,
  svc: ServiceModel,
  portIndex: number,
  clientIp: Ipv4,
  lb: LoadBalancerLeg | null,
  egressAfterDnat: PodModel | null = null,
): Flow {
  const sp = svc.ports[portIndex];
  const local = svc.externalTrafficPolicy === 'Local';
  const candidates = endpointCandidates(svc, portIndex, local ? node : undefined);
  const nodePort = sp.nodePort as number;
  const at = proxyLocation(ctx, node, svc);
  if (candidates.length === 0) {
    const elsewhere = local && endpointCandidates(svc, portIndex).length > 0;
    j.drop(
      at,
      elsewhere ? DropReason.NodeHasNoLocalEndpoint : DropReason.NoEndpoints,
      elsewhere
        ? `Service ${svc.name} has externalTrafficPolicy: Local and ${node.name} runs none of its endpoints, so ${proxyName(ctx)} drops the packet rather than forward it to another node.`
        : `Service ${svc.name} has no ready endpoints (${noEndpointsText(svc, portIndex)}), so the connection is rejected.`,
    );
    return dropped(j);
  }
  const choice = chooseEndpoint(
    ctx.proxyMode,
    svc,
    sp,
    node.ip,
    nodePort,
    candidates,
    clientIp,
    ctx.random,
  );
  const ep = choice.endpoint;
  const kubeRouter = ctx.proxyMode === 'kube-router';
  // kube-router masquerades IPVS traffic that neither comes from nor goes to this node's pods
  // (its KUBE-ROUTER masquerade rule: ! -s podCIDR ! -d podCIDR); kube-proxy masquerades all
  // traffic from outside under the Cluster policy.
  const snat =
    !local &&
    (!kubeRouter ||
      (!cidrContains(node.podCidr, ep.ip) && !cidrContains(node.podCidr, j.packet.src.ip)));
  const nodePortRules = kubeRouter
    ? [
        `(kube-router) an IPVS virtual server on ${node.ip}:${nodePort} for nodePort ${nodePort}${local ? ", with only this node's endpoints as real servers (externalTrafficPolicy: Local)" : ''}`,
        ...choice.rules.filter((r) => !r.startsWith('kube-dummy-if')),
        `-A POSTROUTING (kube-router masquerade chain) -m ipvs --ipvs --vdir ORIGINAL --vmethod MASQ ! -s ${node.podCidr} ! -d ${node.podCidr} -j SNAT --to ${node.ip}`,
      ]
    : [
        `-A KUBE-NODEPORTS -p ${sp.protocol.toLowerCase()} -m comment --comment "${servicePortName(svc, sp)}" -m ${sp.protocol.toLowerCase()} --dport ${nodePort} -j KUBE-EXT-...`,
        local
          ? "-A KUBE-EXT-... -j KUBE-SVL-... (only this node's endpoints, no masquerade)"
          : '-A KUBE-EXT-... -j KUBE-MARK-MASQ (masquerade traffic from outside), then -j KUBE-SVC-...',
        ...choice.rules,
      ];
  j.step(
    at,
    Verdict.Translated,
    `${proxyName(ctx)} on ${node.name} matches nodePort ${nodePort} of Service ${svc.name} and rewrites the destination to ${ep.pod.name} at ${ep.ip}:${ep.port} (DNAT)${local ? ', choosing only among endpoints on this node (externalTrafficPolicy: Local)' : ''}.`,
    {
      to: withDestination(j.packet, ep.ip, ep.port),
      decisions: [
        {
          kind: 'service',
          summary: `nodePort ${nodePort} on every node belongs to ${svc.namespace}/${svc.name} (port ${sp.port} -> targetPort ${sp.targetPort})`,
          ref: svc.ref,
        },
        {
          kind: 'load-balancing',
          summary: `${candidates.length} candidate endpoint${candidates.length > 1 ? 's' : ''}; ${choice.how}`,
          ref: svc.ref,
          candidates: choice.candidates,
        },
        {
          kind: 'kube-proxy',
          summary: `${proxyName(ctx)} rules`,
          ref: svc.ref,
          rules: nodePortRules,
        },
      ],
    },
  );
  if (egressAfterDnat && !checkPolicy(ctx, j, egressAfterDnat, 'Egress', ep.ip)) return dropped(j);
  // The source as it arrived, which conntrack gives back to the reply.
  const arriving = j.packet.src.ip;
  if (local && origin.kind === 'pod' && ep.pod === origin.pod) {
    const masq = hairpinAddress(ctx, node);
    j.step(
      at,
      Verdict.Translated,
      `The chosen endpoint is ${ep.pod.name} itself (hairpin). Its endpoint chain marks packets from its own address for masquerade, so the source becomes ${masq} (SNAT) and the answer comes back through ${node.name}.`,
      {
        to: withSource(j.packet, masq, j.packet.src.port),
        decisions: [
          {
            kind: 'kube-proxy',
            summary: 'hairpin: KUBE-MARK-MASQ, then MASQUERADE in POSTROUTING',
            rules: [`-A KUBE-SEP-... -s ${ep.ip}/32 -j KUBE-MARK-MASQ`],
          },
        ],
      },
    );
  }
  if (snat) {
    j.step(
      at,
      Verdict.Translated,
      kubeRouter
        ? `externalTrafficPolicy is Cluster and ${ep.pod.name} runs on ${ep.pod.node}, not on ${node.name}, so kube-router's masquerade rule applies: the source ${arriving}:${j.packet.src.port} becomes the node's own address ${node.ip} (SNAT). The reply must come back through ${node.name} to be un-translated, and the backend never sees the client's IP.`
        : `externalTrafficPolicy is Cluster, so ${node.name} masquerades: the source ${arriving}:${j.packet.src.port} becomes the node's own address ${node.ip} (SNAT). The reply must come back through ${node.name} to be un-translated, and the backend never sees the client's IP.`,
      {
        to: withSource(j.packet, node.ip, j.packet.src.port),
        decisions: [
          kubeRouter
            ? {
                kind: 'kube-proxy',
                summary: `kube-router: SNAT IPVS traffic that is neither from nor to ${node.podCidr}`,
                rules: [
                  `-m ipvs --ipvs --vdir ORIGINAL --vmethod MASQ ! -s ${node.podCidr} ! -d ${node.podCidr} -j SNAT --to ${node.ip}`,
                ],
              }
            : {
                kind: 'kube-proxy',
                summary: 'POSTROUTING: KUBE-POSTROUTING -m mark --mark 0x4000/0x4000 -j MASQUERADE',
                rules: [
                  '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
                ],
              },
        ],
      },
    );
  } else if (!local) {
    j.step(
      at,
      Verdict.Forwarded,
      `externalTrafficPolicy is Cluster, but kube-router masquerades only traffic for endpoints on other nodes (or from outside this node's pods): ${ep.pod.name} runs on ${node.name} itself, so the source ${arriving} is kept.`,
      {
        decisions: [
          {
            kind: 'kube-proxy',
            summary: `kube-router: no SNAT, the endpoint ${ep.ip} is in this node's ${node.podCidr}`,
            rules: [
              `-m ipvs --ipvs --vdir ORIGINAL --vmethod MASQ ! -s ${node.podCidr} ! -d ${node.podCidr} -j SNAT --to ${node.ip}`,
            ],
          },
        ],
      },
    );
  }
  const delivered = arriveAtPod(ctx, j, node, ep.pod);
  if (!delivered) return dropped(j);
  const seen = j.packet.src.ip;

  const r = new Journey(swap(j.packet), 'reply');
  leavePod(ctx, r, ep.pod);
  const epNode = nodeOfPod(ctx, ep.pod);
  // After SNAT the reply is for the node address; without it (Local, or kube-router with a
  // client from this node's pods) for the client's, which routes back the same way.
  toNode(ctx, r, epNode, node);
  const front = { ip: node.ip, port: nodePort };
  r.step(
    at,
    Verdict.Translated,
    !snat
      ? `Conntrack on ${node.name} reverses the DNAT: the source becomes ${node.ip}:${nodePort}, the address the client called.`
      : `Conntrack on ${node.name} reverses both translations: the source becomes ${node.ip}:${nodePort} and the destination ${arriving} again.`,
    {
      to: { ...r.packet, src: front, dst: { ip: arriving, port: r.packet.dst.port } },
      decisions: [
        {
          kind: 'conntrack',
          summary: `${sp.protocol} src=${arriving} dst=${node.ip} dport=${nodePort} [reply] src=${ep.ip} sport=${ep.port}${!snat ? '' : ` dst=${node.ip}`}`,
        },
      ],
    },
  );
  if (origin.kind === 'external') {
    if (lb?.frontClient) {
      r.step(
        lbLocation(lb.svc),
        Verdict.Translated,
        `The load balancer reads the answer on its own connection and writes it onto the client's: from ${lb.lbIp}:${lb.lbPort} to ${lb.frontClient.ip}:${lb.frontClient.port}.`,
        {
          to: { ...r.packet, src: { ip: lb.lbIp, port: lb.lbPort }, dst: lb.frontClient },
        },
      );
    } else if (lb) {
      r.step(
        lbLocation(lb.svc),
        Verdict.Translated,
        `The cloud load balancer sends the reply on with its own address ${lb.lbIp}:${lb.lbPort} as the source.`,
        {
          to: { ...r.packet, src: { ip: lb.lbIp, port: lb.lbPort } },
        },
      );
    } else fromNodeToClient(r, node, origin.client);
    r.step(
      clientLocation(origin.client),
      Verdict.Delivered,
      `${origin.client.name} receives the reply from ${r.packet.src.ip}:${r.packet.src.port}, the address it called.`,
    );
  } else replyHome(ctx, r, node, origin);
  return { request: j, reply: r, deliveredTo: delivered, seenSource: seen };
}

function lbLocation(svc: ServiceModel): Location {
  return {
    place: Place.LoadBalancer,
    device: `cloud load balancer ${svc.loadBalancerIP}`,
    at: { kind: 'LoadBalancer', namespace: svc.namespace, name: svc.name },
  };
}

function loadBalancerFlow(
  ctx: TraceContext,
  j: Journey,
  client: ExternalClientModel,
  svc: ServiceModel,
): Flow {
  const lbIp = j.packet.dst.ip;
  const lbPort = j.packet.dst.port;
  const protocol = j.packet.protocol;
  j.step(
    clientLocation(client),
    Verdict.Forwarded,
    `${client.name} (${client.ip}) sends the packet to the load balancer at ${lbIp}:${lbPort}.`,
  );
  const portIndex = findServicePort(svc, lbPort, protocol);
  if (portIndex < 0) {
    j.drop(
      lbLocation(svc),
      DropReason.PortNotExposed,
      `The load balancer of Service ${svc.name} has no listener for ${protocol} port ${lbPort}.`,
    );
    return dropped(j);
  }
  const mode = svc.loadBalancerMode ?? 'nodeport';
  if (mode === 'proxy' && protocol !== 'TCP') {
    j.drop(
      lbLocation(svc),
      DropReason.PortNotExposed,
      `The load balancer of Service ${svc.name} is a TCP proxy (like AWS's Classic ELB): its listeners speak TCP only, so there is none for ${protocol} port ${lbPort}.`,
    );
    return dropped(j);
  }
  if (mode === 'ip' || mode === 'ip-preserve')
    return ipTargetFlow(ctx, j, client, svc, portIndex, mode === 'ip-preserve');
  const sp = svc.ports[portIndex];
  const local = svc.externalTrafficPolicy === 'Local';
  const nodes = ctx.model.nodes.filter(
    (n) => !local || endpointCandidates(svc, portIndex, n).length > 0,
  );
  if (nodes.length === 0 || sp.nodePort === undefined) {
    j.drop(
      lbLocation(svc),
      DropReason.NoEndpoints,
      local
        ? `Every node fails the load balancer's health check on healthCheckNodePort ${svc.healthCheckNodePort}: with externalTrafficPolicy: Local only nodes that run a ready endpoint answer it, and none does.`
        : `Service ${svc.name} has no ready endpoints, so the load balancer has nowhere healthy to send the connection.`,
    );
    return dropped(j);
  }
  const idx = Math.min(nodes.length - 1, Math.floor(ctx.random() * nodes.length));
  const node = nodes[idx];
  const health: Decision = {
    kind: 'load-balancing',
    summary: local
      ? `health check on healthCheckNodePort ${svc.healthCheckNodePort} passes only on nodes with a local endpoint`
      : 'every node passes the health check',
    ref: svc.ref,
    candidates: nodes.map((n, i) => ({
      label: n.name,
      endpoint: { ip: n.ip, port: sp.nodePort as number },
      node: n.name,
      probability: 1 / nodes.length,
      chosen: i === idx,
    })),
  };
  const healthText = local
    ? `; nodes without a local endpoint fail the health check on port ${svc.healthCheckNodePort} and get no traffic`
    : '';
  const proxySource = mode === 'proxy' ? svc.loadBalancerSourceIP : null;
  let frontClient: LoadBalancerLeg['frontClient'];
  if (proxySource) {
    frontClient = j.packet.src;
    j.step(
      lbLocation(svc),
      Verdict.Translated,
      `The load balancer is a TCP proxy (like AWS's Classic ELB): it accepts ${client.name}'s connection itself, picks ${node.name} among ${nodes.length} healthy node${nodes.length > 1 ? 's' : ''}${healthText}, and opens a new connection from its own address ${proxySource} to the NodePort ${node.ip}:${sp.nodePort}. The client's address stops here: from now on everything sees ${proxySource}.`,
      {
        to: {
          ...j.packet,
          src: { ip: proxySource, port: ephemeralPort(ctx) },
          dst: { ip: node.ip, port: sp.nodePort },
        },
        decisions: [
          health,
          {
            kind: 'service',
            summary: `a proxy load balancer: a second TCP connection from ${proxySource}`,
            ref: svc.ref,
            rules: [
              `listener ${protocol}:${lbPort} -> instance port ${sp.nodePort} on every node`,
              'no proxy protocol: the backend cannot learn the client address',
            ],
          },
        ],
      },
    );
  } else {
    j.step(
      lbLocation(svc),
      Verdict.Translated,
      `The cloud load balancer, a layer-4 pass-through to the NodePort (like an AWS NLB with instance targets or an Azure Load Balancer), picks ${node.name} among ${nodes.length} healthy node${nodes.length > 1 ? 's' : ''} and forwards the connection to its NodePort ${node.ip}:${sp.nodePort}${healthText}. The client's address is kept.`,
      {
        to: withDestination(j.packet, node.ip, sp.nodePort),
        decisions: [health],
      },
    );
  }
  j.step(
    nodeLocation(node, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `${node.name} receives the packet on eth0 at ${node.ip}:${sp.nodePort}.`,
  );
  return nodePortFlow(ctx, j, { kind: 'external', client }, node, svc, portIndex, j.packet.src.ip, {
    svc,
    lbIp,
    lbPort,
    frontClient,
  });
}

/**
 * A load balancer with IP targets (AWS NLB target type ip): it health-checks the pods and sends
 * straight to one, without a NodePort and without kube-proxy. For TCP the pod sees the load
 * balancer's address unless client IP preservation is on (AWS Load Balancer Controller docs,
 * "Network Load Balancer": "NLB with IP targets does not pass the client source IP address
 * unless specifically configured via target group attributes").
 */
function ipTargetFlow(
  ctx: TraceContext,
  j: Journey,
  client: ExternalClientModel,
  svc: ServiceModel,
  portIndex: number,
  preserve: boolean,
): Flow {
  const lbIp = j.packet.dst.ip;
  const lbPort = j.packet.dst.port;
  const front = j.packet.src;
  const candidates = endpointCandidates(svc, portIndex);
  if (candidates.length === 0) {
    j.drop(
      lbLocation(svc),
      DropReason.NoEndpoints,
      `Every target fails the load balancer's health check: the targets are the pod IPs of Service ${svc.name}'s ready endpoints (${noEndpointsText(svc, portIndex)}).`,
    );
    return dropped(j);
  }
  const targetRules = [
    'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip',
    ...(preserve
      ? [
          'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes: preserve_client_ip.enabled=true',
        ]
      : []),
    ...candidates.map((e) => `target ${e.ip}:${e.port} (${e.pod.namespace}/${e.pod.name})`),
  ];
  if (!ctx.cni.podsRouted) {
    j.drop(
      lbLocation(svc),
      DropReason.NoRoute,
      `The load balancer targets pod IPs, but with ${ctx.cni.title} the pod IPs exist only inside the tunnels between the nodes: nothing on the node network routes ${candidates[0].ip}, so the load balancer cannot reach any target. IP targets need routable pod IPs (on AWS the VPC CNI gives every pod a VPC address).`,
      [{ kind: 'load-balancing', summary: 'IP targets', ref: svc.ref, rules: targetRules }],
    );
    return dropped(j);
  }
  const idx = Math.min(candidates.length - 1, Math.floor(ctx.random() * candidates.length));
  const ep = candidates[idx];
  // AWS turns client IP preservation on by default for UDP target groups, off for TCP.
  const udpDefault = !preserve && j.packet.protocol === 'UDP';
  const source =
    preserve || udpDefault
      ? front
      : { ip: (svc.loadBalancerSourceIP ?? lbIp) as Ipv4, port: ephemeralPort(ctx) };
  const epNode = nodeOfPod(ctx, ep.pod);
  j.step(
    lbLocation(svc),
    Verdict.Translated,
    `The load balancer targets pod IPs (target type ip): it picks ${ep.pod.name} among ${candidates.length} healthy target${candidates.length > 1 ? 's' : ''} and sends straight to ${ep.ip}:${ep.port}, without a NodePort and without kube-proxy. ${
      preserve
        ? `Client IP preservation is on (preserve_client_ip.enabled=true), so the source stays ${front.ip}.`
        : udpDefault
          ? `For UDP, client IP preservation is on by default, so the source stays ${front.ip}.`
          : `For TCP, IP targets do not get the client address unless client IP preservation is turned on, so the source becomes the load balancer's own ${source.ip}.`
    }`,
    {
      to: { ...j.packet, src: source, dst: { ip: ep.ip, port: ep.port } },
      decisions: [
        {
          kind: 'load-balancing',
          summary: `health checks go to each pod; ${externalTrafficPolicyText(svc)}`,
          ref: svc.ref,
          rules: targetRules,
          candidates: candidates.map((e, i) => ({
            label: `${e.pod.namespace}/${e.pod.name}`,
            endpoint: { ip: e.ip, port: e.port },
            pod: e.pod.ref,
            node: e.pod.node,
            probability: 1 / candidates.length,
            chosen: i === idx,
          })),
        },
      ],
    },
  );
  j.step(
    { place: Place.Network, device: 'node network', node: epNode.name },
    Verdict.Forwarded,
    `The network routes ${ep.ip} to ${epNode.name}, which owns ${epNode.podCidr}: ${ctx.cni.title} carries pod addresses on the node network as they are.`,
    { decisions: [{ kind: 'route', summary: `${epNode.podCidr} via ${epNode.ip}` }] },
  );
  j.step(
    nodeLocation(epNode, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `${epNode.name} receives the packet on eth0. It is already addressed to a pod, so no Service rule translates it.`,
  );
  const delivered = arriveAtPod(ctx, j, epNode, ep.pod);
  if (!delivered) return dropped(j);
  const seen = j.packet.src.ip;
  const r = new Journey(swap(j.packet), 'reply');
  leavePod(ctx, r, ep.pod);
  r.step(
    nodeLocation(epNode, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `${epNode.name} sends the reply out of eth0; the network hands it back to the load balancer, which owns the connection.`,
  );
  r.step(
    lbLocation(svc),
    Verdict.Translated,
    `The load balancer sends the answer to ${client.name} from its own address ${lbIp}:${lbPort}, the address the client called.`,
    { to: { ...r.packet, src: { ip: lbIp, port: lbPort }, dst: front } },
  );
  r.step(
    clientLocation(client),
    Verdict.Delivered,
    `${client.name} receives the reply from ${lbIp}:${lbPort}, the address it called.`,
  );
  return { request: j, reply: r, deliveredTo: delivered, seenSource: seen };
}

function externalTrafficPolicyText(svc: ServiceModel): string {
  return svc.externalTrafficPolicy === 'Local'
    ? 'externalTrafficPolicy: Local changes nothing here, since no node forwards to another'
    : 'no node forwards the packet, so there is no second hop and no SNAT';
}

// ---------------------------------------------------------------------------------------------
// Ingress

function ingressFlow(ctx: TraceContext, origin: Origin, url: ParsedUrl): Flow {
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
    const j = new Journey(
      newPacket(ctx, originIp(origin), originIp(origin), url.port, 'TCP', { http }),
      'request',
    );
    j.drop(
      { place: Place.Network, device: 'DNS' },
      DropReason.NoIngressController,
      `No ingress controller runs in this cluster, so nothing serves ${url.host}; turn on the ingress controller add-on in the cluster settings.`,
    );
    return dropped(j);
  }
  const kind = controllerInfo.value;
  const name = controllerInfo.label;
  const lbIp = controllerSvc.loadBalancerIP as Ipv4;
  const front = sendTo(ctx, origin, lbIp, url.port, 'TCP', { http });
  const j = front.request;
  if (!front.deliveredTo || !front.reply) return front;
  const controller = ctx.podByKey.get(
    `${front.deliveredTo.pod.namespace}/${front.deliveredTo.pod.name}`,
  ) as PodModel;
  const controllerNode = nodeOfPod(ctx, controller);
  // The front connection ends at the proxy, but the request goes on: not a terminal hop here.
  const accepted = j.hops[j.hops.length - 1];
  j.hops[j.hops.length - 1] = {
    ...accepted,
    verdict: Verdict.Forwarded,
    explanation: `${accepted.explanation} ${kind === 'nginx' ? 'nginx' : 'HAProxy'} reads the request to decide where it goes.`,
  };
  const ctlLocation: Location = {
    place: Place.IngressController,
    device: kind === 'nginx' ? 'nginx' : 'haproxy',
    node: controller.node,
    at: controller.ref,
  };
  const clientSeen = j.packet.src.ip;

  if (url.scheme === 'https') {
    const tlsOk = ctx.model.ingresses.some((i) =>
      (i.tls ?? []).some((t) => (t.hosts ?? []).some((h) => hostMatches(h, url.host))),
    );
    j.step(
      ctlLocation,
      Verdict.Translated,
      tlsOk
        ? `${name} reads the SNI name ${url.host}, presents the certificate of the matching Ingress TLS entry, and terminates TLS: from here the request is plain HTTP it can read.`
        : `No Ingress lists ${url.host} under tls, so ${name} answers with its default self-signed certificate; a browser warns, and a client that accepts it continues.`,
      {
        to: { ...j.packet, http: { ...http, tls: 'terminated' } },
      },
    );
  }
  const match = matchIngress(ctx.model.ingresses, url.host, url.path, url.scheme, kind);
  const other = controllerComparison(ctx, kind, match, url);
  if (!match) {
    j.drop(
      ctlLocation,
      DropReason.NoIngressRule,
      `No Ingress rule matches host ${url.host} and path ${url.path}, and no Ingress has a defaultBackend, so ${name} answers 404 Not Found.${other ? ` ${other.text}` : ''}`,
      other ? [other.decision] : undefined,
    );
    return { request: j, reply: null, deliveredTo: null, seenSource: clientSeen };
  }
  const ingRef = { kind: 'Ingress' as const, namespace: match.namespace, name: match.ingress.name };
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
  const ruleText =
    match.ruleIndex !== undefined
      ? `rule ${match.ruleIndex + 1}, path ${match.pathIndex! + 1}`
      : 'defaultBackend';
  const ruleDecisions: Decision[] = [
    { kind: 'ingress-rule', summary: match.how, ref: ingRef },
    ...(other ? [other.decision] : []),
  ];
  const otherText = other ? ` ${other.text}` : '';
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
    const controllerOrigin: Origin = { kind: 'pod', pod: controller, node: controllerNode };
    const inner = serviceFromInside(ctx, j, controllerOrigin, svc, 'cluster IP (service-upstream)');
    if (!inner.deliveredTo || !inner.reply)
      return { request: j, reply: null, deliveredTo: null, seenSource: null };
    // The answer reaches the proxy, which carries it on: not the end of the reply.
    const r = inner.reply;
    const last = r.hops[r.hops.length - 1];
    r.hops[r.hops.length - 1] = {
      ...last,
      verdict: Verdict.Forwarded,
      explanation: `${name} receives the response from ${vip}:${sp.port}.`,
    };
    finishIngressReply(r, ctlLocation, name, url, front.reply);
    return { request: j, reply: r, deliveredTo: inner.deliveredTo, seenSource: inner.seenSource };
  }

  const idx = Math.min(candidates.length - 1, Math.floor(ctx.random() * candidates.length));
  const ep = candidates[idx];
  const upstream: Packet = {
    protocol: 'TCP',
    src: { ip: controller.ip, port: ephemeralPort(ctx) },
    dst: { ip: ep.ip, port: ep.port },
    http: upstreamHttp,
  };
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
          candidates: candidates.map((e, i) => ({
            label: `${e.pod.namespace}/${e.pod.name}`,
            endpoint: { ip: e.ip, port: e.port },
            pod: e.pod.ref,
            node: e.pod.node,
            probability: 1 / candidates.length,
            chosen: i === idx,
          })),
        },
      ],
    },
  );
  leavePod(ctx, j, controller);
  if (!checkPolicy(ctx, j, controller, 'Egress', ep.ip))
    return { request: j, reply: null, deliveredTo: null, seenSource: null };
  const delivered = arriveAtPod(ctx, j, controllerNode, ep.pod);
  if (!delivered) return { request: j, reply: null, deliveredTo: null, seenSource: null };
  const seen = j.packet.src.ip;

  const r = new Journey(swap(j.packet), 'reply');
  leavePod(ctx, r, ep.pod);
  const epNode = nodeOfPod(ctx, ep.pod);
  toNode(ctx, r, epNode, controllerNode);
  enterPodFromNode(ctx, r, controllerNode, controller);
  finishIngressReply(r, ctlLocation, name, url, front.reply);
  return { request: j, reply: r, deliveredTo: delivered, seenSource: seen };
}

/** The controller answers the client over the first connection, which retraces its own path. */
function finishIngressReply(
  r: Journey,
  ctlLocation: Location,
  name: string,
  url: ParsedUrl,
  frontReply: Journey,
): void {
  const hops = frontReply.hops;
  r.step(
    ctlLocation,
    Verdict.Translated,
    `${name} copies the response onto the client's connection${url.scheme === 'https' ? ', encrypting it with TLS again' : ''}.`,
    { to: hops[0]?.before ?? r.packet },
  );
  for (const hop of hops) r.hops.push(hop);
  r.packet = hops.at(-1)?.after ?? r.packet;
}

/**
 * Where the two simulated controllers would treat this request differently: the other one's
 * backend, or the way it reads an ImplementationSpecific path. Undefined when they agree.
 */
function controllerComparison(
  ctx: TraceContext,
  kind: IngressControllerType,
  match: IngressMatch | undefined,
  url: ParsedUrl,
): { text: string; decision: Decision } | undefined {
  const otherKind: IngressControllerType = kind === 'nginx' ? 'haproxy' : 'nginx';
  const otherName = otherKind === 'nginx' ? 'ingress-nginx' : 'HAProxy Ingress';
  const alt = matchIngress(ctx.model.ingresses, url.host, url.path, url.scheme, otherKind);
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

// ---------------------------------------------------------------------------------------------
// Names

function traceName(
  ctx: TraceContext,
  probe: Probe,
  origin: Origin,
  name: string,
  protocol: Protocol,
): Trace {
  const ipLiteral = parseIpv4(name);
  if (ipLiteral) return runProbe(ctx.model, { ...probe, to: { kind: 'ip', ip: ipLiteral } });
  if (origin.kind !== 'pod') {
    throw new ProbeError(
      `Only pods resolve cluster names: a ${origin.kind === 'node' ? 'node' : 'client outside the cluster'} does not use CoreDNS. Use an address instead.`,
    );
  }
  const lookup = dnsLookup(ctx, origin, name);
  const lookupTrace = finish(
    {
      ...probe,
      to: { kind: 'ip', ip: ctx.model.settings.dnsServiceIp },
      port: 53,
      protocol: 'UDP',
    },
    lookup.flow,
  );
  if (!lookup.result || lookup.flow.deliveredTo === null || !lookup.flow.reply) {
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
        `The resolver got NXDOMAIN for every name it tried (${tried}), so the application gets "name not found" and sends nothing.`,
        cnames.length > 0
          ? `${chainText}, which does not exist (NXDOMAIN).`
          : `${name} does not exist: CoreDNS answered NXDOMAIN for ${tried}.`,
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
  const external = result.rcode === 'FORWARDED' ? name : cnames.at(-1)?.data;
  if (external !== undefined) {
    const how =
      result.rcode === 'FORWARDED'
        ? `${name} is outside the cluster domain, so CoreDNS forwards the question to the upstream resolver of the node.`
        : `${chainText}: an ExternalName Service is only this DNS answer, with no ClusterIP, no endpoints and no kube-proxy rules.`;
    const resolved: Hop = {
      direction: 'request',
      location: app,
      verdict: Verdict.Resolved,
      before: answer,
      after: answer,
      explanation: `${how} The application connects to ${external} directly.`,
      decisions: [
        {
          kind: 'dns',
          summary: cnames.length > 0 ? chainText : `${name}: forwarded upstream`,
          ref: cnames.length > 0 ? serviceRefOfName(ctx, cnames[0].name) : undefined,
        },
      ],
    };
    return ending(
      'Delivered',
      undefined,
      `The connection to ${external} leaves the cluster (masqueraded to the node address on the way out); what happens beyond the node is outside the scenario.`,
      cnames.length > 0
        ? `${chainText}; the client connects there directly, outside the cluster.`
        : `${name} is outside the cluster; CoreDNS forwards it upstream and the client connects there directly.`,
      [resolved],
    );
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
}

/** The DNS query is traffic too: UDP 53 to the kube-dns ClusterIP, then to a CoreDNS pod. */
function dnsLookup(
  ctx: TraceContext,
  origin: Extract<Origin, { kind: 'pod' }>,
  name: string,
): Lookup {
  const dnsIp = ctx.model.settings.dnsServiceIp;
  const result = resolveName(ctx.model, origin.pod.namespace, name);
  const question = result.tried[result.tried.length - 1]?.name ?? name;
  const flow = sendTo(ctx, origin, dnsIp, 53, 'UDP', { dns: { question, type: 'A' } });
  if (!flow.deliveredTo || !flow.reply) return { flow };
  const coredns = ctx.podByKey.get(
    `${flow.deliveredTo.pod.namespace}/${flow.deliveredTo.pod.name}`,
  ) as PodModel;
  const answerText =
    result.rcode === 'NOERROR'
      ? result.answers.map((a) => `${a.type} ${a.data}`).join(', ') || 'no records'
      : result.rcode === 'FORWARDED'
        ? `forwarded to the upstream resolver`
        : result.rcode;
  const tries = result.tried.map((t) => `${t.name} -> ${t.rcode}`);
  const dots = name.split('.').length - 1;
  const why = name.endsWith('.')
    ? `${name} ends with a dot, so it is absolute and the search list is not used`
    : dots >= 5
      ? `${name} has ${dots} dots (at least ndots:5), so the resolver tried it as it is first`
      : `${name} has ${dots} dot${dots === 1 ? '' : 's'} (fewer than ndots:5), so the resolver tried the search list first`;
  const reply = new Journey(flow.request.packet, 'reply');
  reply.step(
    { place: Place.CoreDns, device: 'coredns', node: coredns.node, at: coredns.ref },
    Verdict.Resolved,
    `CoreDNS answers: ${answerText}. ${why}: ${result.tried.map((t) => `${t.name} (${t.rcode})`).join(', ')}.`,
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
  for (const hop of flow.reply.hops) reply.hops.push(hop);
  reply.packet = flow.reply.packet;
  return { flow: { ...flow, reply }, result };
}

// ---------------------------------------------------------------------------------------------

function finish(probe: Probe, flow: Flow): Trace {
  const last = flow.request.hops.at(-1);
  const delivered = flow.deliveredTo !== null && !flow.request.dropped;
  const reason = flow.request.reason;
  const summary = delivered
    ? `Delivered to ${flow.deliveredTo?.pod.name} at ${flow.deliveredTo?.ip}:${flow.deliveredTo?.port}; it saw the source ${flow.seenSource}.`
    : `Dropped at ${last?.location.device ?? 'the source'}${last?.location.node ? ` on ${last.location.node}` : ''}: ${reason ? DROP_REASON_TEXT[reason] : 'unknown reason'}.`;
  return {
    probe,
    verdict: delivered ? 'Delivered' : 'Dropped',
    reason: delivered ? undefined : reason,
    hops: flow.request.hops,
    reply: flow.reply?.hops ?? [],
    deliveredTo: delivered ? flow.deliveredTo : null,
    seenSource: delivered ? flow.seenSource : null,
    summary,
  };
}
