/**
 * Kinds the import reads no networking from: those outside the networking model (skipped with a
 * note) and those it skips with a reason of their own.
 */
/** Kinds that are not part of the networking model. */
export const NOT_NETWORKING = new Set([
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  'Event',
  'Lease',
  'ControllerRevision',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'CustomResourceDefinition',
  'PriorityClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CSIDriver',
  'CSINode',
  'CSIStorageCapacity',
  'VolumeAttachment',
  'LimitRange',
  'ResourceQuota',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'ComponentStatus',
  'CertificateSigningRequest',
  'RuntimeClass',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'PodTemplate',
]);

/** Kinds skipped for a reason of their own; `note` when a dump is expected to carry them. */
export const SKIPPED_KINDS: Readonly<Record<string, { why: string; note?: boolean }>> = {
  Job: { why: 'Job pods run to completion and are not simulated; skipped.' },
  CronJob: { why: 'Job pods run to completion and are not simulated; skipped.' },
  ReplicationController: {
    why: 'ReplicationControllers are not expanded; use a Deployment or ReplicaSet; skipped.',
  },
  GRPCRoute: { why: 'GRPCRoute is not simulated; only HTTPRoute is; skipped.' },
  GlobalNetworkPolicy: {
    why: "Calico's own policies are not simulated; only networking.k8s.io/v1 NetworkPolicy is.",
  },
  AdminNetworkPolicy: {
    why: 'AdminNetworkPolicy is not simulated; only networking.k8s.io/v1 NetworkPolicy is.',
  },
};
