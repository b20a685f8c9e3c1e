/**
 * The add-ons every cluster runs, added when the spec does not bring its own: the API server's
 * Service `default/kubernetes` and kubeadm's kube-apiserver static pod, CoreDNS pods behind
 * the kube-dns Service, (when enabled) the ingress controller behind a LoadBalancer:
 * ingress-nginx, or HAProxy Ingress; and the Envoy proxy of each Gateway.
 */
import { apiServerPod, apiServerService, isApiServerPod, isApiServerService } from './apiServer.ts';
import { gatewayProxyObjects } from './gateway/gatewayProxies.ts';
import {
  ingressControllerOf,
  type ClusterSettings,
  type ClusterSpec,
  type IngressControllerType,
  type PodSpec,
  type ServiceSpec,
} from './spec.ts';

import { DNS_NAMESPACE, GATEWAY_PROXY_NAMESPACE } from './systemNamespaces.ts';

export { DNS_NAMESPACE, SYSTEM_NAMESPACES } from './systemNamespaces.ts';
export const DNS_SERVICE = 'kube-dns';
/** ingress-nginx's namespace and Service (the default controller). */
export const INGRESS_NAMESPACE = 'ingress-nginx';
export const INGRESS_SERVICE = 'ingress-nginx-controller';

const DNS_LABELS = { 'k8s-app': 'kube-dns' };

interface ControllerObjects {
  readonly labels: Readonly<Record<string, string>>;
  readonly pod: string;
  readonly owner: string;
  readonly container: string;
  readonly image: string;
}

/** What each project's install creates (ingress-nginx deploy manifests; haproxy-ingress chart). */
const CONTROLLER_OBJECTS: Record<IngressControllerType, ControllerObjects> = {
  nginx: {
    labels: {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/component': 'controller',
    },
    pod: 'ingress-nginx-controller',
    owner: 'Deployment/ingress-nginx-controller',
    container: 'controller',
    image: 'registry.k8s.io/ingress-nginx/controller',
  },
  haproxy: {
    labels: {
      'app.kubernetes.io/name': 'haproxy-ingress',
      'app.kubernetes.io/instance': 'haproxy-ingress',
    },
    pod: 'haproxy-ingress',
    owner: 'Deployment/haproxy-ingress',
    container: 'haproxy-ingress',
    image: 'quay.io/jcmoraisjr/haproxy-ingress',
  },
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

  // The API server's own Service and, when the spec brings no API server, kubeadm's static pod.
  if (!services.some(isApiServerService)) services.push(apiServerService());
  if (!pods.some(isApiServerPod)) {
    const apiServer = apiServerPod(spec.nodes);
    if (apiServer) {
      ensureNamespace(DNS_NAMESPACE);
      pods.push(apiServer);
    }
  }

  const controller = ingressControllerOf(settings);
  if (
    controller &&
    !services.some((s) => s.namespace === controller.namespace && s.name === controller.service)
  ) {
    const objects = CONTROLLER_OBJECTS[controller.value];
    ensureNamespace(controller.namespace);
    if (!pods.some((p) => p.namespace === controller.namespace)) {
      pods.push({
        name: objects.pod,
        namespace: controller.namespace,
        labels: objects.labels,
        nodeName: spec.nodes[0].name,
        ownerRef: objects.owner,
        containers: [
          {
            name: objects.container,
            image: objects.image,
            ports: [
              { name: 'http', containerPort: 80 },
              { name: 'https', containerPort: 443 },
            ],
          },
        ],
      });
    }
    services.push({
      name: controller.service,
      namespace: controller.namespace,
      type: 'LoadBalancer',
      // As in ingress-nginx's cloud manifests: keeps the client IP for X-Forwarded-For. The
      // same for HAProxy Ingress, so a comparison shows only what the controllers do.
      externalTrafficPolicy: 'Local',
      selector: objects.labels,
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
    });
  }

  const proxies = gatewayProxyObjects(
    spec.gateways ?? [],
    spec.gatewayClasses ?? [],
    spec.nodes.map((n) => n.name),
  );
  for (const svc of proxies.services) {
    if (services.some((s) => s.namespace === svc.namespace && s.name === svc.name)) continue;
    ensureNamespace(GATEWAY_PROXY_NAMESPACE);
    services.push(svc);
    pods.push(...proxies.pods.filter((p) => p.ownerRef === `Deployment/${svc.name}`));
  }

  return { ...spec, pods, services, namespaces };
}
