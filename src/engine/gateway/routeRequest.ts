/**
 * How a Gateway routes one HTTP request (apis/v1 httproute_types.go, HTTPRouteRule and
 * HTTPRouteSpec.Hostnames; gateway_types.go, Listener): the listener on the request's port whose
 * hostname fits best; then, across every route attached to it, the match with the highest
 * precedence; then that rule's filters and a backend chosen by weight.
 */
import type {
  GatewaySpec,
  HTTPBackendRef,
  HTTPRouteMatch,
  HTTPRouteRule,
  HTTPRouteSpec,
  ListenerSpec,
} from './gatewaySpec.ts';
import { hostnameMatches, hostnamePrecision, listenerPrecision, servesHost } from './hostnames.ts';
import { headerValue, queryValue, type HttpRequest } from './httpRequest.ts';
import { modifyHeaders, modifyPath, redirectLocation } from './filters.ts';
import {
  backendProblem,
  nsName,
  nsOf,
  routeStatus,
  type GatewayWorld,
  type RouteStatus,
} from './routeStatus.ts';

/** One match of one rule, and what became of it for this request. */
export interface MatchVerdict {
  readonly route: HTTPRouteSpec;
  readonly ruleIndex: number;
  readonly matchIndex: number;
  readonly outcome: 'chosen' | 'outranked' | 'no-match';
  readonly why: string;
}

export interface ChosenBackend {
  readonly ref: HTTPBackendRef;
  readonly index: number;
  readonly namespace: string;
  /** The backend's weight and the rule's total, for "weight 90 of 100". */
  readonly weight: number;
  readonly totalWeight: number;
  /** Why it cannot take the request (then the gateway answers 500). */
  readonly problem?: string;
}

export interface GatewayRouting {
  readonly gateway: GatewaySpec;
  readonly listener?: ListenerSpec;
  /** forward: to a backend; redirect/not-found/error: answered by the gateway itself. */
  readonly outcome: 'forward' | 'redirect' | 'not-found' | 'error';
  /** The status the client gets from the gateway, or undefined when the backend answers. */
  readonly status?: number;
  readonly route?: HTTPRouteSpec;
  readonly ruleIndex?: number;
  readonly matchIndex?: number;
  readonly backend?: ChosenBackend;
  /** The request as it leaves the gateway (after URLRewrite and header filters). */
  readonly request: HttpRequest;
  readonly location?: string;
  readonly mirrors: readonly { readonly ref: HTTPBackendRef; readonly namespace: string }[];
  /** Plain sentences: what each filter changed, and the response header changes. */
  readonly requestChanges: readonly string[];
  readonly responseChanges: readonly string[];
  readonly verdicts: readonly MatchVerdict[];
  /** Routes that name this Gateway but did not attach, with the reason. */
  readonly detached: readonly { readonly route: HTTPRouteSpec; readonly why: string }[];
  readonly explanation: string;
}

/** The listener that takes a request: right port and protocol, the most precise hostname. */
export function selectListener(
  gateway: GatewaySpec,
  req: Pick<HttpRequest, 'scheme' | 'port' | 'host'>,
): ListenerSpec | undefined {
  const protocol = req.scheme === 'https' ? 'HTTPS' : 'HTTP';
  let best: { l: ListenerSpec; key: readonly number[] } | undefined;
  for (const l of gateway.listeners) {
    if (l.port !== req.port || l.protocol !== protocol) continue;
    if (l.hostname !== undefined && !hostnameMatches(l.hostname, req.host)) continue;
    const key = listenerPrecision(l.hostname);
    if (!best || compareKeys(key, best.key) > 0) best = { l, key };
  }
  return best?.l;
}

function pathText(m: HTTPRouteMatch): string {
  return `${m.path?.type ?? 'PathPrefix'} ${m.path?.value ?? '/'}`;
}

/** Whether a path fits a PathPrefix element by element (`/abc` fits /abc, /abc/, /abc/def). */
export function prefixMatches(prefix: string, path: string): boolean {
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (p === '') return true;
  return path === p || path.startsWith(`${p}/`);
}

