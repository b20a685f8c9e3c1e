import type { LabelSelector, Labels } from './spec.ts';

/** A Service selector: every key/value must match; an empty selector selects nothing here. */
export function matchesServiceSelector(selector: Labels | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/**
 * A metav1.LabelSelector: matchLabels and matchExpressions are AND-ed; `{}` selects everything.
 * NotIn and DoesNotExist also match objects without the key.
 */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return true;
  const want = selector.matchLabels;
  if (want) {
    for (const k in want) {
      if (Object.prototype.hasOwnProperty.call(want, k) && labels[k] !== want[k]) return false;
    }
  }
  const exprs = selector.matchExpressions;
  if (!exprs) return true;
  for (const req of exprs) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (!has || !values.includes(labels[req.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[req.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default: {
        const never: never = req.operator;
        throw new Error(`unknown selector operator ${String(never)}`);
      }
    }
  }
  return true;
}

export function formatLabels(labels: Labels | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
