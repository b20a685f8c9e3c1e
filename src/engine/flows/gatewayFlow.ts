/**
 * An http(s) URL through a Gateway: the client reaches the Gateway's address (the LoadBalancer
 * Service in front of its Envoy proxy), Envoy terminates TLS on an HTTPS listener, picks the
 * route rule and a backend by the Gateway API's rules (gateway/routeRequest.ts), applies the
 * rule's filters, and opens its own connection to an endpoint of the backend Service (Envoy
 * Gateway balances over the EndpointSlices itself, not through the ClusterIP). Redirects and
 * 404s are answered by Envoy; a RequestMirror copy goes out as a second packet whose answer
 * Envoy drops.
 */
import type { TraceContext } from '../datapath/context.ts';
import { endpointCandidates } from '../datapath/kubeProxy.ts';
import { gatewayProxyName, GATEWAY_PROXY_NAMESPACE } from '../gateway/gatewayProxies.ts';
import type { GatewaySpec } from '../gateway/gatewaySpec.ts';
import { formatQuery, type HttpRequest } from '../gateway/httpRequest.ts';
import { gatewayWorldOf } from '../gateway/gatewayWorld.ts';
import { routeRequest, selectListener, type GatewayRouting } from '../gateway/routeRequest.ts';
import { nsName } from '../gateway/routeStatus.ts';
import type { EndpointModel, ServiceModel } from '../model.ts';
import { DEFAULT_NAMESPACE } from '../spec.ts';
import type { Decision, HttpLayer, HttpOutcome, Location } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { dropped, type Flow } from './flow.ts';
import { ephemeralPort, type Origin } from './origin.ts';
import * as proxySteps from './proxySteps.ts';
import { answered } from './steps.ts';

function httpLayer(req: HttpRequest, extra: Readonly<Record<string, string>> = {}): HttpLayer {
  const headers: Record<string, string> = { Host: req.host };
  for (const h of req.headers) headers[h.name] = h.value;
  return {
    scheme: req.scheme,
    host: req.host,
    path: req.path,
    method: req.method,
    ...(req.query.length > 0 ? { query: formatQuery(req.query) } : {}),
    headers: { ...headers, ...extra },
  };
}

function outcomeOf(gw: GatewaySpec, routing: GatewayRouting): HttpOutcome {
  const b = routing.backend;
  return {
    status: routing.status,
    gateway: nsName(gw),
    ...(routing.route ? { route: nsName(routing.route), rule: (routing.ruleIndex ?? 0) + 1 } : {}),
    backend:
      b && routing.outcome === 'forward'
        ? { namespace: b.namespace, service: b.ref.name, port: b.ref.port ?? 0 }
        : null,
    ...(routing.location ? { location: routing.location } : {}),
  };
}

function routingDecision(routing: GatewayRouting): Decision {
  const lines = routing.verdicts.map(
    (v) =>
      `${v.outcome === 'chosen' ? 'chosen' : v.outcome === 'outranked' ? 'outranked' : 'no match'}: rule ${v.ruleIndex + 1} of ${nsName(v.route)}, match ${v.matchIndex + 1}: ${v.why}`,
  );
  return {
    kind: 'gateway-route',
    summary: routing.explanation,
    rules: [
      ...lines,
      ...routing.requestChanges,
      ...routing.responseChanges,
      ...routing.detached.map((d) => `not attached: HTTPRoute ${nsName(d.route)}: ${d.why}`),
    ],
  };
}

