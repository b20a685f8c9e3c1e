/** Edits that add an element, one per item of the palette, each placed where it was dropped. */
import {
  type ClusterSpec,
  DEFAULT_NAMESPACE,
  type ExternalClientSpec,
  type IngressSpec,
  type NamespaceSpec,
  type NetworkPolicySpec,
  type NodeSpec,
  type PodSpec,
  type ServiceSpec,
} from '../../../engine/spec.ts';
import type { Position, ScenarioDocument } from '../../scenarioDocument.ts';
import { podKey } from '../elementKey.ts';
import {
  type EditResult,
  nsOf,
  omit,
  uniqueName,
  withCluster,
  withoutLayout,
  appendItem,
} from './editKit.ts';
import {
  DEPLOYMENT_PREFIX,
  deploymentNames,
  deploymentPods,
  leastLoadedNode,
  namesIn,
  namespaceNames,
} from './documentQueries.ts';

export interface AddOptions {
  readonly position?: Position;
  readonly namespace?: string;
}

export function addNode(doc: ScenarioDocument, options: AddOptions = {}): EditResult {
  const taken = new Set(doc.cluster.nodes.map((n) => n.name));
  const name = uniqueName(taken, 'node', true);
  const node: NodeSpec = { name };
  return appendItem(doc, 'nodes', node, options.position);
}

export interface AddPodOptions extends AddOptions {
  /** Defaults to the least loaded node. */
  readonly nodeName?: string;
  readonly name?: string;
}

export function addPod(doc: ScenarioDocument, options: AddPodOptions = {}): EditResult {
  const node = options.nodeName ?? leastLoadedNode(doc.cluster)?.name;
  if (!node) throw new Error('A pod needs a node to run on: add a node first.');
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const name = uniqueName(
    namesIn(doc.cluster.pods, namespace),
    options.name ?? 'pod',
    !options.name,
  );
  const pod: PodSpec = {
    name,
    ...(namespace !== DEFAULT_NAMESPACE ? { namespace } : {}),
    labels: { app: name },
    nodeName: node,
    containers: [{ name: 'app', image: 'nginx' }],
  };
  return appendItem(doc, 'pods', pod, options.position);
}

export interface AddDeploymentOptions extends AddOptions {
  readonly name?: string;
  readonly replicas?: number;
  /** The node the first replica goes to (where it was dropped); the rest spread out. */
  readonly nodeName?: string;
}

/** Places `count` new pods the way the scheduler spreads replicas: fewest pods first. */
function spreadOverNodes(cluster: ClusterSpec, count: number, first?: string): string[] {
  const extra = new Map<string, number>();
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const node =
      i === 0 && first && cluster.nodes.some((n) => n.name === first)
        ? first
        : leastLoadedNode(cluster, extra)?.name;
    if (!node) break;
    out.push(node);
    extra.set(node, (extra.get(node) ?? 0) + 1);
  }
  return out;
}

export function addDeployment(
  doc: ScenarioDocument,
  options: AddDeploymentOptions = {},
): EditResult {
  if (doc.cluster.nodes.length === 0) {
    throw new Error('A Deployment needs nodes to run its pods on: add a node first.');
  }
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const takenNames = new Set([
    ...deploymentNames(doc.cluster, namespace),
    ...namesIn(doc.cluster.pods, namespace),
  ]);
  const name = options.name ?? uniqueName(takenNames, 'web');
  const replicas = options.replicas ?? Math.max(2, Math.min(3, doc.cluster.nodes.length));
  const template: Omit<PodSpec, 'name' | 'nodeName'> = {
    ...(namespace !== DEFAULT_NAMESPACE ? { namespace } : {}),
    labels: { app: name },
    ownerRef: `${DEPLOYMENT_PREFIX}${name}`,
    containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }],
  };
  return addReplicas(doc, namespace, name, template, replicas, options.nodeName);
}

