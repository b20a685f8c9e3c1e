/**
 * Kubernetes YAML (hand-written manifests, or a `kubectl get -o yaml` dump of a real cluster) to
 * a ClusterSpec. Pure: no DOM, no Node APIs; it runs in the browser and in the CLI alike.
 */
import { ingressClassesOf, ingressClassVerdict } from '../../engine/ingressClass.ts';
import { parseIpv4 } from '../../engine/net.ts';
import {
  DEFAULT_NAMESPACE,
  DEFAULT_SETTINGS,
  INGRESS_CONTROLLERS,
  ingressControllerOf,
  type ClusterSettings,
  type ClusterSpec,
  type ExternalClientSpec,
  type IngressSpec,
  type KubernetesObject,
  type NamespaceSpec,
  type NetworkPolicySpec,
  type NodeSpec,
  type PodSpec,
  type ServiceSpec,
} from '../../engine/spec.ts';
import { clusterSpecSchema, LIMITS } from '../schema.ts';
import { Fields } from './fields.ts';
import { collectNodes } from './collectNodes.ts';
import { collectHints, inferSettings, type SettingsHints } from './inferSettings.ts';
import { IssueLog, type Origin } from './issues.ts';
import { NOT_NETWORKING, SKIPPED_KINDS } from './skippedKinds.ts';
import { cleanSource, SOURCE_KINDS } from './sourceObjects.ts';
import { emptyL7Objects, isL7Kind, readL7Object } from './l7Objects.ts';
import {
  isRecord,
  parseDocuments,
  readDirectives,
  exceedsUtf8,
  type RawObject,
} from './parseDocuments.ts';
import { optional } from './readCommonFields.ts';
import { readIngress, readIngressClass } from './readIngress.ts';
import { readNamespace, readNode, type NodeDraft } from './readNamespaceAndNode.ts';
import { readNetworkPolicy } from './readNetworkPolicy.ts';
import { readPod, type PodDraft } from './readPod.ts';
import { attachEndpoints, type EndpointsDraft } from './attachEndpoints.ts';
import { readEndpointSlice, readEndpoints } from './readEndpoints.ts';
import { readService } from './readService.ts';
import {
  DEFAULT_IMPORT_LIMITS,
  type ImportOptions,
  type ImportResult,
  type IngressClassInfo,
  type ObjectId,
} from './types.ts';
import {
  expandWorkload,
  isWorkloadKind,
  podFromTemplate,
  randomSuffix,
  readWorkload,
  Scheduler,
  type WorkloadDraft,
} from './workloads.ts';

/** Annotation an export puts on pods to keep the workload that made them (`Deployment/web`). */
export const OWNER_ANNOTATION = 'podpath.dev/owner';
/** The controller PodPath's simulated ingress controller stands for. */
export const SIMULATED_INGRESS_CONTROLLER = 'k8s.io/ingress-nginx';

interface Entry {
  readonly raw: RawObject;
  readonly kind: string;
  readonly apiVersion: string;
  readonly origin: Origin;
  readonly index: number;
}

function emptySpec(settings: ClusterSettings): ClusterSpec {
  return { settings, nodes: [], pods: [], services: [] };
}

function objectKey(id: ObjectId): string {
  return `${id.kind}/${id.namespace ?? ''}/${id.name}`;
}

