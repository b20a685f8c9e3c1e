/**
 * Patterns that come from a scenario (Ingress regex paths, and any later match by regular
 * expression) run on RE2JS, a port of RE2: matching takes time linear in the input, whatever
 * the pattern, so a link cannot stall the simulator with a pattern such as `(a+)+$`. RE2's
 * syntax (https://github.com/google/re2/wiki/Syntax) is what Envoy and therefore most Gateway API
 * implementations accept; it has no backreferences and no lookaround, and a pattern using them
 * matches nothing here, as a controller would refuse it.
 */
import { RE2JS } from 're2js';

export interface LinearPattern {
  /** True when the pattern matches somewhere in the text (anchors in the pattern apply). */
  test(text: string): boolean;
}

const cache = new Map<string, LinearPattern | null>();
const CACHE_LIMIT = 1000;

/** Compiles a pattern with RE2 semantics; null when RE2 rejects it. */
export function compileLinearPattern(
  pattern: string,
  options: { readonly caseInsensitive?: boolean } = {},
): LinearPattern | null {
  const key = `${options.caseInsensitive ? 'i' : ''}:${pattern}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let compiled: LinearPattern | null;
  try {
    const re = RE2JS.compile(pattern, options.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
    compiled = { test: (text) => re.test(text) };
  } catch {
    compiled = null;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, compiled);
  return compiled;
}
