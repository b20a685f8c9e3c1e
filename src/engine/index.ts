/** The engine's public surface: build a model from a spec, and trace probes through it. */
export { buildCluster } from './cluster/buildCluster.ts';
export { runProbe, ProbeError } from './probe.ts';
export { resolveFromPod, resolveName, resolvConf, type DnsResult, type RecordType } from './dns.ts';
export { effectivePolicyTypes, evaluatePolicy } from './policy.ts';
/** Facts the views show as values, so no view re-derives an engine rule. */
export { nodeLinkOf, tunnelLabel, type NodeLink } from './datapath/cni.ts';
export { PROXY_RULES_TITLE } from './datapath/proxyRules.ts';
export { computeReachability, type ReachabilityQuery } from './reachability.ts';
export {
  allowedByName,
  allowedPairCount,
  canReach,
  canReachAt,
  podIndex,
  type ReachabilityMatrix,
} from './reachabilityMatrix.ts';
export { serviceEnv, type PodLike } from './serviceEnv.ts';
/** Option lists with labels for the settings and Service forms. */
export {
  CNI_MODES,
  CNI_MODE_LABELS,
  CNI_PLUGIN_LABELS,
  INGRESS_CONTROLLERS,
  LOAD_BALANCER_MODES,
  PROXY_MODES,
  effectiveProxyMode,
  ingressControllerOf,
  proxyFitsCni,
} from './spec.ts';
export { SYSTEM_NAMESPACES } from './systemObjects.ts';
export type * from './model.ts';
export type * from './spec.ts';
export type * from './trace.ts';
export * from './vocabulary.ts';