/** Reads Kubernetes YAML into a ClusterSpec; never throws. See ImportResult for what comes back. */
export function importKubernetesYaml(text: string, options: ImportOptions = {}): ImportResult {
  const log = new IssueLog();
  const maxBytes = options.maxBytes ?? DEFAULT_IMPORT_LIMITS.maxBytes;
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_IMPORT_LIMITS.maxAliasCount;
  const maxPods = Math.min(options.maxPods ?? DEFAULT_IMPORT_LIMITS.maxPods, LIMITS.pods);
  const fail = (): ImportResult => ({
    spec: emptySpec({ ...DEFAULT_SETTINGS, ...(options.settings ?? {}) }),
    warnings: log.warnings(),
    errors: log.errors,
    imported: [],
    created: [],
    ingressClasses: [],
  });
  if (typeof text !== 'string') {
    log.error('The input is not text.');
    return fail();
  }
  const progress = options.onProgress ?? (() => {});
  progress(
    `parsing the YAML (${Math.max(1, Math.round(text.length / 1024)).toLocaleString('en-US')} kB)`,
  );
  const raws = parseDocuments(text, { maxBytes, maxAliasCount }, log);
  if (exceedsUtf8(text, maxBytes)) return fail();

  // Pass 1: what each object is; a later object with the same kind, namespace and name wins,
  // as it would with kubectl apply.
  const entries: Entry[] = [];
  raws.forEach((raw, index) => {
    const v = raw.value;
    const meta = isRecord(v.metadata) ? v.metadata : {};
    const name =
      typeof meta.name === 'string'
        ? meta.name
        : typeof meta.generateName === 'string'
          ? `${meta.generateName}*`
          : '(no name)';
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
    if (typeof v.kind !== 'string' || v.kind === '') {
      log.errors.push({
        message: `The object named ${name} has no kind.`,
        ...optional('line', raw.line),
      });
      return;
    }
    const origin: Origin = {
      id: { kind: v.kind, ...optional('namespace', namespace), name },
      line: raw.line,
    };
    entries.push({
      raw,
      kind: v.kind,
      apiVersion: typeof v.apiVersion === 'string' ? v.apiVersion : '',
      origin,
      index,
    });
  });
  const lastIndex = new Map<string, number>();
  for (const e of entries) lastIndex.set(objectKey(e.origin.id), e.index);

  // Pass 2: read each object.
  progress(
    `reading ${entries.length.toLocaleString('en-US')} ${entries.length === 1 ? 'object' : 'objects'}`,
  );
  const namespaces: NamespaceSpec[] = [];
  const nodeDrafts: NodeDraft[] = [];
  const podDrafts: { draft: PodDraft; index: number; origin: Origin }[] = [];
  const workloads: { draft: WorkloadDraft; index: number; origin: Origin }[] = [];
  const services: ServiceSpec[] = [];
  const serviceOrigins = new Map<string, Origin>();
  const endpointDrafts: EndpointsDraft[] = [];
  const ingresses: { spec: IngressSpec; origin: Origin }[] = [];
  const policies: NetworkPolicySpec[] = [];
  const l7 = emptyL7Objects();
  const classes: { name: string; controller: string; isDefault: boolean; origin: Origin }[] = [];
  const rsOwners = new Map<string, string>();
  const hints: SettingsHints = {};
  const imported: ObjectId[] = [];
  // The objects to keep verbatim, cleaned only at the end: a snapshot's own `# podpath:sources`
  // line, read later, replaces them. Nothing changes the parsed objects in between.
  const sources: Readonly<Record<string, unknown>>[] = [];

  for (const e of entries) {
    const { kind, origin } = e;
    if (lastIndex.get(objectKey(origin.id)) !== e.index) {
      log.skip('appears again later in the input; the later one is used.', origin);
      continue;
    }
    const f = new Fields(kind, origin, log);
    const obj = e.raw.value;
    const ns = origin.id.namespace;
    const usedFor = collectHints(hints, kind, ns, origin.id.name, obj);
    const done = (id: ObjectId | undefined) => {
      if (!id) return;
      imported.push(id);
      // A pod its workload made is exported as the workload, so its own object is not kept.
      const owned = isRecord(obj.metadata) && obj.metadata.ownerReferences !== undefined;
      if (SOURCE_KINDS.has(kind) && !(kind === 'Pod' && owned)) sources.push(obj);
    };
    switch (kind) {
      case 'Namespace': {
        const n = readNamespace(obj, f);
        if (n) namespaces.push(n);
        done(n && { kind, name: n.name });
        break;
      }
      case 'Node': {
        const n = readNode(obj, f);
        if (n) nodeDrafts.push(n);
        done(n && { kind, name: n.name });
        break;
      }
      case 'Pod': {
        const meta = isRecord(obj.metadata) ? obj.metadata : {};
        const generated =
          typeof meta.generateName === 'string' && meta.name === undefined
            ? `${meta.generateName}${randomSuffix(`${meta.generateName}#${e.index}`)}`
            : undefined;
        const p = readPod(obj, f, generated);
        if (!p) break;
        if (p.finished) {
          log.skip(
            'ran to completion (phase Succeeded or Failed) and has no IP any more; skipped.',
            origin,
            'note',
          );
          break;
        }
        podDrafts.push({ draft: p, index: e.index, origin });
        done({ kind, ...optional('namespace', p.meta.namespace), name: p.meta.name });
        break;
      }
      case 'Deployment':
      case 'ReplicaSet':
      case 'StatefulSet':
      case 'DaemonSet': {
        if (!isWorkloadKind(kind)) break;
        const w = readWorkload(obj, kind, f);
        if (!w) break;
        if (kind === 'ReplicaSet') {
          const owner = w.meta.ownerReferences.find((o) => o.kind === 'Deployment');
          if (owner)
            rsOwners.set(`${w.meta.namespace ?? DEFAULT_NAMESPACE}/${w.meta.name}`, owner.name);
        }
        workloads.push({ draft: w, index: e.index, origin });
        done({ kind, ...optional('namespace', w.meta.namespace), name: w.meta.name });
        break;
      }
      case 'Service': {
        const s = readService(obj, f);
        if (!s) break;
        if (
          s.name === 'kubernetes' &&
          (s.namespace ?? DEFAULT_NAMESPACE) === DEFAULT_NAMESPACE &&
          !s.selector
        ) {
          log.skip(
            "is the API server's own Service, with no pods behind it; PodPath reserves its address and skips it.",
            origin,
            'note',
          );
          break;
        }
        services.push(s);
        serviceOrigins.set(`${s.namespace ?? DEFAULT_NAMESPACE}/${s.name}`, origin);
        done({ kind, ...optional('namespace', s.namespace), name: s.name });
        break;
      }
      case 'EndpointSlice':
      case 'Endpoints': {
        const read =
          kind === 'EndpointSlice'
            ? readEndpointSlice(obj, origin.id.name)
            : readEndpoints(obj, origin.id.name);
        if ('skipped' in read) log.skip(read.skipped, origin, 'note');
        else endpointDrafts.push({ ...read, kind, namespace: ns ?? DEFAULT_NAMESPACE, origin });
        break;
      }
      case 'Ingress': {
        const i = readIngress(obj, f);
        if (i) ingresses.push({ spec: i, origin });
        done(i && { kind, ...optional('namespace', i.namespace), name: i.name });
        break;
      }
      case 'IngressClass': {
        const c = readIngressClass(obj, f);
        if (c) classes.push({ ...c, origin });
        done(c && { kind, name: c.name });
        break;
      }
      case 'NetworkPolicy': {
        if (e.apiVersion !== 'networking.k8s.io/v1' && e.apiVersion !== 'extensions/v1beta1') {
          log.skip(
            `is ${e.apiVersion || 'without apiVersion'}; only networking.k8s.io/v1 NetworkPolicy is simulated (this looks like a CNI's own policy); skipped.`,
            origin,
          );
          break;
        }
        const p = readNetworkPolicy(obj, f);
        if (p) policies.push(p);
        done(p && { kind, ...optional('namespace', p.namespace), name: p.name });
        break;
      }
      default: {
        if (isL7Kind(kind)) {
          if (readL7Object(kind, e.apiVersion, obj, l7, log, origin)) done(origin.id);
          break;
        }
        if (usedFor) {
          log.skip(
            `read for the cluster settings (${usedFor}); not simulated itself.`,
            origin,
            'note',
          );
        } else if (Object.hasOwn(SKIPPED_KINDS, kind)) {
          const s = SKIPPED_KINDS[kind];
          log.skip(s.why, origin, s.note ? 'note' : 'warning');
        } else if (NOT_NETWORKING.has(kind)) {
          log.skip('not part of the networking model; skipped.', origin, 'note');
        } else {
          log.skip('PodPath does not know this kind; skipped.', origin);
        }
      }
    }
  }

  attachEndpoints(services, serviceOrigins, endpointDrafts, imported, log);

  // Pass 3: which workloads already have their pods in the input (a dump has Deployment,
  // ReplicaSet and Pods); those are not expanded again.
  const ownerOf = (p: PodDraft): string | undefined => {
    const annotated = p.meta.annotations?.[OWNER_ANNOTATION];
    if (annotated) return annotated;
    const owner = p.meta.ownerReferences[0];
    if (!owner) return undefined;
    if (owner.kind === 'ReplicaSet') {
      const ns = p.meta.namespace ?? DEFAULT_NAMESPACE;
      const deployment = rsOwners.get(`${ns}/${owner.name}`);
      if (deployment) return `Deployment/${deployment}`;
      const hash = p.meta.labels?.['pod-template-hash'];
      if (hash && owner.name.endsWith(`-${hash}`))
        return `Deployment/${owner.name.slice(0, -hash.length - 1)}`;
    }
    return `${owner.kind}/${owner.name}`;
  };
  const havePods = new Set<string>();
  for (const { draft } of podDrafts) {
    const ns = draft.meta.namespace ?? DEFAULT_NAMESPACE;
    for (const o of draft.meta.ownerReferences) havePods.add(`${o.kind}/${ns}/${o.name}`);
    const owner = ownerOf(draft);
    if (owner) havePods.add(`${owner.split('/')[0]}/${ns}/${owner.split('/').slice(1).join('/')}`);
  }
  const workloadKeys = new Set(
    workloads.map(
      (w) => `${w.draft.kind}/${w.draft.meta.namespace ?? DEFAULT_NAMESPACE}/${w.draft.meta.name}`,
    ),
  );

  // Pass 4: nodes. Those the input lists; those its pods name; else two made-up nodes.
  progress('placing the pods on nodes');
  const { nodes, created } = collectNodes(
    nodeDrafts,
    [
      ...podDrafts.map((p) => ({ template: p.draft.template, draft: p.draft })),
      ...workloads.map((w) => ({ template: w.draft.template, draft: undefined })),
    ],
    log,
  );

  // Pass 5: pods, in input order: the input's own, and those the workloads would create.
  const scheduler = new Scheduler(nodes);
  const taken = new Set(
    podDrafts.map((p) => `${p.draft.meta.namespace ?? DEFAULT_NAMESPACE}/${p.draft.meta.name}`),
  );
  const pods: PodSpec[] = [];
  let overBudget = false;
  const items = [
    ...podDrafts.map((p) => ({ index: p.index, pod: p, workload: undefined })),
    ...workloads.map((w) => ({ index: w.index, pod: undefined, workload: w })),
  ].sort((a, b) => a.index - b.index);
  for (const item of items) {
    const budget = maxPods - pods.length;
    if (item.pod) {
      const { draft, origin } = item.pod;
      if (budget <= 0) {
        overBudget = true;
        continue;
      }
      const nodeName = scheduler.place(draft.template);
      if (!nodeName) {
        log.skip('fits no node (nodeSelector, taints), so it stays Pending; left out.', origin);
        continue;
      }
      const pod = podFromTemplate(draft.template, {
        name: draft.meta.name,
        namespace: draft.meta.namespace,
        labels: draft.meta.labels,
        nodeName,
        ownerRef: ownerOf(draft),
      });
      pods.push({
        ...pod,
        ...optional('ready', draft.ready),
        ...optional('ip', draft.ip),
        ...optional('creationTimestamp', draft.meta.creationTimestamp),
      });
      continue;
    }
    if (!item.workload) continue;
    const { draft: w, origin } = item.workload;
    const ns = w.meta.namespace ?? DEFAULT_NAMESPACE;
    const key = `${w.kind}/${ns}/${w.meta.name}`;
    if (havePods.has(key)) {
      log.skip('its pods are in the input, so it is not expanded again.', origin, 'note');
      continue;
    }
    if (w.kind === 'ReplicaSet') {
      const owner = w.meta.ownerReferences.find((o) => o.kind === 'Deployment');
      if (
        owner &&
        (workloadKeys.has(`Deployment/${ns}/${owner.name}`) ||
          havePods.has(`Deployment/${ns}/${owner.name}`))
      ) {
        log.skip(
          `is managed by Deployment ${owner.name}, which stands for it; not expanded separately.`,
          origin,
          'note',
        );
        continue;
      }
    }
    const result = expandWorkload(w, nodes, scheduler, taken, Math.max(0, budget));
    pods.push(...result.pods);
    for (const p of result.pods)
      created.push({
        kind: 'Pod',
        ...optional('namespace', p.namespace),
        name: p.name,
        from: `${w.kind}/${w.meta.name}`,
      });
    if (result.unplaced > 0) {
      log.skip(
        `${result.unplaced} of its pods fit no node (nodeSelector, taints); they stay Pending and are left out.`,
        origin,
      );
    }
    if (result.truncated > 0) overBudget = true;
  }
  if (overBudget) {
    log.error(
      `The input makes more than ${maxPods} pods (workloads count with their replicas); PodPath simulates at most ${maxPods}. Lower the replicas or import fewer objects.`,
    );
  }

  progress('reading the cluster settings');
  // Pass 6: settings. A PodPath export carries its own; otherwise read them from the cluster.
  let base: ClusterSettings = DEFAULT_SETTINGS;
  let fromFile = false;
  const externalClients: ExternalClientSpec[] = [];
  // A cluster snapshot carries the objects the scenario came from; its own are PodPath's output.
  let fileSources: readonly KubernetesObject[] | undefined;
  for (const d of readDirectives(text)) {
    let value: unknown;
    try {
      value = JSON.parse(d.json);
    } catch {
      log.warn(`# podpath:${d.name} line`, 'is not valid JSON; ignored.', {
        id: { kind: 'comment', name: d.name },
        line: d.line,
      });
      continue;
    }
    if (d.name === 'settings') {
      const checked = clusterSpecSchema.shape.settings.safeParse(value);
      if (checked.success) {
        base = checked.data as ClusterSettings;
        fromFile = true;
      } else {
        log.warn('# podpath:settings line', 'does not hold valid settings; ignored.', {
          id: { kind: 'comment', name: d.name },
          line: d.line,
        });
      }
    } else if (d.name === 'sources') {
      const checked = clusterSpecSchema.shape.sourceObjects.safeParse(value);
      if (checked.success) fileSources = checked.data ?? [];
      else {
        log.warn('# podpath:sources line', 'does not hold valid source objects; ignored.', {
          id: { kind: 'comment', name: d.name },
          line: d.line,
        });
      }
    } else if (d.name === 'externalClient') {
      const checked = clusterSpecSchema.shape.externalClients.unwrap().element.safeParse(value);
      if (checked.success && parseIpv4(checked.data.ip)) {
        externalClients.push(checked.data as ExternalClientSpec);
      } else {
        log.warn('# podpath:externalClient line', 'needs a valid name and IPv4 address; ignored.', {
          id: { kind: 'comment', name: d.name },
          line: d.line,
        });
      }
    }
  }
  const nodeSpecs: NodeSpec[] = nodes.map((n) => ({
    name: n.name,
    ...optional('ip', n.ip),
    ...optional('podCidr', n.podCidr),
    ...optional('subnet', n.subnet),
    ...optional('labels', n.labels),
  }));
  const draftSpec = { nodes: nodeSpecs, pods, services };
  let settings = base;
  if (!fromFile) {
    const inferred = inferSettings(base, draftSpec, hints);
    settings = inferred.settings;
    for (const note of inferred.notes) log.note('Setting', `${note}.`);
  }
  if (options.settings) settings = { ...settings, ...options.settings };

  // Pass 7: which IngressClass PodPath's controller serves (ingress-nginx, or HAProxy Ingress
  // when the settings choose it).
  const simulated = ingressControllerOf(settings) ?? INGRESS_CONTROLLERS[0];
  const ingressClasses: IngressClassInfo[] = classes.map((c) => ({
    name: c.name,
    controller: c.controller,
    isDefault: c.isDefault,
    served: c.controller === simulated.ingressClassController,
  }));
  for (const c of ingressClasses) {
    const origin = classes.find((x) => x.name === c.name)?.origin;
    if (origin && !c.served)
      log.skip(
        `has the controller ${c.controller || '(none)'}, which is not simulated here; PodPath runs ${simulated.label}, which ignores the Ingresses of this class.`,
        origin,
      );
  }
  const classModel = ingressClassesOf(
    classes.map((c) => ({ name: c.name, controller: c.controller, isDefault: c.isDefault })),
    simulated,
  );
  for (const { spec: ing, origin } of ingresses) {
    const verdict = ingressClassVerdict(ing, classModel, simulated);
    if (!verdict.served)
      log.skip(`is not served by PodPath's ${simulated.label}: ${verdict.why}`, origin);
  }

  const kept = keptSources(fileSources ?? sources.map((obj) => cleanSource(obj)), log);
  const spec: ClusterSpec = {
    settings,
    nodes: nodeSpecs,
    ...(namespaces.length > 0 ? { namespaces } : {}),
    pods,
    services,
    ...(ingresses.length > 0 ? { ingresses: ingresses.map((i) => i.spec) } : {}),
    ...(classes.length > 0
      ? {
          ingressClasses: classes.map((c) => ({
            name: c.name,
            controller: c.controller,
            ...(c.isDefault ? { isDefault: true } : {}),
          })),
        }
      : {}),
    ...(policies.length > 0 ? { networkPolicies: policies } : {}),
    ...Object.fromEntries(Object.entries(l7).filter(([, list]) => list.length > 0)),
    ...(externalClients.length > 0 ? { externalClients } : {}),
    ...(kept.length > 0 ? { sourceObjects: kept } : {}),
  };

  // The same checks every scenario passes before it reaches the store.
  const checked = clusterSpecSchema.safeParse(spec);
  if (!checked.success) {
    for (const issue of checked.error.issues.slice(0, 10)) {
      log.error(
        `The imported cluster does not pass PodPath's checks: ${issue.path.map(String).join('.')} ${issue.message}.`,
      );
    }
  }

  // In input order, so the first error shown is the first one in the file.
  const errors = log.errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.line ?? Infinity) - (b.e.line ?? Infinity) || a.i - b.i)
    .map(({ e }) => e);
  return { spec, warnings: log.warnings(), errors, imported, created, ingressClasses };
}

/**
 * The imported objects kept verbatim for "Export manifests", unless they pass the scenario's caps
 * (count or size): then the import still opens, and the export is written from what PodPath models.
 */
function keptSources(
  list: readonly KubernetesObject[],
  log: IssueLog,
): readonly KubernetesObject[] {
  if (list.length === 0) return list;
  const tooMany = list.length > LIMITS.sourceObjects;
  if (!tooMany && JSON.stringify(list).length <= LIMITS.sourceBytes) return list;
  log.warn(
    'The imported objects',
    tooMany
      ? `are more than ${LIMITS.sourceObjects}, too many to keep verbatim; Export manifests writes them from what PodPath models, without the fields it does not model.`
      : `are larger than ${LIMITS.sourceBytes / (1024 * 1024)} MB, too large to keep verbatim; Export manifests writes them from what PodPath models, without the fields it does not model.`,
  );
  return [];
}
