/**
 * Hostnames as the Gateway API reads them (gateway-api.sigs.k8s.io, "Hostnames in Gateway API";
 * apis/v1 httproute_types.go, HTTPRouteSpec.Hostnames; gateway_types.go, Listener.Hostname): a
 * precise name matches itself, case-insensitively and without the port; a wildcard `*.example.com`
 * matches one or more labels in place of the `*`, never `example.com` itself. A Route attaches to
 * a Listener only where their hostnames intersect, and the intersection is what it serves there.
 */

/** The hostname as matching reads it: lower case, no port, no trailing dot. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

export function isWildcard(hostname: string): boolean {
  return hostname.startsWith('*.');
}

/** Whether a request's host falls under a hostname (precise or wildcard). */
export function hostnameMatches(hostname: string, host: string): boolean {
  const h = normalizeHost(host);
  const name = hostname.toLowerCase();
  if (!isWildcard(name)) return name === h;
  const suffix = name.slice(1); // ".example.com"
  return h.length > suffix.length && h.endsWith(suffix);
}

/**
 * The names two hostname fields have in common, or undefined when they have none. Either side
 * unset means "every host", so the other side is the answer. Two wildcards intersect in the more
 * specific one; a precise name and a wildcard in the precise name.
 */
export function intersectHostname(
  listener: string | undefined,
  route: string | undefined,
): string | undefined {
  if (listener === undefined) return route ?? '*';
  if (route === undefined) return listener;
  const l = listener.toLowerCase();
  const r = route.toLowerCase();
  if (!isWildcard(l) && !isWildcard(r)) return l === r ? l : undefined;
  if (isWildcard(l) && !isWildcard(r)) return hostnameMatches(l, r) ? r : undefined;
  if (!isWildcard(l) && isWildcard(r)) return hostnameMatches(r, l) ? l : undefined;
  if (l === r) return l;
  if (hostnameMatches(l, r.slice(2))) return r;
  if (hostnameMatches(r, l.slice(2))) return l;
  return undefined;
}

/**
 * The hostnames a route serves on a listener: the listener's own when the route names none, the
 * route's when the listener has none, otherwise the intersections. `*` stands for every host.
 * Empty when they share no name (the route then cannot attach: NoMatchingListenerHostname).
 */
export function effectiveHostnames(
  listenerHostname: string | undefined,
  routeHostnames: readonly string[] | undefined,
): string[] {
  if (!routeHostnames || routeHostnames.length === 0) return [listenerHostname ?? '*'];
  const out: string[] = [];
  for (const r of routeHostnames) {
    const i = intersectHostname(listenerHostname, r);
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

/** Whether an effective hostname (possibly `*`) serves a host. */
export function servesHost(effective: string, host: string): boolean {
  return effective === '*' || hostnameMatches(effective, host);
}

/**
 * How precise a hostname is, for choosing among listeners and routes: a precise name beats a
 * wildcard, more characters beat fewer, and `*` (every host) comes last. Compared as a tuple.
 */
export function hostnamePrecision(effective: string | undefined): readonly [number, number] {
  if (effective === undefined || effective === '*') return [0, 0];
  return isWildcard(effective) ? [0, effective.length] : [effective.length, effective.length];
}

/**
 * Which of a Gateway's listeners on one port takes a host (Listener.Hostname): a precise name
 * before any wildcard, a wildcard with more dots right of the `*` before one with fewer
 * (`*.foo.example.com` before `*.example.com`), and a listener without hostname last.
 */
export function listenerPrecision(hostname: string | undefined): readonly [number, number] {
  if (hostname === undefined) return [0, 0];
  const dots = hostname.split('.').length - 1;
  return isWildcard(hostname) ? [1, dots] : [2, dots];
}
