/**
 * "Find pod": the pod a person means by what they typed. An exact name (or namespace/name)
 * wins; otherwise the first pod, in canvas order, whose name contains the text. Case is
 * ignored: Kubernetes names are lowercase (RFC 1123 DNS labels), so capitals are a typing slip.
 */
import type { PodView } from './flowTypes.ts';

type FindablePod = Pick<PodView, 'key' | 'name' | 'namespace'>;

export function findPod(pods: Iterable<FindablePod>, query: string): FindablePod | null {
  const text = query.trim().toLowerCase();
  if (!text) return null;
  let partial: FindablePod | null = null;
  for (const pod of pods) {
    const name = pod.name.toLowerCase();
    if (name === text || `${pod.namespace}/${name}` === text) return pod;
    if (!partial && name.includes(text)) partial = pod;
  }
  return partial;
}