function addReplicas(
  doc: ScenarioDocument,
  namespace: string,
  deployment: string,
  template: Omit<PodSpec, 'name' | 'nodeName'>,
  count: number,
  firstNode?: string,
): EditResult {
  const taken = namesIn(doc.cluster.pods, namespace);
  const pods: PodSpec[] = [];
  for (const nodeName of spreadOverNodes(doc.cluster, count, firstNode)) {
    const name = uniqueName(taken, deployment, true);
    taken.add(name);
    pods.push({ ...template, name, nodeName });
  }
  return {
    document: withCluster(doc, { ...doc.cluster, pods: [...doc.cluster.pods, ...pods] }),
    keys: pods.map(podKey),
  };
}

/** Adds or removes replicas; new ones copy the first replica's template and spread over nodes. */
export function scaleDeployment(
  doc: ScenarioDocument,
  namespace: string,
  name: string,
  replicas: number,
): EditResult {
  const current = deploymentPods(doc.cluster, namespace, name);
  const wanted = Math.max(0, Math.floor(replicas));
  if (wanted === current.length || current.length === 0) return { document: doc, keys: [] };
  if (wanted > current.length) {
    const template = omit(current[0], 'name', 'nodeName', 'ip', 'hostname', 'ready');
    return addReplicas(doc, namespace, name, template, wanted - current.length);
  }
  // Like a ReplicaSet scaling down: the newest replicas go first.
  const removed = new Set(current.slice(wanted));
  const keys = [...removed].map(podKey);
  return {
    document: {
      ...withCluster(doc, {
        ...doc.cluster,
        pods: doc.cluster.pods.filter((p) => !removed.has(p)),
      }),
      layout: withoutLayout(doc.layout, keys),
    },
    keys: [],
  };
}

export type ServiceVariant =
  'ClusterIP' | 'Headless' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export const SERVICE_VARIANTS: readonly ServiceVariant[] = [
  'ClusterIP',
  'Headless',
  'NodePort',
  'LoadBalancer',
  'ExternalName',
];

export interface AddServiceOptions extends AddOptions {
  /**
   * Labels of the pod the Service is for (a selected pod): it selects the pod's app label, or
   * all its labels when it has no app label.
   */
  readonly forLabels?: Readonly<Record<string, string>>;
  /** The name of that pod, for the note that says where the selector came from. */
  readonly forPod?: string;
  readonly targetPort?: number;
}

const labelList = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** Which pods a new Service selects, and why, in a sentence for the person. */
function newServiceSelector(
  name: string,
  options: AddServiceOptions,
): { selector: Record<string, string>; note: string } {
  const labels = options.forLabels ?? {};
  const app = labels.app;
  const selector: Record<string, string> = app ? { app } : { ...labels };
  const pod = options.forPod ? `pod ${options.forPod}` : 'the selected pod';
  if (Object.keys(selector).length === 0) {
    return {
      selector,
      note: options.forPod
        ? `Service ${name} selects no pods yet: ${pod} has no labels to select. Give it a selector in the Inspector.`
        : `Service ${name} selects no pods yet: no pod was selected to take a label from. Give it a selector in the Inspector (or select a pod first, then add the Service).`,
    };
  }
  return {
    selector,
    note: app
      ? `Service ${name} selects app=${app}, the app label of ${pod}. Change its selector in the Inspector.`
      : `Service ${name} selects ${labelList(selector)}: ${pod} has no app label, so it takes all its labels. Change its selector in the Inspector.`,
  };
}

export function addService(
  doc: ScenarioDocument,
  variant: ServiceVariant,
  options: AddServiceOptions = {},
): EditResult {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const taken = namesIn(doc.cluster.services, namespace);
  const labels = options.forLabels ?? {};
  const app = labels.app ?? Object.values(labels)[0];
  const base = variant === 'ExternalName' ? 'external' : (app ?? 'service');
  // Service names are DNS-1035 labels: they start with a letter.
  const name = uniqueName(
    taken,
    /^[a-z]/.test(base) ? base : `svc-${base}`,
    !app && variant !== 'ExternalName',
  );
  const ns = namespace !== DEFAULT_NAMESPACE ? { namespace } : {};
  const port = { name: 'http', port: 80, targetPort: options.targetPort ?? 80 };
  const { selector, note } = newServiceSelector(name, options);
  const service: ServiceSpec =
    variant === 'ExternalName'
      ? { name, ...ns, type: 'ExternalName', externalName: 'example.com', ports: [] }
      : variant === 'Headless'
        ? { name, ...ns, type: 'ClusterIP', clusterIP: 'None', selector, ports: [port] }
        : { name, ...ns, type: variant, selector, ports: [port] };
  return {
    ...appendItem(doc, 'services', service, options.position),
    ...(variant === 'ExternalName' ? {} : { note }),
  };
}

