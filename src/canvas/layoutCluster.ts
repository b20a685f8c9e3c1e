/**
 * Automatic layout for scenarios that arrive without positions: nodes in rows, each node's pods
 * in columns inside its frame, Services in a row above the pods they select, load balancers and
 * Ingresses and HTTPRoutes above the Services they send to, Gateways above their routes,
 * outside clients on the left, NetworkPolicies, Cilium policies and namespaces on the right. Every size is computed here (not measured), so frames hold their pods
 * before anything renders and positions are the same on every machine. A position saved in the
 * document wins over the computed one; pod positions are relative to their node frame,
 * everything else is absolute.
 */
import type { Position, ScenarioDocument } from '../store/viewTypes.ts';
import type {
  CiliumPolicyView,
  ClientView,
  GatewayView,
  HTTPRouteView,
  IngressView,
  LoadBalancerView,
  ReferenceGrantView,
  NamespaceView,
  NodeView,
  PodView,
  PolicyView,
  ServiceView,
} from './flowTypes.ts';

export const POD_WIDTH = 248;
export const SERVICE_WIDTH = 248;
export const CLIENT_WIDTH = 200;
export const LB_WIDTH = 224;
export const INGRESS_WIDTH = 280;
export const GATEWAY_WIDTH = 280;
export const ROUTE_WIDTH = 300;
export const POLICY_WIDTH = 232;
export const NAMESPACE_WIDTH = 208;
export const FRAME_PADDING = 16;
export const FRAME_HEADER = 66;
export const FRAME_FOOTER = 40;
export const POD_GAP = 14;
const FRAME_GAP = 56;
const SERVICE_GAP = 28;
const ROW_GAP = 64;
/** Auto-placed pods fill a column this deep before starting the next one. */
export const PODS_PER_COLUMN = 5;
export const FRAME_WIDTH = POD_WIDTH + 2 * FRAME_PADDING;
export const CLIENT_HEIGHT = 70;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ClusterLayout {
  /** Keyed by refKey. Pod boxes are relative to their node frame. */
  readonly boxes: ReadonlyMap<string, Box>;
}

// Chip widths for label rows, in px at the card's 11px mono type.
const CHAR_WIDTH = 6.7;
const CHIP_CHROME = 14;
const CHIP_GAP = 4;
const CARD_INNER_WIDTH = POD_WIDTH - 24;

/** How many rows of chips (labels, ports) a card needs when they wrap at the given width. */
export function countChipRows(
  texts: readonly string[],
  width = CARD_INNER_WIDTH,
  chrome = CHIP_CHROME,
  gap = CHIP_GAP,
): number {
  if (texts.length === 0) return 0;
  let rows = 1;
  let used = 0;
  for (const text of texts) {
    const chip = Math.min(width, text.length * CHAR_WIDTH + chrome);
    if (used > 0 && used + gap + chip > width) {
      rows += 1;
      used = chip;
    } else {
      used += (used > 0 ? gap : 0) + chip;
    }
  }
  return rows;
}

/** A container port as the pod card writes it: `:8080/TCP http`. */
export const portText = (p: { containerPort: number; protocol?: string; name?: string }) =>
  `:${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` ${p.name}` : ''}`;

export const labelTexts = (labels: Readonly<Record<string, string>>): string[] =>
  Object.entries(labels).map(([k, v]) => `${k}=${v}`);

/** Height of the Deployment row on a pod card. */
export const DEPLOYMENT_ROW = 24;

export function podHeight(pod: PodView): number {
  const labelRows = countChipRows(labelTexts(pod.labels));
  // Port lines are indented under the container name (20px) and spaced 8px apart.
  const containerRows = pod.containers.reduce(
    (sum, c) => sum + 1 + countChipRows((c.ports ?? []).map(portText), CARD_INNER_WIDTH - 20, 0, 8),
    0,
  );
  // padding + name row + address row + deployment + labels + "containers" rows
  return (
    12 +
    22 +
    20 +
    (pod.deployment ? DEPLOYMENT_ROW : 0) +
    (labelRows ? 6 + labelRows * 22 : 0) +
    14 +
    containerRows * 19 +
    12
  );
}

