/**
 * Manifest text for import tests: a workload (Deployment, DaemonSet, ReplicaSet, StatefulSet) as
 * apps/v1 writes it, whose selector and pod template carry one `app` label. The lines that make
 * each test's case are given as they stand in the manifest: `spec` above the selector, `pod`
 * under the template's spec.
 */
export interface WorkloadYaml {
  readonly kind: 'Deployment' | 'DaemonSet' | 'ReplicaSet' | 'StatefulSet';
  /** The inside of the flow-style metadata map, e.g. `name: web, namespace: shop`. */
  readonly metadata: string;
  readonly app: string;
  readonly spec?: readonly string[];
  readonly pod: readonly string[];
}

/** The manifest, one line per field, ending with a newline. */
export function workloadYaml(w: WorkloadYaml): string {
  const lines = [
    'apiVersion: apps/v1',
    `kind: ${w.kind}`,
    `metadata: {${w.metadata}}`,
    'spec:',
    ...(w.spec ?? []).map((l) => `  ${l}`),
    `  selector: {matchLabels: {app: ${w.app}}}`,
    '  template:',
    `    metadata: {labels: {app: ${w.app}}}`,
    '    spec:',
    ...w.pod.map((l) => `      ${l}`),
  ];
  return lines.map((l) => `${l}\n`).join('');
}