/** The first reason a match does not fit the request, or undefined when every condition fits. */
export function matchFailure(m: HTTPRouteMatch, req: HttpRequest): string | undefined {
  const type = m.path?.type ?? 'PathPrefix';
  const value = m.path?.value ?? '/';
  if (type === 'Exact' ? req.path !== value : !prefixMatches(value, req.path))
    return `path ${req.path} is not ${type === 'Exact' ? 'exactly' : 'under the prefix'} ${value}`;
  if (m.method && m.method !== req.method) return `method ${req.method} is not ${m.method}`;
  const seen = new Set<string>();
  for (const h of m.headers ?? []) {
    const name = h.name.toLowerCase();
    if (seen.has(name)) continue; // only the first entry of an equivalent name counts
    seen.add(name);
    const v = headerValue(req, h.name);
    if (v !== h.value)
      return v === undefined
        ? `header ${h.name} is missing`
        : `header ${h.name} is "${v}", not "${h.value}"`;
  }
  const seenQ = new Set<string>();
  for (const q of m.queryParams ?? []) {
    if (seenQ.has(q.name)) continue;
    seenQ.add(q.name);
    const v = queryValue(req, q.name);
    if (v !== q.value)
      return v === undefined
        ? `query parameter ${q.name} is missing`
        : `query parameter ${q.name} is "${v}", not "${q.value}"`;
  }
  return undefined;
}

const distinct = (names: readonly string[]) => new Set(names).size;

interface Ranked {
  readonly route: HTTPRouteSpec;
  readonly hostname: string;
  readonly ruleIndex: number;
  readonly matchIndex: number;
  readonly match: HTTPRouteMatch;
  readonly key: readonly number[];
}

