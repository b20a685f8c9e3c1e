/**
 * What a person describes: the cluster as plain JSON. Addresses here are optional text; the
 * model (buildCluster) validates them, fills in what Kubernetes would allocate, and reports
 * conflicts. This is the `cluster` part of a saved scenario, so every field must stay
 * JSON-serialisable and additions must be optional.
 */
import type { Protocol } from './net.ts';

export const CniPlugin = {
  flannel: 'flannel',
  calico: 'calico',
  cilium: 'cilium',
  weave: 'weave',
} as const;
export type CniPlugin = (typeof CniPlugin)[keyof typeof CniPlugin];

/** The datapath modes each CNI offers; the first is its default. */
export const CNI_MODES = {
  flannel: ['vxlan', 'host-gw'],
  calico: ['bgp', 'ipip', 'vxlan'],
  cilium: ['vxlan', 'geneve', 'native'],
  weave: ['fastdp', 'sleeve'],
} as const satisfies Record<CniPlugin, readonly string[]>;
export type CniMode = (typeof CNI_MODES)[CniPlugin][number];

export const ProxyMode = {
  iptables: 'iptables',
  ipvs: 'ipvs',
  nftables: 'nftables',
  ebpf: 'ebpf',
} as const;
export type ProxyMode = (typeof ProxyMode)[keyof typeof ProxyMode];

export interface ClusterSettings {
  readonly cni: { readonly plugin: CniPlugin; readonly mode: CniMode };
  readonly proxyMode: ProxyMode;
  readonly clusterCidr: string;
  readonly serviceCidr: string;
  readonly nodeNetwork: string;
  readonly clusterDomain: string;
  /** `from-to`, for example `30000-32767`. */
  readonly nodePortRange: string;
  /** Prefix length of each node's pod CIDR carved from clusterCidr (24 by default). */
  readonly nodeCidrMaskSize?: number;
  /** The ingress-nginx add-on: controller pods behind a LoadBalancer Service. */
  readonly ingressController?: boolean;
}

export const DEFAULT_SETTINGS: ClusterSettings = {
  cni: { plugin: 'flannel', mode: 'vxlan' },
  proxyMode: 'iptables',
  clusterCidr: '10.244.0.0/16',
  serviceCidr: '10.96.0.0/12',
  nodeNetwork: '192.168.49.0/24',
  clusterDomain: 'cluster.local',
  nodePortRange: '30000-32767',
  nodeCidrMaskSize: 24,
  ingressController: true,
};

export type Labels = Readonly<Record<string, string>>;

export interface NodeSpec {
  readonly name: string;
  readonly ip?: string;
  readonly podCidr?: string;
  readonly labels?: Labels;
}

export interface NamespaceSpec {
  readonly name: string;
  readonly labels?: Labels;
}

export interface ContainerPortSpec {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: Protocol;
}

export interface ContainerSpec {
  readonly name: string;
  readonly image?: string;
  readonly ports?: readonly ContainerPortSpec[];
}

export interface PodSpec {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly nodeName: string;
  readonly containers: readonly ContainerSpec[];
  /** Readiness as the kubelet reports it; true when omitted. */
  readonly ready?: boolean;
  /** status.podIP when known (kept as given); otherwise allocated from the node's pod CIDR. */
  readonly ip?: string;
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly hostNetwork?: boolean;
  /** The workload that created the pod, for display (Deployment/web). */
  readonly ownerRef?: string;
}

export const ServiceType = {
  ClusterIP: 'ClusterIP',
  NodePort: 'NodePort',
  LoadBalancer: 'LoadBalancer',
  ExternalName: 'ExternalName',
} as const;
export type ServiceType = (typeof ServiceType)[keyof typeof ServiceType];

export interface ServicePortSpec {
  readonly name?: string;
  readonly port: number;
  /** A number, or the name of a container port resolved per pod; defaults to port. */
  readonly targetPort?: number | string;
  readonly nodePort?: number;
  readonly protocol?: Protocol;
}

export interface ServiceSpec {
  readonly name: string;
  readonly namespace?: string;
  readonly type?: ServiceType;
  /** Explicit address, or `None` for a headless Service. */
  readonly clusterIP?: string;
  readonly selector?: Labels;
  readonly ports: readonly ServicePortSpec[];
  readonly externalName?: string;
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly internalTrafficPolicy?: 'Cluster' | 'Local';
  readonly sessionAffinity?: 'None' | 'ClientIP';
  readonly sessionAffinityTimeoutSeconds?: number;
  readonly loadBalancerIP?: string;
  readonly healthCheckNodePort?: number;
}

export interface IngressBackendSpec {
  readonly service: string;
  readonly port: number | string;
}

export interface IngressPathSpec {
  readonly path?: string;
  readonly pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  readonly backend: IngressBackendSpec;
}

export interface IngressRuleSpec {
  readonly host?: string;
  readonly paths: readonly IngressPathSpec[];
}

export interface IngressSpec {
  readonly name: string;
  readonly namespace?: string;
  readonly ingressClassName?: string;
  readonly rules: readonly IngressRuleSpec[];
  readonly tls?: readonly { readonly hosts: readonly string[]; readonly secretName?: string }[];
  readonly defaultBackend?: IngressBackendSpec;
}

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

export interface NetworkPolicyPort {
  readonly protocol?: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicyIngressRule {
  readonly from?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicySpec {
  readonly name: string;
  readonly namespace?: string;
  readonly podSelector: LabelSelector;
  readonly policyTypes?: readonly ('Ingress' | 'Egress')[];
  readonly ingress?: readonly NetworkPolicyIngressRule[];
  readonly egress?: readonly NetworkPolicyEgressRule[];
}

/** Something outside the cluster with an address: an Internet user, an office laptop. */
export interface ExternalClientSpec {
  readonly name: string;
  readonly ip: string;
}

export interface ClusterSpec {
  readonly settings: ClusterSettings;
  readonly nodes: readonly NodeSpec[];
  readonly namespaces?: readonly NamespaceSpec[];
  readonly pods: readonly PodSpec[];
  readonly services: readonly ServiceSpec[];
  readonly ingresses?: readonly IngressSpec[];
  readonly networkPolicies?: readonly NetworkPolicySpec[];
  readonly externalClients?: readonly ExternalClientSpec[];
}

export const DEFAULT_NAMESPACE = 'default';
