/**
 * Checks for values a person types in the inspector, run before anything is written to the
 * document: each returns a sentence saying what is wrong (and why Kubernetes minds), or null.
 * The inspector keeps invalid text in the field and the document keeps the last valid value.
 */
import {
  cidrContains,
  cidrRange,
  cidrsOverlap,
  parseCidr,
  parseIpv4,
  parsePortRange,
  rangeWithin,
} from '../engine/net.ts';
import type { ClusterSpec, ContainerSpec, ServicePortSpec } from '../engine/spec.ts';
import { DEFAULT_NAMESPACE, DEFAULT_SETTINGS } from '../engine/spec.ts';
import { namespaceNames } from '../scenario/document/edits/documentQueries.ts';
import { nodeKey, serviceKey, type ElementKind } from '../scenario/document/elementKey.ts';
import {
  isDns1035Label,
  isDnsLabel,
  isDnsSubdomain,
  isLabelKeyName,
  isLabelKeyPrefix,
  isLabelValue,
  isPortName,
  LABEL_MAX,
  PORT_NAME_MAX,
  splitLabelKey,
} from '../scenario/document/kubeNames.ts';

export type CheckResult = string | null;

/** Errors of a list editor, by field path (`ports[1].name`). */
export type FieldErrors = Readonly<Record<string, string>>;

/** The kinds whose names the inspector checks. */
export type NamedKind =
  | Extract<ElementKind, 'Node' | 'Pod' | 'Service' | 'Ingress' | 'NetworkPolicy'>
  | Extract<ElementKind, 'Namespace' | 'ExternalClient'>
  | 'Deployment';

/** Object names: Services are DNS-1035 labels, most others DNS-1123 labels or subdomains. */
export function checkObjectName(
  kind: NamedKind,
  name: string,
  taken: ReadonlySet<string> = new Set(),
): CheckResult {
  if (name === '') return 'A name is required.';
  // Stricter than a subdomain's 253 for every kind: a pod's name is its hostname, one DNS label.
  if (name.length > LABEL_MAX) return `A name has at most ${LABEL_MAX} characters.`;
  if (kind === 'Service' || kind === 'Namespace') {
    const valid = kind === 'Service' ? isDns1035Label : isDnsLabel;
    if (!valid(name)) {
      return kind === 'Service'
        ? 'Use lower-case letters, digits and "-", starting with a letter (the name becomes a DNS label).'
        : 'Use lower-case letters, digits and "-", starting and ending with a letter or digit.';
    }
  } else if (!isDnsSubdomain(name)) {
    return 'Use lower-case letters, digits, "-" and ".", starting and ending with a letter or digit.';
  }
  if (taken.has(name))
    return `Another ${kind === 'ExternalClient' ? 'client' : kind} is already named ${name}${kind === 'Node' || kind === 'Namespace' || kind === 'ExternalClient' ? '' : ' in this namespace'}.`;
  return null;
}

export function checkLabelKey(key: string): CheckResult {
  if (key === '') return 'A label needs a key.';
  const { prefix, name } = splitLabelKey(key);
  if (prefix !== undefined && !isLabelKeyPrefix(prefix)) {
    return 'The prefix before "/" must be a DNS subdomain, like example.com.';
  }
  if (!isLabelKeyName(name)) {
    return 'A label key is up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.';
  }
  return null;
}

export function checkLabelValue(value: string): CheckResult {
  if (!isLabelValue(value)) {
    return 'A label value is up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.';
  }
  return null;
}

/** Checks key/value rows; errors are keyed `[i].key` / `[i].value`. */
export function checkLabelRows(
  rows: readonly (readonly [string, string])[],
  checkValue: (value: string) => CheckResult = checkLabelValue,
): FieldErrors {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  rows.forEach(([key, value], i) => {
    const keyError = checkLabelKey(key);
    if (keyError) errors[`[${i}].key`] = keyError;
    else if (seen.has(key)) errors[`[${i}].key`] = `The key ${key} is listed twice.`;
    seen.add(key);
    const valueError = checkValue(value);
    if (valueError) errors[`[${i}].value`] = valueError;
  });
  return errors;
}

/** Parses a port number typed as text. */
export function parsePort(text: string): { value: number } | { error: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: 'A port is a whole number from 1 to 65535.' };
  const value = Number(t);
  if (value < 1 || value > 65535)
    return { error: `${value} is not a port: ports go from 1 to 65535.` };
  return { value };
}

/** A targetPort is a number, or the name of a container port. */
export function parseTargetPort(text: string): { value: number | string } | { error: string } {
  const t = text.trim();
  if (/^\d+$/.test(t)) return parsePort(t);
  const error = checkPortName(t);
  return error ? { error } : { value: t };
}

/** Container port names (IANA_SVC_NAME): at most 15 lower-case letters, digits and "-". */
export function checkPortName(name: string): CheckResult {
  if (name === '') return 'A port name cannot be empty here.';
  if (name.length > PORT_NAME_MAX) return `A port name has at most ${PORT_NAME_MAX} characters.`;
  if (!isPortName(name)) {
    return 'A port name uses lower-case letters, digits and single "-", with at least one letter.';
  }
  return null;
}