/** Creation time in ms, +Infinity when unknown (it then never counts as the older route). */
function createdAt(route: HTTPRouteSpec): number {
  const t = route.creationTimestamp ? Date.parse(route.creationTimestamp) : NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/**
 * The precedence key of a fitting match, higher first: an Exact path, the longest PathPrefix,
 * a method, the most headers, the most query parameters (HTTPRouteRule), then the hostname the
 * route serves the request under: more characters in a precise name, then in any name
 * (HTTPRouteSpec.Hostnames). The hostname only breaks ties: conformance test
 * HTTPRouteMatchingAcrossRoutes sends example.com/v2 to a `*.com` route's PathPrefix /v2 rather
 * than to an `example.com` route's PathPrefix /.
 */
function precedenceKey(hostname: string, m: HTTPRouteMatch): number[] {
  const exact = (m.path?.type ?? 'PathPrefix') === 'Exact';
  return [
    exact ? 1 : 0,
    exact ? 0 : (m.path?.value ?? '/').length,
    m.method ? 1 : 0,
    distinct((m.headers ?? []).map((h) => h.name.toLowerCase())),
    distinct((m.queryParams ?? []).map((q) => q.name)),
    ...hostnamePrecision(hostname),
  ];
}

const CRITERIA = [
  'an Exact path match',
  'a longer path prefix',
  'a method match',
  'more header matches',
  'more query parameter matches',
  'a matching hostname with more characters (precise names first)',
  'a matching hostname with more characters',
];

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Which of two ranked matches goes first, and the criterion that decided it. */
function outranks(a: Ranked, b: Ranked): { first: boolean; criterion: string } {
  const c = compareKeys(a.key, b.key);
  if (c !== 0) {
    const i = a.key.findIndex((v, k) => v !== b.key[k]);
    return { first: c > 0, criterion: CRITERIA[i] };
  }
  if (a.route !== b.route) {
    const ta = createdAt(a.route);
    const tb = createdAt(b.route);
    if (ta !== tb) return { first: ta < tb, criterion: 'the older route (creation time)' };
    const na = nsName(a.route);
    const nb = nsName(b.route);
    if (na !== nb) return { first: na < nb, criterion: 'namespace/name in alphabetical order' };
  }
  if (a.ruleIndex !== b.ruleIndex)
    return { first: a.ruleIndex < b.ruleIndex, criterion: 'the earlier rule in the route' };
  return { first: a.matchIndex < b.matchIndex, criterion: 'the earlier match in the rule' };
}

const DEFAULT_MATCHES: readonly HTTPRouteMatch[] = [{ path: { type: 'PathPrefix', value: '/' } }];

function rulesOf(route: HTTPRouteSpec): readonly HTTPRouteRule[] {
  return route.rules && route.rules.length > 0 ? route.rules : [{ matches: DEFAULT_MATCHES }];
}

function describeRule(route: HTTPRouteSpec, ruleIndex: number): string {
  return `rule ${ruleIndex + 1} of HTTPRoute ${nsName(route)}`;
}

/** The statuses of every route that names this Gateway as a parent. */
export function routesForGateway(gateway: GatewaySpec, world: GatewayWorld): RouteStatus[] {
  return world.httpRoutes
    .map((r) => routeStatus(r, world))
    .filter((s) => s.parents.some((p) => p.gateway === gateway));
}

/** Picks a backend by weight with `r` in [0, 1). Weight 0 never receives requests. */
export function pickBackend(
  refs: readonly HTTPBackendRef[],
  r: number,
): { index: number; total: number } | undefined {
  const weights = refs.map((b) => Math.max(0, b.weight ?? 1));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  let x = r * total;
  for (let i = 0; i < weights.length; i++) {
    if (x < weights[i]) return { index: i, total };
    x -= weights[i];
  }
  return { index: weights.findLastIndex((w) => w > 0), total };
}

/**
 * Routes a request that reached `gateway`. `random` draws the weighted backend and the
 * mirrored share, so the same seed gives the same answer.
 */
export function routeRequest(
  gateway: GatewaySpec,
  req: HttpRequest,
  world: GatewayWorld,
  random: () => number,
): GatewayRouting {
  const statuses = routesForGateway(gateway, world);
  const detached = statuses.flatMap((s) =>
    s.parents
      .filter((p) => p.gateway === gateway && !p.accepted.status)
      .map((p) => ({ route: s.route, why: `${p.accepted.reason}: ${p.accepted.message}` })),
  );
  const base = {
    gateway,
    request: req,
    mirrors: [],
    requestChanges: [],
    responseChanges: [],
    detached,
  };
  const listener = selectListener(gateway, req);
  if (!listener)
    return {
      ...base,
      outcome: 'not-found',
      status: 404,
      verdicts: [],
      explanation: `Gateway ${nsName(gateway)} has no ${req.scheme === 'https' ? 'HTTPS' : 'HTTP'} listener on port ${req.port} for host ${req.host}`,
    };

  const verdicts: MatchVerdict[] = [];
  const fitting: Ranked[] = [];
  for (const s of statuses) {
    const attached = s.parents.flatMap((p) =>
      p.gateway === gateway ? p.listeners.filter((a) => a.listener === listener) : [],
    );
    if (attached.length === 0) continue;
    const hostnames = attached.flatMap((a) => a.hostnames).filter((h) => servesHost(h, req.host));
    const hostname = hostnames.sort((a, b) =>
      compareKeys(hostnamePrecision(b), hostnamePrecision(a)),
    )[0];
    rulesOf(s.route).forEach((rule, ruleIndex) => {
      const matches = rule.matches && rule.matches.length > 0 ? rule.matches : DEFAULT_MATCHES;
      matches.forEach((match, matchIndex) => {
        const at = { route: s.route, ruleIndex, matchIndex };
        if (hostname === undefined) {
          verdicts.push({
            ...at,
            outcome: 'no-match',
            why: `the route does not serve host ${req.host} (its hostnames: ${(s.route.hostnames ?? []).join(', ')})`,
          });
          return;
        }
        const failure = matchFailure(match, req);
        if (failure) verdicts.push({ ...at, outcome: 'no-match', why: failure });
        else fitting.push({ ...at, hostname, match, key: precedenceKey(hostname, match) });
      });
    });
  }

  let best: Ranked | undefined;
  for (const f of fitting) if (!best || outranks(f, best).first) best = f;
  for (const f of fitting) {
    if (f === best || !best) continue;
    verdicts.push({
      route: f.route,
      ruleIndex: f.ruleIndex,
      matchIndex: f.matchIndex,
      outcome: 'outranked',
      why: `${pathText(f.match)} fits too, but ${describeRule(best.route, best.ruleIndex)} wins on ${outranks(best, f).criterion}`,
    });
  }
  if (!best)
    return {
      ...base,
      listener,
      outcome: 'not-found',
      status: 404,
      verdicts,
      explanation: `no rule of a route attached to listener "${listener.name}" matches ${req.method} ${req.host}${req.path}, so the gateway answers 404`,
    };
  verdicts.unshift({
    route: best.route,
    ruleIndex: best.ruleIndex,
    matchIndex: best.matchIndex,
    outcome: 'chosen',
    why: `${pathText(best.match)}${best.match.method ? `, method ${best.match.method}` : ''}${(best.match.headers ?? []).map((h) => `, header ${h.name}: ${h.value}`).join('')}${(best.match.queryParams ?? []).map((q) => `, query ${q.name}=${q.value}`).join('')} on host ${best.hostname === '*' ? 'any' : best.hostname}`,
  });
  return applyRule(best, { ...base, listener, verdicts }, world, random);
}

function applyRule(
  best: Ranked,
  base: Pick<GatewayRouting, 'gateway' | 'listener' | 'verdicts' | 'detached' | 'request'>,
  world: GatewayWorld,
  random: () => number,
): GatewayRouting {
  const rule = rulesOf(best.route)[best.ruleIndex];
  const routeNs = nsOf(best.route);
  const prefix =
    (best.match.path?.type ?? 'PathPrefix') === 'PathPrefix'
      ? (best.match.path?.value ?? '/')
      : undefined;
  const chosen = { route: best.route, ruleIndex: best.ruleIndex, matchIndex: best.matchIndex };
  const where = describeRule(best.route, best.ruleIndex);
  let request = base.request;
  const requestChanges: string[] = [];
  const responseChanges: string[] = [];
  const mirrors: { ref: HTTPBackendRef; namespace: string }[] = [];
  for (const f of rule.filters ?? []) {
    if (f.type === 'RequestRedirect' && f.requestRedirect) {
      const location = redirectLocation(
        request,
        f.requestRedirect,
        base.listener?.port ?? request.port,
        prefix,
      );
      const status = f.requestRedirect.statusCode ?? 302;
      return {
        ...base,
        ...chosen,
        outcome: 'redirect',
        status,
        location,
        mirrors,
        requestChanges,
        responseChanges,
        explanation: `${where} redirects: the gateway answers ${status} with Location ${location}`,
      };
    }
    if (f.type === 'RequestHeaderModifier' && f.requestHeaderModifier) {
      const r = modifyHeaders(request.headers, f.requestHeaderModifier);
      request = { ...request, headers: r.headers };
      requestChanges.push(...r.changes.map((c) => `request header: ${c}`));
    } else if (f.type === 'ResponseHeaderModifier' && f.responseHeaderModifier) {
      responseChanges.push(
        ...modifyHeaders([], f.responseHeaderModifier).changes.map((c) => `response header: ${c}`),
      );
    } else if (f.type === 'URLRewrite' && f.urlRewrite) {
      if (f.urlRewrite.hostname) {
        requestChanges.push(`Host rewritten from ${request.host} to ${f.urlRewrite.hostname}`);
        request = { ...request, host: f.urlRewrite.hostname };
      }
      if (f.urlRewrite.path) {
        const path = modifyPath(request.path, f.urlRewrite.path, prefix);
        requestChanges.push(`path rewritten from ${request.path} to ${path}`);
        request = { ...request, path };
      }
    } else if (f.type === 'RequestMirror' && f.requestMirror) {
      const percent = f.requestMirror.percent ?? 100;
      if (random() * 100 < percent)
        mirrors.push({
          ref: { ...f.requestMirror.backendRef },
          namespace: f.requestMirror.backendRef.namespace ?? routeNs,
        });
    }
  }
  const refs = rule.backendRefs ?? [];
  const pick = pickBackend(refs, random());
  const rest = { ...base, ...chosen, request, mirrors, requestChanges, responseChanges };
  if (!pick)
    return {
      ...rest,
      outcome: 'error',
      status: 500,
      explanation: `${where} matches but has no backend with a weight above 0, so the gateway answers 500`,
    };
  const ref = refs[pick.index];
  const namespace = ref.namespace ?? routeNs;
  const problem = backendProblem(routeNs, ref, world);
  const weight = Math.max(0, ref.weight ?? 1);
  const backend: ChosenBackend = {
    ref,
    index: pick.index,
    namespace,
    weight,
    totalWeight: pick.total,
    problem: problem?.message,
  };
  const share = refs.length > 1 ? ` (weight ${weight} of ${pick.total})` : '';
  if (problem)
    return {
      ...rest,
      backend,
      outcome: 'error',
      status: 500,
      explanation: `${where} picks backend ${namespace}/${ref.name}${share}, but ${problem.message} (${problem.reason}), so the gateway answers 500`,
    };
  return {
    ...rest,
    backend,
    outcome: 'forward',
    explanation: `${where} matches; it sends to Service ${namespace}/${ref.name} port ${ref.port}${share}`,
  };
}
