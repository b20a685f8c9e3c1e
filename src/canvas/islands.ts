/**
 * Namespaces as islands: zoomed out far on a big cluster, everything in a namespace (its pods,
 * their cards, its Services, policies and routes) gives way to one card that says how many pods,
 * groups and Services it holds. Node frames stay, holding only the namespaces still open (those
 * left empty fold into one strip, nodeStrip.ts). Pure: the canvas asks with the zoom, what the
 * person opened and what is selected.
 */
import { parseElementKey } from '../scenario/document/elementKey.ts';
import type { CanvasEdge, CanvasNode, IslandView, PodView } from './flowTypes.ts';
import { COLLAPSE_FROM_PODS, type PodGroup, type Rect } from './podGroups.ts';

/** Below this zoom a big cluster's namespaces are drawn as islands. */
export const ISLAND_ZOOM = 0.12;
/** Space between islands, and between the islands and the rest of the canvas. */
export const ISLAND_GAP = 160;
/** The narrowest island: its words stay readable when the cluster itself is narrow. */
const MIN_ISLAND_WIDTH = 1400;

export const islandKey = (namespace: string) => `Island/${namespace}`;
export const isIslandKey = (key: string) => key.startsWith('Island/');

/** Names in reading order: team-2 before team-10, as a person counts them. */
export const byNumberAware = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { numeric: true });

/** The namespace a canvas element lives in, or null for what has none (nodes, clients). */
export function namespaceOfElement(node: CanvasNode): string | null {
  if (node.type === 'podGroup') return node.data.group.namespace;
  if (node.type === 'namespace') return node.data.namespace.name;
  // Every other card's id is its element key, which names the namespace of a namespaced kind.
  return parseElementKey(node.id)?.namespace ?? null;
}

export interface IslandInput {
  /** Namespaces on the canvas (an empty one folds away with no island). */
  readonly namespaces: readonly string[];
  /** How many of them hold pods. */
  readonly populated: number;
  readonly podCount: number;
  /** Zoomed out below ISLAND_ZOOM. */
  readonly distant: boolean;
  /** Islands the person opened (island keys). */
  readonly opened: ReadonlySet<string>;
  /** Namespaces of what must stay drawn (the selection). */
  readonly keep: ReadonlySet<string>;
}

/**
 * The namespaces drawn as islands: on a canvas of at least COLLAPSE_FROM_PODS pods in two or
 * more namespaces (one island for the whole cluster says nothing), zoomed out below
 * ISLAND_ZOOM; never one the person opened or one holding the selection.
 */
export function closedIslands(input: IslandInput): ReadonlySet<string> {
  const { namespaces, populated, podCount, distant, opened, keep } = input;
  if (!distant || podCount < COLLAPSE_FROM_PODS || populated < 2) return new Set();
  return new Set(namespaces.filter((ns) => !opened.has(islandKey(ns)) && !keep.has(ns)));
}

/** What each namespace holds, for its island's card. */
export function islandViews(
  pods: Iterable<Pick<PodView, 'namespace' | 'ready'>>,
  groups: readonly Pick<PodGroup, 'namespace'>[],
  serviceKeys: Iterable<string>,
): Map<string, IslandView> {
  const views = new Map<string, IslandView>();
  const entry = (namespace: string) =>
    views.get(namespace) ?? {
      key: islandKey(namespace),
      namespace,
      pods: 0,
      ready: 0,
      groups: 0,
      services: 0,
    };
  for (const pod of pods) {
    const view = entry(pod.namespace);
    views.set(pod.namespace, {
      ...view,
      pods: view.pods + 1,
      ready: view.ready + (pod.ready ? 1 : 0),
    });
  }
  for (const group of groups) {
    const view = entry(group.namespace);
    views.set(group.namespace, { ...view, groups: view.groups + 1 });
  }
  for (const key of serviceKeys) {
    const namespace = parseElementKey(key)?.namespace;
    if (!namespace) continue;
    const view = entry(namespace);
    views.set(namespace, { ...view, services: view.services + 1 });
  }
  return views;
}

export interface IslandFold {
  readonly nodes: readonly CanvasNode[];
  readonly edges: readonly CanvasEdge[];
  /** The island each hidden element is drawn as, by element key. */
  readonly islandOf: ReadonlyMap<string, string>;
}

/**
 * Hides the elements of closed namespaces and adds their islands (placed by placeIslands once
 * the frames have their final sizes). Links touching a hidden element are dropped: the island
 * stands for both ends.
 */
