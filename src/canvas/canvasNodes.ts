/**
 * The React Flow nodes (cards and frames) for the views of a scenario, placed where the layout
 * put them. Pods are children of their node's frame; the order is the keyboard's Tab order.
 */
import type { CanvasNode, PodView } from './flowTypes.ts';
import type { Box, LayoutInput } from './layoutCluster.ts';

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

  // Order is the keyboard's Tab order: what receives traffic first, then the nodes each with
  // their pods, then the objects that describe rather than carry traffic.
  const flowNodes: CanvasNode[] = [];
  for (const client of clients) {
    flowNodes.push({
      id: client.key,
      type: 'client',
      ...place(client.key),
      data: { client, highlight: null },
      ariaLabel: `${client.variant === 'service' ? 'Outside service' : 'External client'} ${client.name}`,
    });
  }
  for (const lb of loadBalancers) {
    flowNodes.push({
      id: lb.key,
      type: 'loadBalancer',
      ...place(lb.key),
      data: { lb, highlight: null },
      ariaLabel: `Load balancer ${lb.name}`,
    });
  }
  for (const view of gateways) {
    flowNodes.push({
      id: view.key,
      type: 'gateway',
      ...place(view.key),
      data: { gateway: view, highlight: null },
      ariaLabel: `Gateway ${view.gateway.name}`,
    });
  }
  for (const view of httpRoutes) {
    flowNodes.push({
      id: view.key,
      type: 'httpRoute',
      ...place(view.key),
      data: { route: view, highlight: null },
      ariaLabel: `HTTPRoute ${view.route.name}`,
    });
  }
  for (const view of ingresses) {
    flowNodes.push({
      id: view.key,
      type: 'ingress',
      ...place(view.key),
      data: { ingress: view, highlight: null },
      ariaLabel: `Ingress ${view.ingress.name}`,
    });
  }
  for (const service of services) {
    flowNodes.push({
      id: service.key,
      type: 'service',
      ...place(service.key),
      data: { service, highlight: null },
      ariaLabel: `Service ${service.name}`,
    });
  }
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
  for (const ns of namespaces) {
    flowNodes.push({
      id: ns.key,
      type: 'namespace',
      ...place(ns.key),
      data: { namespace: ns, highlight: null },
      ariaLabel: `Namespace ${ns.name}`,
    });
  }
  for (const policy of policies) {
    flowNodes.push({
      id: policy.key,
      type: 'policy',
      ...place(policy.key),
      data: { policy, highlight: null },
      ariaLabel: `NetworkPolicy ${policy.policy.name}`,
    });
  }
  for (const view of ciliumPolicies) {
    flowNodes.push({
      id: view.key,
      type: 'ciliumPolicy',
      ...place(view.key),
      data: { policy: view, highlight: null },
      ariaLabel: `${view.policy.kind} ${view.policy.name}`,
    });
  }
  for (const view of referenceGrants) {
    flowNodes.push({
      id: view.key,
      type: 'referenceGrant',
      ...place(view.key),
      data: { grant: view, highlight: null },
      ariaLabel: `ReferenceGrant ${view.grant.name}`,
    });
  }
  return flowNodes;
}
