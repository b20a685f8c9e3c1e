/**
 * One reader per Kubernetes kind: an untrusted object in, the matching spec part out, with every
 * field either read, ignored on purpose (it does not change networking), or reported.
 */
import { parseCidr, parseIpv4, isProtocol, type Protocol } from '../../engine/net.ts';
import type {
  ContainerPortSpec,
  ContainerSpec,
  IngressBackendSpec,
  IngressPathSpec,
  IngressRuleSpec,
  IngressSpec,
  LabelSelector,
  LabelSelectorRequirement,
  Labels,
  NamespaceSpec,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
  ServicePortSpec,
  ServiceSpec,
  ServiceType,
} from '../../engine/spec.ts';
import {
  ingressControllerAnnotations,
  loadBalancerModeFrom,
  SIMULATED_NGINX_ANNOTATIONS,
  SUBNET_ANNOTATION,
} from './extensionAnnotations.ts';
import { Fields, isDnsLabel, isDnsSubdomain, isPortName, type FieldTable } from './fields.ts';

// ---------------------------------------------------------------------------------------------
// Metadata

export interface Meta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly { readonly kind: string; readonly name: string }[];
}

const METADATA_FIELDS: FieldTable = {
  name: 'read',
  generateName: 'read',
  namespace: 'read',
  labels: 'read',
  annotations: 'read',
  ownerReferences: 'read',
  uid: 'ignore',
  resourceVersion: 'ignore',
  generation: 'ignore',
  creationTimestamp: 'ignore',
  deletionTimestamp: 'ignore',
  deletionGracePeriodSeconds: 'ignore',
  managedFields: 'ignore',
  selfLink: 'ignore',
  finalizers: 'ignore',
};

/** Reads `metadata`; undefined when the object has no usable name. */
export function readMeta(
  obj: Record<string, unknown>,
  f: Fields,
  opts: { namespaced: boolean; nameIsLabel?: boolean; fallbackName?: string },
): Meta | undefined {
  const m = f.rec(obj, 'metadata', '') ?? {};
  f.checkKeys(m, 'metadata', METADATA_FIELDS);
  let name = f.str(m, 'name', 'metadata');
  if (name === undefined && opts.fallbackName !== undefined) name = opts.fallbackName;
  if (name === undefined) {
    f.reject('metadata.name', 'is missing.');
    return undefined;
  }
  const nameOk = opts.nameIsLabel ? isDnsLabel(name) : isDnsSubdomain(name);
  if (!nameOk) {
    f.reject(
      'metadata.name',
      `"${name}" is not a valid name (lower-case letters, digits and "-"${opts.nameIsLabel ? '' : ' or "."'}, starting and ending with a letter or digit).`,
    );
    return undefined;
  }
  let namespace: string | undefined;
  if (opts.namespaced) {
    namespace = f.str(m, 'namespace', 'metadata');
    if (namespace !== undefined && !isDnsLabel(namespace)) {
      f.reject('metadata.namespace', `"${namespace}" is not a valid namespace name.`);
      return undefined;
    }
  } else if (m.namespace !== undefined) {
    f.note('metadata.namespace', 'this kind is not namespaced; the namespace is ignored.');
  }
  const ownerReferences = f
    .records(m, 'ownerReferences', 'metadata')
    .map((r) => ({
      kind: f.str(r.value, 'kind', r.path) ?? '',
      name: f.str(r.value, 'name', r.path) ?? '',
    }))
    .filter((r) => r.kind && r.name);
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...optional('labels', f.labels(m, 'labels', 'metadata')),
    ...optional('annotations', f.labels(m, 'annotations', 'metadata', false)),
    ownerReferences,
  };
}

