/**
 * Scenario fields that Kubernetes objects carry as annotations, read on import and written on
 * export: a node's subnet and a Service's load balancer flavour (PodPath's own annotations,
 * like podpath.dev/owner), the AWS Load Balancer Controller's target-type annotations, and the
 * ingress controllers' own Ingress annotations.
 */
import { INGRESS_CLASS_ANNOTATION } from '../../engine/ingressClass.ts';
import {
  INGRESS_CONTROLLERS,
  LoadBalancerMode,
  type LoadBalancerMode as LoadBalancerModeType,
} from '../../engine/spec.ts';

/** The subnet of a node's primary interface (NodeSpec.subnet); no Kubernetes field holds it. */
export const SUBNET_ANNOTATION = 'podpath.dev/subnet';
/** What a LoadBalancer Service's cloud load balancer targets (ServiceSpec.loadBalancerMode). */
export const LOAD_BALANCER_MODE_ANNOTATION = 'podpath.dev/load-balancer-mode';

const AWS = 'service.beta.kubernetes.io/';

/**
 * A Service's load balancer flavour from its annotations: PodPath's own, else the AWS Load
 * Balancer Controller's (docs/guide/service/nlb.md and annotations.md): nlb-target-type ip or
 * instance, target-group-attributes preserve_client_ip.enabled=true, and the older
 * aws-load-balancer-type nlb-ip (IP mode) or nlb / external (instance targets by default).
 */
export function loadBalancerModeFrom(
  annotations: Readonly<Record<string, string>> | undefined,
): LoadBalancerModeType | undefined {
  if (!annotations) return undefined;
  const own = annotations[LOAD_BALANCER_MODE_ANNOTATION]?.trim();
  if (own && Object.hasOwn(LoadBalancerMode, own)) return own as LoadBalancerModeType;
  const target = annotations[`${AWS}aws-load-balancer-nlb-target-type`]?.trim().toLowerCase();
  const type = annotations[`${AWS}aws-load-balancer-type`]?.trim().toLowerCase();
  const preserve = /(^|,)\s*preserve_client_ip\.enabled\s*=\s*true\s*(,|$)/i.test(
    annotations[`${AWS}aws-load-balancer-target-group-attributes`] ?? '',
  );
  if (target === 'ip' || (type === 'nlb-ip' && target === undefined))
    return preserve ? 'ip-preserve' : 'ip';
  if (target === 'instance' || type === 'nlb' || type === 'external') return 'nodeport';
  return undefined;
}

/**
 * The annotations an ingress controller PodPath simulates reads (its own, and the deprecated
 * class annotation); the rest stay behind.
 */
export function ingressControllerAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  if (!annotations) return undefined;
  const prefixes = INGRESS_CONTROLLERS.flatMap((c) => c.annotationPrefixes);
  const kept = Object.entries(annotations).filter(
    ([k, v]) =>
      (k === INGRESS_CLASS_ANNOTATION || prefixes.some((p) => k.startsWith(p))) && v.length <= 4096,
  );
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** ingress-nginx annotations the simulation acts on (the rest are reported as not simulated). */
export const SIMULATED_NGINX_ANNOTATIONS: readonly string[] = [
  'nginx.ingress.kubernetes.io/service-upstream',
  'nginx.ingress.kubernetes.io/use-regex',
  'nginx.ingress.kubernetes.io/ssl-redirect',
  'nginx.ingress.kubernetes.io/force-ssl-redirect',
];
