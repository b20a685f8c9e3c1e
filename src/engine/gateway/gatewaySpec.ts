/**
 * Gateway API objects (gateway.networking.k8s.io/v1) as a person writes them: GatewayClass,
 * Gateway, HTTPRoute, and ReferenceGrant (v1beta1). Plain JSON, every field that the API
 * defaults is optional here and defaulted where it is read. Field names follow the API so YAML
 * maps one to one.
 */
import type { LabelSelector } from '../spec.ts';

/** The API group every kind here belongs to. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

export interface GatewayClassSpec {
  readonly name: string;
  /** Which implementation serves Gateways of this class (Envoy Gateway, Cilium, ...). */
  readonly controllerName: string;
  readonly description?: string;
}

export type ListenerProtocol = 'HTTP' | 'HTTPS';

export interface SecretObjectReference {
  readonly name: string;
  readonly namespace?: string;
  readonly kind?: string;
  readonly group?: string;
}

export interface GatewayTlsConfig {
  /** Terminate (the default) ends TLS at the gateway; Passthrough needs a TLSRoute. */
  readonly mode?: 'Terminate' | 'Passthrough';
  readonly certificateRefs?: readonly SecretObjectReference[];
}

export type FromNamespaces = 'Same' | 'All' | 'Selector';

export interface RouteGroupKind {
  readonly group?: string;
  readonly kind: string;
}

export interface AllowedRoutes {
  readonly namespaces?: { readonly from?: FromNamespaces; readonly selector?: LabelSelector };
  readonly kinds?: readonly RouteGroupKind[];
}

export interface ListenerSpec {
  readonly name: string;
  readonly port: number;
  readonly protocol: ListenerProtocol;
  /** Unset: every host. A wildcard `*.example.com` matches one or more labels at the left. */
  readonly hostname?: string;
  readonly tls?: GatewayTlsConfig;
  readonly allowedRoutes?: AllowedRoutes;
}

export interface GatewaySpec {
  readonly name: string;
  readonly namespace?: string;
  readonly gatewayClassName: string;
  readonly listeners: readonly ListenerSpec[];
  /** spec.addresses: a requested IP for the Gateway's load balancer. */
  readonly addresses?: readonly { readonly type?: string; readonly value: string }[];
}

export interface ParentReference {
  readonly name: string;
  readonly namespace?: string;
  readonly group?: string;
  readonly kind?: string;
  /** A listener name of the Gateway. */
  readonly sectionName?: string;
  readonly port?: number;
}

export type PathMatchType = 'Exact' | 'PathPrefix';

export interface HTTPPathMatch {
  /** PathPrefix when omitted. */
  readonly type?: PathMatchType;
  /** `/` when omitted. */
  readonly value?: string;
}

export interface HTTPHeaderMatch {
  readonly type?: 'Exact';
  readonly name: string;
  readonly value: string;
}

export interface HTTPQueryParamMatch {
  readonly type?: 'Exact';
  readonly name: string;
  readonly value: string;
}

export const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
] as const;
export type HTTPMethod = (typeof HTTP_METHODS)[number];

export interface HTTPRouteMatch {
  readonly path?: HTTPPathMatch;
  readonly headers?: readonly HTTPHeaderMatch[];
  readonly queryParams?: readonly HTTPQueryParamMatch[];
  readonly method?: HTTPMethod;
}

export interface HTTPHeader {
  readonly name: string;
  readonly value: string;
}

export interface HTTPHeaderFilter {
  readonly set?: readonly HTTPHeader[];
  readonly add?: readonly HTTPHeader[];
  readonly remove?: readonly string[];
}

export type HTTPPathModifier =
  | { readonly type: 'ReplaceFullPath'; readonly replaceFullPath: string }
  | { readonly type: 'ReplacePrefixMatch'; readonly replacePrefixMatch: string };

export interface HTTPRequestRedirectFilter {
  readonly scheme?: 'http' | 'https';
  readonly hostname?: string;
  readonly path?: HTTPPathModifier;
  readonly port?: number;
  /** 302 when omitted. */
  readonly statusCode?: 301 | 302 | 303 | 307 | 308;
}

export interface HTTPURLRewriteFilter {
  readonly hostname?: string;
  readonly path?: HTTPPathModifier;
}

export interface BackendObjectReference {
  readonly name: string;
  readonly namespace?: string;
  /** `Service` (core group) when omitted. */
  readonly kind?: string;
  readonly group?: string;
  readonly port?: number;
}

export interface HTTPRequestMirrorFilter {
  readonly backendRef: BackendObjectReference;
  /** Share of requests mirrored, 0 to 100; every request when omitted. */
  readonly percent?: number;
}

export type HTTPRouteFilterType =
  | 'RequestHeaderModifier'
  | 'ResponseHeaderModifier'
  | 'RequestRedirect'
  | 'URLRewrite'
  | 'RequestMirror';

export interface HTTPRouteFilter {
  readonly type: HTTPRouteFilterType;
  readonly requestHeaderModifier?: HTTPHeaderFilter;
  readonly responseHeaderModifier?: HTTPHeaderFilter;
  readonly requestRedirect?: HTTPRequestRedirectFilter;
  readonly urlRewrite?: HTTPURLRewriteFilter;
  readonly requestMirror?: HTTPRequestMirrorFilter;
}

export interface HTTPBackendRef extends BackendObjectReference {
  /** 1 when omitted; 0 never receives requests. */
  readonly weight?: number;
}

export interface HTTPRouteRule {
  readonly name?: string;
  /** One match of PathPrefix `/` when omitted. */
  readonly matches?: readonly HTTPRouteMatch[];
  readonly filters?: readonly HTTPRouteFilter[];
  readonly backendRefs?: readonly HTTPBackendRef[];
}

export interface HTTPRouteSpec {
  readonly name: string;
  readonly namespace?: string;
  /** metadata.creationTimestamp (RFC 3339): the older route wins a tie. */
  readonly creationTimestamp?: string;
  readonly parentRefs: readonly ParentReference[];
  readonly hostnames?: readonly string[];
  /** One rule sending `/` nowhere when omitted (the API's default). */
  readonly rules?: readonly HTTPRouteRule[];
}

export interface ReferenceGrantFrom {
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
}

export interface ReferenceGrantTo {
  readonly group: string;
  readonly kind: string;
  readonly name?: string;
}

/** Lives in the namespace of the target: it lets the `from` objects refer to the `to` objects. */
export interface ReferenceGrantSpec {
  readonly name: string;
  readonly namespace?: string;
  readonly from: readonly ReferenceGrantFrom[];
  readonly to: readonly ReferenceGrantTo[];
}
