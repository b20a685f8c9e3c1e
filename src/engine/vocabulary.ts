/**
 * One closed vocabulary for what happens to a packet, shared by engine, UI and tests.
 * Verdict words follow Hubble's flow verdicts where they overlap (FORWARDED, DROPPED, TRANSLATED).
 */
export const Verdict = {
  Forwarded: 'Forwarded',
  Translated: 'Translated',
  Encapsulated: 'Encapsulated',
  Decapsulated: 'Decapsulated',
  Resolved: 'Resolved',
  Allowed: 'Allowed',
  Delivered: 'Delivered',
  Dropped: 'Dropped',
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export const DropReason = {
  PolicyDenied: 'PolicyDenied',
  NoEndpoints: 'NoEndpoints',
  NoRoute: 'NoRoute',
  NotListening: 'NotListening',
  NodeHasNoLocalEndpoint: 'NodeHasNoLocalEndpoint',
  NoIngressRule: 'NoIngressRule',
  NXDOMAIN: 'NXDOMAIN',
  ServFail: 'ServFail',
  UnknownTarget: 'UnknownTarget',
  NoIngressController: 'NoIngressController',
  PortNotExposed: 'PortNotExposed',
  HairpinNotSupported: 'HairpinNotSupported',
  NoNodePort: 'NoNodePort',
  GatewayNotProgrammed: 'GatewayNotProgrammed',
  NoRouteMatch: 'NoRouteMatch',
  BackendUnavailable: 'BackendUnavailable',
  HttpDenied: 'HttpDenied',
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];

/** Plain words for each drop reason, for lists and captions. */
export const DROP_REASON_TEXT: Record<DropReason, string> = {
  PolicyDenied: 'a NetworkPolicy does not allow it',
  NoEndpoints: 'the Service has no ready endpoints',
  NoRoute: 'there is no route to the destination',
  NotListening: 'nothing listens on that port',
  NodeHasNoLocalEndpoint: 'this node has no local endpoint and the traffic policy is Local',
  NoIngressRule: 'no Ingress rule matches and there is no default backend',
  NXDOMAIN: 'the name does not exist (NXDOMAIN)',
  ServFail: 'the DNS server could not answer (SERVFAIL)',
  UnknownTarget: 'the destination is not part of the scenario',
  NoIngressController: 'no ingress controller runs in the cluster',
  PortNotExposed: 'the Service does not expose that port',
  HairpinNotSupported:
    'the service proxy does not masquerade a pod that reaches itself through its Service (hairpin)',
  NoNodePort: 'the load balancer sends to node ports, but the Service has none',
  GatewayNotProgrammed: 'no controller programs the Gateway (its GatewayClass does not exist)',
  NoRouteMatch: 'no HTTPRoute rule matches the request, so the gateway answers 404',
  BackendUnavailable: 'the matched rule has no usable backend, so the gateway answers 500',
  HttpDenied: 'a Cilium L7 rule does not allow this HTTP request, so the proxy answers 403',
};

/** Where a hop happens. */
export const Place = {
  Container: 'Container',
  PodNetns: 'PodNetns',
  Veth: 'Veth',
  Bridge: 'Bridge',
  Ebpf: 'Ebpf',
  Node: 'Node',
  Tunnel: 'Tunnel',
  KubeProxy: 'KubeProxy',
  LoadBalancer: 'LoadBalancer',
  IngressController: 'IngressController',
  GatewayProxy: 'GatewayProxy',
  L7Proxy: 'L7Proxy',
  CoreDns: 'CoreDns',
  Client: 'Client',
  Network: 'Network',
} as const;
export type Place = (typeof Place)[keyof typeof Place];

export const Direction = { Request: 'request', Reply: 'reply' } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

export const TERMINAL_VERDICTS: readonly Verdict[] = [Verdict.Delivered, Verdict.Dropped];