export function addIngress(doc: ScenarioDocument, options: AddOptions = {}): EditResult {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const name = uniqueName(namesIn(doc.cluster.ingresses, namespace), 'ingress', true);
  const backend = doc.cluster.services.find(
    (s) => nsOf(s) === namespace && s.type !== 'ExternalName' && s.ports.length > 0,
  );
  const ingress: IngressSpec = {
    name,
    ...(namespace !== DEFAULT_NAMESPACE ? { namespace } : {}),
    ingressClassName: 'nginx',
    rules: backend
      ? [
          {
            host: 'shop.example.com',
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: backend.name, port: backend.ports[0].port },
              },
            ],
          },
        ]
      : [],
  };
  return appendItem(doc, 'ingresses', ingress, options.position);
}

export type ClientVariant = 'internet' | 'office' | 'service';

const CLIENT_DEFAULTS: Record<ClientVariant, { readonly name: string; readonly prefix: string }> = {
  // Documentation ranges: TEST-NET-2 for the Internet, a private LAN for the office, and for
  // an outside service (a managed database next to the nodes) an address outside the default
  // pod and Service ranges.
  internet: { name: 'internet-user', prefix: '198.51.100.' },
  office: { name: 'office-laptop', prefix: '172.16.0.' },
  service: { name: 'external-db', prefix: '10.0.0.' },
};

export function addExternalClient(
  doc: ScenarioDocument,
  variant: ClientVariant,
  options: AddOptions = {},
): EditResult {
  const clients = doc.cluster.externalClients ?? [];
  const { name: base, prefix } = CLIENT_DEFAULTS[variant];
  const name = uniqueName(new Set(clients.map((c) => c.name)), base);
  const used = new Set(clients.map((c) => c.ip));
  let host = 10;
  while (used.has(`${prefix}${host}`) && host < 254) host++;
  const client: ExternalClientSpec =
    variant === 'service'
      ? { name, ip: `${prefix}${host}`, ports: [{ name: 'postgres', port: 5432 }] }
      : { name, ip: `${prefix}${host}` };
  return appendItem(doc, 'externalClients', client, options.position);
}

export function addNamespace(doc: ScenarioDocument, options: AddOptions = {}): EditResult {
  const name = uniqueName(new Set(namespaceNames(doc.cluster)), 'team', true);
  const namespace: NamespaceSpec = { name, labels: { team: name } };
  return appendItem(doc, 'namespaces', namespace, options.position);
}

export interface AddPolicyOptions extends AddOptions {
  /** Labels of the pod the policy is for: it selects the pod's app label. */
  readonly forLabels?: Readonly<Record<string, string>>;
}

/** A new policy denies all ingress to the pods it selects, the usual first step. */
export function addNetworkPolicy(
  doc: ScenarioDocument,
  options: AddPolicyOptions = {},
): EditResult {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const app = options.forLabels?.app;
  const name = uniqueName(
    namesIn(doc.cluster.networkPolicies, namespace),
    app ? `${app}-ingress` : 'policy',
    !app,
  );
  const policy: NetworkPolicySpec = {
    name,
    ...(namespace !== DEFAULT_NAMESPACE ? { namespace } : {}),
    podSelector: app ? { matchLabels: { app } } : {},
    policyTypes: ['Ingress'],
    ingress: [],
  };
  return appendItem(doc, 'networkPolicies', policy, options.position);
}