export function foldIslands(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  closed: ReadonlySet<string>,
  views: ReadonlyMap<string, IslandView>,
): IslandFold {
  if (closed.size === 0) return { nodes, edges, islandOf: new Map() };
  const islandOf = new Map<string, string>();
  const kept: CanvasNode[] = [];
  for (const node of nodes) {
    const namespace = namespaceOfElement(node);
    if (namespace !== null && closed.has(namespace)) islandOf.set(node.id, islandKey(namespace));
    else kept.push(node);
  }
  for (const namespace of [...closed].sort(byNumberAware)) {
    const island = views.get(namespace);
    if (!island) continue;
    kept.push({
      id: island.key,
      type: 'island',
      position: { x: 0, y: 0 },
      draggable: false,
      data: { island, highlight: null, emphasis: null },
      ariaLabel: `Namespace ${namespace}: ${islandSummary(island)}, collapsed: open to show them`,
    });
  }
  return {
    nodes: kept,
    edges: edges.filter((e) => !islandOf.has(e.source) && !islandOf.has(e.target)),
    islandOf,
  };
}

/** `120 pods (118 ready), 12 groups, 8 Services`. */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function islandSummary(island: IslandView): string {
  return `${plural(island.pods, 'pod')} (${island.ready} ready), ${plural(island.groups, 'group')}, ${plural(island.services, 'Service')}`;
}

/**
 * Puts the islands in a grid as wide together as the rest of the canvas (so they read at the
 * zoom that shows the whole cluster), in namespace order, with the strip of folded node frames,
 * if any, right below them, as wide as the grid. When every frame is folded, the grid takes the
 * frames' own place, so zooming in on it lands on the frames; otherwise it goes above the
 * frames still shown. `portrait`: the canvas is taller than wide.
 */
export function placeIslands(nodes: readonly CanvasNode[], portrait = false): CanvasNode[] {
  const islands = nodes.filter((n) => n.type === 'island');
  const strip = nodes.find((n) => n.type === 'nodeStrip');
  if (islands.length === 0 && !strip) return [...nodes];
  // The strip comes in with the box of the frames it holds, so the islands keep their size
  // whether the frames are folded or not.
  const others = nodes.filter((n) => n.type !== 'island' && !n.parentId);
  const bounds = extent(others);
  // Islands twice as wide as high, in rows twice as long as the grid is high; on a canvas
  // taller than wide, the same islands in columns twice as long as the rows, so they fit.
  const wide = Math.max(1, Math.min(Math.ceil(Math.sqrt(islands.length * 2)), islands.length));
  const tall = Math.max(1, Math.min(Math.ceil(Math.sqrt(islands.length / 2)), islands.length));
  const perRow = portrait ? tall : wide;
  const width = Math.max(MIN_ISLAND_WIDTH, (bounds.width - ISLAND_GAP * (wide - 1)) / wide);
  const height = Math.round(width / 2);
  const rows = Math.ceil(islands.length / perRow);
  const rowWidth = perRow * width + (perRow - 1) * ISLAND_GAP;
  const left = bounds.x + (bounds.width - rowWidth) / 2;
  const stripHeight = strip ? Math.round(height / 2) : 0;
  const stripRoom = strip ? stripHeight + ISLAND_GAP : 0;
  const framesShown = others.some((n) => n.type === 'frame');
  const top =
    strip && !framesShown
      ? strip.position.y
      : bounds.y - ISLAND_GAP - stripRoom - rows * height - (rows - 1) * ISLAND_GAP;
  const placed = new Map<string, CanvasNode>();
  const place = (node: CanvasNode, x: number, y: number, w: number, h: number) =>
    placed.set(node.id, {
      ...node,
      position: { x, y },
      width: w,
      height: h,
      measured: { width: w, height: h },
    });
  islands.forEach((island, i) => {
    const x = left + (i % perRow) * (width + ISLAND_GAP);
    const y = top + Math.floor(i / perRow) * (height + ISLAND_GAP);
    place(island, x, y, width, height);
  });
  if (strip) place(strip, left, top + rows * (height + ISLAND_GAP), rowWidth, stripHeight);
  return nodes.map((n) => placed.get(n.id) ?? n);
}

/** The box around top-level elements (a zero box at the origin when there are none). */
export function extent(nodes: readonly CanvasNode[]): Rect {
  if (nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const n of nodes) {
    left = Math.min(left, n.position.x);
    top = Math.min(top, n.position.y);
    right = Math.max(right, n.position.x + (n.width ?? 0));
    bottom = Math.max(bottom, n.position.y + (n.height ?? 0));
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}
