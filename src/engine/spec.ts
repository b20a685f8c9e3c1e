/**
 * What a person describes: the cluster as plain JSON. Addresses here are optional text; the
 * model (buildCluster) validates them, fills in what Kubernetes would allocate, and reports
 * conflicts. This is the `cluster` part of a saved scenario, so every field must stay
 * JSON-serialisable and additions must be optional.
 */
import type { CiliumPolicySpec } from './cilium/ciliumSpec.ts';
import type {
  GatewayClassSpec,
  GatewaySpec,
  HTTPRouteSpec,
  ReferenceGrantSpec,
} from './gateway/gatewaySpec.ts';
import type { Protocol } from './net.ts';

export const CniPlugin = {
  flannel: 'flannel',
  calico: 'calico',
  cilium: 'cilium',
  weave: 'weave',
  'kube-router': 'kube-router',
} as const;
export type CniPlugin = (typeof CniPlugin)[keyof typeof CniPlugin];

/**
 * The datapath modes each CNI offers; the first is its default. kube-router's are its overlay
 * flags: `subnet` (`--enable-overlay --overlay-type=subnet`, the default: IP-in-IP only to
 * nodes outside the node's own subnet), `full` (`--overlay-type=full`: IP-in-IP to every node)
 * and `none` (`--enable-overlay=false`: plain routes; across subnets the network's router
 * must know the pod CIDRs).
 */
export const CNI_MODES = {
  flannel: ['vxlan', 'host-gw'],
  calico: ['bgp', 'ipip', 'vxlan'],
  cilium: ['vxlan', 'geneve', 'native'],
  weave: ['fastdp', 'sleeve'],
  'kube-router': ['subnet', 'full', 'none'],
} as const satisfies Record<CniPlugin, readonly string[]>;
export type CniMode = (typeof CNI_MODES)[CniPlugin][number];

/** What the settings form shows for each CNI plugin. */
export const CNI_PLUGIN_LABELS: Readonly<Record<CniPlugin, string>> = {
  flannel: 'Flannel',
  calico: 'Calico',
  cilium: 'Cilium',
  weave: 'Weave Net',
  'kube-router': 'kube-router',
};

/** What the settings form shows for each mode of each CNI plugin. */
export const CNI_MODE_LABELS: {
  readonly [P in CniPlugin]: Readonly<Record<(typeof CNI_MODES)[P][number], string>>;
} = {
  flannel: { vxlan: 'VXLAN overlay', 'host-gw': 'host-gw (routes, no overlay)' },
  calico: { bgp: 'BGP (routes, no overlay)', ipip: 'IP-in-IP overlay', vxlan: 'VXLAN overlay' },
  cilium: { vxlan: 'VXLAN overlay', geneve: 'Geneve overlay', native: 'native routing' },
  weave: { fastdp: 'fast datapath (kernel VXLAN)', sleeve: 'sleeve (userspace UDP)' },
  'kube-router': {
    subnet: 'BGP routes, IP-in-IP across subnets (default)',
    full: 'BGP routes, IP-in-IP to every node',
    none: 'BGP routes only, no overlay',
  },
};

/**
 * Who turns Service addresses into endpoints. `ebpf` is Cilium's kube-proxy replacement (only
 * with the Cilium CNI); `kube-router` is kube-router's IPVS service proxy
 * (`--run-service-proxy`), which replaces kube-proxy and runs with any CNI.
 */
export const ProxyMode = {
  iptables: 'iptables',
  ipvs: 'ipvs',
  nftables: 'nftables',
  ebpf: 'ebpf',
  'kube-router': 'kube-router',
} as const;
export type ProxyMode = (typeof ProxyMode)[keyof typeof ProxyMode];

/** The service proxies the settings form offers, with the CNI a mode needs, if any. */
export const PROXY_MODES: readonly {
  readonly value: ProxyMode;
  readonly label: string;
  readonly requiresCni?: CniPlugin;
}[] = [
  { value: 'iptables', label: 'kube-proxy, iptables' },
  { value: 'ipvs', label: 'kube-proxy, IPVS' },
  { value: 'nftables', label: 'kube-proxy, nftables' },
  { value: 'ebpf', label: 'eBPF (Cilium kube-proxy replacement)', requiresCni: 'cilium' },
  { value: 'kube-router', label: 'kube-router service proxy (IPVS, replaces kube-proxy)' },
];

