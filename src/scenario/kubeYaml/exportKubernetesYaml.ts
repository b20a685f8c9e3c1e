/**
 * The cluster snapshot: a ClusterSpec as Kubernetes YAML holding everything PodPath knows, for
 * re-import: Namespaces, Nodes, Pods pinned to their nodes with their addresses, Services,
 * Ingresses and NetworkPolicies, one document each. What has no Kubernetes object (the cluster
 * settings, outside clients, the objects the scenario was imported from) travels in `# podpath:`
 * comments, which importKubernetesYaml reads back, so spec -> YAML -> spec gives the same spec.
 * What a person would `kubectl apply` is the manifests export (exportManifests.ts).
 */
import {
  DEFAULT_NAMESPACE,
  type ClusterSpec,
  type IngressBackendSpec,
  type IngressClassSpec,
  type IngressSpec,
  type LabelSelector,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type NetworkPolicySpec,
  type NodeSpec,
  type PodSpec,
  type ServiceSpec,
} from '../../engine/spec.ts';
import { DEFAULT_CLASS_ANNOTATION } from '../../engine/ingressClass.ts';
import { LOAD_BALANCER_MODE_ANNOTATION, SUBNET_ANNOTATION } from './extensionAnnotations.ts';
import { commentJson, commentText, stringifyForKubectl } from './kubectlSafeYaml.ts';
import { OWNER_ANNOTATION } from './importKubernetesYaml.ts';
import { exportL7Objects, l7Namespaces } from './l7Objects.ts';
import { definedFields, optional } from './readCommonFields.ts';

/** The image a container without one gets, since the API server requires an image. */
export const PLACEHOLDER_IMAGE = 'registry.k8s.io/pause:3.10';

type Obj = Record<string, unknown>;

/** `{key: value}`, or nothing when there is no value. */
const annotation = (key: string, value: string | undefined): Obj | undefined =>
  value ? { [key]: value } : undefined;

function metadata(
  name: string,
  namespace?: string,
  labels?: Readonly<Record<string, string>>,
  annotations?: Obj,
  creationTimestamp?: string,
): Obj {
  return {
    name,
    ...optional('namespace', namespace),
    ...optional('creationTimestamp', creationTimestamp),
    ...(labels && Object.keys(labels).length > 0
      ? { labels: { ...labels } }
      : labels
        ? { labels: {} }
        : {}),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

function exportNode(n: NodeSpec): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: metadata(n.name, undefined, n.labels, annotation(SUBNET_ANNOTATION, n.subnet)),
    ...(n.podCidr ? { spec: { podCIDR: n.podCidr, podCIDRs: [n.podCidr] } } : {}),
    // kubectl apply leaves status alone; the import reads the node's address from here.
    ...(n.ip ? { status: { addresses: [{ type: 'InternalIP', address: n.ip }] } } : {}),
  };
}

function exportPod(p: PodSpec): Obj {
  const containers = (p.containers.length > 0 ? p.containers : [{ name: 'main' }]).map((c) => ({
    name: c.name,
    image: c.image ?? PLACEHOLDER_IMAGE,
    ...(c.ports
      ? {
          ports: c.ports.map((port) => ({
            ...optional('name', port.name),
            containerPort: port.containerPort,
            ...optional('protocol', port.protocol),
          })),
        }
      : {}),
  }));
  const status: Obj = {
    ...(p.ip !== undefined ? { podIP: p.ip, podIPs: [{ ip: p.ip }] } : {}),
    ...(p.ready !== undefined
      ? { conditions: [{ type: 'Ready', status: p.ready ? 'True' : 'False' }] }
      : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadata(
      p.name,
      p.namespace,
      p.labels,
      annotation(OWNER_ANNOTATION, p.ownerRef),
      p.creationTimestamp,
    ),
    spec: {
      nodeName: p.nodeName,
      ...definedFields(
        p,
        'hostname',
        'subdomain',
        'hostNetwork',
        'dnsPolicy',
        'dnsConfig',
        'enableServiceLinks',
      ),
      containers,
    },
    ...(Object.keys(status).length > 0 ? { status } : {}),
  };
}

/** A selector-less Service's EndpointSlices (discovery.k8s.io/v1), labelled with its name. */
export function exportEndpointSlices(s: ServiceSpec): Obj[] {
  return (s.endpointSlices ?? []).map((slice) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: slice.name,
      ...optional('namespace', s.namespace),
      labels: { 'kubernetes.io/service-name': s.name },
    },
    addressType: 'IPv4',
    endpoints: slice.endpoints.map((e) => ({
      addresses: e.addresses,
      ...(e.ready === undefined ? {} : { conditions: { ready: e.ready } }),
    })),
    ports: slice.ports.map((p) => ({
      ...optional('name', p.name),
      port: p.port,
      ...optional('protocol', p.protocol),
    })),
  }));
}

