/**
 * Small typed builders for engine tests and benchmarks: a cluster spec in a few lines, and probes
 * by "ns/name" text (readers.ts pulls single facts out of what they build). Pure, like the
 * engine itself; nothing here is used by the engine at run time.
 */
import { buildCluster } from '../cluster/buildCluster.ts';
import type { ClusterModel } from '../model.ts';
import type { Protocol } from '../net.ts';
import { runProbe } from '../probe.ts';
import {
  DEFAULT_SETTINGS,
  type ClusterSettings,
  type ClusterSpec,
  type ContainerPortSpec,
  type ContainerSpec,
  type IngressSpec,
  type LabelSelector,
  type Labels,
  type NetworkPolicyEgressRule,
  type NetworkPolicyIngressRule,
  type NetworkPolicySpec,
  type NodeSpec,
  type PodSpec,
  type ServicePortSpec,
  type ServiceSpec,
} from '../spec.ts';
import type { Probe, ProbeSource, ProbeTarget, Trace } from '../trace.ts';

/** Splits "ns/name" (or "name", in default). */
export function splitRef(ref: string): { namespace: string; name: string } {
  const i = ref.indexOf('/');
  return i < 0
    ? { namespace: 'default', name: ref }
    : { namespace: ref.slice(0, i), name: ref.slice(i + 1) };
}

export interface ClusterParts {
  readonly settings?: Partial<ClusterSettings>;
  /** Node specs, or a count (node-1 .. node-n). Two nodes when omitted. */
  readonly nodes?: number | readonly NodeSpec[];
  readonly namespaces?: ClusterSpec['namespaces'];
  readonly pods?: readonly PodSpec[];
  readonly services?: readonly ServiceSpec[];
  readonly ingresses?: readonly IngressSpec[];
  readonly networkPolicies?: readonly NetworkPolicySpec[];
  readonly externalClients?: ClusterSpec['externalClients'];
}

/** A cluster spec with the default settings (flannel VXLAN, iptables) unless overridden. */
export function cluster(parts: ClusterParts = {}): ClusterSpec {
  const nodes = parts.nodes ?? 2;
  return {
    settings: { ...DEFAULT_SETTINGS, ...parts.settings },
    nodes:
      typeof nodes === 'number'
        ? Array.from({ length: nodes }, (_, i) => ({ name: `node-${i + 1}` }))
        : nodes,
    namespaces: parts.namespaces,
    pods: parts.pods ?? [],
    services: parts.services ?? [],
    ingresses: parts.ingresses,
    networkPolicies: parts.networkPolicies,
    externalClients: parts.externalClients ?? [{ name: 'user', ip: '198.51.100.7' }],
  };
}

/** A container port: a number, `name:number`, or a full spec. */
export type PortShorthand = number | `${string}:${number}` | ContainerPortSpec;

function containerPort(p: PortShorthand): ContainerPortSpec {
  if (typeof p === 'number') return { containerPort: p };
  if (typeof p === 'string') {
    const [name, port] = p.split(':');
    return { name, containerPort: Number(port) };
  }
  return p;
}

/** A container by name, listening on the given ports. */
export function container(name: string, ports: readonly PortShorthand[] = []): ContainerSpec {
  return { name, ports: ports.map(containerPort) };
}

export interface PodOptions {
  readonly node?: string;
  readonly labels?: Labels;
  /** Ports of a single container named `app`; ignored when containers is given. */
  readonly ports?: readonly PortShorthand[];
  readonly containers?: readonly ContainerSpec[];
  readonly ready?: boolean;
  readonly ip?: string;
  readonly hostNetwork?: boolean;
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly dnsPolicy?: PodSpec['dnsPolicy'];
  readonly dnsConfig?: PodSpec['dnsConfig'];
}

/** A pod by "ns/name", on node-1 unless told, with one container `app`. */
export function pod(ref: string, o: PodOptions = {}): PodSpec {
  const { namespace, name } = splitRef(ref);
  return {
    name,
    namespace,
    nodeName: o.node ?? 'node-1',
    labels: o.labels,
    ready: o.ready,
    ip: o.ip,
    hostNetwork: o.hostNetwork,
    hostname: o.hostname,
    subdomain: o.subdomain,
    ...(o.dnsPolicy ? { dnsPolicy: o.dnsPolicy } : {}),
    ...(o.dnsConfig ? { dnsConfig: o.dnsConfig } : {}),
    containers: o.containers ?? [container('app', o.ports)],
  };
}

/** A web server pod: labelled app=web, its port `http` on 8080, which the tests' Services target. */
export function webPod(ref: string, o: PodOptions = {}): PodSpec {
  return pod(ref, { labels: { app: 'web' }, ports: ['http:8080'], ...o });
}

export type ServiceOptions = Omit<ServiceSpec, 'name' | 'namespace' | 'ports'> & {
  /** Service ports: a number (port = targetPort) or full specs. Port 80 when omitted. */
  readonly ports?: readonly (number | ServicePortSpec)[];
};

/** A Service by "ns/name". */
export function svc(ref: string, o: ServiceOptions = {}): ServiceSpec {
  const { namespace, name } = splitRef(ref);
  const ports = (o.ports ?? [80]).map((p) => (typeof p === 'number' ? { port: p } : p));
  return { ...o, name, namespace, ports };
}

export interface PolicyOptions {
  readonly podSelector?: LabelSelector;
  readonly policyTypes?: NetworkPolicySpec['policyTypes'];
  readonly ingress?: readonly NetworkPolicyIngressRule[];
  readonly egress?: readonly NetworkPolicyEgressRule[];
}

/** A NetworkPolicy by "ns/name"; podSelector `{}` unless told. */
export function netpol(ref: string, o: PolicyOptions = {}): NetworkPolicySpec {
  const { namespace, name } = splitRef(ref);
  return {
    name,
    namespace,
    podSelector: o.podSelector ?? {},
    policyTypes: o.policyTypes,
    ingress: o.ingress,
    egress: o.egress,
  };
}

/** Shorthand for `{ matchLabels }`. */
export function labels(l: Labels): LabelSelector {
  return { matchLabels: l };
}

// ---------------------------------------------------------------------------------------------
// Probes

function source(from: string): ProbeSource {
  if (from.startsWith('node:')) return { kind: 'node', name: from.slice(5) };
  if (from.startsWith('ext:')) return { kind: 'external', name: from.slice(4) };
  return { kind: 'pod', ...splitRef(from) };
}

function target(to: string): ProbeTarget {
  if (to.startsWith('pod:')) return { kind: 'pod', ...splitRef(to.slice(4)) };
  if (to.startsWith('ip:')) return { kind: 'ip', ip: to.slice(3) };
  if (to.startsWith('http://') || to.startsWith('https://')) return { kind: 'url', url: to };
  if (to === 'localhost') return { kind: 'localhost' };
  return { kind: 'name', name: to };
}

/**
 * A probe from text: from "ns/pod", "node:node-1" or "ext:user"; to "pod:ns/name", "ip:1.2.3.4",
 * a URL, "localhost", or any other text as a DNS name.
 */
export function probe(
  from: string,
  to: string,
  o: { port?: number; protocol?: Protocol; seed?: number } = {},
): Probe {
  return { from: source(from), to: target(to), ...o };
}

/** Builds the model and runs one probe. */
export function trace(spec: ClusterSpec | ClusterModel, p: Probe): Trace {
  const model = 'diagnostics' in spec ? spec : buildCluster(spec);
  return runProbe(model, p);
}
