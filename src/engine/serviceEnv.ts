/**
 * The Service environment variables the kubelet gives a container (KUBERNETES-NETWORKING.md
 * section 3, "Environment variables"): for each Service with a ClusterIP in the pod's
 * namespace, plus the `kubernetes` Service of the default namespace, the
 * `{NAME}_SERVICE_HOST` / `_SERVICE_PORT` pair with one variable per named port, then the
 * Docker-link style `{NAME}_PORT` and `{NAME}_PORT_{port}_{PROTO}` with its `_PROTO`, `_PORT`
 * and `_ADDR`. The per-Service order follows the kubelet's envvars package; the kubelet keeps
 * Services in a map, so the order between Services is not defined there: here it is by name.
 * A pod with `enableServiceLinks: false` gets only the API server's (pkg/kubelet
 * kubelet_pods.go, getServiceEnvVarMap). The kubelet reads the Services it knows when it starts a
 * container, so a Service created later gives none (docs, "Service" concepts page, "Environment
 * variables": the Service must exist before the client pod). PodPath knows only creation times:
 * a Service whose creationTimestamp is after the pod's gives none; without both times every
 * Service counts as existing when the pod started.
 */
import type { ClusterModel, ServicePortModel } from './model.ts';
import { nthAddress } from './net.ts';
import { DEFAULT_NAMESPACE } from './spec.ts';

/** A pod named by "namespace/name", or by its parts. */
export type PodLike = string | { readonly namespace?: string; readonly name: string };

interface EnvService {
  readonly name: string;
  readonly clusterIP: string;
  readonly ports: readonly Pick<ServicePortModel, 'name' | 'port' | 'protocol'>[];
}

/**
 * The variable name the kubelet derives from a Service or port name (envvars.go,
 * makeEnvVariableName): dashes become underscores, upper case, nothing else. Service names are
 * DNS-1035 labels and port names IANA service names, so no dot or leading digit needs handling.
 */
export function envName(name: string): string {
  return name.replaceAll('-', '_').toUpperCase();
}

/** The Service environment variables of a pod's containers, in kubelet order. */
export function serviceEnv(model: ClusterModel, pod: PodLike): [string, string][] {
  const ref =
    typeof pod === 'string'
      ? pod.includes('/')
        ? { namespace: pod.slice(0, pod.indexOf('/')), name: pod.slice(pod.indexOf('/') + 1) }
        : { namespace: DEFAULT_NAMESPACE, name: pod }
      : { namespace: pod.namespace ?? DEFAULT_NAMESPACE, name: pod.name };
  const byName = new Map<string, EnvService>();
  // The API server's own Service is always there, even when the model does not list it.
  byName.set('kubernetes', {
    name: 'kubernetes',
    clusterIP: nthAddress(model.settings.serviceCidrParsed, 1),
    ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
  });
  const podModel = model.pods.find((p) => p.namespace === ref.namespace && p.name === ref.name);
  const links = podModel?.enableServiceLinks ?? true;
  for (const s of model.services) {
    if (!s.clusterIP || s.headless || s.type === 'ExternalName' || s.ports.length === 0) continue;
    if (createdAfter(s.creationTimestamp, podModel?.creationTimestamp)) continue;
    const isMaster = s.namespace === DEFAULT_NAMESPACE && s.name === 'kubernetes';
    if ((links && s.namespace === ref.namespace) || isMaster) {
      byName.set(s.name, { name: s.name, clusterIP: s.clusterIP, ports: s.ports });
    }
  }
  const out: [string, string][] = [];
  for (const s of [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const prefix = envName(s.name);
    out.push([`${prefix}_SERVICE_HOST`, s.clusterIP]);
    out.push([`${prefix}_SERVICE_PORT`, String(s.ports[0].port)]);
    for (const p of s.ports) {
      if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
    }
    s.ports.forEach((p, i) => {
      const proto = p.protocol.toLowerCase();
      const url = `${proto}://${s.clusterIP}:${p.port}`;
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const portPrefix = `${prefix}_PORT_${p.port}_${p.protocol.toUpperCase()}`;
      out.push([portPrefix, url]);
      out.push([`${portPrefix}_PROTO`, proto]);
      out.push([`${portPrefix}_PORT`, String(p.port)]);
      out.push([`${portPrefix}_ADDR`, s.clusterIP]);
    });
  }
  return out;
}

/** Whether `later` is a time after `earlier`; false when either is missing or unreadable. */
function createdAfter(later: string | undefined, earlier: string | undefined): boolean {
  const a = later === undefined ? NaN : Date.parse(later);
  const b = earlier === undefined ? NaN : Date.parse(earlier);
  return !Number.isNaN(a) && !Number.isNaN(b) && a > b;
}