export function exportService(s: ServiceSpec): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(
      s.name,
      s.namespace,
      undefined,
      annotation(LOAD_BALANCER_MODE_ANNOTATION, s.loadBalancerMode),
      s.creationTimestamp,
    ),
    spec: {
      ...definedFields(s, 'type', 'clusterIP'),
      ...(s.selector ? { selector: { ...s.selector } } : {}),
      ports: s.ports.map((p) => ({
        ...definedFields(p, 'name', 'protocol'),
        port: p.port,
        ...definedFields(p, 'targetPort', 'nodePort'),
      })),
      ...definedFields(
        s,
        'externalName',
        'externalTrafficPolicy',
        'internalTrafficPolicy',
        'sessionAffinity',
      ),
      ...(s.sessionAffinityTimeoutSeconds !== undefined
        ? {
            sessionAffinityConfig: {
              clientIP: { timeoutSeconds: s.sessionAffinityTimeoutSeconds },
            },
          }
        : {}),
      ...definedFields(
        s,
        'loadBalancerIP',
        'healthCheckNodePort',
        'publishNotReadyAddresses',
        'allocateLoadBalancerNodePorts',
      ),
    },
  };
}

function exportBackend(b: IngressBackendSpec): Obj {
  return {
    service: {
      name: b.service,
      port: typeof b.port === 'number' ? { number: b.port } : { name: b.port },
    },
  };
}

export function exportIngressClass(c: IngressClassSpec): Obj {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: metadata(
      c.name,
      undefined,
      undefined,
      c.isDefault ? { [DEFAULT_CLASS_ANNOTATION]: 'true' } : undefined,
    ),
    spec: { controller: c.controller },
  };
}

export function exportIngress(i: IngressSpec): Obj {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: metadata(i.name, i.namespace, undefined, i.annotations && { ...i.annotations }),
    spec: {
      ...optional('ingressClassName', i.ingressClassName),
      ...(i.defaultBackend ? { defaultBackend: exportBackend(i.defaultBackend) } : {}),
      ...(i.tls
        ? {
            tls: i.tls.map((t) => ({
              hosts: [...t.hosts],
              ...optional('secretName', t.secretName),
            })),
          }
        : {}),
      rules: i.rules.map((r) => ({
        ...optional('host', r.host),
        ...(r.paths.length > 0
          ? {
              http: {
                paths: r.paths.map((p) => ({
                  ...optional('path', p.path),
                  pathType: p.pathType,
                  backend: exportBackend(p.backend),
                })),
              },
            }
          : {}),
      })),
    },
  };
}

function exportSelector(s: LabelSelector): Obj {
  return {
    ...(s.matchLabels ? { matchLabels: { ...s.matchLabels } } : {}),
    ...(s.matchExpressions
      ? {
          matchExpressions: s.matchExpressions.map((e) => ({
            key: e.key,
            operator: e.operator,
            ...(e.values ? { values: [...e.values] } : {}),
          })),
        }
      : {}),
  };
}

function exportPeer(p: NetworkPolicyPeer): Obj {
  return {
    ...(p.podSelector ? { podSelector: exportSelector(p.podSelector) } : {}),
    ...(p.namespaceSelector ? { namespaceSelector: exportSelector(p.namespaceSelector) } : {}),
    ...(p.ipBlock
      ? {
          ipBlock: {
            cidr: p.ipBlock.cidr,
            ...(p.ipBlock.except ? { except: [...p.ipBlock.except] } : {}),
          },
        }
      : {}),
  };
}

function exportPorts(ports: readonly NetworkPolicyPort[] | undefined): Obj {
  if (!ports) return {};
  return {
    ports: ports.map((p) => ({
      ...definedFields(p, 'protocol', 'port', 'endPort'),
    })),
  };
}

