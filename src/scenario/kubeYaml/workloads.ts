/**
 * Workloads become pods the way their controllers would make them: Deployment pods named
 * `name-<template hash>-<5 chars>`, StatefulSet pods `name-0..` with a stable hostname under the
 * governing Service, DaemonSet pods one per eligible node; placed by a small deterministic
 * scheduler (round robin over the nodes the pod may run on). Same input, same names.
 */
import { fnv1a, seededRandom } from '../../engine/hash.ts';
import { matchesLabelSelector } from '../../engine/selectors.ts';
import type { LabelSelector, Labels, PodSpec } from '../../engine/spec.ts';
import { fieldTable, type Fields } from './fields.ts';
import { isRecord } from './parseDocuments.ts';
import {
  checkObjectKeys,
  optional,
  readLabelSelector,
  readMeta,
  type Meta,
} from './readCommonFields.ts';
import type { NodeDraft, Taint } from './readNamespaceAndNode.ts';
import { readPodSpec, type PodTemplateDraft, type Toleration } from './readPod.ts';

export const WORKLOAD_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

export interface WorkloadDraft {
  readonly kind: WorkloadKind;
  readonly meta: Meta;
  readonly replicas: number;
  readonly selector?: LabelSelector;
  readonly labels?: Labels;
  readonly template: PodTemplateDraft;
  /** The pod-template-hash a Deployment's ReplicaSet would carry. */
  readonly templateHash: string;
  readonly serviceName?: string;
  readonly ordinalStart: number;
}

/** The alphabet of Kubernetes' rand.SafeEncodeString: no vowels, no look-alikes. */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** As Kubernetes' rand.SafeEncodeString: each character of s mapped onto the safe alphabet. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE[s.charCodeAt(i) % SAFE.length];
  return out;
}

/** Key-order independent JSON, so the hash depends on the template's content only. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Like a pod-template-hash: an FNV-32a of the template, its decimal digits safe-encoded. */
export function templateHash(template: unknown): string {
  return safeEncode(String(fnv1a(stableJson(template))));
}

/** Five characters that stand in for the random suffix a controller adds. */
export function randomSuffix(key: string): string {
  const random = seededRandom(fnv1a(key));
  let out = '';
  for (let i = 0; i < 5; i++) out += SAFE[Math.floor(random() * SAFE.length)];
  return out;
}

const WORKLOAD_SPEC_FIELDS = fieldTable(
  'replicas selector template serviceName ordinals',
  'strategy updateStrategy minReadySeconds revisionHistoryLimit progressDeadlineSeconds paused podManagementPolicy volumeClaimTemplates persistentVolumeClaimRetentionPolicy templateGeneration',
);

export function readWorkload(
  obj: Record<string, unknown>,
  kind: WorkloadKind,
  f: Fields,
): WorkloadDraft | undefined {
  checkObjectKeys(obj, f, { spec: 'read', status: 'ignore' });
  const meta = readMeta(obj, f, { namespaced: true });
  if (!meta) return undefined;
  const spec = f.rec(obj, 'spec', '');
  const template = spec ? f.rec(spec, 'template', 'spec') : undefined;
  if (!spec || !template) {
    f.reject('spec.template', 'is missing.');
    return undefined;
  }
  f.checkKeys(spec, 'spec', WORKLOAD_SPEC_FIELDS);
  if (kind === 'DaemonSet' && spec.replicas !== undefined)
    f.warn('spec.replicas', 'a DaemonSet runs one pod per node; replicas is ignored.');
  const replicas = kind === 'DaemonSet' ? 0 : (f.int(spec, 'replicas', 'spec') ?? 1);
  const selector = readLabelSelector(spec, 'selector', 'spec', f);
  f.checkKeys(template, 'spec.template', { metadata: 'read', spec: 'read' });
  const tmeta = f.rec(template, 'metadata', 'spec.template') ?? {};
  f.checkKeys(
    tmeta,
    'spec.template.metadata',
    fieldTable('labels', 'annotations name namespace creationTimestamp'),
  );
  const labels = f.labels(tmeta, 'labels', 'spec.template.metadata');
  const tspec = f.rec(template, 'spec', 'spec.template');
  if (!tspec) {
    f.reject('spec.template.spec', 'is missing.');
    return undefined;
  }
  const pod = readPodSpec(tspec, 'spec.template.spec', f);
  if (selector && !matchesLabelSelector(selector, labels ?? {})) {
    f.reject(
      'spec.selector',
      'does not match the labels of spec.template; the API server refuses such a workload.',
    );
  }
  let serviceName: string | undefined;
  let ordinalStart = 0;
  if (kind === 'StatefulSet') {
    serviceName = f.str(spec, 'serviceName', 'spec') || undefined;
    const ordinals = f.rec(spec, 'ordinals', 'spec');
    ordinalStart = (ordinals && f.int(ordinals, 'start', 'spec.ordinals')) || 0;
  } else if (spec.serviceName !== undefined || spec.ordinals !== undefined) {
    f.warn('spec.serviceName', `only a StatefulSet has it; ignored on a ${kind}.`);
  }
  if (f.invalid) return undefined;
  return {
    kind,
    meta,
    replicas,
    ...optional('selector', selector),
    ...optional('labels', labels),
    template: pod,
    templateHash: templateHash(template),
    ...optional('serviceName', serviceName),
    ordinalStart,
  };
}

// ---------------------------------------------------------------------------------------------
// Scheduling

