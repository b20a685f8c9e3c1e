/**
 * The React Flow links between cards: a Service to the pods it selects (ready or not, from the
 * engine's endpoints), a load balancer, Ingress or HTTPRoute to the Services it sends to, an
 * HTTPRoute to its Gateways, and the ingress controller to the Ingresses it reads.
 */
import { MarkerType } from '@xyflow/react';
import { nameOfKey } from '../scenario/document/elementKey.ts';
import type { ServiceSummary } from '../store/viewTypes.ts';
import type {
  CanvasEdge,
  HTTPRouteView,
  IngressView,
  LinkKind,
  LoadBalancerView,
  PodView,
  ServiceView,
} from './flowTypes.ts';

export interface EdgeInput {
  readonly services: readonly ServiceView[];
  /** The engine's Services by key, for which endpoints are ready. */
  readonly modelServices: ReadonlyMap<string, ServiceSummary>;
  /** Pod keys each Service selects, among the pods drawn. */
  readonly servicePods: ReadonlyMap<string, readonly string[]>;
  readonly pods: ReadonlyMap<string, PodView>;
  readonly loadBalancers: readonly LoadBalancerView[];
  readonly ingresses: readonly IngressView[];
  readonly ingressServices: ReadonlyMap<string, readonly string[]>;
  readonly httpRoutes: readonly HTTPRouteView[];
  readonly serviceKeys: ReadonlySet<string>;
  readonly gatewayKeys: ReadonlySet<string>;
}

export function buildCanvasEdges(input: EdgeInput): CanvasEdge[] {
  const { modelServices, servicePods, serviceKeys, gatewayKeys } = input;
  const edges: CanvasEdge[] = [];
  /**
   * A link with its words for a screen reader; `ready` false marks one that carries nothing,
   * `text` is written on it.
   */
  const link = (
    kind: LinkKind,
    source: string,
    target: string,
    label: string,
    { ready = true, text }: { readonly ready?: boolean; readonly text?: string } = {},
  ): CanvasEdge => ({
    id: `${kind}:${source}->${target}`,
    source,
    target,
    type: 'link',
    data: { ready, kind, ...(text ? { label: text } : {}) },
    selectable: false,
    focusable: false,
    ariaLabel: label,
    markerEnd: {
      type: MarkerType.ArrowClosed,
      width: 16,
      height: 16,
      color: markerColour(kind, ready),
    },
  });
  for (const service of input.services) {
    const derived = modelServices.get(service.key);
    for (const podKeyOfService of servicePods.get(service.key) ?? []) {
      const pod = input.pods.get(podKeyOfService);
      if (!pod) continue;
      const ready = derived?.endpoints.some((e) => e.pod === pod.key && e.ready) ?? false;
      edges.push(
        link(
          'selects',
          service.key,
          pod.key,
          `Service ${service.name} selects ${pod.name} (${ready ? 'ready' : 'not ready'})`,
          { ready },
        ),
      );
    }
  }
  for (const lb of input.loadBalancers) {
    edges.push(
      link('routes', lb.key, lb.serviceKey, `Load balancer ${lb.name} sends to Service ${lb.name}`),
    );
  }
  for (const view of input.ingresses) {
    for (const key of input.ingressServices.get(view.key) ?? []) {
      edges.push(
        link(
          'routes',
          view.key,
          key,
          `Ingress ${view.ingress.name} routes to Service ${nameOfKey(key)}`,
        ),
      );
    }
  }
  for (const view of input.httpRoutes) {
    for (const parent of view.summary?.parents ?? []) {
      if (!parent.gatewayKey || !gatewayKeys.has(parent.gatewayKey)) continue;
      edges.push(
        link(
          'attaches',
          view.key,
          parent.gatewayKey,
          parent.accepted
            ? `HTTPRoute ${view.route.name} is attached to Gateway ${nameOfKey(parent.gatewayKey)} (${parent.listeners.join(', ')})`
            : `HTTPRoute ${view.route.name} is not attached to Gateway ${nameOfKey(parent.gatewayKey)}: ${parent.message}`,
          { ready: parent.accepted },
        ),
      );
    }
    const seen = new Set<string>();
    const backends = view.summary?.backends.filter((b) => !b.mirror) ?? [];
    for (const backend of backends) {
      if (!serviceKeys.has(backend.serviceKey) || seen.has(backend.serviceKey)) continue;
      seen.add(backend.serviceKey);
      const name = nameOfKey(backend.serviceKey);
      const weighted = backends.some((b) => b.ruleIndex === backend.ruleIndex && b !== backend);
      edges.push(
        link(
          'routes',
          view.key,
          backend.serviceKey,
          backend.problem
            ? `HTTPRoute ${view.route.name} cannot send to Service ${name}: ${backend.problem}`
            : `HTTPRoute ${view.route.name} routes to Service ${name}${weighted ? ` with weight ${backend.weight}` : ''}`,
          { ready: backend.problem === null, text: weighted ? `×${backend.weight}` : undefined },
        ),
      );
    }
  }
  // The ingress controller is the add-on behind a LoadBalancer (ingress-nginx or HAProxy).
  const controller = input.services.find((s) => s.system && s.type === 'LoadBalancer');
  if (controller) {
    for (const view of input.ingresses) {
      edges.push(
        link(
          'reads',
          controller.key,
          view.key,
          `The ingress controller reads Ingress ${view.ingress.name}`,
        ),
      );
    }
  }

  return edges;
}

/** Arrow colours match the edge strokes in theme.css (markers cannot read CSS variables). */
export function markerColour(kind: LinkKind, ready: boolean): string {
  if (kind === 'selects') return ready ? '#7c3aed' : '#94a3b8';
  if (kind === 'routes') return ready ? '#0891b2' : '#94a3b8';
  if (kind === 'attaches') return ready ? '#4f46e5' : '#e11d48';
  return '#94a3b8';
}
