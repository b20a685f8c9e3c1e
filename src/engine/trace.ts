/**
 * The shape of a simulation result: an ordered list of hops for the request and the reply,
 * each with the packet before and after, a verdict, one plain sentence, and what decided it.
 */
import type { Ipv4, Protocol } from './net.ts';
import type { Direction, DropReason, Place, Verdict } from './vocabulary.ts';

/** A stable reference to a scenario object, for linking a hop to what is on the canvas. */
export interface ObjectRef {
  readonly kind:
    | 'Node'
    | 'Pod'
    | 'Service'
    | 'Ingress'
    | 'NetworkPolicy'
    | 'Namespace'
    | 'ExternalClient'
    | 'LoadBalancer'
    | 'GatewayClass'
    | 'Gateway'
    | 'HTTPRoute'
    | 'ReferenceGrant'
    | 'CiliumNetworkPolicy'
    | 'CiliumClusterwideNetworkPolicy';
  readonly namespace?: string;
  readonly name: string;
}

export function refKey(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export interface Endpoint {
  readonly ip: Ipv4;
  readonly port: number;
}

export interface OuterHeader {
  readonly encapsulation: 'VXLAN' | 'IPIP' | 'Geneve' | 'WeaveSleeve';
  readonly src: Ipv4;
  readonly dst: Ipv4;
  /** UDP for VXLAN/Geneve/sleeve, IP protocol 4 for IP-in-IP. */
  readonly protocol: 'UDP' | 'IPIP';
  readonly dstPort?: number;
  readonly vni?: number;
  /** The device that encapsulates (flannel.1, tunl0, vxlan.calico, cilium_vxlan, ...). */
  readonly device: string;
  /** Bytes the outer headers cost, and the pod MTU that leaves. */
  readonly overheadBytes: number;
  readonly innerMtu: number;
}

export interface HttpLayer {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly path: string;
  /** GET when omitted. */
  readonly method?: string;
  /** The query string without `?`. */
  readonly query?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly tls?: 'encrypted' | 'terminated';
}

export interface Packet {
  readonly protocol: Protocol;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly outer?: OuterHeader;
  readonly http?: HttpLayer;
  readonly dns?: { readonly question: string; readonly type: string };
}

export interface Location {
  readonly place: Place;
  /** Device or component name as it appears on a real node: eth0, veth3a1c, cni0, flannel.1. */
  readonly device: string;
  /** The node the hop happens on, when it happens on one. */
  readonly node?: string;
  /** The canvas element the packet is at. */
  readonly at?: ObjectRef;
}

/** Something that decided a hop: a rule, a route, a policy, a choice among candidates. */
export interface Decision {
  readonly kind:
    | 'route'
    | 'service'
    | 'kube-proxy'
    | 'conntrack'
    | 'load-balancing'
    | 'network-policy'
    | 'dns'
    | 'ingress-rule'
    | 'gateway-route'
    | 'l7-policy'
    | 'cni';
  readonly summary: string;
  readonly ref?: ObjectRef;
  /** The rules as the component writes them (iptables chains, IPVS servers, routes). */
  readonly rules?: readonly string[];
  readonly candidates?: readonly LoadBalancingCandidate[];
  /** For policy decisions: which policy and rule (0-based index) matched. */
  readonly policy?: {
    readonly name: string;
    readonly namespace: string;
    readonly ruleIndex?: number;
    /** NetworkPolicy when omitted. */
    readonly kind?: 'NetworkPolicy' | 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';
  };
}

export interface LoadBalancingCandidate {
  readonly label: string;
  readonly endpoint: Endpoint;
  readonly pod?: ObjectRef;
  readonly node?: string;
  readonly probability: number;
  readonly chosen: boolean;
}

export interface Hop {
  readonly direction: Direction;
  readonly location: Location;
  readonly verdict: Verdict;
  readonly reason?: DropReason;
  readonly before: Packet;
  readonly after: Packet;
  /** One plain sentence a student understands. */
  readonly explanation: string;
  readonly decisions?: readonly Decision[];
}

/** Where a probe starts. */
export type ProbeSource =
  | {
      readonly kind: 'pod';
      readonly namespace: string;
      readonly name: string;
      readonly container?: string;
    }
  | { readonly kind: 'node'; readonly name: string }
  | { readonly kind: 'external'; readonly name: string };

/** Where a probe goes; text targets are parsed by parseTarget. */
export type ProbeTarget =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'ip'; readonly ip: string }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'localhost' };

/** What an http(s) URL probe sends besides the URL, and which Gateway it is meant for. */
export interface ProbeHttp {
  readonly method?: string;
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  /** `namespace/name` of the Gateway to send through; found by host when omitted. */
  readonly gateway?: string;
}

export interface Probe {
  readonly from: ProbeSource;
  readonly to: ProbeTarget;
  readonly port?: number;
  readonly protocol?: Protocol;
  readonly seed?: number;
  readonly http?: ProbeHttp;
}

/** What an HTTP request came to: the status and, through a Gateway, which route took it. */
export interface HttpOutcome {
  /** The status the client gets; undefined when the backend pod answers (it decides). */
  readonly status?: number;
  /** `namespace/name` of the Gateway, when one routed the request. */
  readonly gateway?: string;
  readonly route?: string;
  /** 1-based index of the rule that matched. */
  readonly rule?: number;
  readonly backend: {
    readonly namespace: string;
    readonly service: string;
    readonly port: number;
  } | null;
  readonly location?: string;
}

export interface DeliveredTo {
  readonly pod: ObjectRef;
  readonly ip: Ipv4;
  readonly port: number;
  readonly container?: string;
}

/** A destination outside the cluster that the request reached. */
export interface DeliveredOutside {
  readonly ip: Ipv4;
  readonly port: number;
  /** The scenario's outside element with that address, when there is one. */
  readonly element?: ObjectRef;
  /** The outside name the application resolved, when it connected by name. */
  readonly name?: string;
}

export interface Trace {
  readonly probe: Probe;
  readonly verdict: 'Delivered' | 'Dropped';
  readonly reason?: DropReason;
  /** The DNS lookup that resolved a name target, itself simulated traffic. */
  readonly lookup?: Trace;
  readonly hops: readonly Hop[];
  readonly reply: readonly Hop[];
  readonly deliveredTo: DeliveredTo | null;
  /** Set when the request left the cluster and reached an outside address. */
  readonly outside?: DeliveredOutside;
  /** The source address the destination saw. */
  readonly seenSource: Ipv4 | null;
  /** One-line summary of the whole journey. */
  readonly summary: string;
  /** For an http(s) URL: the HTTP answer and, through a Gateway, the route that took it. */
  readonly http?: HttpOutcome;
}