/** Top of each container's row on the pod card, relative to the card (for the packet layer). */
export function containerRowTops(pod: PodView): ReadonlyMap<string, number> {
  const labelRows = countChipRows(labelTexts(pod.labels));
  let y =
    12 +
    22 +
    20 +
    (pod.deployment ? DEPLOYMENT_ROW : 0) +
    (labelRows ? 6 + labelRows * 22 : 0) +
    14;
  const rows = new Map<string, number>();
  for (const c of pod.containers) {
    rows.set(c.name, y);
    y += 19 * (1 + countChipRows((c.ports ?? []).map(portText), CARD_INNER_WIDTH - 20, 0, 8));
  }
  return rows;
}

export function serviceHeight(service: ServiceView): number {
  const selectorRows =
    service.selector && Object.keys(service.selector).length > 0
      ? countChipRows(labelTexts(service.selector))
      : 0;
  return (
    12 +
    22 +
    20 +
    Math.max(1, service.ports.length) * 20 +
    (selectorRows ? 6 + selectorRows * 22 : 0) +
    26 +
    12
  );
}

export function loadBalancerHeight(lb: LoadBalancerView): number {
  return 12 + 22 + 20 + Math.max(1, lb.ports.length) * 20 + 20 + 12;
}

/** One line per Ingress path, plus the default backend and TLS lines. */
export function ingressLines(view: IngressView): number {
  const { ingress } = view;
  const paths = ingress.rules.reduce((n, r) => n + Math.max(1, r.paths.length), 0);
  return Math.max(1, paths + (ingress.defaultBackend ? 1 : 0));
}

export function ingressHeight(view: IngressView): number {
  return 12 + 22 + 20 + ingressLines(view) * 20 + 12;
}

export function gatewayHeight(view: GatewayView): number {
  return 12 + 22 + 20 + Math.max(1, view.gateway.listeners.length) * 20 + 12;
}

export function routeHeight(view: HTTPRouteView): number {
  return 12 + 22 + 20 + Math.max(1, view.route.rules?.length ?? 1) * 20 + 20 + 12;
}

export function ciliumPolicyHeight(view: CiliumPolicyView): number {
  const labels = labelTexts(view.policy.endpointSelector.matchLabels ?? {});
  const rows = Math.max(1, countChipRows(labels, POLICY_WIDTH - 24));
  return 12 + 22 + 6 + rows * 22 + 20 + 20 + 12;
}

/** A ReferenceGrant card: title, a from line and a to line. */
export const GRANT_HEIGHT = 12 + 22 + 20 + 20 + 12;

export function policyHeight(view: PolicyView): number {
  const labels = labelTexts(view.policy.podSelector.matchLabels ?? {});
  const rows = Math.max(1, countChipRows(labels, POLICY_WIDTH - 24));
  return 12 + 22 + 6 + rows * 22 + 20 + 20 + 12;
}

export function namespaceHeight(view: NamespaceView): number {
  const rows = countChipRows(labelTexts(view.labels), NAMESPACE_WIDTH - 24);
  return 12 + 22 + (rows ? 6 + rows * 22 : 0) + 20 + 12;
}

