/**
 * Ingress rule matching as the networking.k8s.io/v1 API defines it: host (exact or one-label
 * wildcard), then path (Exact, or Prefix element by element), longest match first, Exact before
 * Prefix at equal length, then the default backend.
 */
import type { IngressBackendSpec, IngressPathSpec, IngressSpec } from './spec.ts';
import { DEFAULT_NAMESPACE } from './spec.ts';

export interface IngressMatch {
  readonly ingress: IngressSpec;
  readonly namespace: string;
  readonly backend: IngressBackendSpec;
  /** Index of the rule and path, or undefined for the default backend. */
  readonly ruleIndex?: number;
  readonly pathIndex?: number;
  readonly how: string;
  readonly tls: boolean;
}

export function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return true;
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const r = ruleHost.toLowerCase();
  if (r.startsWith('*.')) {
    const suffix = r.slice(1); // ".foo.com"
    if (!h.endsWith(suffix)) return false;
    const head = h.slice(0, -suffix.length);
    return head.length > 0 && !head.includes('.');
  }
  return r === h;
}

function elements(path: string): string[] {
  return path.split('/').filter((e) => e.length > 0);
}

/** Length of the match for ordering (characters of the rule path), or -1 when it does not match. */
export function pathMatchLength(
  p: IngressPathSpec,
  requestPath: string,
  implementationSpecificAs: 'Prefix' | 'Exact' = 'Prefix',
): number {
  const rulePath = p.path ?? '/';
  const type = p.pathType === 'ImplementationSpecific' ? implementationSpecificAs : p.pathType;
  if (type === 'Exact') return rulePath === requestPath ? rulePath.length : -1;
  const ruleEls = elements(rulePath);
  const reqEls = elements(requestPath);
  if (ruleEls.length > reqEls.length) return -1;
  for (let i = 0; i < ruleEls.length; i++) if (ruleEls[i] !== reqEls[i]) return -1;
  return ruleEls.join('/').length + 1;
}

/** How specific a rule's host is for a request: exact 2, wildcard 1, no host 0, no match -1. */
export function hostRank(ruleHost: string | undefined, host: string): number {
  if (!hostMatches(ruleHost, host)) return -1;
  if (!ruleHost) return 0;
  return ruleHost.startsWith('*.') ? 1 : 2;
}

function tlsFor(ing: IngressSpec, host: string, scheme: 'http' | 'https'): boolean {
  return (
    scheme === 'https' &&
    (ing.tls ?? []).some((t) => (t.hosts ?? []).some((h) => hostMatches(h, host)))
  );
}

/**
 * Finds the backend for a request among the Ingresses of the controller's class. The host
 * picks the rules first, the way ingress-nginx builds one server block per host: an exact host
 * beats a wildcard, which beats rules without host; only the rules of that host are then
 * searched for the path (longest match, Exact before Prefix at equal length). No path there:
 * the defaultBackend (of an Ingress with rules for that host, else of any Ingress), else 404.
 */
export function matchIngress(
  ingresses: readonly IngressSpec[],
  host: string,
  path: string,
  scheme: 'http' | 'https',
): IngressMatch | undefined {
  let bestRank = -1;
  for (const ing of ingresses) {
    for (const rule of ing.rules ?? []) bestRank = Math.max(bestRank, hostRank(rule.host, host));
  }
  let best: { match: IngressMatch; length: number; exact: boolean } | undefined;
  const owners: IngressSpec[] = [];
  if (bestRank >= 0) {
    for (const ing of ingresses) {
      const namespace = ing.namespace ?? DEFAULT_NAMESPACE;
      (ing.rules ?? []).forEach((rule, ruleIndex) => {
        if (hostRank(rule.host, host) !== bestRank) return;
        if (!owners.includes(ing)) owners.push(ing);
        (rule.paths ?? []).forEach((p, pathIndex) => {
          const length = pathMatchLength(p, path);
          if (length < 0) return;
          const exact = p.pathType === 'Exact';
          if (
            best &&
            (length < best.length || (length === best.length && (best.exact || !exact)))
          ) {
            return;
          }
          const hostText = rule.host
            ? `${bestRank === 1 ? 'wildcard ' : ''}host "${rule.host}"`
            : 'a rule without host';
          best = {
            length,
            exact,
            match: {
              ingress: ing,
              namespace,
              backend: p.backend,
              ruleIndex,
              pathIndex,
              tls: tlsFor(ing, host, scheme),
              how: `${hostText} and ${p.pathType} path "${p.path ?? '/'}" match ${host}${path}`,
            },
          };
        });
      });
    }
  }
  if (best) return best.match;
  const fallback =
    owners.find((ing) => ing.defaultBackend) ?? ingresses.find((ing) => ing.defaultBackend);
  if (!fallback?.defaultBackend) return undefined;
  return {
    ingress: fallback,
    namespace: fallback.namespace ?? DEFAULT_NAMESPACE,
    backend: fallback.defaultBackend,
    tls: tlsFor(fallback, host, scheme),
    how: `no rule path matches ${host}${path}, so the Ingress's defaultBackend takes it`,
  };
}

export interface ParsedUrl {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  readonly path: string;
}

export function parseUrl(text: string): ParsedUrl | undefined {
  const m = /^(https?):\/\/([^/:?#]+)(?::(\d{1,5}))?([^?#]*)/i.exec(text.trim());
  if (!m) return undefined;
  const scheme = m[1].toLowerCase() as 'http' | 'https';
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return undefined;
  return { scheme, host: m[2].toLowerCase(), port, path: m[4] || '/' };
}
