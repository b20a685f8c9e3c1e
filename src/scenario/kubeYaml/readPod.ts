/** Reader for Pods and for the pod template a workload carries. */
import { parseIpv4 } from '../../engine/net.ts';
import {
  DNS_POLICIES,
  type ContainerPortSpec,
  type ContainerSpec,
  type DnsPolicy,
  type Labels,
  type PodDnsConfig,
  type PodSpec,
} from '../../engine/spec.ts';
import { isDnsLabel, isPortName, type Fields, type FieldTable } from './fields.ts';
import {
  checkObjectKeys,
  optional,
  readMeta,
  readPortEntry,
  type Meta,
} from './readCommonFields.ts';

export interface Toleration {
  readonly key?: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
  readonly effect?: string;
}

/** The pod-level spec, shared by Pods and workload templates; nodeName may still be unknown. */
export interface PodTemplateDraft extends Pick<
  PodSpec,
  | 'containers'
  | 'hostname'
  | 'subdomain'
  | 'hostNetwork'
  | 'dnsPolicy'
  | 'dnsConfig'
  | 'enableServiceLinks'
> {
  readonly nodeName?: string;
  readonly nodeSelector?: Labels;
  readonly tolerations: readonly Toleration[];
}

const POD_SPEC_FIELDS: FieldTable = {
  containers: 'read',
  initContainers: 'read',
  nodeName: 'read',
  hostname: 'read',
  subdomain: 'read',
  hostNetwork: 'read',
  nodeSelector: 'read',
  tolerations: 'read',
  dnsPolicy: 'read',
  dnsConfig: 'read',
  hostAliases: {
    skip: '/etc/hosts entries are not simulated; names resolve through cluster DNS only.',
  },
  enableServiceLinks: 'read',
  setHostnameAsFQDN: 'ignore',
  affinity: 'ignore',
  topologySpreadConstraints: 'ignore',
  automountServiceAccountToken: 'ignore',
  activeDeadlineSeconds: 'ignore',
  ephemeralContainers: 'ignore',
  hostIPC: 'ignore',
  hostPID: 'ignore',
  hostUsers: 'ignore',
  imagePullSecrets: 'ignore',
  os: 'ignore',
  overhead: 'ignore',
  preemptionPolicy: 'ignore',
  priority: 'ignore',
  priorityClassName: 'ignore',
  readinessGates: 'ignore',
  resourceClaims: 'ignore',
  resources: 'ignore',
  restartPolicy: 'ignore',
  runtimeClassName: 'ignore',
  schedulerName: 'ignore',
  schedulingGates: 'ignore',
  securityContext: 'ignore',
  serviceAccount: 'ignore',
  serviceAccountName: 'ignore',
  shareProcessNamespace: 'ignore',
  terminationGracePeriodSeconds: 'ignore',
  volumes: 'ignore',
};

const CONTAINER_FIELDS: FieldTable = {
  name: 'read',
  image: 'read',
  ports: 'read',
  restartPolicy: 'read',
  args: 'ignore',
  command: 'ignore',
  env: 'ignore',
  envFrom: 'ignore',
  imagePullPolicy: 'ignore',
  lifecycle: 'ignore',
  livenessProbe: 'ignore',
  readinessProbe: 'ignore',
  startupProbe: 'ignore',
  resizePolicy: 'ignore',
  resources: 'ignore',
  securityContext: 'ignore',
  stdin: 'ignore',
  stdinOnce: 'ignore',
  terminationMessagePath: 'ignore',
  terminationMessagePolicy: 'ignore',
  tty: 'ignore',
  volumeDevices: 'ignore',
  volumeMounts: 'ignore',
  workingDir: 'ignore',
};

const CONTAINER_PORT_FIELDS: FieldTable = {
  name: 'read',
  containerPort: 'read',
  protocol: 'read',
  hostPort: {
    skip: 'hostPort (a port opened on the node by the CNI portmap plugin) is not simulated; reach the pod through a NodePort Service instead.',
  },
  hostIP: { skip: 'hostIP is only used with hostPort, which is not simulated.' },
};

