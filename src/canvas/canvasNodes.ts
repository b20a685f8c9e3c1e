/**
 * The React Flow nodes (cards and frames) for the views of a scenario, placed where the layout
 * put them. Pods are children of their node's frame; the order is the keyboard's Tab order.
 */
import type { CanvasNode, ClientView, PodView } from './flowTypes.ts';
import type { Box, LayoutInput } from './layoutCluster.ts';

/** The cards: every node type but a node's frame and what stands in for pods and namespaces. */
type CardType = Exclude<CanvasNode['type'], 'frame' | 'pod' | 'podGroup' | 'island'>;
type CardOf<T extends CardType> = Extract<CanvasNode, { type: T }>;

const clientLabel = (client: ClientView) =>
  `${client.variant === 'service' ? 'Outside service' : 'External client'} ${client.name}`;

export function buildCanvasNodes(
  views: LayoutInput,
  boxes: ReadonlyMap<string, Box>,
): CanvasNode[] {
  const {
    clients,
    loadBalancers,
    gateways,
    httpRoutes,
    ingresses,
    services,
    nodes,
    pods,
    namespaces,
    policies,
    ciliumPolicies,
    referenceGrants,
  } = views;
  const place = (key: string) => {
    const box = boxes.get(key) as Box;
    // Sizes are computed, not measured; giving React Flow the measurement up front keeps an
    // element it re-adopts during a drag from counting as unmeasured (and its edges as hidden).
    return {
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      measured: { width: box.width, height: box.height },
    };
  };

  /** A card for each view: its id is the view's key, its box the layout's. */
  const cardsOf = <T extends CardType, F extends keyof CardOf<T>['data']>(
    list: readonly CardOf<T>['data'][F][],
    type: T,
    field: F,
    label: (view: CardOf<T>['data'][F]) => string,
  ): CanvasNode[] =>
    list.map((view) => {
      const { key } = view as { readonly key: string };
      const data = { [field]: view, highlight: null };
      return { id: key, type, ...place(key), data, ariaLabel: label(view) } as CardOf<T>;
    });

  // Order is the keyboard's Tab order: what receives traffic first, then the nodes each with
  // their pods, then the objects that describe rather than carry traffic.
  const flowNodes: CanvasNode[] = [
    ...cardsOf(clients, 'client', 'client', clientLabel),
    ...cardsOf(loadBalancers, 'loadBalancer', 'lb', (lb) => `Load balancer ${lb.name}`),
    ...cardsOf(gateways, 'gateway', 'gateway', (v) => `Gateway ${v.gateway.name}`),
    ...cardsOf(httpRoutes, 'httpRoute', 'route', (v) => `HTTPRoute ${v.route.name}`),
    ...cardsOf(ingresses, 'ingress', 'ingress', (v) => `Ingress ${v.ingress.name}`),
    ...cardsOf(services, 'service', 'service', (service) => `Service ${service.name}`),
  ];
  const podsOfNode = new Map<string, PodView[]>();
  for (const pod of pods) {
    const list = podsOfNode.get(pod.node) ?? [];
    list.push(pod);
    podsOfNode.set(pod.node, list);
  }
  for (const node of nodes) {
    flowNodes.push({
      id: node.key,
      type: 'frame',
      ...place(node.key),
      data: { node, highlight: null, dropTarget: false },
      ariaLabel: `Node ${node.name}`,
      className: 'pp-frame',
      zIndex: 0,
    });
    for (const pod of podsOfNode.get(node.name) ?? []) {
      flowNodes.push({
        id: pod.key,
        type: 'pod',
        parentId: node.key,
        ...place(pod.key),
        draggable: !pod.system,
        data: { pod, highlight: null, emphasis: null },
        ariaLabel: `Pod ${pod.name}`,
      });
    }
  }
  flowNodes.push(
    ...cardsOf(namespaces, 'namespace', 'namespace', (ns) => `Namespace ${ns.name}`),
    ...cardsOf(policies, 'policy', 'policy', (v) => `NetworkPolicy ${v.policy.name}`),
    ...cardsOf(
      ciliumPolicies,
      'ciliumPolicy',
      'policy',
      (v) => `${v.policy.kind} ${v.policy.name}`,
    ),
    ...cardsOf(referenceGrants, 'referenceGrant', 'grant', (v) => `ReferenceGrant ${v.grant.name}`),
  );
  return flowNodes;
}