export function gatewayFlow(
  ctx: TraceContext,
  origin: Origin,
  req: HttpRequest,
  gw: GatewaySpec,
): Flow {
  const http = {
    ...httpLayer(req),
    ...(req.scheme === 'https' ? { tls: 'encrypted' as const } : {}),
  };
  const proxySvc = ctx.serviceByKey.get(`${GATEWAY_PROXY_NAMESPACE}/${gatewayProxyName(gw)}`);
  if (!proxySvc?.loadBalancerIP) {
    const flow = proxySteps.noProxyAddress(
      ctx,
      origin,
      req.port,
      http,
      DropReason.GatewayNotProgrammed,
      `Gateway ${nsName(gw)} names GatewayClass "${gw.gatewayClassName}", which does not exist: no controller programs it, so it has no address and no proxy. Add the GatewayClass.`,
    );
    return { ...flow, http: { gateway: nsName(gw), backend: null } };
  }
  const reached = proxySteps.reachProxy(
    ctx,
    origin,
    proxySvc.loadBalancerIP,
    req.port,
    http,
    `This is the Envoy proxy of Gateway ${nsName(gw)}; it reads the request to decide where it goes.`,
  );
  if (!proxySteps.isAtProxy(reached)) return reached;
  const { front, request: j, proxy, clientSeen } = reached;
  const at: Location = {
    place: Place.GatewayProxy,
    device: 'envoy',
    node: proxy.node,
    at: proxy.ref,
  };
  const listener = selectListener(gw, req);
  if (req.scheme === 'https' && listener) {
    const certs = (listener.tls?.certificateRefs ?? []).map((c) => c.name).join(', ');
    j.step(
      at,
      Verdict.Translated,
      `Envoy reads the SNI name ${req.host}, picks listener "${listener.name}" and terminates TLS with ${certs ? `the certificate in Secret ${certs}` : 'no certificate named (the listener is invalid without certificateRefs)'}: from here the request is plain HTTP it can read.`,
      { to: { ...j.packet, http: { ...http, tls: 'terminated' } } },
    );
  }
  const routing = routeRequest(gw, req, gatewayWorldOf(ctx.model), ctx.random);
  const decision = routingDecision(routing);
  const outcome = outcomeOf(gw, routing);
  const ended = {
    request: j,
    reply: null,
    deliveredTo: null,
    seenSource: clientSeen,
    http: outcome,
  };

  if (routing.outcome === 'not-found') {
    j.drop(at, DropReason.NoRouteMatch, `${routing.explanation}.`, [decision]);
    return ended;
  }
  if (routing.outcome === 'error') {
    j.drop(at, DropReason.BackendUnavailable, `${routing.explanation}.`, [decision]);
    return ended;
  }
  if (routing.outcome === 'redirect') {
    return proxySteps.answerAtProxy(
      reached,
      at,
      `${routing.explanation}. The request goes no further: the client is told to ask again there.`,
      `Envoy sends the ${routing.status} response with Location: ${routing.location} back over the client's connection.`,
      [decision],
      outcome,
    );
  }

  const b = routing.backend!;
  const svc = ctx.serviceByKey.get(`${b.namespace}/${b.ref.name}`);
  const portIndex = svc ? svc.ports.findIndex((p) => p.port === b.ref.port) : -1;
  const candidates = svc && portIndex >= 0 ? endpointCandidates(svc, portIndex) : [];
  if (!svc || candidates.length === 0) {
    j.drop(
      at,
      DropReason.NoEndpoints,
      `${routing.explanation}, but the Service has no ready endpoints: Envoy answers 503 (no healthy upstream).`,
      [decision],
    );
    return { ...ended, http: { ...outcome, status: 503 } };
  }
  for (const m of routing.mirrors) {
    const msvc = ctx.serviceByKey.get(`${m.namespace}/${m.ref.name}`);
    const mi = msvc ? msvc.ports.findIndex((p) => p.port === m.ref.port) : -1;
    const mep = msvc && mi >= 0 ? endpointCandidates(msvc, mi)[0] : undefined;
    if (!mep) continue;
    j.step(
      at,
      Verdict.Forwarded,
      `RequestMirror: Envoy also sends a copy of the request to Service ${m.namespace}/${m.ref.name} (endpoint ${mep.pod.name} at ${mep.ip}:${mep.port}) and throws its answer away; the client only ever sees the answer of the real backend.`,
      {
        to: {
          protocol: 'TCP',
          src: { ip: proxy.ip, port: ephemeralPort(ctx) },
          dst: { ip: mep.ip, port: mep.port },
          http: httpLayer(routing.request),
        },
        decisions: [
          {
            kind: 'gateway-route',
            summary: `mirror to ${m.namespace}/${m.ref.name}`,
            ref: msvc?.ref,
          },
        ],
      },
    );
  }
  const { ep, packet: upstream } = proxySteps.connectUpstream(
    ctx,
    proxy,
    candidates,
    httpLayer(routing.request, {
      'X-Forwarded-For': clientSeen,
      'X-Forwarded-Proto': req.scheme,
    }),
  );
  const changes =
    routing.requestChanges.length > 0 ? ` Filters: ${routing.requestChanges.join('; ')}.` : '';
  j.step(
    at,
    Verdict.Translated,
    `${routing.explanation}.${changes} Envoy opens a new connection from its own pod IP ${proxy.ip} to the endpoint ${ep.pod.name} at ${ep.ip}:${ep.port}, adding X-Forwarded-For: ${clientSeen}.`,
    {
      to: upstream,
      decisions: [decision, splitDecision(ctx, routing, svc, ep)],
    },
  );
  const answer = proxySteps.proxyToEndpoint(ctx, reached, ep);
  if (!answer) return dropped(j);
  const responseChanges =
    routing.responseChanges.length > 0 ? ` (${routing.responseChanges.join('; ')})` : '';
  proxySteps.copyOntoClient(
    answer.reply,
    at,
    `Envoy copies the response onto the client's connection${responseChanges}${req.scheme === 'https' ? ', encrypting it with TLS again' : ''}.`,
    front.reply,
  );
  return { ...answered(j, answer), http: outcome };
}