function readContainers(spec: Record<string, unknown>, path: string, f: Fields): ContainerSpec[] {
  const out: ContainerSpec[] = [];
  const read = (c: { value: Record<string, unknown>; path: string }) => {
    f.checkKeys(c.value, c.path, CONTAINER_FIELDS);
    const name = f.str(c.value, 'name', c.path);
    if (!name || !isDnsLabel(name)) {
      f.reject(`${c.path}.name`, name ? `"${name}" is not a valid container name.` : 'is missing.');
      return;
    }
    const ports: ContainerPortSpec[] = [];
    for (const p of f.records(c.value, 'ports', c.path)) {
      f.checkKeys(p.value, p.path, CONTAINER_PORT_FIELDS);
      const entry = readPortEntry(p, 'containerPort', 'a port', isPortName, f);
      if (!entry) continue;
      ports.push({
        ...optional('name', entry.name),
        containerPort: entry.number,
        ...optional('protocol', entry.protocol),
      });
    }
    const image = f.str(c.value, 'image', c.path);
    out.push({
      name,
      ...optional('image', image),
      ...(ports.length > 0 || c.value.ports !== undefined ? { ports } : {}),
    });
  };
  for (const c of f.records(spec, 'containers', path)) read(c);
  for (const c of f.records(spec, 'initContainers', path)) {
    // A native sidecar (restartPolicy: Always) keeps running beside the app and serves its ports.
    if (c.value.restartPolicy === 'Always') read(c);
  }
  if (out.length === 0 && !f.invalid)
    f.reject(`${path}.containers`, 'must list at least one container.');
  return out;
}

export function readPodSpec(
  spec: Record<string, unknown>,
  path: string,
  f: Fields,
): PodTemplateDraft {
  f.checkKeys(spec, path, POD_SPEC_FIELDS);
  const containers = readContainers(spec, path, f);
  const hostNetwork = f.bool(spec, 'hostNetwork', path);
  const dnsPolicy = readDnsPolicy(spec, path, f);
  const dnsConfig = readDnsConfig(spec, path, f);
  if (dnsPolicy === 'None' && !dnsConfig?.nameservers?.length) {
    f.reject(
      `${path}.dnsConfig.nameservers`,
      'dnsPolicy None needs at least one nameserver: the API server refuses the pod without one.',
    );
  }
  // Only false says something: true is the API server's default.
  const enableServiceLinks = f.bool(spec, 'enableServiceLinks', path) === false ? false : undefined;
  const hostname = f.str(spec, 'hostname', path);
  if (hostname !== undefined && !isDnsLabel(hostname))
    f.reject(`${path}.hostname`, `"${hostname}" is not a valid hostname.`);
  const subdomain = f.str(spec, 'subdomain', path);
  if (subdomain !== undefined && !isDnsLabel(subdomain))
    f.reject(`${path}.subdomain`, `"${subdomain}" is not a valid subdomain.`);
  const tolerations: Toleration[] = f.records(spec, 'tolerations', path).map((t) => ({
    ...optional('key', f.str(t.value, 'key', t.path) || undefined),
    operator: f.str(t.value, 'operator', t.path) === 'Exists' ? 'Exists' : 'Equal',
    ...optional('value', f.str(t.value, 'value', t.path)),
    ...optional('effect', f.str(t.value, 'effect', t.path) || undefined),
  }));
  const nodeName = f.str(spec, 'nodeName', path);
  return {
    containers,
    ...optional('nodeName', nodeName || undefined),
    ...optional('hostname', hostname),
    ...optional('subdomain', subdomain),
    ...optional('hostNetwork', hostNetwork),
    ...optional('dnsPolicy', dnsPolicy),
    ...optional('dnsConfig', dnsConfig),
    ...optional('enableServiceLinks', enableServiceLinks),
    ...optional('nodeSelector', f.labels(spec, 'nodeSelector', path)),
    tolerations,
  };
}