function tolerates(tolerations: readonly Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** Whether the scheduler (or the DaemonSet controller) may place a pod of this template here. */
export function fitsNode(template: PodTemplateDraft, node: NodeDraft): boolean {
  if (node.unschedulable) return false;
  const labels: Labels = { 'kubernetes.io/hostname': node.name, ...(node.labels ?? {}) };
  for (const [k, v] of Object.entries(template.nodeSelector ?? {}))
    if (labels[k] !== v) return false;
  return node.taints.every(
    (t) => t.effect === 'PreferNoSchedule' || tolerates(template.tolerations, t),
  );
}

/** Round robin over the nodes, skipping nodes the pod may not run on; one cursor for the import. */
export class Scheduler {
  private cursor = 0;

  constructor(private readonly nodes: readonly NodeDraft[]) {}

  place(template: PodTemplateDraft): string | undefined {
    if (template.nodeName) return template.nodeName;
    for (let i = 0; i < this.nodes.length; i++) {
      const index = (this.cursor + i) % this.nodes.length;
      if (fitsNode(template, this.nodes[index])) {
        this.cursor = index + 1;
        return this.nodes[index].name;
      }
    }
    return undefined;
  }
}

/** A pod spec from a template, with the pod's own name, node and labels. */
export function podFromTemplate(
  template: PodTemplateDraft,
  fields: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Labels;
    readonly nodeName: string;
    readonly ownerRef?: string;
    readonly hostname?: string;
    readonly subdomain?: string;
  },
): PodSpec {
  const hostname = fields.hostname ?? template.hostname;
  const subdomain = fields.subdomain ?? template.subdomain;
  return {
    name: fields.name,
    ...optional('namespace', fields.namespace),
    ...optional('labels', fields.labels),
    nodeName: fields.nodeName,
    containers: template.containers,
    ...optional('hostname', hostname),
    ...optional('subdomain', subdomain),
    ...optional('hostNetwork', template.hostNetwork),
    ...optional('dnsPolicy', template.dnsPolicy),
    ...optional('dnsConfig', template.dnsConfig),
    ...optional('enableServiceLinks', template.enableServiceLinks),
    ...optional('ownerRef', fields.ownerRef),
  };
}

/**
 * The pods a workload's controller would create. `taken` holds pod keys already in use, so a
 * made-up suffix never collides with another pod.
 */
export function expandWorkload(
  w: WorkloadDraft,
  nodes: readonly NodeDraft[],
  scheduler: Scheduler,
  taken: Set<string>,
  budget: number,
): { pods: PodSpec[]; unplaced: number; truncated: number } {
  const ns = w.meta.namespace;
  const key = (name: string) => `${ns ?? 'default'}/${name}`;
  const unique = (base: string, seed: string) => {
    for (let attempt = 0; ; attempt++) {
      const name = `${base}-${randomSuffix(`${seed}#${attempt}`)}`;
      if (!taken.has(key(name))) return name;
    }
  };
  const pods: PodSpec[] = [];
  let unplaced = 0;
  const add = (
    pod: Omit<Parameters<typeof podFromTemplate>[1], 'nodeName'>,
    nodeName: string | undefined,
  ) => {
    if (!nodeName) {
      unplaced++;
      return;
    }
    taken.add(key(pod.name));
    pods.push(podFromTemplate(w.template, { ...pod, nodeName }));
  };

  const want =
    w.kind === 'DaemonSet' ? nodes.filter((n) => fitsNode(w.template, n)).length : w.replicas;
  const count = Math.min(want, budget);
  switch (w.kind) {
    case 'Deployment': {
      const rs = `${w.meta.name}-${w.templateHash}`;
      const labels = { ...(w.labels ?? {}), 'pod-template-hash': w.templateHash };
      for (let i = 0; i < count; i++) {
        const name = unique(rs, `${key(rs)}/${i}`);
        add(
          { name, namespace: ns, labels, ownerRef: `Deployment/${w.meta.name}` },
          scheduler.place(w.template),
        );
      }
      break;
    }
    case 'ReplicaSet':
      for (let i = 0; i < count; i++) {
        const name = unique(w.meta.name, `${key(w.meta.name)}/${i}`);
        add(
          { name, namespace: ns, labels: w.labels, ownerRef: `ReplicaSet/${w.meta.name}` },
          scheduler.place(w.template),
        );
      }
      break;
    case 'StatefulSet':
      for (let i = 0; i < count; i++) {
        const ordinal = w.ordinalStart + i;
        const name = `${w.meta.name}-${ordinal}`;
        const labels = {
          ...(w.labels ?? {}),
          'statefulset.kubernetes.io/pod-name': name,
          'apps.kubernetes.io/pod-index': String(ordinal),
        };
        add(
          {
            name,
            namespace: ns,
            labels,
            ownerRef: `StatefulSet/${w.meta.name}`,
            hostname: name,
            subdomain: w.serviceName,
          },
          scheduler.place(w.template),
        );
      }
      break;
    case 'DaemonSet': {
      const eligible = w.template.nodeName
        ? nodes.filter((n) => n.name === w.template.nodeName)
        : nodes.filter((n) => fitsNode(w.template, n));
      for (const node of eligible.slice(0, count)) {
        const name = unique(w.meta.name, `${key(w.meta.name)}/${node.name}`);
        add(
          { name, namespace: ns, labels: w.labels, ownerRef: `DaemonSet/${w.meta.name}` },
          node.name,
        );
      }
      break;
    }
    default: {
      const never: never = w.kind;
      throw new Error(`unknown workload kind ${String(never)}`);
    }
  }
  return { pods, unplaced, truncated: want - count };
}
