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

/** Finds the backend for a request among the Ingresses of the controller's class. */
export function matchIngress(
  ingresses: readonly IngressSpec[],
  host: string,
  path: string,
  scheme: 'http' | 'https',
): IngressMatch | undefined {
  let best:
    { match: IngressMatch; length: number; exact: boolean; hostSpecific: boolean } | undefined;
  for (const ing of ingresses) {
    const namespace = ing.namespace ?? DEFAULT_NAMESPACE;
    const tls =
      scheme === 'https' && (ing.tls ?? []).some((t) => t.hosts.some((h) => hostMatches(h, host)));
    ing.rules.forEach((rule, ruleIndex) => {
      if (!hostMatches(rule.host, host)) return;
      const hostSpecific = !!rule.host;
      rule.paths.forEach((p, pathIndex) => {
        const length = pathMatchLength(p, path);
        if (length < 0) return;
        const exact = p.pathType === 'Exact';
        const better =
          !best ||
          (hostSpecific && !best.hostSpecific) ||
          (hostSpecific === best.hostSpecific &&
            (length > best.length || (length === best.length && exact && !best.exact)));
        if (better) {
          best = {
            length,
            exact,
            hostSpecific,
            match: {
              ingress: ing,
              namespace,
              backend: p.backend,
              ruleIndex,
              pathIndex,
              tls,
              how: `host ${rule.host ? `"${rule.host}"` : '(any)'} and ${p.pathType} path "${p.path ?? '/'}" match ${host}${path}`,
            },
          };
        }
      });
    });
  }
  if (best) return best.match;
  for (const ing of ingresses) {
    if (ing.defaultBackend) {
      const tls =
        scheme === 'https' &&
        (ing.tls ?? []).some((t) => t.hosts.some((h) => hostMatches(h, host)));
      return {
        ingress: ing,
        namespace: ing.namespace ?? DEFAULT_NAMESPACE,
        backend: ing.defaultBackend,
        tls,
        how: `no rule matches ${host}${path}, so the Ingress's defaultBackend takes it`,
      };
    }
  }
  return undefined;
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
