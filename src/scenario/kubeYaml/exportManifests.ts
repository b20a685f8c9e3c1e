/**
 * A scenario as the manifests a person would `kubectl apply`: workloads as their Deployment,
 * StatefulSet, DaemonSet or ReplicaSet (replicas, selector, pod template), never as their pods;
 * no node pins, pod addresses, status or Node objects. Each object starts from the one it was
 * imported from (its labels, annotations and unmodelled fields kept verbatim), with what the
 * scenario models laid over it. PodPath's own annotations appear only where no standard field or
 * annotation says the same. The cluster settings travel in a `# podpath:settings` comment.
 */
import { matchesLabelSelector } from '../../engine/selectors.ts';
import {
  DEFAULT_NAMESPACE,
  type ClusterSpec,
  type KubernetesObject,
  type LabelSelector,
  type Labels,
  type PodSpec,
  type ServiceSpec,
} from '../../engine/spec.ts';
import {
  exportEndpointSlices,
  exportHeader,
  type ExportAbout,
  exportIngress,
  exportIngressClass,
  exportPolicy,
  exportService,
  namespaceObjects,
  PLACEHOLDER_IMAGE,
  yamlDocuments,
} from './exportKubernetesYaml.ts';
import { LOAD_BALANCER_MODE_ANNOTATION, loadBalancerModeFrom } from './extensionAnnotations.ts';
import { exportL7Objects } from './l7Objects.ts';
import { isRecord } from './parseDocuments.ts';
import { optional } from './readCommonFields.ts';
import { INGRESS_CLASS_ANNOTATION } from '../../engine/ingressClass.ts';
import { indexSources, matching, overlay, sourceKey } from './sourceObjects.ts';
import { isWorkloadKind, type WorkloadKind } from './workloads.ts';

type Obj = Record<string, unknown>;

const WORKLOAD_API: Readonly<Record<WorkloadKind, string>> = {
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
};

/** Labels a controller puts on the pods it makes; a pod template never carries them. */
const CONTROLLER_LABELS = [
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'pod-template-generation',
];

function templateLabels(pod: PodSpec): Labels | undefined {
  if (!pod.labels) return undefined;
  return Object.fromEntries(
    Object.entries(pod.labels).filter(([k]) => !CONTROLLER_LABELS.includes(k)),
  );
}

/** The pod-level spec: the source's, with the modelled containers and host fields laid over it. */
function podSpecOf(pod: PodSpec, source: unknown, controllerSetsHost: boolean): Obj {
  const src = isRecord(source) ? source : {};
  // A native sidecar is read as a container but stays where it was, among initContainers.
  const sidecars = new Set(
    (Array.isArray(src.initContainers) ? src.initContainers : []).flatMap((c) =>
      isRecord(c) && typeof c.name === 'string' ? [c.name] : [],
    ),
  );
  const containers = pod.containers
    .filter((c) => !sidecars.has(c.name))
    .map((c) => {
      const from = matching(src.containers, (x) => String(x.name), c.name);
      const ports = c.ports?.map((p) =>
        overlay(
          matching(from?.ports, (x) => String(x.containerPort), String(p.containerPort)),
          {
            ...optional('name', p.name),
            containerPort: p.containerPort,
            ...optional('protocol', p.protocol),
          },
          ['name', 'protocol'],
        ),
      );
      return overlay(
        from,
        {
          name: c.name,
          image: c.image ?? (typeof from?.image === 'string' ? from.image : PLACEHOLDER_IMAGE),
          ...(ports ? { ports } : {}),
        },
        ['ports'],
      );
    });
  return overlay(
    src,
    {
      ...(controllerSetsHost ? {} : optional('hostname', pod.hostname)),
      ...(controllerSetsHost ? {} : optional('subdomain', pod.subdomain)),
      ...optional('hostNetwork', pod.hostNetwork),
      ...optional('enableServiceLinks', pod.enableServiceLinks),
      containers,
    },
    ['nodeName', 'hostname', 'subdomain', 'hostNetwork', 'enableServiceLinks', 'containers'],
  );
}

