/**
 * Cilium's own policies (cilium.io/v2): CiliumNetworkPolicy, scoped to its namespace, and
 * CiliumClusterwideNetworkPolicy, for the whole cluster. Field names follow the CRDs
 * (docs.cilium.io, "Policy Language"; pkg/policy/api rule.go, ingress.go, egress.go, l4.go,
 * http.go) so YAML maps one to one.
 */
import type { LabelSelector } from '../spec.ts';

export type CiliumPolicyKind = 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';

/**
 * Whether a cluster's CNI enforces Cilium's policies: only Cilium reads them (the CRDs are
 * Cilium's own; docs.cilium.io "Network Policy": other CNIs ignore cilium.io objects).
 */
export function enforcesCiliumPolicies(cniPlugin: string): boolean {
  return cniPlugin === 'cilium';
}

/** The entities Cilium knows without labels ("Policy Language", Entities Based). */
export const CILIUM_ENTITIES = [
  'world',
  'cluster',
  'host',
  'remote-node',
  'kube-apiserver',
  'all',
] as const;
export type CiliumEntity = (typeof CILIUM_ENTITIES)[number];

export interface CiliumPortProtocol {
  /** A number or a named port, as text; "0" or omitted means every port. */
  readonly port?: string;
  readonly endPort?: number;
  /** ANY when omitted. */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP' | 'ANY';
}

/**
 * One HTTP rule: every field set must match. method, path and host are regular expressions
 * matched against the whole value; headers are `Name` (present) or `Name: value` (equal).
 */
export interface CiliumHttpRule {
  readonly method?: string;
  readonly path?: string;
  readonly host?: string;
  readonly headers?: readonly string[];
}

/** A DNS rule for Cilium's DNS proxy: an exact name, or a pattern where `*` stands for labels. */
export interface CiliumDnsRule {
  readonly matchName?: string;
  readonly matchPattern?: string;
}

export interface CiliumPortRule {
  readonly ports?: readonly CiliumPortProtocol[];
  readonly rules?: {
    readonly http?: readonly CiliumHttpRule[];
    readonly dns?: readonly CiliumDnsRule[];
  };
}

export interface CiliumCidrRule {
  readonly cidr: string;
  readonly except?: readonly string[];
}

export interface CiliumIngressRule {
  readonly fromEndpoints?: readonly LabelSelector[];
  readonly fromCIDR?: readonly string[];
  readonly fromCIDRSet?: readonly CiliumCidrRule[];
  readonly fromEntities?: readonly CiliumEntity[];
  readonly toPorts?: readonly CiliumPortRule[];
}

export interface CiliumEgressRule {
  readonly toEndpoints?: readonly LabelSelector[];
  readonly toCIDR?: readonly string[];
  readonly toCIDRSet?: readonly CiliumCidrRule[];
  readonly toEntities?: readonly CiliumEntity[];
  readonly toFQDNs?: readonly CiliumDnsRule[];
  readonly toPorts?: readonly CiliumPortRule[];
}

export interface CiliumPolicySpec {
  readonly kind: CiliumPolicyKind;
  readonly name: string;
  /** CiliumNetworkPolicy only; the clusterwide kind has none. */
  readonly namespace?: string;
  readonly description?: string;
  /** The endpoints (pods) the policy applies to; `{}` selects all of them. */
  readonly endpointSelector: LabelSelector;
  readonly ingress?: readonly CiliumIngressRule[];
  readonly egress?: readonly CiliumEgressRule[];
  /** Deny rules win over every allow, of any kind of policy ("Deny Policies"). */
  readonly ingressDeny?: readonly CiliumIngressRule[];
  readonly egressDeny?: readonly CiliumEgressRule[];
}