/** The cluster's NodePort range, falling back to the default when the setting is unreadable. */
export function nodePortRangeOf(cluster: ClusterSpec) {
  return (
    parsePortRange(cluster.settings.nodePortRange) ??
    (parsePortRange(DEFAULT_SETTINGS.nodePortRange) as { from: number; to: number })
  );
}

/** A nodePort must lie in the range and not be taken by another Service port. */
export function checkNodePort(
  cluster: ClusterSpec,
  key: string,
  portIndex: number,
  nodePort: number,
): CheckResult {
  const { from, to } = nodePortRangeOf(cluster);
  if (nodePort < from || nodePort > to) {
    return `nodePort ${nodePort} is outside the NodePort range ${from}-${to}.`;
  }
  for (const s of cluster.services) {
    const own = serviceKey(s) === key;
    const clash = s.ports.findIndex((p, i) => p.nodePort === nodePort && !(own && i === portIndex));
    if (clash >= 0 && (s.type === 'NodePort' || s.type === 'LoadBalancer')) {
      return `nodePort ${nodePort} is already allocated to Service ${s.name}: every node listens on it, so two Services cannot share it.`;
    }
    if (s.healthCheckNodePort === nodePort && !own) {
      return `nodePort ${nodePort} is already the health check port of Service ${s.name}.`;
    }
  }
  return null;
}

/** Errors of a Service's port list, keyed `ports[i].field`. */
export function checkServicePorts(ports: readonly ServicePortSpec[]): FieldErrors {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.port}/${p.protocol ?? 'TCP'}`;
    if (seen.has(key)) errors[`ports[${i}].port`] = `Port ${key} is listed twice.`;
    seen.add(key);
    if (p.name) {
      if (!isDnsLabel(p.name)) {
        errors[`ports[${i}].name`] = 'A port name uses lower-case letters, digits and "-".';
      } else if (names.has(p.name)) {
        errors[`ports[${i}].name`] = `The port name ${p.name} is used twice.`;
      }
      names.add(p.name);
    } else if (ports.length > 1) {
      errors[`ports[${i}].name`] = 'Every port of a multi-port Service needs a name.';
    }
  });
  return errors;
}

/**
 * Errors of a pod's containers, keyed `containers[i].ports[j].containerPort` and so on.
 * Containers of a pod share one network namespace, so no two may bind the same port.
 */
export function checkContainers(containers: readonly ContainerSpec[]): FieldErrors {
  const errors: Record<string, string> = {};
  const bound = new Map<string, string>();
  const portNames = new Set<string>();
  const containerNames = new Set<string>();
  if (containers.length === 0) errors.containers = 'A pod needs at least one container.';
  containers.forEach((c, ci) => {
    const nameError = checkContainerName(c.name);
    if (nameError) errors[`containers[${ci}].name`] = nameError;
    else if (containerNames.has(c.name)) {
      errors[`containers[${ci}].name`] = `Two containers are named ${c.name}.`;
    }
    containerNames.add(c.name);
    (c.ports ?? []).forEach((p, pi) => {
      const key = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
      const owner = bound.get(key);
      if (owner !== undefined) {
        errors[`containers[${ci}].ports[${pi}].containerPort`] =
          owner === c.name
            ? `${c.name} lists ${key} twice.`
            : `${owner} already binds ${key}: containers of a pod share one network namespace, so two cannot listen on the same port.`;
      }
      bound.set(key, c.name);
      if (p.name !== undefined) {
        const error = checkPortName(p.name);
        if (error) errors[`containers[${ci}].ports[${pi}].name`] = error;
        else if (portNames.has(p.name)) {
          errors[`containers[${ci}].ports[${pi}].name`] =
            `The port name ${p.name} is already used in this pod; a Service's targetPort must name one port.`;
        }
        portNames.add(p.name);
      }
    });
  });
  return errors;
}

/** A name check: `empty` for no name (null: none is fine), `wrong` for one `valid` refuses. */
const nameCheck =
  (valid: (name: string) => boolean, empty: CheckResult, wrong: string) =>
  (name: string): CheckResult =>
    name === '' ? empty : valid(name) ? null : wrong;

export const checkContainerName = nameCheck(
  isDnsLabel,
  'A container needs a name.',
  'Use lower-case letters, digits and "-", starting and ending with a letter or digit.',
);

export const checkHostname = nameCheck(
  isDnsLabel,
  null,
  'A hostname is one DNS label: lower-case letters, digits and "-".',
);

export function checkIpv4(text: string, what = 'address'): CheckResult {
  return parseIpv4(text) ? null : `"${text}" is not an IPv4 ${what}, like 192.168.49.2.`;
}

export function checkCidr(text: string): CheckResult {
  return parseCidr(text) ? null : `"${text}" is not a CIDR block, like 10.244.0.0/16.`;
}

export function checkNodeIp(cluster: ClusterSpec, key: string, text: string): CheckResult {
  const error = checkIpv4(text);
  if (error) return error;
  const ip = parseIpv4(text);
  const other = cluster.nodes.find((n) => nodeKey(n) !== key && n.ip && parseIpv4(n.ip) === ip);
  if (other) return `${ip} is already node ${other.name}'s address.`;
  return null;
}

