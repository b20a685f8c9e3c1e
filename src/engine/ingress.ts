/**
 * Ingress rule matching as the networking.k8s.io/v1 API defines it: host (exact or one-label
 * wildcard), then path (Exact, or Prefix element by element), longest match first, Exact before
 * Prefix at equal length, then the default backend.
 */
import {
  DEFAULT_NAMESPACE,
  INGRESS_CONTROLLERS,
  type IngressBackendSpec,
  type IngressControllerType,
  type IngressPathSpec,
  type IngressSpec,
} from './spec.ts';
import { compileLinearPattern } from './linearRegex.ts';

export interface IngressMatch {
  readonly ingress: IngressSpec;
  readonly namespace: string;
  readonly backend: IngressBackendSpec;
  /** Index of the rule and path, or undefined for the default backend. */
  readonly ruleIndex?: number;
  readonly pathIndex?: number;
  readonly pathType?: IngressPathSpec['pathType'];
  /** How the controller read the matched path. */
  readonly semantics?: PathSemantics;
  /** ingress-nginx read every path of this host as a regex (use-regex or rewrite-target). */
  readonly regexHost?: boolean;
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

/**
 * Length of the match for ordering, or -1 when it does not match, with the API's Exact and
 * Prefix semantics (ImplementationSpecific read as one of them).
 */
export function pathMatchLength(
  p: IngressPathSpec,
  requestPath: string,
  implementationSpecificAs: 'Prefix' | 'Exact' = 'Prefix',
): number {
  const type = p.pathType === 'ImplementationSpecific' ? implementationSpecificAs : p.pathType;
  return semanticMatchLength(type === 'Exact' ? 'exact' : 'prefix', p.path ?? '/', requestPath);
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
 * How a controller reads one Ingress path. Exact and Prefix follow the API; the rest is what
 * each controller does with ImplementationSpecific and its own annotations:
 * - ingress-nginx writes an ImplementationSpecific path as a plain nginx prefix location
 *   (`location /app`: a case-sensitive character prefix, so /app also matches /app1), and
 *   every path of a host as a case-insensitive regex (`location ~* "^/app"`) once any Ingress
 *   for that host has `use-regex` or `rewrite-target` (ingress-nginx, "Ingress Path Matching").
 * - HAProxy Ingress reads ImplementationSpecific with its `path-type`, `begin` by default: a
 *   case-insensitive character prefix (haproxy-ingress.github.io, configuration keys, "Path type").
 */
export type PathSemantics = 'exact' | 'prefix' | 'char-prefix' | 'begin' | 'regex' | 'regex-i';

export const PATH_SEMANTICS_TEXT: Record<PathSemantics, string> = {
  exact: 'the whole path, case-sensitive',
  prefix: 'a prefix element by element, case-sensitive',
  'char-prefix': 'a character prefix, case-sensitive (an nginx prefix location)',
  begin: 'a character prefix, case-insensitive (HAProxy Ingress path type begin)',
  regex: 'a regular expression from the start of the path, case-sensitive',
  'regex-i': 'a regular expression from the start of the path, case-insensitive (nginx ~*)',
};

/** An annotation as the controller reads it: under any of its prefixes. */
export function controllerAnnotation(
  ing: IngressSpec,
  controller: IngressControllerType,
  key: string,
): string | undefined {
  const annotations = ing.annotations;
  if (!annotations) return undefined;
  const info = INGRESS_CONTROLLERS.find((c) => c.value === controller);
  for (const prefix of info?.annotationPrefixes ?? []) {
    const v = annotations[`${prefix}${key}`];
    if (v !== undefined) return v;
  }
  return undefined;
}

const isTrue = (v: string | undefined) => v?.trim().toLowerCase() === 'true';

/** Whether ingress-nginx turns every path of a host into a regex location. */
function nginxRegexFor(ing: IngressSpec): boolean {
  return (
    isTrue(controllerAnnotation(ing, 'nginx', 'use-regex')) ||
    controllerAnnotation(ing, 'nginx', 'rewrite-target') !== undefined
  );
}

/** How a controller reads one path of an Ingress. */
export function pathSemantics(
  p: IngressPathSpec,
  ing: IngressSpec,
  controller: IngressControllerType,
  nginxRegexHost = false,
): PathSemantics {
  if (controller === 'nginx') {
    if (nginxRegexHost) return 'regex-i';
    return p.pathType === 'Exact' ? 'exact' : p.pathType === 'Prefix' ? 'prefix' : 'char-prefix';
  }
  if (p.pathType === 'Exact') return 'exact';
  if (p.pathType === 'Prefix') return 'prefix';
  const type = controllerAnnotation(ing, 'haproxy', 'path-type')?.trim().toLowerCase();
  return type === 'exact' || type === 'prefix' || type === 'regex' ? type : 'begin';
}

/** Length of a match for ordering (characters of the rule path), or -1 when it does not match. */
export function semanticMatchLength(
  semantics: PathSemantics,
  rulePath: string,
  requestPath: string,
): number {
  switch (semantics) {
    case 'exact':
      return rulePath === requestPath ? rulePath.length : -1;
    case 'prefix': {
      const ruleEls = elements(rulePath);
      const reqEls = elements(requestPath);
      if (ruleEls.length > reqEls.length) return -1;
      for (let i = 0; i < ruleEls.length; i++) if (ruleEls[i] !== reqEls[i]) return -1;
      return ruleEls.join('/').length + 1;
    }
    case 'char-prefix':
      return requestPath.startsWith(rulePath) ? rulePath.length : -1;
    case 'begin':
      return requestPath.toLowerCase().startsWith(rulePath.toLowerCase()) ? rulePath.length : -1;
    case 'regex':
    case 'regex-i':
      // ingress-nginx writes `location ~* "^<path>"` (HAProxy Ingress a `^<path>` ACL): the
      // path is anchored at the start only. RE2 syntax; see linearRegex.ts.
      return compileLinearPattern(`^${rulePath}`, {
        caseInsensitive: semantics === 'regex-i',
      })?.test(requestPath)
        ? rulePath.length
        : -1;
    default: {
      const never: never = semantics;
      throw new Error(`unknown path semantics ${String(never)}`);
    }
  }
}

/** At equal length: Exact before Prefix before the character prefixes (both controllers). */
const TYPE_RANK: Record<PathSemantics, number> = {
  exact: 3,
  prefix: 2,
  'char-prefix': 1,
  begin: 1,
  regex: 0,
  'regex-i': 0,
};

/**
 * Finds the backend for a request among the Ingresses, as the controller does. The host picks
 * the rules first, the way ingress-nginx builds one server block per host (HAProxy Ingress one
 * per hostname): an exact host beats a wildcard, which beats rules without host; only the rules
 * of that host are then searched for the path, longest first, and at equal length Exact before
 * Prefix before ImplementationSpecific. Regex paths: ingress-nginx takes the first match in
 * order of descending length; HAProxy Ingress checks them after every other type (its default
 * path-type-order exact,prefix,begin,regex). No path there: the defaultBackend (of an Ingress
 * with rules for that host, else of any Ingress), else 404.
 */
export function matchIngress(
  ingresses: readonly IngressSpec[],
  host: string,
  path: string,
  scheme: 'http' | 'https',
  controller: IngressControllerType = 'nginx',
): IngressMatch | undefined {
  let bestRank = -1;
  for (const ing of ingresses) {
    for (const rule of ing.rules ?? []) bestRank = Math.max(bestRank, hostRank(rule.host, host));
  }
  let best: { match: IngressMatch; key: readonly number[] } | undefined;
  const owners: IngressSpec[] = [];
  if (bestRank >= 0) {
    for (const ing of ingresses) {
      if ((ing.rules ?? []).some((rule) => hostRank(rule.host, host) === bestRank))
        owners.push(ing);
    }
    const regexHost = controller === 'nginx' && owners.some(nginxRegexFor);
    for (const ing of owners) {
      const namespace = ing.namespace ?? DEFAULT_NAMESPACE;
      (ing.rules ?? []).forEach((rule, ruleIndex) => {
        if (hostRank(rule.host, host) !== bestRank) return;
        (rule.paths ?? []).forEach((p, pathIndex) => {
          const semantics = pathSemantics(p, ing, controller, regexHost);
          const rulePath = p.path ?? '/';
          const length = semanticMatchLength(semantics, rulePath, path);
          if (length < 0) return;
          const isRegex = semantics === 'regex' || semantics === 'regex-i';
          const key = [
            controller === 'haproxy' && isRegex ? 0 : 1,
            length,
            regexHost ? 0 : TYPE_RANK[semantics],
          ];
          if (best && !isBetter(key, best.key)) return;
          const hostText = rule.host
            ? `${bestRank === 1 ? 'wildcard ' : ''}host "${rule.host}"`
            : 'a rule without host';
          best = {
            key,
            match: {
              ingress: ing,
              namespace,
              backend: p.backend,
              ruleIndex,
              pathIndex,
              pathType: p.pathType,
              semantics,
              regexHost,
              tls: tlsFor(ing, host, scheme),
              how: `${hostText} and ${p.pathType} path "${rulePath}" (${PATH_SEMANTICS_TEXT[semantics]}) match ${host}${path}`,
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

/** Strictly better in lexicographic order: the first of equals keeps its place. */
function isBetter(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
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
