/**
 * The cluster model: the spec with everything Kubernetes derives filled in. Node pod CIDRs,
 * pod IPs, ClusterIPs, NodePorts and load balancer IPs are allocated deterministically; values
 * given in the spec are kept; conflicts become diagnostics instead of exceptions.
 */
import type { CiliumPolicySpec } from './cilium/ciliumSpec.ts';
import type {
  GatewayClassSpec,
  GatewaySpec,
  HTTPRouteSpec,
  ReferenceGrantSpec,
} from './gateway/gatewaySpec.ts';
import type { Cidr, Ipv4, PortRange, Protocol } from './net.ts';
import type {
  ClusterSettings,
  ContainerSpec,
  DnsPolicy,
  PodDnsConfig,
  LoadBalancerMode,
  ExternalClientSpec,
  IngressClassSpec,
  IngressSpec,
  Labels,
  NetworkPolicySpec,
  ServiceType,
} from './spec.ts';
import type { ObjectRef } from './trace.ts';

export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'note';
  readonly message: string;
  readonly ref?: ObjectRef;
  /** The field the message is about, as a path (`ports[0].nodePort`). */
  readonly field?: string;
}

export interface NodeModel {
  readonly ref: ObjectRef;
  readonly name: string;
  readonly index: number;
  readonly ip: Ipv4;
  /** The subnet of the node's primary interface: its own, or the whole node network. */
  readonly subnet: Cidr;
  readonly podCidr: Cidr;
  /** The pod gateway: the bridge (cni0) address on the node, `.1` of the pod CIDR. */
  readonly gateway: Ipv4;
  readonly labels: Labels;
}

export interface PodModel {
  readonly ref: ObjectRef;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly node: string;
  readonly ip: Ipv4;
  readonly ready: boolean;
  readonly containers: readonly ContainerSpec[];
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly hostNetwork: boolean;
  readonly dnsPolicy: DnsPolicy;
  readonly dnsConfig?: PodDnsConfig;
  /** spec.enableServiceLinks; true when omitted. */
  readonly enableServiceLinks: boolean;
  /** metadata.creationTimestamp (RFC 3339), when the input has it. */
  readonly creationTimestamp?: string;
  /** The host side of the pod's veth pair, named the way the CNI names it. */
  readonly hostVeth: string;
  /** Added by the model (CoreDNS, the ingress controller), not by the person. */
  readonly system: boolean;
  readonly ownerRef?: string;
}

export interface ServicePortModel {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly targetPort: number | string;
  readonly nodePort?: number;
}

export interface EndpointModel {
  readonly pod: PodModel;
  readonly ip: Ipv4;
  /** targetPort resolved for this pod (named ports resolve per pod). */
  readonly port: number;
  readonly ready: boolean;
}

export interface ServiceModel {
  readonly ref: ObjectRef;
  readonly name: string;
  readonly namespace: string;
  readonly type: ServiceType;
  readonly headless: boolean;
  readonly clusterIP: Ipv4 | null;
  readonly loadBalancerIP: Ipv4 | null;
  /** For type LoadBalancer: what its cloud load balancer targets (the Service's, else the cluster's). */
  readonly loadBalancerMode: LoadBalancerMode | null;
  /**
   * The load balancer's own address on the node network: the source of the connections it
   * opens (`proxy`) or forwards without the client's address (`ip`).
   */
  readonly loadBalancerSourceIP: Ipv4 | null;
  readonly ports: readonly ServicePortModel[];
  readonly selector?: Labels;
  readonly externalName?: string;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly sessionAffinityTimeoutSeconds: number;
  readonly healthCheckNodePort?: number;
  /** Endpoints count as ready whether or not their pods are (spec.publishNotReadyAddresses). */
  readonly publishNotReadyAddresses: boolean;
  /** metadata.creationTimestamp (RFC 3339), when the input has it. */
  readonly creationTimestamp?: string;
  /** Per service port (same order as ports): the ready endpoints, then the not-ready ones. */
  readonly endpoints: readonly (readonly EndpointModel[])[];
  /** Every pod the selector matches, ready or not. */
  readonly selectedPods: readonly PodModel[];
  readonly system: boolean;
}

export interface NamespaceModel {
  readonly name: string;
  readonly labels: Labels;
}

export interface ExternalClientModel {
  readonly ref: ObjectRef;
  readonly name: string;
  readonly ip: Ipv4;
  /** The ports an outside service serves; undefined for a client (or a service on any port). */
  readonly ports?: readonly ExternalPortModel[];
  /** Its name outside the cluster, lower-case, without a trailing dot. */
  readonly hostname?: string;
}

export interface ExternalPortModel {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface ResolvedSettings extends ClusterSettings {
  readonly clusterCidrParsed: Cidr;
  readonly serviceCidrParsed: Cidr;
  readonly nodeNetworkParsed: Cidr;
  readonly nodePorts: PortRange;
  readonly dnsServiceIp: Ipv4;
}

export interface ClusterModel {
  readonly settings: ResolvedSettings;
  readonly nodes: readonly NodeModel[];
  readonly namespaces: readonly NamespaceModel[];
  readonly pods: readonly PodModel[];
  readonly services: readonly ServiceModel[];
  readonly ingresses: readonly IngressSpec[];
  /** The IngressClass objects of the scenario, as given (none: the controller's install default). */
  readonly ingressClasses: readonly IngressClassSpec[];
  readonly networkPolicies: readonly NetworkPolicySpec[];
  readonly externalClients: readonly ExternalClientModel[];
  readonly gatewayClasses: readonly GatewayClassSpec[];
  readonly gateways: readonly GatewaySpec[];
  readonly httpRoutes: readonly HTTPRouteSpec[];
  readonly referenceGrants: readonly ReferenceGrantSpec[];
  readonly ciliumPolicies: readonly CiliumPolicySpec[];
  readonly diagnostics: readonly Diagnostic[];
}

export type { ExternalClientSpec };