function metadataOf(
  source: KubernetesObject | undefined,
  name: string,
  namespace: string | undefined,
  labels?: Labels,
): Obj {
  return overlay(
    source?.metadata,
    { name, ...optional('namespace', namespace), ...(labels ? { labels: { ...labels } } : {}) },
    labels ? ['labels'] : [],
  );
}

function bareManifest(pod: PodSpec, source: KubernetesObject | undefined): Obj {
  const src = source ?? {};
  return {
    ...src,
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadataOf(source, pod.name, pod.namespace, pod.labels),
    spec: podSpecOf(pod, src.spec, false),
  };
}

function workloadManifest(
  kind: WorkloadKind,
  name: string,
  pods: readonly PodSpec[],
  source: KubernetesObject | undefined,
): Obj {
  const first = pods[0];
  const src = source ?? {};
  const srcSpec = isRecord(src.spec) ? src.spec : {};
  const srcTemplate = isRecord(srcSpec.template) ? srcSpec.template : {};
  const labels = templateLabels(first) ?? {};
  const selector =
    isRecord(srcSpec.selector) && matchesLabelSelector(srcSpec.selector as LabelSelector, labels)
      ? srcSpec.selector
      : { matchLabels: { ...labels } };
  const serviceName =
    typeof srcSpec.serviceName === 'string' ? srcSpec.serviceName : first.subdomain;
  const spec = overlay(
    srcSpec,
    {
      ...(kind === 'DaemonSet' ? {} : { replicas: pods.length }),
      selector,
      ...(kind === 'StatefulSet' ? optional('serviceName', serviceName) : {}),
      template: {
        metadata: overlay(srcTemplate.metadata, { labels: { ...labels } }, ['labels']),
        spec: podSpecOf(first, srcTemplate.spec, kind === 'StatefulSet'),
      },
    },
    ['selector', 'template'],
  );
  return {
    ...src,
    apiVersion: WORKLOAD_API[kind],
    kind,
    metadata: metadataOf(source, name, first.namespace),
    spec,
  };
}

function serviceManifest(s: ServiceSpec, source: KubernetesObject | undefined): Obj {
  const model = exportService({ ...s, loadBalancerMode: undefined });
  const srcSpec = isRecord(source?.spec) ? source.spec : {};
  const modelSpec = model.spec as Obj;
  const ports = (modelSpec.ports as Obj[]).map((p) =>
    overlay(
      matching(
        srcSpec.ports,
        (x) => `${String(x.port)}/${String(x.protocol ?? 'TCP')}`,
        `${String(p.port)}/${String(p.protocol ?? 'TCP')}`,
      ),
      p,
      ['name', 'targetPort', 'nodePort', 'protocol'],
    ),
  );
  const annotations = {
    ...(isRecord(source?.metadata) && isRecord(source.metadata.annotations)
      ? (source.metadata.annotations as Record<string, string>)
      : {}),
  };
  delete annotations[LOAD_BALANCER_MODE_ANNOTATION];
  // PodPath's annotation only where the cloud's own annotations do not already say the mode.
  const needsOwn =
    s.type === 'LoadBalancer' &&
    s.loadBalancerMode !== undefined &&
    loadBalancerModeFrom(annotations) !== s.loadBalancerMode;
  const metadata = overlay(source?.metadata, model.metadata as Obj, ['annotations']);
  const kept = needsOwn
    ? { ...annotations, [LOAD_BALANCER_MODE_ANNOTATION]: s.loadBalancerMode }
    : annotations;
  if (Object.keys(kept).length > 0) metadata.annotations = kept;
  return {
    ...(source ?? {}),
    ...model,
    metadata,
    spec: overlay(srcSpec, { ...modelSpec, ports }, SERVICE_MODELLED),
  };
}

