/**
 * An Ingress as the equivalent Gateway API objects, the way ingress2gateway's common converter
 * writes them (kubernetes-sigs/ingress2gateway pkg/i2gw/providers/common/converter.go and
 * utils.go): one Gateway per namespace and IngressClass, named after the class and of that
 * class; per host an HTTP listener on 80 (and HTTPS on 443 when the Ingress has TLS, with its
 * Secrets as certificateRefs); one HTTPRoute per host with one rule per path (Prefix becomes
 * PathPrefix, Exact stays Exact, paths of the same type and value share a rule); the default
 * backend as a route of its own without hostnames. Pure: the caller adds the result.
 */
import type {
  GatewaySpec,
  HTTPRouteRule,
  HTTPRouteSpec,
  ListenerSpec,
} from '../engine/gateway/gatewaySpec.ts';
import type { IngressBackendSpec, IngressSpec } from '../engine/spec.ts';

/** The annotation older Ingresses name their class with. */
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export interface IngressConversion {
  /** The class (and Gateway) name: the IngressClass of the Ingress. */
  readonly className: string;
  readonly gateway: GatewaySpec;
  readonly httpRoutes: readonly HTTPRouteSpec[];
  /** What could not be carried over, in plain words. */
  readonly notes: readonly string[];
}

export interface ConversionContext {
  /** The class an Ingress without one belongs to (the cluster's default IngressClass). */
  readonly defaultClass: string;
  /** A named Service port as a number, undefined when the Service has no such port. */
  readonly portNumber: (namespace: string, service: string, portName: string) => number | undefined;
}

/**
 * A name made from a host as ingress2gateway makes it (utils.go NameFromHost): every run of
 * characters other than letters and digits becomes `-`, leading dashes go, and an empty or `*`
 * host is `all-hosts`.
 */
export function nameFromHost(host: string): string {
  if (host === '' || host === '*') return 'all-hosts';
  return host.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-+/, '');
}

/** The Ingress's class as ingress2gateway reads it: the field, else the old annotation. */
export function ingressClassOf(ingress: IngressSpec, defaultClass: string): string {
  return ingress.ingressClassName ?? ingress.annotations?.[CLASS_ANNOTATION] ?? defaultClass;
}

/** Converts one Ingress. */
export function convertIngress(
  ingress: IngressSpec,
  context: ConversionContext,
): IngressConversion {
  const namespace = ingress.namespace;
  const nsField = namespace !== undefined ? { namespace } : {};
  const className = ingressClassOf(ingress, context.defaultClass);
  const notes: string[] = [];
  const backendRef = (backend: IngressBackendSpec, where: string) => {
    const port =
      typeof backend.port === 'number'
        ? backend.port
        : context.portNumber(namespace ?? 'default', backend.service, backend.port);
    if (port === undefined) {
      notes.push(
        `${where}: Service ${backend.service} has no port named "${backend.port}", so that backend was left out.`,
      );
      return undefined;
    }
    return { name: backend.service, port };
  };

  // Rules of the same host form one group, in the order the hosts first appear.
  const hosts: string[] = [];
  const pathsByHost = new Map<string, IngressSpec['rules'][number]['paths'][number][]>();
  for (const rule of ingress.rules) {
    const host = rule.host ?? '';
    if (!pathsByHost.has(host)) {
      hosts.push(host);
      pathsByHost.set(host, []);
    }
    pathsByHost.get(host)?.push(...rule.paths);
  }

  const tls = ingress.tls ?? [];
  const listeners: ListenerSpec[] = [];
  const httpRoutes: HTTPRouteSpec[] = [];
  for (const host of hosts) {
    // A rule without host takes the TLS host when the Ingress names exactly one.
    const hostname =
      host !== ''
        ? host
        : tls.length === 1 && tls[0].hosts.length === 1
          ? tls[0].hosts[0]
          : undefined;
    const prefix = hostname ? `${nameFromHost(hostname)}-` : '';
    const hostField = hostname ? { hostname } : {};
    listeners.push({ name: `${prefix}http`, port: 80, protocol: 'HTTP', ...hostField });
    if (tls.length > 0) {
      listeners.push({
        name: `${prefix}https`,
        port: 443,
        protocol: 'HTTPS',
        ...hostField,
        tls: {
          certificateRefs: tls.flatMap((t) => (t.secretName ? [{ name: t.secretName }] : [])),
        },
      });
    }
    // Paths with the same type and value share one rule, its backends in order.
    const rules: { key: string; rule: HTTPRouteRule }[] = [];
    for (const path of pathsByHost.get(host) ?? []) {
      const where = `Ingress ${ingress.name}, host ${host || '(any)'}, path ${path.path ?? '/'}`;
      if (path.pathType === 'ImplementationSpecific') {
        notes.push(
          `${where}: pathType ImplementationSpecific has no Gateway API equivalent (ingress2gateway's generic conversion refuses it); that path was left out.`,
        );
        continue;
      }
      const value = path.path ?? '/';
      const type = path.pathType === 'Exact' ? 'Exact' : 'PathPrefix';
      const key = `${type} ${value}`;
      const ref = backendRef(path.backend, where);
      let entry = rules.find((r) => r.key === key);
      if (!entry) {
        entry = { key, rule: { matches: [{ path: { type, value } }], backendRefs: [] } };
        rules.push(entry);
      }
      if (ref)
        entry.rule = { ...entry.rule, backendRefs: [...(entry.rule.backendRefs ?? []), ref] };
    }
    httpRoutes.push({
      name: `${ingress.name}-${nameFromHost(host)}`,
      ...nsField,
      parentRefs: [{ name: className }],
      ...(host !== '' ? { hostnames: [host] } : {}),
      rules: rules.map((r) => r.rule),
    });
  }

  if (ingress.defaultBackend) {
    const ref = backendRef(ingress.defaultBackend, `Ingress ${ingress.name}, default backend`);
    httpRoutes.push({
      name: `${ingress.name}-default-backend`,
      ...nsField,
      parentRefs: [{ name: className }],
      rules: ref ? [{ backendRefs: [ref] }] : [],
    });
  }
  // A Gateway needs a listener; an Ingress with only a default backend takes every host on 80.
  if (listeners.length === 0) listeners.push({ name: 'http', port: 80, protocol: 'HTTP' });

  return {
    className,
    gateway: { name: className, ...nsField, gatewayClassName: className, listeners },
    httpRoutes,
    notes,
  };
}