/**
 * Whether a service proxy runs with a CNI plugin: the eBPF kube-proxy replacement is part of
 * Cilium (Cilium docs, "Kubernetes Without kube-proxy"); the others run with any CNI.
 */
export function proxyFitsCni(proxy: ProxyMode, plugin: CniPlugin): boolean {
  const needs = PROXY_MODES.find((m) => m.value === proxy)?.requiresCni;
  return needs === undefined || needs === plugin;
}

/**
 * The service proxy that really runs: the one asked for when it fits the CNI, otherwise
 * kube-proxy in its default iptables mode.
 */
export function effectiveProxyMode(proxy: ProxyMode, plugin: CniPlugin): ProxyMode {
  return proxyFitsCni(proxy, plugin) ? proxy : 'iptables';
}

/** The ingress controllers PodPath simulates. */
export const IngressControllerType = { nginx: 'nginx', haproxy: 'haproxy' } as const;
export type IngressControllerType =
  (typeof IngressControllerType)[keyof typeof IngressControllerType];

export interface IngressControllerInfo {
  readonly value: IngressControllerType;
  readonly label: string;
  /** Where its pods and its LoadBalancer Service live, as the project's install puts them. */
  readonly namespace: string;
  readonly service: string;
  /** The `spec.controller` of the IngressClass it serves. */
  readonly ingressClassController: string;
  /**
   * The IngressClass its install creates, and the value of the deprecated
   * `kubernetes.io/ingress.class` annotation it answers to (its `--ingress-class` flag default).
   */
  readonly className: string;
  /** The annotation prefixes it reads on an Ingress. */
  readonly annotationPrefixes: readonly string[];
}

/**
 * The ingress controllers the settings form offers (`ingressControllerType`). Namespaces and
 * names follow each project's install: ingress-nginx's deploy manifests, HAProxy Ingress's
 * Helm chart in the `ingress-controller` namespace (haproxy-ingress.github.io).
 */
export const INGRESS_CONTROLLERS: readonly IngressControllerInfo[] = [
  {
    value: 'nginx',
    label: 'ingress-nginx',
    namespace: 'ingress-nginx',
    service: 'ingress-nginx-controller',
    ingressClassController: 'k8s.io/ingress-nginx',
    className: 'nginx',
    annotationPrefixes: ['nginx.ingress.kubernetes.io/'],
  },
  {
    value: 'haproxy',
    label: 'HAProxy Ingress',
    namespace: 'ingress-controller',
    service: 'haproxy-ingress',
    ingressClassController: 'haproxy-ingress.github.io/controller',
    className: 'haproxy',
    annotationPrefixes: ['haproxy-ingress.github.io/', 'ingress.kubernetes.io/'],
  },
];

/** The controller a cluster runs: none when the add-on is off, ingress-nginx by default. */
export function ingressControllerOf(
  settings: Pick<ClusterSettings, 'ingressController' | 'ingressControllerType'>,
): IngressControllerInfo | undefined {
  if (settings.ingressController === false) return undefined;
  return (
    INGRESS_CONTROLLERS.find((c) => c.value === settings.ingressControllerType) ??
    INGRESS_CONTROLLERS[0]
  );
}

/**
 * What a cloud load balancer in front of a `type: LoadBalancer` Service sends to:
 * - `nodeport`: a layer-4 pass-through to every node's NodePort, keeping the client address
 *   (AWS NLB with instance targets, Azure Load Balancer); kube-proxy on the node takes it on.
 * - `proxy`: a TCP proxy to the NodePort that opens its own connection, so the node sees the
 *   load balancer's address instead of the client's (AWS Classic ELB).
 * - `ip`: straight to the pod IPs, no NodePort and no kube-proxy on the way (AWS NLB with IP
 *   targets via the AWS Load Balancer Controller); for TCP the pod sees the load balancer's
 *   address, because client IP preservation is off by default for IP targets.
 * - `ip-preserve`: the same with the target group attribute `preserve_client_ip.enabled=true`.
 */
export const LoadBalancerMode = {
  nodeport: 'nodeport',
  proxy: 'proxy',
  ip: 'ip',
  'ip-preserve': 'ip-preserve',
} as const;
export type LoadBalancerMode = (typeof LoadBalancerMode)[keyof typeof LoadBalancerMode];

