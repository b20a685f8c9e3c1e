/**
 * The HTTPRoute filters that change a request or answer it (apis/v1 httproute_types.go:
 * HTTPHeaderFilter, HTTPPathModifier, HTTPRequestRedirectFilter, HTTPURLRewriteFilter).
 */
import type {
  HTTPHeader,
  HTTPHeaderFilter,
  HTTPPathModifier,
  HTTPRequestRedirectFilter,
} from './gatewaySpec.ts';
import { formatQuery, type HttpRequest } from './httpRequest.ts';

/**
 * Applies a header modifier: `set` replaces a header (or adds it), `add` appends to any value
 * already there (joined with a comma, as the API's example shows: `my-header: foo,bar`),
 * `remove` drops it. Names compare case-insensitively. Returns the headers and what changed.
 */
export function modifyHeaders(
  headers: readonly HTTPHeader[],
  filter: HTTPHeaderFilter,
): { headers: HTTPHeader[]; changes: string[] } {
  let out = [...headers];
  const changes: string[] = [];
  const idx = (name: string) => out.findIndex((h) => h.name.toLowerCase() === name.toLowerCase());
  for (const h of filter.set ?? []) {
    const i = idx(h.name);
    if (i >= 0) out[i] = { name: out[i].name, value: h.value };
    else out.push({ ...h });
    changes.push(`set ${h.name}: ${h.value}`);
  }
  for (const h of filter.add ?? []) {
    const i = idx(h.name);
    if (i >= 0) out[i] = { name: out[i].name, value: `${out[i].value},${h.value}` };
    else out.push({ ...h });
    changes.push(`add ${h.name}: ${h.value}`);
  }
  for (const name of filter.remove ?? []) {
    const before = out.length;
    out = out.filter((h) => h.name.toLowerCase() !== name.toLowerCase());
    changes.push(before !== out.length ? `remove ${name}` : `remove ${name} (not present)`);
  }
  return { headers: out, changes };
}

/**
 * The path after a path modifier. ReplacePrefixMatch swaps the matched prefix for the
 * replacement, treating a trailing `/` on either as absent (the HTTPPathModifier table:
 * /foo/bar with prefix /foo and replacement /xyz becomes /xyz/bar; with an empty replacement
 * /bar; /foo becomes /).
 */
export function modifyPath(
  path: string,
  modifier: HTTPPathModifier,
  matchedPrefix: string | undefined,
): string {
  if (modifier.type === 'ReplaceFullPath') return modifier.replaceFullPath || '/';
  const trim = (p: string) => (p.endsWith('/') ? p.slice(0, -1) : p);
  const prefix = trim(matchedPrefix ?? '/');
  const rest = path.slice(prefix.length);
  const out = trim(modifier.replacePrefixMatch) + rest;
  return out.startsWith('/') ? out : `/${out}`;
}

const WELL_KNOWN_PORT: Record<string, number> = { http: 80, https: 443 };

/**
 * The Location of a RequestRedirect. The port follows the filter's rules: the filter's own,
 * else the redirect scheme's well-known port when the scheme changes, else the listener's port;
 * and it is left out when it is the scheme's well-known port.
 */
export function redirectLocation(
  req: HttpRequest,
  filter: HTTPRequestRedirectFilter,
  listenerPort: number,
  matchedPrefix: string | undefined,
): string {
  const scheme = filter.scheme ?? req.scheme;
  const host = filter.hostname ?? req.host;
  const port = filter.port ?? (filter.scheme ? WELL_KNOWN_PORT[filter.scheme] : listenerPort);
  const path = filter.path ? modifyPath(req.path, filter.path, matchedPrefix) : req.path;
  const portText = WELL_KNOWN_PORT[scheme] === port ? '' : `:${port}`;
  const query = req.query.length > 0 ? `?${formatQuery(req.query)}` : '';
  return `${scheme}://${host}${portText}${path}${query}`;
}
