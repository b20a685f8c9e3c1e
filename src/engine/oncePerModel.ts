/**
 * Indexes built once per cluster model. A model is never changed after buildCluster makes it, so
 * what is derived from it can be kept for as long as the model lives; a WeakMap lets the entry go
 * with the model.
 */
import type { ClusterModel } from './model.ts';

/** `build`, run on the first call for a model and remembered for it. */
export function oncePerModel<T>(build: (model: ClusterModel) => T): (model: ClusterModel) => T {
  const cache = new WeakMap<ClusterModel, T>();
  return (model) => {
    let value = cache.get(model);
    if (value === undefined) {
      value = build(model);
      cache.set(model, value);
    }
    return value;
  };
}