/** The load balancer flavours the settings form and the Service form offer. */
export const LOAD_BALANCER_MODES: readonly {
  readonly value: LoadBalancerMode;
  readonly label: string;
  readonly description: string;
}[] = [
  {
    value: 'nodeport',
    label: 'Layer 4 to NodePort (AWS NLB instance targets, Azure Load Balancer)',
    description:
      "Spreads connections over the nodes' NodePort and keeps the client IP; kube-proxy may take a second hop and SNAT unless externalTrafficPolicy is Local.",
  },
  {
    value: 'proxy',
    label: 'TCP proxy to NodePort (AWS Classic ELB)',
    description:
      "Opens its own connection to a node's NodePort: the backend sees the load balancer's address, never the client's.",
  },
  {
    value: 'ip',
    label: 'Straight to pod IPs (AWS NLB IP targets)',
    description:
      "No NodePort hop: the load balancer sends to the pod IPs. For TCP the pod sees the load balancer's address (client IP preservation is off by default for IP targets).",
  },
  {
    value: 'ip-preserve',
    label: 'Straight to pod IPs, client IP kept (NLB IP targets, preserve_client_ip)',
    description:
      'IP targets with the target group attribute preserve_client_ip.enabled=true: the pod sees the client IP.',
  },
];

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
  /** The ingress controller add-on: controller pods behind a LoadBalancer Service (on when omitted). */
  readonly ingressController?: boolean;
  /** Which controller the add-on runs; ingress-nginx when omitted. */
  readonly ingressControllerType?: IngressControllerType;
  /** What the cloud's load balancers target for `type: LoadBalancer`; `nodeport` when omitted. */
  readonly loadBalancer?: LoadBalancerMode;
  /**
   * Whether the CNI masquerades pod traffic to addresses outside the cluster to the node's
   * address: Flannel `--ip-masq`, Calico `natOutgoing` on the IP pool, Cilium
   * `enable-ipv4-masquerade`, Weave Net, kube-router `--enable-pod-egress`. On when omitted, as
   * each project's default install has it; false keeps the pod IP (a pool without natOutgoing).
   */
  readonly egressMasquerade?: boolean;
  /**
   * ip-masq-agent runs on the nodes with this configuration (kubernetes.io, "IP Masquerade Agent
   * User Guide"): destinations in `nonMasqueradeCIDRs` keep the pod IP, every other outside
   * destination is masqueraded by the agent, which then decides instead of the CNI's own rule.
   * Without a list the agent's defaults apply (the RFC 1918 ranges).
   */
  readonly ipMasqAgent?: {
    readonly nonMasqueradeCIDRs?: readonly string[];
    /** Masquerade link-local destinations (169.254.0.0/16) too; false by default. */
    readonly masqLinkLocal?: boolean;
  };
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
  /**
   * The subnet of the node's primary interface (a CIDR holding its IP); the whole node
   * network when omitted. Nodes whose subnets differ are not on one L2 segment: kube-router
   * tunnels to a peer outside its own subnet.
   */
  readonly subnet?: string;
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

/** core/v1 PodSpec.dnsPolicy. */
export const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] as const;
export type DnsPolicy = (typeof DNS_POLICIES)[number];

/** core/v1 PodDNSConfig. */
export interface PodDnsConfig {
  readonly nameservers?: readonly string[];
  readonly searches?: readonly string[];
  readonly options?: readonly { readonly name: string; readonly value?: string }[];
}

