/**
 * The engine's option lists and the facts the settings and Service forms show (panels import no
 * engine values): CNI plugins and their modes, proxy modes, ingress controllers, load balancers,
 * and whether an address is private.
 */
export {
  CNI_MODE_LABELS,
  CNI_MODES,
  CNI_PLUGIN_LABELS,
  DNS_POLICIES,
  INGRESS_CONTROLLERS,
  LOAD_BALANCER_MODES,
  PROXY_MODES,
  effectiveProxyMode,
  proxyFitsCni,
} from '../../engine/spec.ts';
export { SYSTEM_NAMESPACES } from '../../engine/systemNamespaces.ts';
/** Whether an outside client's address is private: the canvas draws an office laptop for it. */
export { isPrivateAddress } from '../../engine/net.ts';
