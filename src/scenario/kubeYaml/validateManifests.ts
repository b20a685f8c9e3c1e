/**
 * Checks manifests against the Kubernetes OpenAPI schemas (kubernetes-models' validators, one per
 * kind, compiled ahead of time). Each kind's validator is loaded on first use, so the page does
 * not carry them until someone exports.
 */
type Validate = (obj: Record<string, unknown>) => void;
type ModelClass = new (data: Record<string, unknown>) => { validate(): void };

const asValidate =
  (M: ModelClass): Validate =>
  (obj) =>
    new M(obj).validate();

const VALIDATORS: Readonly<Record<string, () => Promise<Validate>>> = {
  'v1/Namespace': () =>
    import('kubernetes-models/v1/Namespace').then((m) => asValidate(m.Namespace)),
  'v1/Pod': () => import('kubernetes-models/v1/Pod').then((m) => asValidate(m.Pod)),
  'v1/Service': () => import('kubernetes-models/v1/Service').then((m) => asValidate(m.Service)),
  'apps/v1/Deployment': () =>
    import('kubernetes-models/apps/v1/Deployment').then((m) => asValidate(m.Deployment)),
  'apps/v1/StatefulSet': () =>
    import('kubernetes-models/apps/v1/StatefulSet').then((m) => asValidate(m.StatefulSet)),
  'apps/v1/DaemonSet': () =>
    import('kubernetes-models/apps/v1/DaemonSet').then((m) => asValidate(m.DaemonSet)),
  'apps/v1/ReplicaSet': () =>
    import('kubernetes-models/apps/v1/ReplicaSet').then((m) => asValidate(m.ReplicaSet)),
  'networking.k8s.io/v1/Ingress': () =>
    import('kubernetes-models/networking.k8s.io/v1/Ingress').then((m) => asValidate(m.Ingress)),
  'networking.k8s.io/v1/NetworkPolicy': () =>
    import('kubernetes-models/networking.k8s.io/v1/NetworkPolicy').then((m) =>
      asValidate(m.NetworkPolicy),
    ),
};

/** What one object fails, as a sentence naming the object. */
export interface ManifestProblem {
  readonly object: string;
  readonly message: string;
}

/**
 * The problems the schemas find, empty when every object passes. Kinds without a schema here
 * (Gateway API, Cilium) are left to the API server.
 */
export async function validateManifests(
  objects: readonly Record<string, unknown>[],
): Promise<ManifestProblem[]> {
  const problems: ManifestProblem[] = [];
  for (const obj of objects) {
    const key = `${String(obj.apiVersion)}/${String(obj.kind)}`;
    const load = Object.hasOwn(VALIDATORS, key) ? VALIDATORS[key] : undefined;
    if (!load) continue;
    const validate = await load();
    const meta = (obj.metadata ?? {}) as Record<string, unknown>;
    const name = `${String(obj.kind)} ${meta.namespace ? `${String(meta.namespace)}/` : ''}${String(meta.name)}`;
    try {
      validate(obj);
    } catch (e) {
      problems.push({ object: name, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return problems;
}