export function checkPodCidr(cluster: ClusterSpec, key: string, text: string): CheckResult {
  const error = checkCidr(text);
  if (error) return error;
  const block = parseCidr(text)!;
  const clusterCidr = parseCidr(cluster.settings.clusterCidr);
  if (clusterCidr && !rangeWithin(cidrRange(block), cidrRange(clusterCidr))) {
    return `${block} is outside the cluster CIDR ${clusterCidr}: pod addresses come from that range.`;
  }
  const other = cluster.nodes.find((n) => {
    if (nodeKey(n) === key || !n.podCidr) return false;
    const c = parseCidr(n.podCidr);
    return c ? cidrsOverlap(c, block) : false;
  });
  if (other)
    return `${block} overlaps node ${other.name}'s pod CIDR: each node needs its own block.`;
  return null;
}

/** A node's subnet is a CIDR that holds the node's address. */
export function checkNodeSubnet(ip: string | undefined, text: string): CheckResult {
  const error = checkCidr(text);
  if (error) return error;
  const subnet = parseCidr(text)!;
  const address = ip ? parseIpv4(ip) : undefined;
  if (address && !cidrContains(subnet, address)) {
    return `${subnet} does not hold the node's address ${address}.`;
  }
  return null;
}

/** Annotation values are free text, within the API server's size limit. */
export function checkAnnotationValue(value: string): CheckResult {
  return value.length > 4096 ? 'An annotation value here is at most 4096 characters.' : null;
}

export function checkNodePortRange(cluster: ClusterSpec, text: string): CheckResult {
  const range = parsePortRange(text);
  if (!range) return `"${text}" is not a port range, like 30000-32767 (low-high, within 1-65535).`;
  for (const s of cluster.services) {
    for (const p of s.ports) {
      if (p.nodePort !== undefined && (p.nodePort < range.from || p.nodePort > range.to)) {
        return `Service ${s.name} uses nodePort ${p.nodePort}, outside ${range.from}-${range.to}. Change that first.`;
      }
    }
  }
  return null;
}

/** The cluster and Service CIDRs must not overlap: a packet's address must say which it is. */
export function checkClusterCidrs(clusterCidr: string, serviceCidr: string): CheckResult {
  const a = parseCidr(clusterCidr);
  const b = parseCidr(serviceCidr);
  if (!a) return checkCidr(clusterCidr);
  if (!b) return checkCidr(serviceCidr);
  if (cidrsOverlap(a, b)) {
    return `The cluster CIDR ${a} and the Service CIDR ${b} overlap: an address must be either a pod's or a Service's.`;
  }
  return null;
}

export function checkIngressHost(host: string): CheckResult {
  if (host === '') return null;
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  if (!isDnsSubdomain(bare)) {
    return 'A host is a DNS name like shop.example.com (a leading "*." is allowed); no port, no IP.';
  }
  return null;
}

export function checkIngressPath(path: string): CheckResult {
  if (!path.startsWith('/')) return 'A path starts with "/".';
  return null;
}

export const checkExternalName = nameCheck(
  isDnsSubdomain,
  'An ExternalName Service needs the DNS name it points to.',
  'externalName is a DNS name like db.example.com.',
);

export function checkClientIp(cluster: ClusterSpec, name: string, text: string): CheckResult {
  const error = checkIpv4(text);
  if (error) return error;
  const ip = parseIpv4(text);
  const other = (cluster.externalClients ?? []).find(
    (c) => c.name !== name && parseIpv4(c.ip) === ip,
  );
  return other ? `${ip} is already ${other.name}'s address.` : null;
}

/** Names taken by other objects of a kind in a namespace (excluding the one being renamed). */
export function takenNames(
  list: readonly { readonly name: string; readonly namespace?: string }[] | undefined,
  namespace: string | null,
  except: string,
): Set<string> {
  return new Set(
    (list ?? [])
      .filter((o) => namespace === null || (o.namespace ?? DEFAULT_NAMESPACE) === namespace)
      .map((o) => o.name)
      .filter((n) => n !== except),
  );
}

/**
 * The names an element of this kind cannot take: those of the others of its kind in its scope
 * (its namespace, or the whole cluster for cluster-wide kinds).
 */
export function namesTakenInScope(
  cluster: ClusterSpec,
  kind: Exclude<NamedKind, 'Deployment'>,
  namespace: string,
  except: string,
): Set<string> {
  switch (kind) {
    case 'Node':
      return takenNames(cluster.nodes, null, except);
    case 'ExternalClient':
      return takenNames(cluster.externalClients, null, except);
    case 'Namespace':
      return new Set(namespaceNames(cluster).filter((n) => n !== except));
    case 'Pod':
      return takenNames(cluster.pods, namespace, except);
    case 'Service':
      return takenNames(cluster.services, namespace, except);
    case 'Ingress':
      return takenNames(cluster.ingresses, namespace, except);
    case 'NetworkPolicy':
      return takenNames(cluster.networkPolicies, namespace, except);
  }
}
