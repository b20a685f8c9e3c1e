/** Services: cluster IPs, node ports and load balancer addresses, ports and endpoints. */
import { apiServerEndpointPods, isApiServerService } from '../apiServer.ts';
import { cniProfile } from '../datapath/cni.ts';
import { fnv1a } from '../hash.ts';
import type {
  Diagnostic,
  EndpointModel,
  NodeModel,
  PodModel,
  ResolvedSettings,
  ServiceModel,
  ServicePortModel,
} from '../model.ts';
import { cidr, cidrRange, intToIpv4, ipv4ToInt, type Ipv4 } from '../net.ts';
import { matchesServiceSelector } from '../selectors.ts';
import {
  DEFAULT_NAMESPACE,
  LoadBalancerMode,
  type ClusterSpec,
  type Labels,
  type ServiceSpec,
} from '../spec.ts';
import { SYSTEM_NAMESPACES } from '../systemObjects.ts';
import type { ObjectRef } from '../trace.ts';
import { givenIpv4 } from './givenAddress.ts';

/** A cloud provider's pool for LoadBalancer addresses (TEST-NET-3, documentation range). */
const LOAD_BALANCER_POOL = cidr('203.0.113.0/24');

/** Spreads allocations over the range by name so adding one object does not renumber others. */
function allocateByHash(
  key: string,
  size: number,
  isFree: (offset: number) => boolean,
): number | undefined {
  const start = fnv1a(key) % size;
  for (let i = 0; i < size; i++) {
    const offset = (start + i) % size;
    if (isFree(offset)) return offset;
  }
  return undefined;
}