const SERVICE_MODELLED = [
  'type',
  'clusterIP',
  'clusterIPs',
  'selector',
  'ports',
  'externalName',
  'externalTrafficPolicy',
  'internalTrafficPolicy',
  'sessionAffinity',
  'sessionAffinityConfig',
  'loadBalancerIP',
  'healthCheckNodePort',
  'publishNotReadyAddresses',
  'allocateLoadBalancerNodePorts',
];

/** Workloads and bare pods, in the order their first pod appears. */
function podManifests(spec: ClusterSpec, sources: Map<string, KubernetesObject>): Obj[] {
  const groups = new Map<string, { kind: WorkloadKind; name: string; pods: PodSpec[] }>();
  const order: (string | PodSpec)[] = [];
  for (const pod of spec.pods) {
    const slash = pod.ownerRef?.indexOf('/') ?? -1;
    const kind = slash > 0 ? pod.ownerRef!.slice(0, slash) : '';
    if (!isWorkloadKind(kind)) {
      order.push(pod);
      continue;
    }
    const name = pod.ownerRef!.slice(slash + 1);
    const key = sourceKey(kind, pod.namespace ?? DEFAULT_NAMESPACE, name);
    const group = groups.get(key);
    if (group) group.pods.push(pod);
    else {
      groups.set(key, { kind, name, pods: [pod] });
      order.push(key);
    }
  }
  const source = (kind: string, ns: string | undefined, name: string) =>
    sources.get(sourceKey(kind, ns ?? DEFAULT_NAMESPACE, name)) ??
    (ns === undefined || ns === DEFAULT_NAMESPACE
      ? sources.get(sourceKey(kind, undefined, name))
      : undefined);
  return order.map((item) => {
    if (typeof item !== 'string')
      return bareManifest(item, source('Pod', item.namespace, item.name));
    const g = groups.get(item)!;
    return workloadManifest(g.kind, g.name, g.pods, source(g.kind, g.pods[0].namespace, g.name));
  });
}

/** The manifests, in the order kubectl apply needs them (namespaces first). */
export function toManifestObjects(spec: ClusterSpec): Obj[] {
  const sources = indexSources(spec);
  const find = (kind: string, ns: string | undefined, name: string) =>
    sources.get(sourceKey(kind, ns ?? DEFAULT_NAMESPACE, name)) ??
    sources.get(sourceKey(kind, undefined, name));
  return [
    ...namespaceObjects(spec).map((n) => {
      const meta = n.metadata as Obj;
      const src = find('Namespace', undefined, String(meta.name));
      return overlay(src, n, meta.labels ? ['metadata.labels'] : []);
    }),
    ...podManifests(spec, sources),
    ...spec.services.map((s) => serviceManifest(s, find('Service', s.namespace, s.name))),
    ...spec.services.flatMap(exportEndpointSlices),
    ...(spec.ingressClasses ?? []).map(exportIngressClass),
    ...(spec.ingresses ?? []).map((i) => {
      const src = find('Ingress', i.namespace, i.name);
      const model = exportIngress(i);
      const annotations = isRecord(src?.metadata) ? src.metadata.annotations : undefined;
      // The old annotation and spec.ingressClassName together are refused by the API server.
      if (isRecord(annotations) && annotations[INGRESS_CLASS_ANNOTATION] === i.ingressClassName)
        delete (model.spec as Obj).ingressClassName;
      return overlay(src, model, ['spec']);
    }),
    ...(spec.networkPolicies ?? []).map((p) =>
      overlay(find('NetworkPolicy', p.namespace, p.name), exportPolicy(p), ['spec']),
    ),
    ...exportL7Objects(spec),
  ];
}

/** Multi-document YAML to `kubectl apply -f`; the cluster settings in a comment kubectl ignores. */
export function exportManifests(spec: ClusterSpec, about: ExportAbout = {}): string {
  const what = 'manifests exported by PodPath. Apply with: kubectl apply -f <file>';
  return yamlDocuments(exportHeader(spec, what, about), toManifestObjects(spec));
}
