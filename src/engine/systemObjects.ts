/**
 * The add-ons every cluster runs, added when the spec does not bring its own: CoreDNS pods behind
 * the kube-dns Service, and (when enabled) the ingress-nginx controller behind a LoadBalancer.
 */
import type { ClusterSettings, ClusterSpec, PodSpec, ServiceSpec } from './spec.ts';

export const DNS_NAMESPACE = 'kube-system';
export const DNS_SERVICE = 'kube-dns';
export const INGRESS_NAMESPACE = 'ingress-nginx';
export const INGRESS_SERVICE = 'ingress-nginx-controller';

const DNS_LABELS = { 'k8s-app': 'kube-dns' };
const INGRESS_LABELS = {
  'app.kubernetes.io/name': 'ingress-nginx',
  'app.kubernetes.io/component': 'controller',
};

export function addSystemObjects(spec: ClusterSpec, settings: ClusterSettings): ClusterSpec {
  if (spec.nodes.length === 0) return spec;
  const pods: PodSpec[] = [...spec.pods];
  const services: ServiceSpec[] = [...spec.services];
  const namespaces = [...(spec.namespaces ?? [])];
  const ensureNamespace = (name: string) => {
    if (!namespaces.some((n) => n.name === name)) namespaces.push({ name });
  };

  if (!services.some((s) => s.namespace === DNS_NAMESPACE && s.name === DNS_SERVICE)) {
    ensureNamespace(DNS_NAMESPACE);
    const hasDnsPods = pods.some(
      (p) => p.namespace === DNS_NAMESPACE && p.labels?.['k8s-app'] === DNS_LABELS['k8s-app'],
    );
    if (!hasDnsPods) {
      const replicas = Math.min(2, spec.nodes.length);
      for (let i = 0; i < replicas; i++) {
        pods.push({
          name: `coredns-${i + 1}`,
          namespace: DNS_NAMESPACE,
          labels: DNS_LABELS,
          nodeName: spec.nodes[i].name,
          ownerRef: 'Deployment/coredns',
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns',
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
            },
          ],
        });
      }
    }
    services.push({
      name: DNS_SERVICE,
      namespace: DNS_NAMESPACE,
      type: 'ClusterIP',
      selector: DNS_LABELS,
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
    });
  }

  const wantsIngress = settings.ingressController ?? true;
  if (
    wantsIngress &&
    !services.some((s) => s.namespace === INGRESS_NAMESPACE && s.name === INGRESS_SERVICE)
  ) {
    ensureNamespace(INGRESS_NAMESPACE);
    if (!pods.some((p) => p.namespace === INGRESS_NAMESPACE)) {
      pods.push({
        name: 'ingress-nginx-controller',
        namespace: INGRESS_NAMESPACE,
        labels: INGRESS_LABELS,
        nodeName: spec.nodes[0].name,
        ownerRef: 'Deployment/ingress-nginx-controller',
        containers: [
          {
            name: 'controller',
            image: 'registry.k8s.io/ingress-nginx/controller',
            ports: [
              { name: 'http', containerPort: 80 },
              { name: 'https', containerPort: 443 },
            ],
          },
        ],
      });
    }
    services.push({
      name: INGRESS_SERVICE,
      namespace: INGRESS_NAMESPACE,
      type: 'LoadBalancer',
      // As in ingress-nginx's cloud manifests: keeps the client IP for X-Forwarded-For.
      externalTrafficPolicy: 'Local',
      selector: INGRESS_LABELS,
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
    });
  }

  return { ...spec, pods, services, namespaces };
}