/**
 * Envoy's choice of an endpoint with every endpoint the rule could have sent to and its share:
 * the backend's weight over the rule's total (HTTPBackendRef weight, gateway-api apis/v1
 * httproute_types.go), then an even share of that Service's ready endpoints, so a batch of
 * requests can be read against the split. A backend that cannot take requests gets no row.
 */
function splitDecision(
  ctx: TraceContext,
  routing: GatewayRouting,
  svc: ServiceModel,
  chosen: EndpointModel,
): Decision {
  const refs = routing.route?.rules?.[routing.ruleIndex ?? 0]?.backendRefs ?? [];
  const routeNs = routing.route?.namespace ?? DEFAULT_NAMESPACE;
  const total = refs.reduce((sum, ref) => sum + Math.max(0, ref.weight ?? 1), 0);
  const weighted = refs.length > 1;
  const candidates = refs.flatMap((ref) => {
    const weight = Math.max(0, ref.weight ?? 1);
    const backend = ctx.serviceByKey.get(`${ref.namespace ?? routeNs}/${ref.name}`);
    const portIndex = backend ? backend.ports.findIndex((p) => p.port === ref.port) : -1;
    if (!backend || portIndex < 0 || weight === 0 || total === 0) return [];
    const eps = endpointCandidates(backend, portIndex);
    return eps.map((e) => ({
      label: `${e.pod.namespace}/${e.pod.name}`,
      endpoint: { ip: e.ip, port: e.port },
      pod: e.pod.ref,
      node: e.pod.node,
      probability: weight / total / eps.length,
      chosen: e === chosen,
    }));
  });
  const weights = refs.map((ref) => `${ref.name} ${Math.max(0, ref.weight ?? 1)}`).join(', ');
  return {
    kind: 'load-balancing',
    summary: weighted
      ? `Envoy splits the rule’s requests by backend weight (${weights} of ${total}), then balances over each Service’s ready endpoints`
      : 'Envoy balances over the Service’s ready endpoints itself (least request by default in Envoy Gateway)',
    ref:
      weighted && routing.route
        ? { kind: 'HTTPRoute', namespace: routeNs, name: routing.route.name }
        : svc.ref,
    candidates,
  };
}
