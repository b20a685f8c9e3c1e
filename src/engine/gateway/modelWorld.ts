/** The lookups routing needs among the Gateway API objects of a cluster model. */
import { hostMatches } from '../ingress.ts';
import type { ClusterModel } from '../model.ts';
import { DEFAULT_NAMESPACE } from '../spec.ts';
import { gatewayWorldOf } from './gatewayWorld.ts';
import type { GatewaySpec } from './gatewaySpec.ts';
import type { HttpRequest } from './httpRequest.ts';
import { routeRequest, selectListener } from './routeRequest.ts';
import { nsOf } from './routeStatus.ts';

/** A Gateway by `namespace/name` (or a bare name in default). */
export function findGateway(model: ClusterModel, ref: string): GatewaySpec | undefined {
  const [ns, name] = ref.includes('/') ? ref.split('/', 2) : [DEFAULT_NAMESPACE, ref];
  return model.gateways.find((g) => g.name === name && nsOf(g) === ns);
}

/**
 * Which Gateway serves a URL when the probe names none (DNS would say, and the scenario has no
 * DNS for outside names): a Gateway with a route that takes the request; else none when an
 * Ingress names the host (the ingress controller takes it); else the first Gateway with a
 * listener for the host, which answers 404.
 */
export function gatewayForRequest(model: ClusterModel, req: HttpRequest): GatewaySpec | undefined {
  const world = gatewayWorldOf(model);
  const listening = model.gateways.filter((g) => selectListener(g, req));
  const routed = listening.find(
    (g) => routeRequest(g, req, world, () => 0).outcome !== 'not-found',
  );
  if (routed) return routed;
  const ingressHost = model.ingresses.some((i) =>
    (i.rules ?? []).some((r) => r.host !== undefined && hostMatches(r.host, req.host)),
  );
  return ingressHost ? undefined : listening[0];
}