function readDnsPolicy(
  spec: Record<string, unknown>,
  path: string,
  f: Fields,
): DnsPolicy | undefined {
  const value = f.str(spec, 'dnsPolicy', path);
  if (value === undefined || value === '') return undefined;
  if ((DNS_POLICIES as readonly string[]).includes(value)) return value as DnsPolicy;
  f.reject(`${path}.dnsPolicy`, `"${value}" is not one of ${DNS_POLICIES.join(', ')}.`);
  return undefined;
}

/** core/v1 PodDNSConfig, with the API server's limits (3 nameservers, 32 search domains). */
function readDnsConfig(
  spec: Record<string, unknown>,
  path: string,
  f: Fields,
): PodDnsConfig | undefined {
  const config = f.rec(spec, 'dnsConfig', path);
  if (!config) return undefined;
  const at = `${path}.dnsConfig`;
  f.checkKeys(config, at, { nameservers: 'read', searches: 'read', options: 'read' });
  const nameservers = f.strings(config, 'nameservers', at);
  for (const n of nameservers ?? [])
    if (!parseIpv4(n)) f.reject(`${at}.nameservers`, `"${n}" is not an IPv4 address.`);
  if ((nameservers?.length ?? 0) > 3) f.reject(`${at}.nameservers`, 'has more than 3 addresses.');
  const searches = f.strings(config, 'searches', at);
  if ((searches?.length ?? 0) > 32) f.reject(`${at}.searches`, 'has more than 32 domains.');
  const options = f.records(config, 'options', at).flatMap((o) => {
    const name = f.str(o.value, 'name', o.path);
    if (!name) {
      f.reject(`${o.path}.name`, 'is missing.');
      return [];
    }
    return [{ name, ...optional('value', f.str(o.value, 'value', o.path)) }];
  });
  return {
    ...optional('nameservers', nameservers),
    ...optional('searches', searches),
    ...(options.length > 0 ? { options } : {}),
  };
}

export interface PodDraft {
  readonly meta: Meta;
  readonly template: PodTemplateDraft;
  readonly ready?: boolean;
  readonly ip?: string;
  /** status.hostIP: the node's address, for nodes the import has to create. */
  readonly hostIp?: string;
  /** The pod ran to completion (Succeeded/Failed): it has no IP any more. */
  readonly finished: boolean;
}

export function readPod(
  obj: Record<string, unknown>,
  f: Fields,
  generatedName?: string,
): PodDraft | undefined {
  checkObjectKeys(obj, f, { spec: 'read', status: 'read' });
  const meta = readMeta(obj, f, { namespaced: true, fallbackName: generatedName });
  if (!meta) return undefined;
  const spec = f.rec(obj, 'spec', '');
  if (!spec) {
    f.reject('spec', 'is missing.');
    return undefined;
  }
  const template = readPodSpec(spec, 'spec', f);
  const status = f.rec(obj, 'status', '') ?? {};
  let ready: boolean | undefined;
  for (const c of f.records(status, 'conditions', 'status')) {
    if (c.value.type !== 'Ready') continue;
    const s = f.str(c.value, 'status', c.path);
    if (s === 'True') ready = true;
    else if (s === 'False' || s === 'Unknown') ready = false;
  }
  const phase = f.str(status, 'phase', 'status');
  let ip = f.str(status, 'podIP', 'status');
  if (ip !== undefined && !parseIpv4(ip)) {
    // A dual-stack pod whose first address is IPv6 lists its IPv4 one in podIPs.
    const v4 = f
      .records(status, 'podIPs', 'status')
      .map((r) => r.value.ip)
      .find((x): x is string => typeof x === 'string' && parseIpv4(x) !== undefined);
    if (ip !== '' && !v4) {
      f.warn('status.podIP', `"${ip}" is not an IPv4 address; PodPath allocates one.`);
    }
    ip = v4;
  }
  const hostIp = f.str(status, 'hostIP', 'status');
  if (f.invalid) return undefined;
  return {
    meta,
    template,
    ...optional('ready', ready),
    // A host-network pod's IP is its node's; the model derives it.
    ...optional('ip', template.hostNetwork ? undefined : ip),
    ...optional('hostIp', hostIp && parseIpv4(hostIp) ? hostIp : undefined),
    finished: phase === 'Succeeded' || phase === 'Failed',
  };
}