export interface LayoutInput {
  readonly nodes: readonly NodeView[];
  /** Visible pods; each is drawn inside its node's frame. */
  readonly pods: readonly PodView[];
  readonly services: readonly ServiceView[];
  readonly loadBalancers: readonly LoadBalancerView[];
  readonly ingresses: readonly IngressView[];
  readonly policies: readonly PolicyView[];
  readonly namespaces: readonly NamespaceView[];
  readonly clients: readonly ClientView[];
  /** Pod keys each Service selects (from the engine). */
  readonly servicePods: ReadonlyMap<string, readonly string[]>;
  /** Service keys each Ingress sends to. */
  readonly ingressServices: ReadonlyMap<string, readonly string[]>;
  readonly gateways: readonly GatewayView[];
  readonly httpRoutes: readonly HTTPRouteView[];
  readonly ciliumPolicies: readonly CiliumPolicyView[];
  readonly referenceGrants: readonly ReferenceGrantView[];
  /** Service keys each HTTPRoute sends to. */
  readonly routeServices: ReadonlyMap<string, readonly string[]>;
  /** Gateway keys each HTTPRoute names as its parents. */
  readonly routeGateways: ReadonlyMap<string, readonly string[]>;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Places boxes of the given widths along a row, each near its wanted centre, none overlapping. */
function spreadRow<T>(
  items: readonly { item: T; centre: number; width: number }[],
  gap: number,
): { item: T; x: number }[] {
  const sorted = [...items].sort((a, b) => a.centre - b.centre);
  let nextFree = -Infinity;
  return sorted.map(({ item, centre, width }) => {
    const x = Math.max(centre - width / 2, nextFree);
    nextFree = x + width + gap;
    return { item, x };
  });
}

/** The middle of the placed elements among these keys; undefined when none is placed. */
function middleOf(
  keys: readonly string[] | undefined,
  centres: ReadonlyMap<string, number>,
): number | undefined {
  const placed = (keys ?? []).flatMap((k) => centres.get(k) ?? []);
  return placed.length > 0 ? placed.reduce((a, b) => a + b, 0) / placed.length : undefined;
}

/**
 * Where a row puts what has nothing placed to stand over: side by side from x 0, each call
 * giving the next one's centre.
 */
function fallbackRow(): (width: number) => number {
  let next = 0;
  return (width) => {
    const centre = next + width / 2;
    next += width + SERVICE_GAP;
    return centre;
  };
}

export function layoutCluster(
  input: LayoutInput,
  layout: ScenarioDocument['layout'],
): ClusterLayout {
  const boxes = new Map<string, Box>();
  const saved = (key: string): Position | undefined => layout[key];

  // 1. Pods inside their node, and so each frame's size.
  const podsByNode = new Map<string, PodView[]>();
  for (const pod of input.pods) {
    const list = podsByNode.get(pod.node) ?? [];
    list.push(pod);
    podsByNode.set(pod.node, list);
  }
  const frameSize = new Map<string, { width: number; height: number }>();
  for (const node of input.nodes) {
    const pods = podsByNode.get(node.name) ?? [];
    const fixed: Box[] = [];
    for (const pod of pods) {
      const at = saved(pod.key);
      if (!at) continue;
      const box = { x: at.x, y: at.y, width: POD_WIDTH, height: podHeight(pod) };
      boxes.set(pod.key, box);
      fixed.push(box);
    }
    let column = 0;
    let inColumn = 0;
    let y = FRAME_HEADER;
    for (const pod of pods) {
      if (boxes.has(pod.key)) continue;
      const height = podHeight(pod);
      let box: Box;
      // Skip spots where a pod was put by hand.
      for (;;) {
        box = { x: FRAME_PADDING + column * (POD_WIDTH + POD_GAP), y, width: POD_WIDTH, height };
        const hit = fixed.find((f) => overlaps(f, box));
        if (!hit) break;
        y = hit.y + hit.height + POD_GAP;
      }
      boxes.set(pod.key, box);
      y += height + POD_GAP;
      inColumn++;
      if (inColumn >= PODS_PER_COLUMN) {
        column++;
        inColumn = 0;
        y = FRAME_HEADER;
      }
    }
    let right = FRAME_WIDTH;
    let bottom = FRAME_HEADER + 40;
    for (const pod of pods) {
      const box = boxes.get(pod.key) as Box;
      right = Math.max(right, box.x + box.width + FRAME_PADDING);
      bottom = Math.max(bottom, box.y + box.height + 16);
    }
    frameSize.set(node.name, { width: right, height: bottom + FRAME_FOOTER });
  }

  // 2. Rows above the frames: load balancers and Ingresses, then Services.
  const topRowItems = [
    ...input.loadBalancers.map((lb) => ({ key: lb.key, height: loadBalancerHeight(lb) })),
    ...input.ingresses.map((ing) => ({ key: ing.key, height: ingressHeight(ing) })),
    ...input.httpRoutes.map((r) => ({ key: r.key, height: routeHeight(r) })),
  ];
  const topRowHeight = topRowItems.reduce((h, i) => Math.max(h, i.height), 0);
  const serviceRowHeight = input.services.reduce((h, s) => Math.max(h, serviceHeight(s)), 0);
  const serviceRowTop = topRowHeight > 0 ? topRowHeight + ROW_GAP : 0;
  const framesTop = serviceRowTop + (serviceRowHeight > 0 ? serviceRowHeight + ROW_GAP : 0);

  // 3. Frames in rows.
  const perRow = input.nodes.length <= 4 ? 4 : Math.ceil(Math.sqrt(input.nodes.length)) + 1;
  let rowTop = framesTop;
  let rowHeight = 0;
  let x = 0;
  input.nodes.forEach((node, index) => {
    if (index > 0 && index % perRow === 0) {
      rowTop += rowHeight + FRAME_GAP;
      rowHeight = 0;
      x = 0;
    }
    const size = frameSize.get(node.name) as { width: number; height: number };
    const at = saved(node.key) ?? { x, y: rowTop };
    boxes.set(node.key, { x: at.x, y: at.y, ...size });
    x += size.width + FRAME_GAP;
    rowHeight = Math.max(rowHeight, size.height);
  });

  // Absolute centres of pods, for the rows above to line up with.
  const nodeKeyOf = new Map(input.nodes.map((n) => [n.name, n.key]));
  const podCentre = new Map<string, number>();
  for (const pod of input.pods) {
    const box = boxes.get(pod.key);
    const frame = boxes.get(nodeKeyOf.get(pod.node) ?? '');
    if (box && frame) podCentre.set(pod.key, frame.x + box.x + box.width / 2);
  }
  // 4. Services over the middle of the pods they select.
  const serviceFallback = fallbackRow();
  const services = spreadRow(
    input.services.map((service) => ({
      item: service,
      centre:
        middleOf(input.servicePods.get(service.key), podCentre) ?? serviceFallback(SERVICE_WIDTH),
      width: SERVICE_WIDTH,
    })),
    SERVICE_GAP,
  );
  const serviceCentre = new Map<string, number>();
  for (const { item, x: sx } of services) {
    const height = serviceHeight(item);
    const at = saved(item.key) ?? { x: sx, y: serviceRowTop + serviceRowHeight - height };
    boxes.set(item.key, { x: at.x, y: at.y, width: SERVICE_WIDTH, height });
    serviceCentre.set(item.key, at.x + SERVICE_WIDTH / 2);
  }

  // 5. Load balancers over their Service, Ingresses over their backends.
  const nextTopFallback = fallbackRow();
  const top = spreadRow<{ key: string; width: number; height: number }>(
    [
      ...input.loadBalancers.map((lb) => ({
        item: { key: lb.key, width: LB_WIDTH, height: loadBalancerHeight(lb) },
        centre: serviceCentre.get(lb.serviceKey) ?? nextTopFallback(LB_WIDTH),
        width: LB_WIDTH,
      })),
      ...input.ingresses.map((ing) => ({
        item: { key: ing.key, width: INGRESS_WIDTH, height: ingressHeight(ing) },
        centre:
          middleOf(input.ingressServices.get(ing.key), serviceCentre) ??
          nextTopFallback(INGRESS_WIDTH),
        width: INGRESS_WIDTH,
      })),
      ...input.httpRoutes.map((r) => ({
        item: { key: r.key, width: ROUTE_WIDTH, height: routeHeight(r) },
        centre:
          middleOf(input.routeServices.get(r.key), serviceCentre) ?? nextTopFallback(ROUTE_WIDTH),
        width: ROUTE_WIDTH,
      })),
    ],
    SERVICE_GAP,
  );
  const routeCentre = new Map<string, number>();
  for (const { item, x: tx } of top) {
    const at = saved(item.key) ?? { x: tx, y: topRowHeight - item.height };
    boxes.set(item.key, { x: at.x, y: at.y, width: item.width, height: item.height });
    routeCentre.set(item.key, at.x + item.width / 2);
  }

  // 5b. Gateways in a row above, over the routes that name them.
  const gatewayFallback = fallbackRow();
  const gatewayRow = spreadRow(
    input.gateways.map((g) => {
      const routes = input.httpRoutes
        .filter((r) => (input.routeGateways.get(r.key) ?? []).includes(g.key))
        .map((r) => r.key);
      return {
        item: g,
        centre: middleOf(routes, routeCentre) ?? gatewayFallback(GATEWAY_WIDTH),
        width: GATEWAY_WIDTH,
      };
    }),
    SERVICE_GAP,
  );
  for (const { item, x: gx } of gatewayRow) {
    const height = gatewayHeight(item);
    // Bottom-aligned above the top row, which starts at y 0.
    const at = saved(item.key) ?? { x: gx, y: -ROW_GAP - height };
    boxes.set(item.key, { x: at.x, y: at.y, width: GATEWAY_WIDTH, height });
  }

  // 6. Clients outside the cluster stand to its left.
  let clientY = framesTop;
  for (const client of input.clients) {
    const at = saved(client.key) ?? { x: -(CLIENT_WIDTH + FRAME_GAP + 24), y: clientY };
    boxes.set(client.key, { x: at.x, y: at.y, width: CLIENT_WIDTH, height: CLIENT_HEIGHT });
    clientY += CLIENT_HEIGHT + POD_GAP;
  }

  // 7. Namespaces and NetworkPolicies in a column to the right of everything.
  let right = 0;
  for (const box of boxes.values()) right = Math.max(right, box.x + box.width);
  const columnX = right + FRAME_GAP + 24;
  let columnY = 0;
  for (const ns of input.namespaces) {
    const height = namespaceHeight(ns);
    const at = saved(ns.key) ?? { x: columnX, y: columnY };
    boxes.set(ns.key, { x: at.x, y: at.y, width: NAMESPACE_WIDTH, height });
    columnY += height + POD_GAP;
  }
  if (input.namespaces.length > 0) columnY += ROW_GAP - POD_GAP;
  for (const policy of input.policies) {
    const height = policyHeight(policy);
    const at = saved(policy.key) ?? { x: columnX, y: columnY };
    boxes.set(policy.key, { x: at.x, y: at.y, width: POLICY_WIDTH, height });
    columnY += height + POD_GAP;
  }
  for (const policy of input.ciliumPolicies) {
    const height = ciliumPolicyHeight(policy);
    const at = saved(policy.key) ?? { x: columnX, y: columnY };
    boxes.set(policy.key, { x: at.x, y: at.y, width: POLICY_WIDTH, height });
    columnY += height + POD_GAP;
  }
  for (const grant of input.referenceGrants) {
    const at = saved(grant.key) ?? { x: columnX, y: columnY };
    boxes.set(grant.key, { x: at.x, y: at.y, width: POLICY_WIDTH, height: GRANT_HEIGHT });
    columnY += GRANT_HEIGHT + POD_GAP;
  }

  keepClearOfSaved(boxes, layout, input);
  return { boxes };
}

type Nudge = 'up' | 'down' | 'right';

/**
 * An element placed automatically never lands on one placed by hand (a node dragged to where
 * the Service row would start, a new node in a row whose frames were moved): it steps away, up
 * for the rows above the nodes, down for the columns, right for node frames, until it is clear.
 * Elements that touch nothing placed by hand keep their place, so a cluster without saved
 * positions is laid out as before.
 */
function keepClearOfSaved(
  boxes: Map<string, Box>,
  layout: ScenarioDocument['layout'],
  input: LayoutInput,
): void {
  const nudge = new Map<string, Nudge>();
  for (const list of [
    input.services,
    input.loadBalancers,
    input.ingresses,
    input.httpRoutes,
    input.gateways,
  ])
    for (const item of list) nudge.set(item.key, 'up');
  for (const list of [
    input.clients,
    input.namespaces,
    input.policies,
    input.ciliumPolicies,
    input.referenceGrants,
  ])
    for (const item of list) nudge.set(item.key, 'down');
  for (const node of input.nodes) nudge.set(node.key, 'right');

  const obstacles = [...nudge.keys()]
    .filter((key) => key in layout && boxes.has(key))
    .map((key) => boxes.get(key) as Box);
  if (obstacles.length === 0) return;
  for (const [key, direction] of nudge) {
    if (key in layout) continue;
    let box = boxes.get(key);
    if (!box) continue;
    let moved = false;
    for (let hit = obstacles.find((o) => overlaps(o, box!)); hit;) {
      box =
        direction === 'up'
          ? { ...box, y: hit.y - box.height - SERVICE_GAP }
          : direction === 'down'
            ? { ...box, y: hit.y + hit.height + POD_GAP }
            : { ...box, x: hit.x + hit.width + FRAME_GAP };
      moved = true;
      hit = obstacles.find((o) => overlaps(o, box!));
    }
    if (moved) {
      boxes.set(key, box);
      obstacles.push(box);
    }
  }
}