/** `{ key: value }` when value is defined, else `{}`: keeps absent fields absent. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

// ---------------------------------------------------------------------------------------------
// Namespace

export function readNamespace(obj: Record<string, unknown>, f: Fields): NamespaceSpec | undefined {
  f.checkKeys(obj, '', {
    apiVersion: 'read',
    kind: 'read',
    metadata: 'read',
    spec: 'ignore',
    status: 'ignore',
  });
  const meta = readMeta(obj, f, { namespaced: false, nameIsLabel: true });
  if (!meta || f.invalid) return undefined;
  return { name: meta.name, ...optional('labels', meta.labels) };
}

// ---------------------------------------------------------------------------------------------
// Node

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

export interface NodeDraft {
  readonly name: string;
  readonly ip?: string;
  readonly podCidr?: string;
  readonly subnet?: string;
  readonly labels?: Labels;
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
}

export function readNode(obj: Record<string, unknown>, f: Fields): NodeDraft | undefined {
  f.checkKeys(obj, '', {
    apiVersion: 'read',
    kind: 'read',
    metadata: 'read',
    spec: 'read',
    status: 'read',
  });
  const meta = readMeta(obj, f, { namespaced: false });
  if (!meta) return undefined;
  const spec = f.rec(obj, 'spec', '') ?? {};
  f.checkKeys(spec, 'spec', {
    podCIDR: 'read',
    podCIDRs: 'read',
    taints: 'read',
    unschedulable: 'read',
    providerID: 'ignore',
    externalID: 'ignore',
    configSource: 'ignore',
  });
  let podCidr: string | undefined;
  for (const c of [
    f.str(spec, 'podCIDR', 'spec'),
    ...(f.strings(spec, 'podCIDRs', 'spec') ?? []),
  ]) {
    if (c === undefined) continue;
    if (parseCidr(c)) {
      podCidr = c;
      break;
    }
    if (!c.includes(':')) f.warn('spec.podCIDR', `"${c}" is not an IPv4 CIDR; ignored.`);
  }
  const taints: Taint[] = f.records(spec, 'taints', 'spec').flatMap((t) => {
    const key = f.str(t.value, 'key', t.path);
    const effect = f.str(t.value, 'effect', t.path);
    if (!key || !effect) return [];
    return [{ key, effect, ...optional('value', f.str(t.value, 'value', t.path)) }];
  });
  const status = f.rec(obj, 'status', '') ?? {};
  let ip: string | undefined;
  for (const a of f.records(status, 'addresses', 'status')) {
    if (f.str(a.value, 'type', a.path) !== 'InternalIP') continue;
    const address = f.str(a.value, 'address', a.path);
    if (address && parseIpv4(address)) {
      ip = address;
      break;
    }
  }
  if (f.invalid) return undefined;
  return {
    name: meta.name,
    ...optional('ip', ip),
    ...optional('podCidr', podCidr),
    ...optional('subnet', meta.annotations?.[SUBNET_ANNOTATION]),
    ...optional('labels', meta.labels),
    taints,
    unschedulable: f.bool(spec, 'unschedulable', 'spec') ?? false,
  };
}

// ---------------------------------------------------------------------------------------------
// Pods and pod templates

export interface Toleration {
  readonly key?: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
  readonly effect?: string;
}

/** The pod-level spec, shared by Pods and workload templates; nodeName may still be unknown. */
export interface PodTemplateDraft {
  readonly containers: readonly ContainerSpec[];
  readonly nodeName?: string;
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly hostNetwork?: boolean;
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
  dnsConfig: {
    skip: 'custom resolver settings are not simulated; the pod uses the cluster DNS (ClusterFirst).',
  },
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

function readProtocol(
  obj: Record<string, unknown>,
  path: string,
  f: Fields,
): Protocol | undefined | null {
  const p = f.str(obj, 'protocol', path);
  if (p === undefined) return undefined;
  if (isProtocol(p)) return p;
  f.drop(`${path}.protocol`, `"${p}" is not TCP, UDP or SCTP; the entry is ignored.`);
  return null;
}

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
      const containerPort = f.port(p.value, 'containerPort', p.path);
      const protocol = readProtocol(p.value, p.path, f);
      if (containerPort === undefined || protocol === null) {
        if (containerPort === undefined)
          f.warn(
            `${p.path}.containerPort`,
            'a port needs a number from 1 to 65535; the port is ignored.',
          );
        continue;
      }
      let portName = f.str(p.value, 'name', p.path);
      if (portName !== undefined && !isPortName(portName)) {
        f.warn(
          `${p.path}.name`,
          `"${portName}" is not a valid port name; the port is kept without it.`,
        );
        portName = undefined;
      }
      ports.push({
        ...optional('name', portName),
        containerPort,
        ...optional('protocol', protocol),
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
  const dnsPolicy = f.str(spec, 'dnsPolicy', path);
  const hostNetwork = f.bool(spec, 'hostNetwork', path);
  if (dnsPolicy === 'Default') {
    f.note(
      `${path}.dnsPolicy`,
      "Default (the node's resolver) is not simulated; the pod resolves names like ClusterFirst.",
    );
  } else if (
    dnsPolicy &&
    dnsPolicy !== 'ClusterFirst' &&
    !(dnsPolicy === 'ClusterFirstWithHostNet' && hostNetwork)
  ) {
    f.warn(
      `${path}.dnsPolicy`,
      `${dnsPolicy} is not simulated; the pod resolves names like ClusterFirst.`,
    );
  }
  if (f.bool(spec, 'enableServiceLinks', path) === false) {
    f.note(
      `${path}.enableServiceLinks`,
      'false is not kept: PodPath shows the docker-link variables ({NAME}_PORT...) as if it were true.',
    );
  }
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
    ...optional('nodeSelector', f.labels(spec, 'nodeSelector', path)),
    tolerations,
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
  f.checkKeys(obj, '', {
    apiVersion: 'read',
    kind: 'read',
    metadata: 'read',
    spec: 'read',
    status: 'read',
  });
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

// ---------------------------------------------------------------------------------------------
// Label selectors

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

export function readLabelSelector(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  f: Fields,
): LabelSelector | undefined {
  const sel = f.rec(obj, key, path);
  if (!sel) return undefined;
  const at = `${path ? `${path}.` : ''}${key}`;
  f.checkKeys(sel, at, { matchLabels: 'read', matchExpressions: 'read' });
  const matchLabels = f.labels(sel, 'matchLabels', at);
  const exprs = f.records(sel, 'matchExpressions', at);
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const e of exprs) {
    const k = f.str(e.value, 'key', e.path);
    const operator = f.str(e.value, 'operator', e.path);
    const values = f.strings(e.value, 'values', e.path);
    if (!k) {
      f.reject(`${e.path}.key`, 'is missing.');
      continue;
    }
    if (!operator || !(OPERATORS as readonly string[]).includes(operator)) {
      f.reject(
        `${e.path}.operator`,
        `"${operator ?? ''}" is not In, NotIn, Exists or DoesNotExist.`,
      );
      continue;
    }
    const op = operator as LabelSelectorRequirement['operator'];
    const needsValues = op === 'In' || op === 'NotIn';
    if (needsValues && (!values || values.length === 0)) {
      f.reject(`${e.path}.values`, `must not be empty for ${op}.`);
      continue;
    }
    if (!needsValues && values && values.length > 0) {
      f.reject(`${e.path}.values`, `must be empty for ${op}.`);
      continue;
    }
    matchExpressions.push({ key: k, operator: op, ...(needsValues ? { values } : {}) });
  }
  return {
    ...optional('matchLabels', matchLabels),
    ...(sel.matchExpressions !== undefined ? { matchExpressions } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Service

const SERVICE_TYPES: readonly ServiceType[] = [
  'ClusterIP',
  'NodePort',
  'LoadBalancer',
  'ExternalName',
];

const SERVICE_SPEC_FIELDS: FieldTable = {
  type: 'read',
  selector: 'read',
  ports: 'read',
  clusterIP: 'read',
  clusterIPs: 'read',
  externalName: 'read',
  externalTrafficPolicy: 'read',
  internalTrafficPolicy: 'read',
  sessionAffinity: 'read',
  sessionAffinityConfig: 'read',
  loadBalancerIP: 'read',
  healthCheckNodePort: 'read',
  ipFamilies: 'read',
  ipFamilyPolicy: 'ignore',
  externalIPs: { skip: 'traffic to externalIPs is not simulated.' },
  loadBalancerSourceRanges: {
    skip: 'the simulated load balancer does not filter by source range.',
  },
  loadBalancerClass: {
    skip: 'PodPath runs one load balancer implementation; the class is ignored.',
  },
  publishNotReadyAddresses: {
    skip: 'not-ready pods stay out of the endpoints and DNS in PodPath.',
  },
  allocateLoadBalancerNodePorts: 'read',
  trafficDistribution: { skip: 'topology-aware routing preferences are not simulated.' },
};

export function readService(obj: Record<string, unknown>, f: Fields): ServiceSpec | undefined {
  f.checkKeys(obj, '', {
    apiVersion: 'read',
    kind: 'read',
    metadata: 'read',
    spec: 'read',
    status: 'read',
  });
  const meta = readMeta(obj, f, { namespaced: true, nameIsLabel: true });
  if (!meta) return undefined;
  const spec = f.rec(obj, 'spec', '') ?? {};
  f.checkKeys(spec, 'spec', SERVICE_SPEC_FIELDS);
  const typeText = f.str(spec, 'type', 'spec');
  if (typeText !== undefined && !(SERVICE_TYPES as readonly string[]).includes(typeText)) {
    f.reject(
      'spec.type',
      `"${typeText}" is not ClusterIP, NodePort, LoadBalancer or ExternalName.`,
    );
    return undefined;
  }
  const type = typeText as ServiceType | undefined;
  if ((f.strings(spec, 'ipFamilies', 'spec') ?? []).includes('IPv6')) {
    f.warn('spec.ipFamilies', 'PodPath simulates IPv4 only; the IPv6 family is ignored.');
  }
  if (f.bool(spec, 'allocateLoadBalancerNodePorts', 'spec') === false) {
    f.warn(
      'spec.allocateLoadBalancerNodePorts',
      'false is not simulated: the load balancer still reaches the nodes through NodePorts.',
    );
  }

  let clusterIP = f.str(spec, 'clusterIP', 'spec');
  if (clusterIP?.includes(':')) {
    // Dual stack with IPv6 first: the IPv4 address, if any, is in clusterIPs.
    clusterIP =
      (f.strings(spec, 'clusterIPs', 'spec') ?? []).find((x) => parseIpv4(x)) ?? clusterIP;
  }
  if (
    clusterIP === '' ||
    (clusterIP !== undefined && clusterIP !== 'None' && !parseIpv4(clusterIP))
  ) {
    if (clusterIP)
      f.warn('spec.clusterIP', `"${clusterIP}" is not an IPv4 address; PodPath allocates one.`);
    clusterIP = undefined;
  }
  if (type === 'ExternalName') clusterIP = undefined;

  const ports: ServicePortSpec[] = [];
  for (const p of f.records(spec, 'ports', 'spec')) {
    f.checkKeys(p.value, p.path, {
      name: 'read',
      port: 'read',
      targetPort: 'read',
      nodePort: 'read',
      protocol: 'read',
      appProtocol: 'ignore',
    });
    const port = f.port(p.value, 'port', p.path);
    const protocol = readProtocol(p.value, p.path, f);
    if (port === undefined || protocol === null) {
      if (port === undefined)
        f.warn(
          `${p.path}.port`,
          'a Service port needs a number from 1 to 65535; the port is ignored.',
        );
      continue;
    }
    let name = f.str(p.value, 'name', p.path);
    if (name !== undefined && !isDnsLabel(name)) {
      f.warn(`${p.path}.name`, `"${name}" is not a valid port name; the port is kept without it.`);
      name = undefined;
    }
    ports.push({
      ...optional('name', name),
      port,
      ...optional('targetPort', f.portOrName(p.value, 'targetPort', p.path)),
      ...optional('nodePort', f.port(p.value, 'nodePort', p.path)),
      ...optional('protocol', protocol),
    });
  }

  const etp = f.str(spec, 'externalTrafficPolicy', 'spec');
  const itp = f.str(spec, 'internalTrafficPolicy', 'spec');
  const affinity = f.str(spec, 'sessionAffinity', 'spec');
  const policy = (v: string | undefined, field: string): 'Cluster' | 'Local' | undefined => {
    if (v === undefined || v === 'Cluster' || v === 'Local') return v;
    f.warn(`spec.${field}`, `"${v}" is not Cluster or Local; ignored.`);
    return undefined;
  };
  let sessionAffinity: 'None' | 'ClientIP' | undefined;
  if (affinity === 'None' || affinity === 'ClientIP') sessionAffinity = affinity;
  else if (affinity !== undefined)
    f.warn('spec.sessionAffinity', `"${affinity}" is not None or ClientIP; ignored.`);
  const affinityConfig = f.rec(spec, 'sessionAffinityConfig', 'spec');
  const clientIp = affinityConfig
    ? f.rec(affinityConfig, 'clientIP', 'spec.sessionAffinityConfig')
    : undefined;
  const timeout = clientIp
    ? f.int(clientIp, 'timeoutSeconds', 'spec.sessionAffinityConfig.clientIP', {
        min: 1,
        max: 86400,
      })
    : undefined;

  let loadBalancerIP = f.str(spec, 'loadBalancerIP', 'spec') || undefined;
  if (loadBalancerIP !== undefined && !parseIpv4(loadBalancerIP)) {
    f.warn('spec.loadBalancerIP', `"${loadBalancerIP}" is not an IPv4 address; ignored.`);
    loadBalancerIP = undefined;
  }
  const status = f.rec(obj, 'status', '') ?? {};
  const lb = f.rec(status, 'loadBalancer', 'status');
  if (loadBalancerIP === undefined && lb && type === 'LoadBalancer') {
    for (const ing of f.records(lb, 'ingress', 'status.loadBalancer')) {
      const ip = f.str(ing.value, 'ip', ing.path);
      if (ip && parseIpv4(ip)) {
        loadBalancerIP = ip;
        break;
      }
      const host = f.str(ing.value, 'hostname', ing.path);
      if (host) {
        f.warn(
          `${ing.path}.hostname`,
          `the load balancer is known by the name ${host}, not an address; PodPath allocates an address.`,
        );
      }
    }
  }

  const selector = f.labels(spec, 'selector', 'spec');
  const externalName = f.str(spec, 'externalName', 'spec');
  if (type === 'ExternalName' && !externalName) {
    f.reject('spec.externalName', 'is required for an ExternalName Service.');
    return undefined;
  }
  if (f.invalid) return undefined;
  return {
    name: meta.name,
    ...optional('namespace', meta.namespace),
    ...optional('type', type),
    ...optional('clusterIP', clusterIP),
    ...optional('selector', selector),
    ports,
    ...optional('externalName', type === 'ExternalName' ? externalName : undefined),
    ...optional('externalTrafficPolicy', policy(etp, 'externalTrafficPolicy')),
    ...optional('internalTrafficPolicy', policy(itp, 'internalTrafficPolicy')),
    ...optional('sessionAffinity', sessionAffinity),
    ...optional('sessionAffinityTimeoutSeconds', timeout),
    ...optional('loadBalancerIP', loadBalancerIP),
    ...optional('healthCheckNodePort', f.port(spec, 'healthCheckNodePort', 'spec')),
    ...optional(
      'loadBalancerMode',
      type === 'LoadBalancer' ? loadBalancerModeFrom(meta.annotations) : undefined,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Ingress and IngressClass

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function readIngressBackend(
  obj: Record<string, unknown>,
  path: string,
  f: Fields,
  legacy: boolean,
): IngressBackendSpec | undefined {
  if (legacy || obj.serviceName !== undefined) {
    f.checkKeys(obj, path, { serviceName: 'read', servicePort: 'read', resource: 'read' });
    const service = f.str(obj, 'serviceName', path);
    const port = f.portOrName(obj, 'servicePort', path);
    if (service && port !== undefined) return { service, port };
  } else {
    f.checkKeys(obj, path, { service: 'read', resource: 'read' });
    const svc = f.rec(obj, 'service', path);
    if (svc) {
      f.checkKeys(svc, `${path}.service`, { name: 'read', port: 'read' });
      const service = f.str(svc, 'name', `${path}.service`);
      const port = f.rec(svc, 'port', `${path}.service`) ?? {};
      f.checkKeys(port, `${path}.service.port`, { number: 'read', name: 'read' });
      const number = f.port(port, 'number', `${path}.service.port`);
      const name = f.str(port, 'name', `${path}.service.port`);
      if (service && (number !== undefined || name))
        return { service, port: number ?? (name as string) };
      f.warn(
        path,
        'a service backend needs service.name and service.port.number or .name; the path is ignored.',
      );
      return undefined;
    }
  }
  if (obj.resource !== undefined) {
    f.warn(
      `${path}.resource`,
      'resource backends (for example a storage bucket) are not simulated; the path is ignored.',
    );
    return undefined;
  }
  f.warn(path, 'the backend names no Service; the path is ignored.');
  return undefined;
}

export function readIngress(obj: Record<string, unknown>, f: Fields): IngressSpec | undefined {
  f.checkKeys(obj, '', {
    apiVersion: 'read',
    kind: 'read',
    metadata: 'read',
    spec: 'read',
    status: 'ignore',
  });
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const legacy = apiVersion !== 'networking.k8s.io/v1';
  if (legacy) {
    f.note(
      'apiVersion',
      `${apiVersion || '(none)'} is an old Ingress API (removed in Kubernetes 1.22); read as networking.k8s.io/v1.`,
    );
  }
  const meta = readMeta(obj, f, { namespaced: true });
  if (!meta) return undefined;
  const spec = f.rec(obj, 'spec', '') ?? {};
  f.checkKeys(spec, 'spec', {
    ingressClassName: 'read',
    rules: 'read',
    tls: 'read',
    defaultBackend: 'read',
    backend: 'read',
  });
  const nginxAnnotations = Object.keys(meta.annotations ?? {}).filter(
    (k) => k.startsWith('nginx.ingress.kubernetes.io/') && !SIMULATED_NGINX_ANNOTATIONS.includes(k),
  );
  for (const a of nginxAnnotations) {
    f.warn(
      `metadata.annotations["${a}"]`,
      'ingress-nginx annotations (rewrites, redirects, limits) are not simulated.',
    );
  }
  const ingressClassName =
    f.str(spec, 'ingressClassName', 'spec') ?? meta.annotations?.[INGRESS_CLASS_ANNOTATION];

  const rules: IngressRuleSpec[] = [];
  for (const r of f.records(spec, 'rules', 'spec')) {
    f.checkKeys(r.value, r.path, { host: 'read', http: 'read' });
    const host = f.str(r.value, 'host', r.path);
    const http = f.rec(r.value, 'http', r.path);
    const paths: IngressPathSpec[] = [];
    if (http) {
      f.checkKeys(http, `${r.path}.http`, { paths: 'read' });
      for (const p of f.records(http, 'paths', `${r.path}.http`)) {
        f.checkKeys(p.value, p.path, { path: 'read', pathType: 'read', backend: 'read' });
        const path = f.str(p.value, 'path', p.path);
        let pathType = f.str(p.value, 'pathType', p.path);
        if (pathType === undefined) {
          if (!legacy)
            f.warn(
              `${p.path}.pathType`,
              'is required in networking.k8s.io/v1; read as ImplementationSpecific.',
            );
          pathType = 'ImplementationSpecific';
        }
        if (
          pathType !== 'Exact' &&
          pathType !== 'Prefix' &&
          pathType !== 'ImplementationSpecific'
        ) {
          f.warn(
            `${p.path}.pathType`,
            `"${pathType}" is not Exact, Prefix or ImplementationSpecific; the path is ignored.`,
          );
          continue;
        }
        const backendObj = f.rec(p.value, 'backend', p.path);
        const backend = backendObj
          ? readIngressBackend(backendObj, `${p.path}.backend`, f, legacy)
          : undefined;
        if (!backend) continue;
        paths.push({ ...optional('path', path), pathType, backend });
      }
    }
    rules.push({ ...optional('host', host), paths });
  }

  const tls = f.records(spec, 'tls', 'spec').map((t) => {
    f.checkKeys(t.value, t.path, { hosts: 'read', secretName: 'read' });
    return {
      hosts: f.strings(t.value, 'hosts', t.path) ?? [],
      ...optional('secretName', f.str(t.value, 'secretName', t.path)),
    };
  });
  const backendKey = legacy && spec.defaultBackend === undefined ? 'backend' : 'defaultBackend';
  const defaultBackendObj = f.rec(spec, backendKey, 'spec');
  const defaultBackend = defaultBackendObj
    ? readIngressBackend(defaultBackendObj, `spec.${backendKey}`, f, legacy)
    : undefined;
  if (f.invalid) return undefined;
  return {
    name: meta.name,
    ...optional('namespace', meta.namespace),
    ...optional('ingressClassName', ingressClassName),
    ...optional('annotations', ingressControllerAnnotations(meta.annotations)),
    rules,
    ...(spec.tls !== undefined ? { tls } : {}),
    ...optional('defaultBackend', defaultBackend),
  };
}

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export function readIngressClass(
  obj: Record<string, unknown>,
  f: Fields,
): { name: string; controller: string; isDefault: boolean } | undefined {
  f.checkKeys(obj, '', { apiVersion: 'read', kind: 'read', metadata: 'read', spec: 'read' });
  const meta = readMeta(obj, f, { namespaced: false });
  if (!meta) return undefined;
  const spec = f.rec(obj, 'spec', '') ?? {};
  f.checkKeys(spec, 'spec', { controller: 'read', parameters: 'ignore' });
  return {
    name: meta.name,
    controller: f.str(spec, 'controller', 'spec') ?? '',
    isDefault: meta.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
  };
}

// ---------------------------------------------------------------------------------------------
// NetworkPolicy

function readPeer(
  p: { value: Record<string, unknown>; path: string },
  f: Fields,
): NetworkPolicyPeer | undefined {
  f.checkKeys(p.value, p.path, { podSelector: 'read', namespaceSelector: 'read', ipBlock: 'read' });
  const podSelector = readLabelSelector(p.value, 'podSelector', p.path, f);
  const namespaceSelector = readLabelSelector(p.value, 'namespaceSelector', p.path, f);
  const block = f.rec(p.value, 'ipBlock', p.path);
  let ipBlock: NetworkPolicyPeer['ipBlock'];
  if (block) {
    const at = `${p.path}.ipBlock`;
    f.checkKeys(block, at, { cidr: 'read', except: 'read' });
    const cidr = f.str(block, 'cidr', at);
    if (!cidr) {
      f.reject(`${at}.cidr`, 'is missing.');
      return undefined;
    }
    if (!parseCidr(cidr)) {
      if (cidr.includes(':'))
        f.warn(
          `${at}.cidr`,
          `${cidr} is IPv6; PodPath simulates IPv4 only, so this peer never matches.`,
        );
      else {
        f.reject(`${at}.cidr`, `"${cidr}" is not a CIDR.`);
        return undefined;
      }
    }
    const except = f.strings(block, 'except', at);
    ipBlock = { cidr, ...optional('except', except) };
    if (podSelector || namespaceSelector) {
      f.reject(
        p.path,
        'ipBlock cannot be combined with podSelector or namespaceSelector in one peer.',
      );
      return undefined;
    }
  }
  if (!podSelector && !namespaceSelector && !ipBlock) {
    f.reject(p.path, 'a peer needs podSelector, namespaceSelector or ipBlock.');
    return undefined;
  }
  return {
    ...optional('podSelector', podSelector),
    ...optional('namespaceSelector', namespaceSelector),
    ...optional('ipBlock', ipBlock),
  };
}

function readPolicyPorts(
  rule: Record<string, unknown>,
  path: string,
  f: Fields,
): NetworkPolicyPort[] | undefined {
  if (rule.ports === undefined) return undefined;
  return f.records(rule, 'ports', path).flatMap((p) => {
    f.checkKeys(p.value, p.path, { protocol: 'read', port: 'read', endPort: 'read' });
    const protocol = readProtocol(p.value, p.path, f);
    if (protocol === null) return [];
    const port = f.portOrName(p.value, 'port', p.path);
    const endPort = f.port(p.value, 'endPort', p.path);
    if (endPort !== undefined && typeof port !== 'number') {
      f.reject(`${p.path}.endPort`, 'needs port to be a number.');
      return [];
    }
    if (endPort !== undefined && typeof port === 'number' && endPort < port) {
      f.reject(`${p.path}.endPort`, `${endPort} is below port ${port}.`);
      return [];
    }
    return [
      {
        ...optional('protocol', protocol),
        ...optional('port', port),
        ...optional('endPort', endPort),
      },
    ];
  });
}

export function readNetworkPolicy(
  obj: Record<string, unknown>,
  f: Fields,
): NetworkPolicySpec | undefined {
  f.checkKeys(obj, '', {
    apiVersion: 'read',
    kind: 'read',
    metadata: 'read',
    spec: 'read',
    status: 'ignore',
  });
  const meta = readMeta(obj, f, { namespaced: true });
  if (!meta) return undefined;
  const droppedBefore = f.dropped;
  const spec = f.rec(obj, 'spec', '');
  if (!spec) {
    f.reject('spec', 'is missing.');
    return undefined;
  }
  f.checkKeys(spec, 'spec', {
    podSelector: 'read',
    policyTypes: 'read',
    ingress: 'read',
    egress: 'read',
  });
  const podSelector = readLabelSelector(spec, 'podSelector', 'spec', f) ?? {};
  const policyTypesRaw = f.strings(spec, 'policyTypes', 'spec');
  const policyTypes = policyTypesRaw?.filter((t): t is 'Ingress' | 'Egress' => {
    if (t === 'Ingress' || t === 'Egress') return true;
    f.reject('spec.policyTypes', `"${t}" is not Ingress or Egress.`);
    return false;
  });
  const ingress =
    spec.ingress === undefined
      ? undefined
      : f.records(spec, 'ingress', 'spec').map((r) => {
          f.checkKeys(r.value, r.path, { from: 'read', ports: 'read' });
          const from =
            r.value.from === undefined
              ? undefined
              : f.records(r.value, 'from', r.path).flatMap((p) => readPeer(p, f) ?? []);
          return {
            ...optional('from', from),
            ...optional('ports', readPolicyPorts(r.value, r.path, f)),
          };
        });
  const egress =
    spec.egress === undefined
      ? undefined
      : f.records(spec, 'egress', 'spec').map((r) => {
          f.checkKeys(r.value, r.path, { to: 'read', ports: 'read' });
          const to =
            r.value.to === undefined
              ? undefined
              : f.records(r.value, 'to', r.path).flatMap((p) => readPeer(p, f) ?? []);
          return {
            ...optional('to', to),
            ...optional('ports', readPolicyPorts(r.value, r.path, f)),
          };
        });
  // A peer or port left out of a rule would widen what it allows, so a policy with any part that
  // could not be read is skipped whole, as the API server (with strict field validation) would.
  if (f.dropped > droppedBefore && !f.invalid) {
    f.reject(
      'spec',
      'has fields PodPath could not read (see the warnings); reading the rest would allow more than the policy means, so the policy is skipped.',
    );
  }
  if (f.invalid) return undefined;
  return {
    name: meta.name,
    ...optional('namespace', meta.namespace),
    podSelector,
    ...optional('policyTypes', policyTypes),
    ...optional('ingress', ingress),
    ...optional('egress', egress),
  };
}