/** Allocates cluster IPs, node ports and load balancer addresses, and resolves endpoints. */
export function buildServices(
  spec: ClusterSpec,
  settings: ResolvedSettings,
  nodes: readonly NodeModel[],
  pods: readonly PodModel[],
  diagnostics: Diagnostic[],
): ServiceModel[] {
  const cni = cniProfile(settings);
  // Load balancers that open their own connections get addresses from the top of the node
  // network, clear of the nodes.
  const nodeNet = cidrRange(settings.nodeNetworkParsed);
  const takenOnNodeNet = new Set(nodes.map((n) => ipv4ToInt(n.ip)));
  let nextLbSource = nodeNet.size - 2;
  const lbSourceIp = (): Ipv4 | null => {
    while (nextLbSource > 1 && takenOnNodeNet.has(nodeNet.base + nextLbSource)) nextLbSource--;
    if (nextLbSource <= 1) return null;
    const ip = intToIpv4(nodeNet.base + nextLbSource);
    takenOnNodeNet.add(nodeNet.base + nextLbSource);
    return ip;
  };
  // Pods by namespace and label, so a selector looks at the pods with its rarest label only.
  const byLabel = new Map<string, PodModel[]>();
  for (const p of pods) {
    for (const [k, v] of Object.entries(p.labels)) {
      const key = `${p.namespace}\u0000${k}\u0000${v}`;
      const list = byLabel.get(key);
      if (list) list.push(p);
      else byLabel.set(key, [p]);
    }
  }
  const selectPods = (namespace: string, selector: Labels | undefined): PodModel[] => {
    const entries = Object.entries(selector ?? {});
    if (entries.length === 0) return [];
    let smallest: readonly PodModel[] | undefined;
    for (const [k, v] of entries) {
      const list = byLabel.get(`${namespace}\u0000${k}\u0000${v}`) ?? [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    return (smallest ?? []).filter((p) => matchesServiceSelector(selector, p.labels));
  };
  const podByIp = new Map(pods.filter((p) => !p.hostNetwork).map((p) => [p.ip as string, p]));
  const svcRange = cidrRange(settings.serviceCidrParsed);
  const usedIps = new Set<number>([
    svcRange.base, // network address
    svcRange.base + 1, // the kubernetes Service
    ipv4ToInt(settings.dnsServiceIp),
    svcRange.base + svcRange.size - 1,
  ]);
  const usedNodePorts = new Set<number>();
  /** A free port of the NodePort range, spread by `hashKey`; undefined when the range is full. */
  const allocateNodePort = (hashKey: string): number | undefined => {
    const { from, to } = settings.nodePorts;
    const offset = allocateByHash(hashKey, to - from + 1, (o) => !usedNodePorts.has(from + o));
    if (offset === undefined) return undefined;
    usedNodePorts.add(from + offset);
    return from + offset;
  };
  const usedLbIps = new Set<number>();
  const refOf = (s: ServiceSpec): ObjectRef => ({
    kind: 'Service',
    namespace: s.namespace ?? DEFAULT_NAMESPACE,
    name: s.name,
  });
  const isDns = (s: ServiceSpec) => s.name === 'kube-dns' && s.namespace === 'kube-system';
  // The first address of the range is the API server's Service's (kube-apiserver reserves it).
  const apiServerIp = intToIpv4(svcRange.base + 1);

  // Pass 1: keep every explicit address and port, report conflicts.
  const explicitIp = new Map<ServiceSpec, Ipv4>();
  for (const s of spec.services) {
    const ref = refOf(s);
    if (
      s.clusterIP === undefined ||
      s.clusterIP === 'None' ||
      s.clusterIP === '' ||
      s.type === 'ExternalName'
    )
      continue;
    const ip = givenIpv4(s.clusterIP, 'clusterIP', ref, 'clusterIP', diagnostics);
    if (!ip) continue;
    if (
      usedIps.has(ipv4ToInt(ip)) &&
      !(isDns(s) && ip === settings.dnsServiceIp) &&
      !(isApiServerService(s) && ip === apiServerIp)
    ) {
      diagnostics.push({
        severity: 'error',
        message: `clusterIP ${ip} is already allocated.`,
        ref,
        field: 'clusterIP',
      });
      continue;
    }
    usedIps.add(ipv4ToInt(ip));
    explicitIp.set(s, ip);
  }
  for (const s of spec.services) {
    s.ports.forEach((p, i) => {
      if (p.nodePort === undefined) return;
      const ref = refOf(s);
      const { from, to } = settings.nodePorts;
      if (p.nodePort < from || p.nodePort > to) {
        diagnostics.push({
          severity: 'error',
          message: `nodePort ${p.nodePort} is outside the NodePort range ${from}-${to}.`,
          ref,
          field: `ports[${i}].nodePort`,
        });
      } else if (usedNodePorts.has(p.nodePort)) {
        diagnostics.push({
          severity: 'error',
          message: `nodePort ${p.nodePort} is already allocated.`,
          ref,
          field: `ports[${i}].nodePort`,
        });
      } else {
        usedNodePorts.add(p.nodePort);
      }
    });
  }

  const names = new Set<string>();
  return spec.services.map((s) => {
    const ref = refOf(s);
    const namespace = ref.namespace as string;
    const key = `${namespace}/${s.name}`;
    if (names.has(key))
      diagnostics.push({
        severity: 'error',
        message: `Two Services are named ${key}.`,
        ref,
        field: 'name',
      });
    names.add(key);
    const type = s.type ?? 'ClusterIP';
    const headless = type !== 'ExternalName' && s.clusterIP === 'None';
    if (headless && type !== 'ClusterIP') {
      diagnostics.push({
        severity: 'error',
        message: `A headless Service (clusterIP: None) must be of type ClusterIP, not ${type}.`,
        ref,
        field: 'clusterIP',
      });
    }
    if (type === 'ExternalName' && !s.externalName) {
      diagnostics.push({
        severity: 'error',
        message: 'An ExternalName Service needs externalName.',
        ref,
        field: 'externalName',
      });
    }

    let clusterIP: Ipv4 | null = null;
    if (type !== 'ExternalName' && !headless) {
      clusterIP = explicitIp.get(s) ?? null;
      if (!clusterIP && isDns(s) && !usedIpsHasOther(settings.dnsServiceIp))
        clusterIP = settings.dnsServiceIp;
      if (!clusterIP && isApiServerService(s)) clusterIP = apiServerIp;
      if (!clusterIP) {
        const offset = allocateByHash(key, svcRange.size, (o) => !usedIps.has(svcRange.base + o));
        if (offset === undefined) {
          diagnostics.push({
            severity: 'error',
            message: `The Service CIDR ${settings.serviceCidrParsed} is full.`,
            ref,
          });
        } else {
          clusterIP = intToIpv4(svcRange.base + offset);
          usedIps.add(svcRange.base + offset);
        }
      }
    }

    const hasNodePorts = type === 'NodePort' || type === 'LoadBalancer';
    // allocateLoadBalancerNodePorts: false allocates none, but explicit ones are respected.
    const allocates =
      type === 'NodePort' || (type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false);
    const ports: ServicePortModel[] = s.ports.map((p, i) => {
      let nodePort = hasNodePorts ? p.nodePort : undefined;
      if (
        nodePort !== undefined &&
        (nodePort < settings.nodePorts.from || nodePort > settings.nodePorts.to)
      ) {
        nodePort = undefined; // reported above; the invalid value never reaches the datapath
      }
      if (allocates && nodePort === undefined) nodePort = allocateNodePort(`${key}:${p.port}:${i}`);
      return {
        name: p.name,
        port: p.port,
        protocol: p.protocol ?? 'TCP',
        targetPort: p.targetPort ?? p.port,
        nodePort,
      };
    });
    checkServicePorts(s, ref, diagnostics);

    let loadBalancerIP: Ipv4 | null = null;
    if (type === 'LoadBalancer') {
      const given = s.loadBalancerIP
        ? givenIpv4(s.loadBalancerIP, 'loadBalancerIP', ref, 'loadBalancerIP', diagnostics)
        : undefined;
      if (given) {
        loadBalancerIP = given;
      } else {
        const pool = cidrRange(LOAD_BALANCER_POOL);
        const offset = allocateByHash(key, pool.size - 2, (o) => !usedLbIps.has(pool.base + 1 + o));
        if (offset !== undefined) loadBalancerIP = intToIpv4(pool.base + 1 + offset);
      }
      if (loadBalancerIP) usedLbIps.add(ipv4ToInt(loadBalancerIP));
    }

    let loadBalancerMode: LoadBalancerMode | null = null;
    let loadBalancerSourceIP: Ipv4 | null = null;
    if (type === 'LoadBalancer') {
      loadBalancerMode = s.loadBalancerMode ?? settings.loadBalancer ?? 'nodeport';
      if (!Object.hasOwn(LoadBalancerMode, loadBalancerMode)) {
        diagnostics.push({
          severity: 'error',
          message: `Load balancer mode "${String(loadBalancerMode)}" is not one of ${Object.values(LoadBalancerMode).join(', ')}; using nodeport.`,
          ref,
          field: 'loadBalancerMode',
        });
        loadBalancerMode = 'nodeport';
      }
      if (loadBalancerMode === 'proxy' || loadBalancerMode === 'ip')
        loadBalancerSourceIP = lbSourceIp();
      const withoutNodePort = ports.filter((p) => p.nodePort === undefined);
      if (
        s.allocateLoadBalancerNodePorts === false &&
        (loadBalancerMode === 'nodeport' || loadBalancerMode === 'proxy') &&
        withoutNodePort.length > 0
      ) {
        diagnostics.push({
          severity: 'warning',
          message: `allocateLoadBalancerNodePorts is false, so port ${withoutNodePort.map((p) => p.name ?? p.port).join(', ')} has no nodePort, yet its load balancer sends to node ports: it has nowhere to send that traffic. Set it to false only for load balancers that do not rely on node ports (pod IP targets), or give each port a nodePort.`,
          ref,
          field: 'allocateLoadBalancerNodePorts',
        });
      }
      if ((loadBalancerMode === 'ip' || loadBalancerMode === 'ip-preserve') && !cni.podsRouted) {
        diagnostics.push({
          severity: 'warning',
          message: `Its load balancer targets pod IPs, but ${cni.title} keeps pod IPs inside its tunnels: nothing on the node network routes to them, so the load balancer cannot reach the pods. IP targets need routable pod IPs (on AWS, the VPC CNI gives pods VPC addresses); choose a CNI that routes without an overlay, or the nodeport mode.`,
          ref,
          field: 'loadBalancerMode',
        });
      }
    }

    // The API server's Service has no selector: the API server reports its own endpoints.
    const selectedPods =
      type === 'ExternalName'
        ? []
        : isApiServerService(s) && !s.selector
          ? apiServerEndpointPods(pods)
          : selectPods(namespace, s.selector);
    const publishNotReady = s.publishNotReadyAddresses === true;
    const endpoints =
      !s.selector && type !== 'ExternalName' && s.endpointSlices
        ? ports.map((port) => sliceEndpoints(s, ref, port, podByIp, diagnostics))
        : ports.map((port) => resolveEndpoints(port, selectedPods, publishNotReady));

    const externalTrafficPolicy = s.externalTrafficPolicy ?? 'Cluster';
    let healthCheckNodePort: number | undefined;
    if (type === 'LoadBalancer' && externalTrafficPolicy === 'Local') {
      healthCheckNodePort = s.healthCheckNodePort;
      if (healthCheckNodePort === undefined)
        healthCheckNodePort = allocateNodePort(`${key}:healthz`);
    }

    return {
      ref,
      name: s.name,
      namespace,
      type,
      headless,
      clusterIP,
      loadBalancerIP,
      loadBalancerMode,
      loadBalancerSourceIP,
      ports,
      selector: s.selector,
      externalName: s.externalName,
      externalTrafficPolicy,
      internalTrafficPolicy: s.internalTrafficPolicy ?? 'Cluster',
      sessionAffinity: s.sessionAffinity ?? 'None',
      sessionAffinityTimeoutSeconds: s.sessionAffinityTimeoutSeconds ?? 10800,
      healthCheckNodePort,
      publishNotReadyAddresses: publishNotReady,
      ...(s.creationTimestamp ? { creationTimestamp: s.creationTimestamp } : {}),
      endpoints,
      selectedPods,
      system: SYSTEM_NAMESPACES.includes(namespace) || isApiServerService(s),
    };
  });

  function usedIpsHasOther(ip: Ipv4): boolean {
    return spec.services.some((o) => !isDns(o) && o.clusterIP === ip);
  }
}

function checkServicePorts(s: ServiceSpec, ref: ObjectRef, diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  const names = new Set<string>();
  s.ports.forEach((p, i) => {
    const key = `${p.protocol ?? 'TCP'}/${p.port}`;
    if (seen.has(key))
      diagnostics.push({
        severity: 'error',
        message: `Port ${key} is listed twice.`,
        ref,
        field: `ports[${i}].port`,
      });
    seen.add(key);
    if (s.ports.length > 1 && !p.name) {
      diagnostics.push({
        severity: 'error',
        message: 'Every port of a multi-port Service needs a name.',
        ref,
        field: `ports[${i}].name`,
      });
    }
    if (p.name) {
      if (names.has(p.name))
        diagnostics.push({
          severity: 'error',
          message: `Port name ${p.name} is used twice.`,
          ref,
          field: `ports[${i}].name`,
        });
      names.add(p.name);
    }
  });
}

/**
 * Resolves targetPort per pod; a pod without the named port is not an endpoint of that port.
 * With publishNotReadyAddresses the EndpointSlice controller marks every endpoint ready.
 */
export function resolveEndpoints(
  port: ServicePortModel,
  selected: readonly PodModel[],
  publishNotReady = false,
): EndpointModel[] {
  const endpoints: EndpointModel[] = [];
  for (const pod of selected) {
    const target = resolveTargetPort(port, pod);
    if (target === undefined) continue;
    endpoints.push({ pod, ip: pod.ip, port: target, ready: publishNotReady || pod.ready });
  }
  return endpoints.sort(
    (a, b) => Number(b.ready) - Number(a.ready) || ipv4ToInt(a.ip) - ipv4ToInt(b.ip),
  );
}

export function resolveTargetPort(port: ServicePortModel, pod: PodModel): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  if (/^\d+$/.test(port.targetPort)) return Number(port.targetPort);
  for (const c of pod.containers) {
    for (const cp of c.ports ?? []) {
      if (cp.name === port.targetPort && (cp.protocol ?? 'TCP') === port.protocol)
        return cp.containerPort;
    }
  }
  return undefined;
}

/**
 * The endpoints of a selector-less Service's port, from the EndpointSlices that came with it:
 * kube-proxy takes the slice ports whose name and protocol match the Service port's, and each
 * endpoint's address with that port; an endpoint without a ready condition counts as ready.
 * PodPath routes only to pods, so an address that is no pod of the scenario is left out, with
 * a warning.
 */
function sliceEndpoints(
  s: ServiceSpec,
  ref: ObjectRef,
  port: ServicePortModel,
  podByIp: ReadonlyMap<string, PodModel>,
  diagnostics: Diagnostic[],
): EndpointModel[] {
  const out: EndpointModel[] = [];
  for (const slice of s.endpointSlices ?? []) {
    const sp = slice.ports.find(
      (p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === port.protocol,
    );
    if (!sp) continue;
    for (const e of slice.endpoints) {
      const address = e.addresses[0];
      const pod = address === undefined ? undefined : podByIp.get(address);
      if (!pod) {
        const message = `EndpointSlice ${slice.name} lists ${String(address)}, which is no pod of the scenario; PodPath routes a Service only to pods, so that endpoint is left out.`;
        if (!diagnostics.some((d) => d.message === message))
          diagnostics.push({ severity: 'warning', message, ref, field: 'endpointSlices' });
        continue;
      }
      out.push({ pod, ip: pod.ip, port: sp.port, ready: e.ready !== false });
    }
  }
  return out.sort((a, b) => Number(b.ready) - Number(a.ready) || ipv4ToInt(a.ip) - ipv4ToInt(b.ip));
}
