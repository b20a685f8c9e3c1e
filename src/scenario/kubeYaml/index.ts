/** Kubernetes YAML in and out: the adapter at the edge of the scenario layer. */
export {
  importKubernetesYaml,
  OWNER_ANNOTATION,
  SIMULATED_INGRESS_CONTROLLER,
} from './importKubernetesYaml.ts';
export {
  exportKubernetesYaml,
  exportKubernetesYaml as exportClusterSnapshot,
  toKubernetesObjects,
  PLACEHOLDER_IMAGE,
} from './exportKubernetesYaml.ts';
export { exportManifests, toManifestObjects } from './exportManifests.ts';
export type * from './types.ts';
export { DEFAULT_IMPORT_LIMITS } from './types.ts';