export interface PodSpec {
  readonly name: string;
  readonly namespace?: string;
  /** metadata.creationTimestamp (RFC 3339), when the input has it. */
  readonly creationTimestamp?: string;
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
  /** How the kubelet writes the pod's /etc/resolv.conf; ClusterFirst when omitted. */
  readonly dnsPolicy?: DnsPolicy;
  /** Nameservers, search domains and options added to (or, with None, making) resolv.conf. */
  readonly dnsConfig?: PodDnsConfig;
  /** false: the kubelet gives the containers no Service variables but the API server's. */
  readonly enableServiceLinks?: boolean;
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

/** An EndpointSlice (discovery.k8s.io/v1) of a Service, as far as routing reads it. */
export interface EndpointSliceSpec {
  readonly name: string;
  /** Each endpoint's addresses and its ready condition (omitted means ready, as kube-proxy reads it). */
  readonly endpoints: readonly {
    readonly addresses: readonly string[];
    readonly ready?: boolean;
  }[];
  /** Matched to the Service's ports by name. */
  readonly ports: readonly {
    readonly name?: string;
    readonly port: number;
    readonly protocol?: Protocol;
  }[];
}

export interface ServiceSpec {
  readonly name: string;
  readonly namespace?: string;
  /** metadata.creationTimestamp (RFC 3339), when the input has it. */
  readonly creationTimestamp?: string;
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
  /** Not-ready pods are endpoints too: kube-proxy routes to them and DNS publishes them. */
  readonly publishNotReadyAddresses?: boolean;
  /**
   * false: a LoadBalancer Service gets no node ports except those given explicitly (core/v1
   * ServiceSpec: for load balancers that do not rely on NodePorts). True when omitted.
   */
  readonly allocateLoadBalancerNodePorts?: boolean;
  /**
   * For a Service without a selector: the EndpointSlices (or Endpoints) written for it by hand,
   * which kube-proxy routes to as it would to a selector's pods.
   */
  readonly endpointSlices?: readonly EndpointSliceSpec[];
  /**
   * What this Service's cloud load balancer targets, overriding the cluster's `loadBalancer`
   * setting (AWS: the `service.beta.kubernetes.io/aws-load-balancer-nlb-target-type` and
   * `...-target-group-attributes` annotations).
   */
  readonly loadBalancerMode?: LoadBalancerMode;
}

/** networking.k8s.io/v1 IngressClass: which controller serves the Ingresses that name it. */
export interface IngressClassSpec {
  readonly name: string;
  /** `spec.controller`, for example `k8s.io/ingress-nginx`. */
  readonly controller: string;
  /** Annotated `ingressclass.kubernetes.io/is-default-class: "true"`. */
  readonly isDefault?: boolean;
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
  /**
   * metadata.annotations. The engine reads the controllers' own: ingress-nginx's
   * `nginx.ingress.kubernetes.io/service-upstream` and `use-regex` (and `rewrite-target`, which
   * turns on regex paths for the host), HAProxy Ingress's `service-upstream` and `path-type`
   * (prefix `haproxy-ingress.github.io/` or `ingress.kubernetes.io/`).
   */
  readonly annotations?: Readonly<Record<string, string>>;
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

/** A port an outside service serves (a database's 5432, an API's 443). */
export interface ExternalPortSpec {
  readonly name?: string;
  readonly port: number;
  readonly protocol?: Protocol;
}

/**
 * Something outside the cluster with an address: an Internet user, an office laptop, or an
 * outside service pods call (a managed database, a payment API) when it lists ports or a name.
 */
export interface ExternalClientSpec {
  readonly name: string;
  readonly ip: string;
  /** The ports it serves; a connection to another port is refused. Any port when omitted. */
  readonly ports?: readonly ExternalPortSpec[];
  /** Its DNS name outside the cluster (`db.example.com`), answered by the upstream resolver. */
  readonly hostname?: string;
}

export interface ClusterSpec {
  readonly settings: ClusterSettings;
  readonly nodes: readonly NodeSpec[];
  readonly namespaces?: readonly NamespaceSpec[];
  readonly pods: readonly PodSpec[];
  readonly services: readonly ServiceSpec[];
  readonly ingresses?: readonly IngressSpec[];
  /**
   * IngressClass objects. None means the ingress controller's install default (see
   * engine/ingressClass.ts).
   */
  readonly ingressClasses?: readonly IngressClassSpec[];
  readonly networkPolicies?: readonly NetworkPolicySpec[];
  readonly externalClients?: readonly ExternalClientSpec[];
  /** Gateway API objects (gateway.networking.k8s.io). */
  readonly gatewayClasses?: readonly GatewayClassSpec[];
  readonly gateways?: readonly GatewaySpec[];
  readonly httpRoutes?: readonly HTTPRouteSpec[];
  readonly referenceGrants?: readonly ReferenceGrantSpec[];
  /** CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io/v2); enforced only by Cilium. */
  readonly ciliumPolicies?: readonly CiliumPolicySpec[];
  /**
   * The Kubernetes objects the scenario was imported from (without what the API server adds), so
   * a manifests export can give back the fields PodPath does not model. Not read by the engine.
   */
  readonly sourceObjects?: readonly KubernetesObject[];
}

/** A Kubernetes object as plain JSON. */
export type KubernetesObject = Readonly<Record<string, unknown>>;

export const DEFAULT_NAMESPACE = 'default';
