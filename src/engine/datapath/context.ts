import { seededRandom } from '../hash.ts';
import { oncePerModel } from '../oncePerModel.ts';
import type {
  ClusterModel,
  ExternalClientModel,
  NodeModel,
  PodModel,
  ServiceModel,
} from '../model.ts';
import { effectiveProxyMode, type ProxyMode } from '../spec.ts';
import { cniProfile, type CniProfile } from './cni.ts';

/** Everything a trace needs to look up, built once per model. */
export interface ClusterIndex {
  readonly model: ClusterModel;
  readonly cni: CniProfile;
  readonly proxyMode: ProxyMode;
  readonly nodeByName: ReadonlyMap<string, NodeModel>;
  readonly nodeByIp: ReadonlyMap<string, NodeModel>;
  readonly podByIp: ReadonlyMap<string, PodModel>;
  readonly podByKey: ReadonlyMap<string, PodModel>;
  /** Namespace -> name -> pod: found from a probe's own strings, with no key to put together. */
  readonly podsByNamespace: ReadonlyMap<string, ReadonlyMap<string, PodModel>>;
  readonly serviceByClusterIp: ReadonlyMap<string, ServiceModel>;
  readonly serviceByLbIp: ReadonlyMap<string, ServiceModel>;
  readonly serviceByKey: ReadonlyMap<string, ServiceModel>;
  readonly clientByName: ReadonlyMap<string, ExternalClientModel>;
  readonly clientByIp: ReadonlyMap<string, ExternalClientModel>;
  /** `TCP/30080` -> the Service that owns that nodePort. */
  readonly serviceByNodePort: ReadonlyMap<string, ServiceModel>;
  readonly hostNetworkPodsByNode: ReadonlyMap<string, readonly PodModel[]>;
}

export interface TraceContext extends ClusterIndex {
  readonly random: () => number;
}

export const indexCluster = oncePerModel((model): ClusterIndex => {
  const cni = cniProfile(model.settings);
  const proxyMode = effectiveProxyMode(model.settings.proxyMode, cni.plugin);
  const serviceByNodePort = new Map<string, ServiceModel>();
  for (const s of model.services) {
    for (const p of s.ports) {
      const key = `${p.protocol}/${p.nodePort}`;
      if (p.nodePort !== undefined && !serviceByNodePort.has(key)) serviceByNodePort.set(key, s);
    }
  }
  const hostNetworkPodsByNode = new Map<string, PodModel[]>();
  for (const p of model.pods) {
    if (!p.hostNetwork) continue;
    const list = hostNetworkPodsByNode.get(p.node) ?? [];
    list.push(p);
    hostNetworkPodsByNode.set(p.node, list);
  }
  const podsByNamespace = new Map<string, Map<string, PodModel>>();
  for (const p of model.pods) {
    const named = podsByNamespace.get(p.namespace) ?? new Map<string, PodModel>();
    named.set(p.name, p);
    podsByNamespace.set(p.namespace, named);
  }
  return {
    model,
    cni,
    proxyMode,
    nodeByName: new Map(model.nodes.map((n) => [n.name, n])),
    nodeByIp: new Map(model.nodes.map((n) => [n.ip, n])),
    podByIp: new Map(model.pods.filter((p) => !p.hostNetwork).map((p) => [p.ip, p])),
    podByKey: new Map(model.pods.map((p) => [`${p.namespace}/${p.name}`, p])),
    podsByNamespace,
    serviceByClusterIp: new Map(
      model.services.filter((s) => s.clusterIP).map((s) => [s.clusterIP as string, s]),
    ),
    serviceByLbIp: new Map(
      model.services.filter((s) => s.loadBalancerIP).map((s) => [s.loadBalancerIP as string, s]),
    ),
    serviceByKey: new Map(model.services.map((s) => [`${s.namespace}/${s.name}`, s])),
    clientByName: new Map(model.externalClients.map((c) => [c.name, c])),
    clientByIp: new Map(model.externalClients.map((c) => [c.ip, c])),
    serviceByNodePort,
    hostNetworkPodsByNode,
  };
});

/**
 * The pod of that namespace and name. Looked up in two steps rather than by a `ns/name` key: a key
 * built per probe is a new string to hash, which cost more than the rest of finding the source.
 */
export function podNamed(
  index: ClusterIndex,
  namespace: string,
  name: string,
): PodModel | undefined {
  return index.podsByNamespace.get(namespace)?.get(name);
}

export function traceContext(model: ClusterModel, seed: number): TraceContext {
  // The index is the prototype rather than copied field by field: a trace is short, and copying
  // every map reference per probe was a visible share of its time.
  const ctx = Object.create(indexCluster(model)) as { random: () => number };
  ctx.random = seededRandom(seed);
  return ctx as TraceContext;
}
