/**
 * The Service fields that two forms edit: the Service's own and its load balancer's. Each is a
 * choice between Kubernetes' default and the other value; the default is written by leaving the
 * field out, as a manifest a person writes would.
 */
import type { ServiceSpec } from '../../engine/spec.ts';
import { withOptional } from '../../scenario/document/edits/editKit.ts';
import { SelectField } from './fields.tsx';

const CLUSTER_OR_LOCAL = [
  { value: 'Cluster', label: 'Cluster' },
  { value: 'Local', label: 'Local' },
] as const;

type TrafficPolicy = 'externalTrafficPolicy' | 'internalTrafficPolicy';

const LABEL: Record<TrafficPolicy, string> = {
  externalTrafficPolicy: 'External traffic policy',
  internalTrafficPolicy: 'Internal traffic policy',
};

/** `externalTrafficPolicy` or `internalTrafficPolicy`: Cluster (the default) or Local. */
export function TrafficPolicyField({
  service,
  field,
  hint,
  onEdit,
}: {
  readonly service: ServiceSpec;
  readonly field: TrafficPolicy;
  readonly hint: string;
  /** Applies a change of the Service; the form decides how it reaches the document. */
  readonly onEdit: (field: TrafficPolicy, recipe: (s: ServiceSpec) => ServiceSpec) => void;
}) {
  return (
    <SelectField
      label={LABEL[field]}
      value={service[field] ?? 'Cluster'}
      options={CLUSTER_OR_LOCAL}
      hint={hint}
      onChange={(policy) => onEdit(field, (s) => withOptional(s, field, policy, 'Cluster'))}
    />
  );
}