export function exportPolicy(p: NetworkPolicySpec): Obj {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(p.name, p.namespace),
    spec: {
      podSelector: exportSelector(p.podSelector),
      ...(p.policyTypes ? { policyTypes: [...p.policyTypes] } : {}),
      ...(p.ingress
        ? {
            ingress: p.ingress.map((r) => ({
              ...(r.from ? { from: r.from.map(exportPeer) } : {}),
              ...exportPorts(r.ports),
            })),
          }
        : {}),
      ...(p.egress
        ? {
            egress: p.egress.map((r) => ({
              ...(r.to ? { to: r.to.map(exportPeer) } : {}),
              ...exportPorts(r.ports),
            })),
          }
        : {}),
    },
  };
}

/** The Namespace objects: those the spec lists, and those its objects use but it does not list. */
export function namespaceObjects(spec: ClusterSpec): Obj[] {
  const listed = new Set((spec.namespaces ?? []).map((n) => n.name));
  const namespaces: Obj[] = (spec.namespaces ?? []).map((n) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: metadata(n.name, undefined, n.labels),
  }));
  // Namespaced objects need their namespace to exist before kubectl apply can create them.
  const used = [
    ...spec.pods,
    ...spec.services,
    ...(spec.ingresses ?? []),
    ...(spec.networkPolicies ?? []),
  ]
    .flatMap((o) => (o.namespace ? [o.namespace] : []))
    .concat(l7Namespaces(spec))
    .filter((ns) => ns !== DEFAULT_NAMESPACE);
  for (const name of new Set(used)) {
    if (!listed.has(name))
      namespaces.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  return namespaces;
}

/** The spec's objects as Kubernetes API objects, in the order kubectl apply needs them. */
export function toKubernetesObjects(spec: ClusterSpec): Obj[] {
  const namespaces = namespaceObjects(spec);
  return [
    ...namespaces,
    ...spec.nodes.map(exportNode),
    ...spec.pods.map(exportPod),
    ...spec.services.map(exportService),
    ...spec.services.flatMap(exportEndpointSlices),
    ...(spec.ingressClasses ?? []).map(exportIngressClass),
    ...(spec.ingresses ?? []).map(exportIngress),
    ...(spec.networkPolicies ?? []).map(exportPolicy),
    ...exportL7Objects(spec),
  ];
}

/** The scenario's title and description, each written as one comment line. */
export interface ExportAbout {
  readonly title?: string;
  readonly description?: string;
}

/**
 * The comment lines both exports start with: what the file is, then what has no Kubernetes object
 * (the settings, the outside clients), which kubectl ignores and the import reads back. Line
 * breaks in the title or description become spaces, so no text can start a YAML line.
 */
export function exportHeader(spec: ClusterSpec, what: string, about: ExportAbout = {}): string[] {
  const shown = about.title === undefined ? '' : commentText(about.title);
  const description = about.description === undefined ? '' : commentText(about.description);
  return [
    `# ${shown ? `${shown}: ` : ''}${what}`,
    ...(description ? [`# ${description}`] : []),
    `# podpath:settings ${commentJson(spec.settings)}`,
    ...(spec.externalClients ?? []).map((c) => `# podpath:externalClient ${commentJson(c)}`),
  ];
}

/** Header lines and objects as one multi-document YAML text. */
export function yamlDocuments(header: readonly string[], objects: readonly Obj[]): string {
  const docs = objects.map((o) => `---\n${stringifyForKubectl(o).trimEnd()}`);
  return `${[...header, ...docs].join('\n')}\n`;
}

/** The cluster snapshot as multi-document YAML, for importing into PodPath again. */
export function exportKubernetesYaml(spec: ClusterSpec, about: ExportAbout = {}): string {
  const header = [
    ...exportHeader(
      spec,
      'cluster snapshot exported by PodPath, to import into PodPath again. It pins pods to nodes and holds Node objects and addresses; to apply to a cluster, export the manifests instead.',
      about,
    ),
    // The objects the scenario was imported from, for the manifests export after a re-import.
    `# podpath:sources ${commentJson(spec.sourceObjects ?? [])}`,
  ];
  return yamlDocuments(header, toKubernetesObjects(spec));
}
