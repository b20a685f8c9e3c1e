/**
 * The API server as the cluster shows it to pods: Service `default/kubernetes`, which the API
 * server creates and keeps itself (kubernetes/kubernetes pkg/controlplane, the bootstrap
 * controller), on the first address of the Service range, port 443 named `https`, without a
 * selector; its endpoints are the API servers' own addresses on their secure port, 6443 by
 * default (kube-apiserver `--secure-port`). With kubeadm the API server is a static pod in
 * kube-system on the control-plane node, in the node's network namespace.
 */
import type { PodModel } from './model.ts';
import type { NodeSpec, PodSpec, ServiceSpec } from './spec.ts';

export const API_SERVER_NAMESPACE = 'default';
export const API_SERVER_SERVICE = 'kubernetes';
/** kube-apiserver's default `--secure-port`. */
export const API_SERVER_PORT = 6443;
/** The labels kubeadm puts on its control-plane static pods. */
export const API_SERVER_LABELS = { component: 'kube-apiserver', tier: 'control-plane' };
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

/** Whether a Service is the API server's own `default/kubernetes`. */
export function isApiServerService(s: Pick<ServiceSpec, 'name' | 'namespace'>): boolean {
  return s.name === API_SERVER_SERVICE && (s.namespace ?? 'default') === API_SERVER_NAMESPACE;
}

/** Whether a pod is a kube-apiserver (kubeadm's static pod, or one a dump brings). */
export function isApiServerPod(p: Pick<PodSpec, 'namespace' | 'labels'>): boolean {
  return p.namespace === 'kube-system' && p.labels?.component === API_SERVER_LABELS.component;
}

/** The Service the API server creates when the spec has none. */
export function apiServerService(): ServiceSpec {
  return {
    name: API_SERVER_SERVICE,
    namespace: API_SERVER_NAMESPACE,
    type: 'ClusterIP',
    ports: [{ name: 'https', port: 443, targetPort: API_SERVER_PORT, protocol: 'TCP' }],
  };
}

/**
 * kubeadm's static pod on the control-plane node (the node labelled as one, else the first):
 * hostNetwork, so it listens on the node's address. kubeadm's manifest declares no container
 * port; the model lists 6443 so the trace can say what listens there.
 */
export function apiServerPod(nodes: readonly NodeSpec[]): PodSpec | undefined {
  const node = nodes.find((n) => n.labels?.[CONTROL_PLANE_LABEL] !== undefined) ?? nodes[0];
  if (!node) return undefined;
  return {
    name: `kube-apiserver-${node.name}`,
    namespace: 'kube-system',
    labels: API_SERVER_LABELS,
    nodeName: node.name,
    hostNetwork: true,
    ownerRef: `Node/${node.name}`,
    containers: [
      {
        name: 'kube-apiserver',
        image: 'registry.k8s.io/kube-apiserver',
        ports: [{ name: 'https', containerPort: API_SERVER_PORT }],
      },
    ],
  };
}

/** The endpoints of `default/kubernetes`: the API server pods, which the API server reports. */
export function apiServerEndpointPods(pods: readonly PodModel[]): PodModel[] {
  return pods.filter(isApiServerPod);
}
