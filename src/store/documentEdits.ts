/**
 * Pure edits of the scenario document, one function per thing a person does on the canvas or in
 * the inspector. Each takes the document and returns a new one (never mutating), so the store can
 * keep the old one for undo and autosave sees every change through setDocument.
 * Elements are named by their element key (scenario/document/elementKey.ts), the key the layout
 * and the canvas use.
 */
import type {
  ClusterSettings,
  ClusterSpec,
  ExternalClientSpec,
  IngressSpec,
  NamespaceSpec,
  NetworkPolicySpec,
  NodeSpec,
  PodSpec,
  ServiceSpec,
} from '../engine/spec.ts';
import { DEFAULT_NAMESPACE } from '../engine/spec.ts';
import type { ProbeSource, ProbeTarget } from '../engine/trace.ts';
import type { Position, ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { keepL7, renameL7Object } from './l7Keys.ts';
import {
  ciliumPolicyKey,
  clientKey,
  elementKey,
  gatewayClassKey,
  gatewayKey,
  httpRouteKey,
  ingressKey,
  loadBalancerKey,
  namespaceKey,
  nodeKey,
  parseElementKey,
  podKey,
  policyKey,
  referenceGrantKey,
  serviceKey,
  type ElementKey,
  type ElementKind,
  type ElementRef,
} from '../scenario/document/elementKey.ts';

const nsOf = (o: { readonly namespace?: string }) => o.namespace ?? DEFAULT_NAMESPACE;

/** What an edit gives back: the new document and the keys of what it made or touched. */
export interface EditResult {
  readonly document: ScenarioDocument;
  readonly keys: readonly ElementKey[];
  /** A sentence for the person when the edit did something they may not expect. */
  readonly note?: string;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const withCluster = (doc: ScenarioDocument, cluster: ClusterSpec): ScenarioDocument => ({
  ...doc,
  cluster,
});

/** A copy of an object without some of its fields (an optional field left out entirely). */
export function omit<T extends object, K extends keyof T>(obj: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...obj } as Record<PropertyKey, unknown>;
  for (const key of keys) delete copy[key];
  return copy as Omit<T, K>;
}

/** The engine's option lists, for the settings and Service forms (panels import no engine values). */
export {
  CNI_MODE_LABELS,
  CNI_MODES,
  CNI_PLUGIN_LABELS,
  INGRESS_CONTROLLERS,
  LOAD_BALANCER_MODES,
  PROXY_MODES,
  effectiveProxyMode,
  proxyFitsCni,
} from '../engine/spec.ts';
export { SYSTEM_NAMESPACES } from '../engine/systemObjects.ts';

/** `base` if free, else `base-2`, `base-3`, ... (or from 1 with `numbered`). */
export function uniqueName(taken: ReadonlySet<string>, base: string, numbered = false): string {
  if (!numbered && !taken.has(base)) return base;
  for (let i = numbered ? 1 : 2; ; i++) {
    const name = `${base}-${i}`;
    if (!taken.has(name)) return name;
  }
}

const namesIn = <T extends { readonly name: string; readonly namespace?: string }>(
  list: readonly T[] | undefined,
  namespace: string,
) => new Set((list ?? []).filter((o) => nsOf(o) === namespace).map((o) => o.name));

/** Every namespace the document mentions, default first. */
export function namespaceNames(cluster: ClusterSpec): string[] {
  const names = new Set<string>([DEFAULT_NAMESPACE]);
  for (const n of cluster.namespaces ?? []) names.add(n.name);
  const objects = [
    ...cluster.pods,
    ...cluster.services,
    ...(cluster.ingresses ?? []),
    ...(cluster.networkPolicies ?? []),
    ...(cluster.gateways ?? []),
    ...(cluster.httpRoutes ?? []),
  ];
  for (const o of objects) names.add(nsOf(o));
  return [...names];
}

/** The node with the fewest pods (first on ties): where a scheduler would put the next one. */
export function leastLoadedNode(
  cluster: ClusterSpec,
  extra: ReadonlyMap<string, number> = new Map(),
) {
  let best: NodeSpec | undefined;
  let bestCount = Infinity;
  for (const node of cluster.nodes) {
    const count =
      cluster.pods.filter((p) => p.nodeName === node.name).length + (extra.get(node.name) ?? 0);
    if (count < bestCount) {
      best = node;
      bestCount = count;
    }
  }
  return best;
}

function setLayout(
  layout: ScenarioDocument['layout'],
  key: string,
  position: Position | undefined,
): ScenarioDocument['layout'] {
  if (position)
    return { ...layout, [key]: { x: Math.round(position.x), y: Math.round(position.y) } };
  if (!(key in layout)) return layout;
  const next = { ...layout };
  delete next[key];
  return next;
}

function withoutLayout(
  layout: ScenarioDocument['layout'],
  keys: Iterable<string>,
): ScenarioDocument['layout'] {
  let next: Record<string, Position> | null = null;
  for (const key of keys) {
    if (!(key in layout)) continue;
    next ??= { ...layout };
    delete next[key];
  }
  return next ?? layout;
}

function renameLayoutKey(
  layout: ScenarioDocument['layout'],
  from: string,
  to: string,
): ScenarioDocument['layout'] {
  if (from === to || !(from in layout)) return layout;
  const next = { ...layout, [to]: layout[from] };
  delete next[from];
  return next;
}

// ---------------------------------------------------------------------------------------------
// Adding

export interface AddOptions {
  readonly position?: Position;
  readonly namespace?: string;
}

export function addNode(doc: ScenarioDocument, options: AddOptions = {}): EditResult {
  const taken = new Set(doc.cluster.nodes.map((n) => n.name));
  const name = uniqueName(taken, 'node', true);
  const node: NodeSpec = { name };
  const key = nodeKey(node);
  return {
    document: {
      ...withCluster(doc, { ...doc.cluster, nodes: [...doc.cluster.nodes, node] }),
      layout: setLayout(doc.layout, key, options.position),
    },
    keys: [key],
  };
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
  const key = podKey(pod);
  return {
    document: {
      ...withCluster(doc, { ...doc.cluster, pods: [...doc.cluster.pods, pod] }),
      layout: setLayout(doc.layout, key, options.position),
    },
    keys: [key],
  };
}

export interface AddDeploymentOptions extends AddOptions {
  readonly name?: string;
  readonly replicas?: number;
  /** The node the first replica goes to (where it was dropped); the rest spread out. */
  readonly nodeName?: string;
}

export const DEPLOYMENT_PREFIX = 'Deployment/';

/** The Deployment a pod belongs to, from its ownerRef (`Deployment/web` -> `web`). */
export function deploymentOf(pod: Pick<PodSpec, 'ownerRef'>): string | null {
  return pod.ownerRef?.startsWith(DEPLOYMENT_PREFIX)
    ? pod.ownerRef.slice(DEPLOYMENT_PREFIX.length)
    : null;
}

/** The replicas of a Deployment in a namespace, in document order. */
export function deploymentPods(cluster: ClusterSpec, namespace: string, name: string): PodSpec[] {
  return cluster.pods.filter((p) => nsOf(p) === namespace && deploymentOf(p) === name);
}

function deploymentNames(cluster: ClusterSpec, namespace: string): Set<string> {
  const names = new Set<string>();
  for (const p of cluster.pods) {
    const d = deploymentOf(p);
    if (d && nsOf(p) === namespace) names.add(d);
  }
  return names;
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
  /** Labels of the pod the Service is for (a selected pod): it selects the pod's app label. */
  readonly forLabels?: Readonly<Record<string, string>>;
  readonly targetPort?: number;
}

export function addService(
  doc: ScenarioDocument,
  variant: ServiceVariant,
  options: AddServiceOptions = {},
): EditResult {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const taken = namesIn(doc.cluster.services, namespace);
  const app = options.forLabels?.app;
  const base = variant === 'ExternalName' ? 'external' : (app ?? 'service');
  // Service names are DNS-1035 labels: they start with a letter.
  const name = uniqueName(
    taken,
    /^[a-z]/.test(base) ? base : `svc-${base}`,
    !app && variant !== 'ExternalName',
  );
  const ns = namespace !== DEFAULT_NAMESPACE ? { namespace } : {};
  const port = { name: 'http', port: 80, targetPort: options.targetPort ?? 80 };
  const selector: Record<string, string> = app ? { app } : {};
  const service: ServiceSpec =
    variant === 'ExternalName'
      ? { name, ...ns, type: 'ExternalName', externalName: 'example.com', ports: [] }
      : variant === 'Headless'
        ? { name, ...ns, type: 'ClusterIP', clusterIP: 'None', selector, ports: [port] }
        : { name, ...ns, type: variant, selector, ports: [port] };
  const key = serviceKey(service);
  return {
    document: {
      ...withCluster(doc, { ...doc.cluster, services: [...doc.cluster.services, service] }),
      layout: setLayout(doc.layout, key, options.position),
    },
    keys: [key],
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
  const key = ingressKey(ingress);
  return {
    document: {
      ...withCluster(doc, {
        ...doc.cluster,
        ingresses: [...(doc.cluster.ingresses ?? []), ingress],
      }),
      layout: setLayout(doc.layout, key, options.position),
    },
    keys: [key],
  };
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
  const key = clientKey(client);
  return {
    document: {
      ...withCluster(doc, { ...doc.cluster, externalClients: [...clients, client] }),
      layout: setLayout(doc.layout, key, options.position),
    },
    keys: [key],
  };
}

export function addNamespace(doc: ScenarioDocument, options: AddOptions = {}): EditResult {
  const name = uniqueName(new Set(namespaceNames(doc.cluster)), 'team', true);
  const namespace: NamespaceSpec = { name, labels: { team: name } };
  const key = namespaceKey(namespace);
  return {
    document: {
      ...withCluster(doc, {
        ...doc.cluster,
        namespaces: [...(doc.cluster.namespaces ?? []), namespace],
      }),
      layout: setLayout(doc.layout, key, options.position),
    },
    keys: [key],
  };
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
  const key = policyKey(policy);
  return {
    document: {
      ...withCluster(doc, {
        ...doc.cluster,
        networkPolicies: [...(doc.cluster.networkPolicies ?? []), policy],
      }),
      layout: setLayout(doc.layout, key, options.position),
    },
    keys: [key],
  };
}

// ---------------------------------------------------------------------------------------------
// Moving

/** Records where elements were put (one document change for a whole drag). */
export function setPositions(
  doc: ScenarioDocument,
  positions: Readonly<Record<string, Position>>,
): ScenarioDocument {
  let layout = doc.layout;
  for (const [key, position] of Object.entries(positions)) {
    layout = setLayout(layout, key, position);
  }
  return layout === doc.layout ? doc : { ...doc, layout };
}

/**
 * Reschedules a pod onto another node. The pod's address is not durable: it is dropped, and the
 * engine allocates a new one from the new node's pod CIDR. `position` is relative to the node.
 */
export function movePod(
  doc: ScenarioDocument,
  key: string,
  nodeName: string,
  position?: Position,
): ScenarioDocument {
  if (!doc.cluster.nodes.some((n) => n.name === nodeName)) return doc;
  let found = false;
  const pods = doc.cluster.pods.map((p) => {
    if (podKey(p) !== key) return p;
    found = true;
    const rest = omit(p, 'ip');
    return { ...rest, nodeName };
  });
  if (!found) return doc;
  return {
    ...withCluster(doc, { ...doc.cluster, pods }),
    layout: setLayout(doc.layout, key, position),
  };
}

// ---------------------------------------------------------------------------------------------
// Updating one object

export function updateSettings(
  doc: ScenarioDocument,
  recipe: (settings: ClusterSettings) => ClusterSettings,
): ScenarioDocument {
  return withCluster(doc, { ...doc.cluster, settings: recipe(doc.cluster.settings) });
}

function mapMatching<T>(list: readonly T[], match: (item: T) => boolean, recipe: (item: T) => T) {
  let changed = false;
  const next = list.map((item) => {
    if (!match(item)) return item;
    const updated = recipe(item);
    if (updated !== item) changed = true;
    return updated;
  });
  return changed ? next : list;
}

export function updatePod(
  doc: ScenarioDocument,
  key: string,
  recipe: (pod: PodSpec) => PodSpec,
): ScenarioDocument {
  const pods = mapMatching(doc.cluster.pods, (p) => podKey(p) === key, recipe);
  return pods === doc.cluster.pods ? doc : withCluster(doc, { ...doc.cluster, pods });
}

/** Applies a template edit to several pods at once (every replica of a Deployment). */
export function updatePods(
  doc: ScenarioDocument,
  keys: readonly string[],
  recipe: (pod: PodSpec) => PodSpec,
): ScenarioDocument {
  const wanted = new Set(keys);
  const pods = mapMatching(doc.cluster.pods, (p) => wanted.has(podKey(p)), recipe);
  return pods === doc.cluster.pods ? doc : withCluster(doc, { ...doc.cluster, pods });
}

export function updateService(
  doc: ScenarioDocument,
  key: string,
  recipe: (service: ServiceSpec) => ServiceSpec,
): ScenarioDocument {
  const services = mapMatching(doc.cluster.services, (s) => serviceKey(s) === key, recipe);
  return services === doc.cluster.services ? doc : withCluster(doc, { ...doc.cluster, services });
}

export function updateNode(
  doc: ScenarioDocument,
  key: string,
  recipe: (node: NodeSpec) => NodeSpec,
): ScenarioDocument {
  const nodes = mapMatching(doc.cluster.nodes, (n) => nodeKey(n) === key, recipe);
  return nodes === doc.cluster.nodes ? doc : withCluster(doc, { ...doc.cluster, nodes });
}

export function updateIngress(
  doc: ScenarioDocument,
  key: string,
  recipe: (ingress: IngressSpec) => IngressSpec,
): ScenarioDocument {
  const list = doc.cluster.ingresses ?? [];
  const ingresses = mapMatching(list, (i) => ingressKey(i) === key, recipe);
  return ingresses === list ? doc : withCluster(doc, { ...doc.cluster, ingresses });
}

export function updateNetworkPolicy(
  doc: ScenarioDocument,
  key: string,
  recipe: (policy: NetworkPolicySpec) => NetworkPolicySpec,
): ScenarioDocument {
  const list = doc.cluster.networkPolicies ?? [];
  const networkPolicies = mapMatching(list, (p) => policyKey(p) === key, recipe);
  return networkPolicies === list ? doc : withCluster(doc, { ...doc.cluster, networkPolicies });
}

export function updateExternalClient(
  doc: ScenarioDocument,
  key: string,
  recipe: (client: ExternalClientSpec) => ExternalClientSpec,
): ScenarioDocument {
  const list = doc.cluster.externalClients ?? [];
  const externalClients = mapMatching(list, (c) => clientKey(c) === key, recipe);
  return externalClients === list ? doc : withCluster(doc, { ...doc.cluster, externalClients });
}

/** Edits a namespace's labels; a namespace only implied by its objects is written out first. */
export function updateNamespace(
  doc: ScenarioDocument,
  name: string,
  recipe: (namespace: NamespaceSpec) => NamespaceSpec,
): ScenarioDocument {
  const list = doc.cluster.namespaces ?? [];
  const namespaces = list.some((n) => n.name === name)
    ? mapMatching(list, (n) => n.name === name, recipe)
    : [...list, recipe({ name })];
  return namespaces === list ? doc : withCluster(doc, { ...doc.cluster, namespaces });
}

// ---------------------------------------------------------------------------------------------
// Renaming (the key changes, so the layout and whatever refers to the object follow)

export function renameElement(doc: ScenarioDocument, key: string, name: string): EditResult {
  const ref = parseElementKey(key);
  if (!ref) return { document: doc, keys: [] };
  if (ref.name === name) return { document: doc, keys: [elementKey(ref)] };
  const newKey = elementKey({ ...ref, name });
  let cluster = doc.cluster;
  let flow = doc.flow;
  const rename = <T extends { readonly name: string }>(o: T): T => ({ ...o, name });
  switch (ref.kind) {
    case 'Node':
      cluster = {
        ...cluster,
        nodes: cluster.nodes.map((n) => (n.name === ref.name ? rename(n) : n)),
        pods: cluster.pods.map((p) => (p.nodeName === ref.name ? { ...p, nodeName: name } : p)),
      };
      if (flow?.from.kind === 'node' && flow.from.name === ref.name) {
        flow = { ...flow, from: { ...flow.from, name } };
      }
      break;
    case 'Pod':
      cluster = {
        ...cluster,
        pods: cluster.pods.map((p) => (podKey(p) === key ? rename(p) : p)),
      };
      if (flow) {
        const from =
          flow.from.kind === 'pod' &&
          flow.from.name === ref.name &&
          flow.from.namespace === ref.namespace
            ? { ...flow.from, name }
            : flow.from;
        const to =
          flow.to.kind === 'pod' && flow.to.name === ref.name && flow.to.namespace === ref.namespace
            ? { ...flow.to, name }
            : flow.to;
        flow = { ...flow, from, to };
      }
      break;
    case 'Service':
      cluster = {
        ...cluster,
        services: cluster.services.map((s) => (serviceKey(s) === key ? rename(s) : s)),
        // The editor keeps Ingress backends pointing at the Service the person renamed.
        ingresses: cluster.ingresses?.map((ing) =>
          nsOf(ing) !== ref.namespace ? ing : renameIngressBackends(ing, ref.name, name),
        ),
      };
      if (flow?.to.kind === 'name' && flow.to.name === ref.name) {
        flow = { ...flow, to: { ...flow.to, name } };
      }
      break;
    case 'Ingress':
      cluster = {
        ...cluster,
        ingresses: cluster.ingresses?.map((i) => (ingressKey(i) === key ? rename(i) : i)),
      };
      break;
    case 'NetworkPolicy':
      cluster = {
        ...cluster,
        networkPolicies: cluster.networkPolicies?.map((p) =>
          policyKey(p) === key ? rename(p) : p,
        ),
      };
      break;
    case 'ExternalClient':
      cluster = {
        ...cluster,
        externalClients: cluster.externalClients?.map((c) => (c.name === ref.name ? rename(c) : c)),
      };
      if (flow?.from.kind === 'external' && flow.from.name === ref.name) {
        flow = { ...flow, from: { ...flow.from, name } };
      }
      break;
    case 'Namespace':
      return renameNamespace(doc, ref.name, name);
    case 'LoadBalancer':
      return { document: doc, keys: [elementKey(ref)] };
    case 'GatewayClass':
    case 'Gateway':
    case 'HTTPRoute':
    case 'ReferenceGrant':
    case 'CiliumNetworkPolicy':
    case 'CiliumClusterwideNetworkPolicy':
      cluster = renameL7Object(cluster, key, name);
      break;
    default:
      ref.kind satisfies never;
  }
  let layout = renameLayoutKey(doc.layout, key, newKey);
  if (ref.kind === 'Service') {
    layout = renameLayoutKey(
      layout,
      loadBalancerKey({ namespace: ref.namespace, name: ref.name }),
      loadBalancerKey({ namespace: ref.namespace, name }),
    );
  }
  return {
    document: { ...doc, cluster, layout, ...(flow ? { flow } : {}) },
    keys: [newKey],
  };
}

function renameIngressBackends(ing: IngressSpec, from: string, to: string): IngressSpec {
  const fix = <B extends { readonly service: string }>(b: B): B =>
    b.service === from ? { ...b, service: to } : b;
  return {
    ...ing,
    rules: ing.rules.map((r) => ({
      ...r,
      paths: r.paths.map((p) => ({ ...p, backend: fix(p.backend) })),
    })),
    ...(ing.defaultBackend ? { defaultBackend: fix(ing.defaultBackend) } : {}),
  };
}

function renameNamespace(doc: ScenarioDocument, from: string, to: string): EditResult {
  const move = <T extends { readonly namespace?: string }>(o: T): T =>
    nsOf(o) === from ? { ...o, namespace: to } : o;
  const c = doc.cluster;
  let layout = renameLayoutKey(
    doc.layout,
    namespaceKey({ name: from }),
    namespaceKey({ name: to }),
  );
  const rekey = (kind: ElementKind, o: { readonly namespace?: string; readonly name: string }) => {
    if (nsOf(o) !== from) return;
    layout = renameLayoutKey(
      layout,
      elementKey({ kind, namespace: from, name: o.name }),
      elementKey({ kind, namespace: to, name: o.name }),
    );
  };
  c.pods.forEach((o) => rekey('Pod', o));
  c.services.forEach((o) => {
    rekey('Service', o);
    rekey('LoadBalancer', o);
  });
  c.ingresses?.forEach((o) => rekey('Ingress', o));
  c.networkPolicies?.forEach((o) => rekey('NetworkPolicy', o));
  const namespaces = (c.namespaces ?? []).some((n) => n.name === from)
    ? (c.namespaces ?? []).map((n) => (n.name === from ? { ...n, name: to } : n))
    : [...(c.namespaces ?? []), { name: to }];
  let flow = doc.flow;
  if (flow) {
    const from2 =
      flow.from.kind === 'pod' && flow.from.namespace === from
        ? { ...flow.from, namespace: to }
        : flow.from;
    const to2 =
      flow.to.kind === 'pod' && flow.to.namespace === from
        ? { ...flow.to, namespace: to }
        : flow.to;
    flow = { ...flow, from: from2, to: to2 };
  }
  return {
    document: {
      ...doc,
      cluster: {
        ...c,
        namespaces,
        pods: c.pods.map(move),
        services: c.services.map(move),
        ingresses: c.ingresses?.map(move),
        networkPolicies: c.networkPolicies?.map(move),
      },
      layout,
      ...(flow ? { flow } : {}),
    },
    keys: [namespaceKey({ name: to })],
  };
}

/** Moves one namespaced object to another namespace (its key changes). */
export function changeNamespace(doc: ScenarioDocument, key: string, namespace: string): EditResult {
  const ref = parseElementKey(key);
  if (!ref) return { document: doc, keys: [] };
  if (!ref.namespace || ref.namespace === namespace)
    return { document: doc, keys: [elementKey(ref)] };
  const newKey = elementKey({ ...ref, namespace });
  const ns = namespace === DEFAULT_NAMESPACE ? undefined : namespace;
  const move = <T extends { readonly namespace?: string }>(o: T): T => {
    const rest = omit(o, 'namespace');
    return (ns ? { ...rest, namespace: ns } : rest) as T;
  };
  const c = doc.cluster;
  let cluster: ClusterSpec;
  switch (ref.kind) {
    case 'Pod':
      cluster = { ...c, pods: c.pods.map((p) => (podKey(p) === key ? move(p) : p)) };
      break;
    case 'Service':
      cluster = { ...c, services: c.services.map((s) => (serviceKey(s) === key ? move(s) : s)) };
      break;
    case 'Ingress':
      cluster = { ...c, ingresses: c.ingresses?.map((i) => (ingressKey(i) === key ? move(i) : i)) };
      break;
    case 'NetworkPolicy':
      cluster = {
        ...c,
        networkPolicies: c.networkPolicies?.map((p) => (policyKey(p) === key ? move(p) : p)),
      };
      break;
    default:
      return { document: doc, keys: [elementKey(ref)] };
  }
  let flow = doc.flow;
  if (flow && ref.kind === 'Pod') {
    const follow = <T extends ProbeSource | ProbeTarget>(end: T): T =>
      end.kind === 'pod' && end.name === ref.name && end.namespace === ref.namespace
        ? { ...end, namespace }
        : end;
    flow = { ...flow, from: follow(flow.from), to: follow(flow.to) };
  }
  return {
    document: {
      ...doc,
      cluster,
      layout: renameLayoutKey(doc.layout, key, newKey),
      ...(flow ? { flow } : {}),
    },
    keys: [newKey],
  };
}

// ---------------------------------------------------------------------------------------------
// Deleting

/**
 * Deletes elements. A deleted node takes its bare pods with it, while a Deployment's pods are
 * recreated on the remaining nodes (with new addresses), as the ReplicaSet controller would.
 * Deleting a namespace deletes everything in it. A load balancer belongs to its Service.
 */
export function deleteElements(doc: ScenarioDocument, keys: readonly string[]): EditResult {
  const refs = keys.map(parseElementKey).filter((r): r is ElementRef => r !== null);
  const wanted = new Set(keys);
  const nodes = new Set(refs.filter((r) => r.kind === 'Node').map((r) => r.name));
  const namespaces = new Set(refs.filter((r) => r.kind === 'Namespace').map((r) => r.name));
  const c = doc.cluster;
  const inDeletedNs = (o: { readonly namespace?: string }) =>
    nsOf(o) !== DEFAULT_NAMESPACE && namespaces.has(nsOf(o));

  const remainingNodes = c.nodes.filter((n) => !nodes.has(n.name));
  const removedKeys = new Set<string>(keys);
  const notes: string[] = [];
  let recreated = 0;
  let lostPods = 0;
  const extra = new Map<string, number>();
  const pods: PodSpec[] = [];
  // Load on the nodes that stay, for spreading recreated replicas.
  const survivors: ClusterSpec = {
    ...c,
    nodes: remainingNodes,
    pods: c.pods.filter((q) => !nodes.has(q.nodeName)),
  };
  for (const p of c.pods) {
    const key = podKey(p);
    if (wanted.has(key) || inDeletedNs(p)) {
      removedKeys.add(key);
      continue;
    }
    if (nodes.has(p.nodeName)) {
      removedKeys.add(key);
      if (deploymentOf(p) && remainingNodes.length > 0) {
        const target = leastLoadedNode(survivors, extra);
        if (target) {
          extra.set(target.name, (extra.get(target.name) ?? 0) + 1);
          const rest = omit(p, 'ip');
          pods.push({ ...rest, nodeName: target.name });
          recreated++;
          continue;
        }
      }
      lostPods++;
      continue;
    }
    pods.push(p);
  }
  if (recreated > 0) {
    notes.push(
      `${recreated} Deployment pod${recreated === 1 ? ' was' : 's were'} recreated on the remaining nodes with new IPs.`,
    );
  }
  if (lostPods > 0) {
    notes.push(
      `${lostPods} bare pod${lostPods === 1 ? '' : 's'} on the deleted node ${lostPods === 1 ? 'is' : 'are'} gone: nothing recreates a pod without a controller.`,
    );
  }

  const services = c.services.filter((s) => {
    const gone = wanted.has(serviceKey(s)) || inDeletedNs(s);
    if (gone) {
      removedKeys.add(serviceKey(s));
      removedKeys.add(loadBalancerKey(s));
    }
    return !gone;
  });
  const keep = <T extends { readonly namespace?: string }>(
    list: readonly T[] | undefined,
    keyOf: (o: T) => string,
  ) =>
    list?.filter((o) => {
      const gone = wanted.has(keyOf(o)) || inDeletedNs(o);
      if (gone) removedKeys.add(keyOf(o));
      return !gone;
    });
  const cluster: ClusterSpec = {
    ...c,
    nodes: remainingNodes,
    pods,
    services,
    ingresses: keep(c.ingresses, ingressKey),
    networkPolicies: keep(c.networkPolicies, policyKey),
    ...keepL7(c, keep, wanted),
    externalClients: c.externalClients?.filter((x) => !wanted.has(clientKey(x))),
    namespaces: c.namespaces?.filter((n) => !namespaces.has(n.name)),
  };
  for (const n of nodes) removedKeys.add(nodeKey({ name: n }));
  // Recreated pods are placed afresh on their new node.
  return {
    document: { ...doc, cluster, layout: withoutLayout(doc.layout, removedKeys) },
    keys: [],
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Copy, paste, duplicate

/** A snapshot of copied elements, independent of the document it came from. */
export interface Clipboard {
  readonly nodes: readonly NodeSpec[];
  readonly pods: readonly PodSpec[];
  readonly services: readonly ServiceSpec[];
  readonly ingresses: readonly IngressSpec[];
  readonly networkPolicies: readonly NetworkPolicySpec[];
  readonly externalClients: readonly ExternalClientSpec[];
  readonly namespaces: readonly NamespaceSpec[];
  /** Saved positions of the copied elements, by their original keys. */
  readonly layout: Readonly<Record<string, Position>>;
}

export function copyElements(doc: ScenarioDocument, keys: readonly string[]): Clipboard {
  const wanted = new Set(keys);
  const c = doc.cluster;
  const namespaceSet = new Set(
    keys
      .map(parseElementKey)
      .filter((r) => r?.kind === 'Namespace')
      .map((r) => r!.name),
  );
  const layout: Record<string, Position> = {};
  for (const key of keys) if (doc.layout[key]) layout[key] = doc.layout[key];
  return {
    nodes: c.nodes.filter((n) => wanted.has(nodeKey(n))),
    pods: c.pods.filter((p) => wanted.has(podKey(p))),
    services: c.services.filter((s) => wanted.has(serviceKey(s))),
    ingresses: (c.ingresses ?? []).filter((i) => wanted.has(ingressKey(i))),
    networkPolicies: (c.networkPolicies ?? []).filter((p) => wanted.has(policyKey(p))),
    externalClients: (c.externalClients ?? []).filter((x) => wanted.has(clientKey(x))),
    namespaces: namespaceNames(c)
      .filter((n) => namespaceSet.has(n))
      .map((n) => (c.namespaces ?? []).find((s) => s.name === n) ?? { name: n }),
    layout,
  };
}

export function isClipboardEmpty(clip: Clipboard): boolean {
  return (
    clip.nodes.length +
      clip.pods.length +
      clip.services.length +
      clip.ingresses.length +
      clip.networkPolicies.length +
      clip.externalClients.length +
      clip.namespaces.length ===
    0
  );
}

/** The copy's name: `web` -> `web-copy`, then `web-copy-2`. */
function copyName(taken: Set<string>, name: string): string {
  const base = name.replace(/-copy(-\d+)?$/, '');
  const result = uniqueName(taken, `${base}-copy`.slice(0, 63));
  taken.add(result);
  return result;
}

/**
 * Adds copies of the clipboard's elements with fresh names (and no fixed addresses), offset from
 * the originals. Copied pods stay on their node unless that node was copied too.
 */
export function pasteElements(
  doc: ScenarioDocument,
  clip: Clipboard,
  offset: Position = { x: 40, y: 40 },
): EditResult {
  const c = doc.cluster;
  const keys: ElementKey[] = [];
  let layout = doc.layout;
  const place = (oldKey: string, newKey: ElementKey, shift: boolean) => {
    const at = clip.layout[oldKey];
    if (at)
      layout = setLayout(layout, newKey, shift ? { x: at.x + offset.x, y: at.y + offset.y } : at);
    keys.push(newKey);
  };

  const nodeNames = new Set(c.nodes.map((n) => n.name));
  const nodeRename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const name = copyName(nodeNames, n.name);
    nodeRename.set(n.name, name);
    const rest = omit(n, 'ip', 'podCidr');
    const copy = { ...rest, name };
    place(nodeKey(n), nodeKey(copy), true);
    return copy;
  });

  const nsNames = new Set(namespaceNames(c));
  const nsRename = new Map<string, string>();
  const namespaces = clip.namespaces.map((n) => {
    const name = copyName(nsNames, n.name);
    nsRename.set(n.name, name);
    const copy = { ...n, name };
    place(namespaceKey(n), namespaceKey(copy), true);
    return copy;
  });
  const nsFor = <T extends { readonly namespace?: string }>(o: T): T => {
    const to = nsRename.get(nsOf(o));
    return to ? { ...o, namespace: to } : o;
  };

  const liveNodes = new Set([...c.nodes.map((n) => n.name), ...nodes.map((n) => n.name)]);
  const podNames = new Map<string, Set<string>>();
  const takenIn = (
    map: Map<string, Set<string>>,
    list: readonly { namespace?: string; name: string }[],
    ns: string,
  ) => {
    if (!map.has(ns)) map.set(ns, namesIn(list, ns));
    return map.get(ns)!;
  };
  const pods: PodSpec[] = [];
  for (const p of clip.pods) {
    const moved = nsFor(p);
    const nodeName = nodeRename.get(p.nodeName) ?? p.nodeName;
    if (!liveNodes.has(nodeName)) continue;
    const name = copyName(takenIn(podNames, c.pods, nsOf(moved)), p.name);
    const rest = omit(moved, 'ip');
    const copy: PodSpec = { ...rest, name, nodeName };
    // A pod pasted into a copied node keeps its place inside it; elsewhere it is shifted.
    place(podKey(p), podKey(copy), !nodeRename.has(p.nodeName));
    pods.push(copy);
  }

  const serviceNames = new Map<string, Set<string>>();
  const services = clip.services.map((s) => {
    const moved = nsFor(s);
    const name = copyName(takenIn(serviceNames, c.services, nsOf(moved)), s.name);
    const { clusterIP } = moved;
    const rest = omit(moved, 'clusterIP', 'loadBalancerIP', 'healthCheckNodePort');
    const copy: ServiceSpec = {
      ...rest,
      name,
      // A copy cannot keep fixed addresses or node ports: they would collide with the original.
      ...(clusterIP === 'None' ? { clusterIP } : {}),
      ports: rest.ports.map((port) => omit(port, 'nodePort')),
    };
    place(serviceKey(s), serviceKey(copy), true);
    return copy;
  });

  const ingressNames = new Map<string, Set<string>>();
  const ingresses = clip.ingresses.map((i) => {
    const moved = nsFor(i);
    const copy = {
      ...moved,
      name: copyName(takenIn(ingressNames, c.ingresses ?? [], nsOf(moved)), i.name),
    };
    place(ingressKey(i), ingressKey(copy), true);
    return copy;
  });

  const policyNames = new Map<string, Set<string>>();
  const networkPolicies = clip.networkPolicies.map((p) => {
    const moved = nsFor(p);
    const copy = {
      ...moved,
      name: copyName(takenIn(policyNames, c.networkPolicies ?? [], nsOf(moved)), p.name),
    };
    place(policyKey(p), policyKey(copy), true);
    return copy;
  });

  const clientNames = new Set((c.externalClients ?? []).map((x) => x.name));
  const clientIps = new Set((c.externalClients ?? []).map((x) => x.ip));
  const externalClients = clip.externalClients.map((x) => {
    let ip = x.ip;
    const parts = ip.split('.');
    for (let host = Number(parts[3]) + 1; clientIps.has(ip) && host < 255; host++) {
      ip = [...parts.slice(0, 3), host].join('.');
    }
    clientIps.add(ip);
    const copy = { name: copyName(clientNames, x.name), ip };
    place(clientKey(x), clientKey(copy), true);
    return copy;
  });

  return {
    document: {
      ...doc,
      cluster: {
        ...c,
        nodes: [...c.nodes, ...nodes],
        namespaces: namespaces.length > 0 ? [...(c.namespaces ?? []), ...namespaces] : c.namespaces,
        pods: [...c.pods, ...pods],
        services: [...c.services, ...services],
        ...(ingresses.length > 0 ? { ingresses: [...(c.ingresses ?? []), ...ingresses] } : {}),
        ...(networkPolicies.length > 0
          ? { networkPolicies: [...(c.networkPolicies ?? []), ...networkPolicies] }
          : {}),
        ...(externalClients.length > 0
          ? { externalClients: [...(c.externalClients ?? []), ...externalClients] }
          : {}),
      },
      layout,
    },
    keys,
  };
}

export function duplicateElements(doc: ScenarioDocument, keys: readonly string[]): EditResult {
  return pasteElements(doc, copyElements(doc, keys));
}

/** True when the document has the element a key names (a load balancer needs its Service). */
export function hasElement(doc: ScenarioDocument, key: string): boolean {
  const ref = parseElementKey(key);
  if (!ref) return false;
  const c = doc.cluster;
  switch (ref.kind) {
    case 'Node':
      return c.nodes.some((n) => n.name === ref.name);
    case 'Pod':
      return c.pods.some((p) => podKey(p) === key);
    case 'Service':
      return c.services.some((s) => serviceKey(s) === key);
    case 'LoadBalancer':
      return c.services.some((s) => loadBalancerKey(s) === key && s.type === 'LoadBalancer');
    case 'Ingress':
      return (c.ingresses ?? []).some((i) => ingressKey(i) === key);
    case 'NetworkPolicy':
      return (c.networkPolicies ?? []).some((p) => policyKey(p) === key);
    case 'ExternalClient':
      return (c.externalClients ?? []).some((x) => x.name === ref.name);
    case 'Namespace':
      return namespaceNames(c).includes(ref.name);
    case 'GatewayClass':
      return (c.gatewayClasses ?? []).some((g) => gatewayClassKey(g) === key);
    case 'Gateway':
      return (c.gateways ?? []).some((g) => gatewayKey(g) === key);
    case 'HTTPRoute':
      return (c.httpRoutes ?? []).some((r) => httpRouteKey(r) === key);
    case 'ReferenceGrant':
      return (c.referenceGrants ?? []).some((g) => referenceGrantKey(g) === key);
    case 'CiliumNetworkPolicy':
    case 'CiliumClusterwideNetworkPolicy':
      return (c.ciliumPolicies ?? []).some((p) => ciliumPolicyKey(p) === key);
    default:
      return ref.kind satisfies never;
  }
}
