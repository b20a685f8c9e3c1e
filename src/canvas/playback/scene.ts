/**
 * Where each hop happens on the canvas, and the way a packet takes between two hops.
 *
 * A node frame is drawn as a small map of its network: pods in the body, each pod's veth on a
 * lane down the frame's left side, the host's devices (bridge, kube-proxy, tunnel device) along
 * the "bus" at the top of the frame's footer, and eth0 as a port on the frame's bottom edge.
 * Nodes are joined by links that dip below the frames; a packet crossing nodes follows them.
 * Everything here is pure: the packet layer builds a Scene from React Flow's boxes and asks.
 */
import type { Point } from '../packetPath.ts';
import type { ModelSummary, TraceStep } from '../../store/viewTypes.ts';
import { isKeyOfKind, nameOfKey } from '../../scenario/document/elementKey.ts';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ScenePod {
  readonly key: string;
  readonly name: string;
  readonly node: string;
  readonly ip: string;
  /** Absolute box: the pod card, or a stand-in drawn above its node for a hidden system pod. */
  readonly box: Box;
  readonly standIn: boolean;
  /** Centre height of each container's row on the card. */
  readonly containerY: ReadonlyMap<string, number>;
}

export interface StandIn {
  readonly key: string;
  readonly title: string;
  readonly detail: string;
  readonly box: Box;
  /** The canvas draws this element itself; no stand-in is needed. */
  readonly drawn?: boolean;
}

export interface Scene {
  /** Node frames by node name, absolute. */
  readonly frames: ReadonlyMap<string, Box>;
  /** Left-to-right order of the frames, for the depth of links between far nodes. */
  readonly order: ReadonlyMap<string, number>;
  readonly pods: ReadonlyMap<string, ScenePod>;
  /** Pod key by `node/hostVeth`. */
  readonly veths: ReadonlyMap<string, string>;
  readonly clients: ReadonlyMap<string, Box>;
  /** Cloud load balancers the traces pass, drawn as stand-ins (`LoadBalancer/ns/name`). */
  readonly loadBalancers: ReadonlyMap<string, StandIn>;
  /** Hidden system pods the traces visit (CoreDNS, the ingress controller). */
  readonly standIns: readonly StandIn[];
}

export type Station =
  | { readonly kind: 'pod'; readonly node: string; readonly pod: string; readonly point: Point }
  | { readonly kind: 'lane'; readonly node: string; readonly point: Point }
  | { readonly kind: 'bus'; readonly node: string; readonly point: Point }
  | { readonly kind: 'port'; readonly node: string; readonly point: Point }
  | {
      readonly kind: 'wire';
      readonly from: string;
      readonly to: string;
      readonly point: Point;
    }
  | { readonly kind: 'free'; readonly point: Point };

/** Footer height of a node frame (FrameNode draws eth0 and the bridge there). */
export const FOOTER = 40;
const LANE_INSET = 8;
const PORT_INSET = 30;
export const STAND_IN_WIDTH = 190;
export const STAND_IN_HEIGHT = 40;

/** Where along the bus each host device sits, as a fraction of the frame's width. */
const BUS = { bridge: 0.4, host: 0.5, proxy: 0.64, tunnel: 0.86 } as const;

const laneX = (f: Box) => f.x + LANE_INSET;
const busY = (f: Box) => f.y + f.height - FOOTER;
const portOf = (f: Box): Point => ({ x: f.x + PORT_INSET, y: f.y + f.height });
const busAt = (f: Box, fraction: number): Point => ({ x: f.x + f.width * fraction, y: busY(f) });
const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

export interface SceneInput {
  readonly model: ModelSummary;
  /** Absolute boxes of the drawn elements, by element id (refKey). */
  readonly boxes: ReadonlyMap<string, Box>;
  /** Steps of every trace to show, so stand-ins are made for what they visit. */
  readonly steps: readonly TraceStep[];
  /** Container row centres relative to the pod's top, by pod key (from the card's layout). */
  readonly containerRows?: (podKey: string) => ReadonlyMap<string, number>;
}

export function buildScene(input: SceneInput): Scene {
  const { model, boxes, steps } = input;
  const frames = new Map<string, Box>();
  for (const node of model.nodes) {
    const box = boxes.get(node.key);
    if (box) frames.set(node.name, box);
  }
  const order = new Map(
    [...frames.entries()].sort((a, b) => a[1].x - b[1].x).map(([name], i) => [name, i]),
  );
  const visited = new Set(steps.map((s) => s.atKey).filter((k): k is string => k !== null));
  const standIns: StandIn[] = [];
  const perNode = new Map<string, number>();
  const pods = new Map<string, ScenePod>();
  const veths = new Map<string, string>();
  for (const pod of model.pods) {
    veths.set(`${pod.node}/${pod.hostVeth}`, pod.key);
    const drawn = boxes.get(pod.key);
    const frame = frames.get(pod.node);
    let box = drawn;
    let standIn = false;
    if (!box && frame && visited.has(pod.key)) {
      // A hidden system pod the packet visits: drawn as a tab above its node.
      const slot = perNode.get(pod.node) ?? 0;
      perNode.set(pod.node, slot + 1);
      box = {
        x: frame.x + slot * (STAND_IN_WIDTH + 10),
        y: frame.y - STAND_IN_HEIGHT - 14,
        width: STAND_IN_WIDTH,
        height: STAND_IN_HEIGHT,
      };
      standIn = true;
      standIns.push({ key: pod.key, title: pod.name, detail: `${pod.namespace} · ${pod.ip}`, box });
    }
    if (!box) continue;
    const rows = !standIn && input.containerRows ? input.containerRows(pod.key) : new Map();
    const containerY = new Map<string, number>();
    for (const [name, y] of rows) {
      containerY.set(name, Math.min(box.y + box.height - 8, box.y + y));
    }
    pods.set(pod.key, {
      key: pod.key,
      name: pod.name,
      node: pod.node,
      ip: pod.ip,
      box,
      standIn,
      containerY,
    });
  }
  const clients = new Map<string, Box>();
  for (const client of model.externalClients) {
    const box = boxes.get(client.key);
    if (box) clients.set(client.key, box);
  }
  const loadBalancers = new Map<string, StandIn>();
  const firstClient = [...clients.values()][0];
  const left = Math.min(...[...frames.values()].map((f) => f.x), 0);
  const top = Math.min(...[...frames.values()].map((f) => f.y), 0);
  for (const step of steps) {
    const key = step.atKey;
    if (!key || !isKeyOfKind(key, 'LoadBalancer') || loadBalancers.has(key)) continue;
    const drawn = boxes.get(key);
    if (drawn) {
      loadBalancers.set(key, { key, title: '', detail: '', box: drawn, drawn: true });
      continue;
    }
    const slot = [...loadBalancers.values()].filter((lb) => !lb.drawn).length;
    const x = firstClient
      ? firstClient.x + (firstClient.width - STAND_IN_WIDTH) / 2
      : left - STAND_IN_WIDTH - 60;
    const y = (firstClient ? firstClient.y - STAND_IN_HEIGHT - 44 : top) - slot * 52;
    const name = nameOfKey(key);
    loadBalancers.set(key, {
      key,
      title: 'cloud load balancer',
      detail: step.hop.location.device.replace('cloud load balancer ', '') || name,
      box: { x, y, width: STAND_IN_WIDTH, height: STAND_IN_HEIGHT },
    });
  }
  return { frames, order, pods, veths, clients, loadBalancers, standIns };
}

/** The station a hop happens at; `previous` is where the packet came from. */
export function locateHop(step: TraceStep, previous: Station | null, scene: Scene): Station | null {
  const { location } = step.hop;
  const node = location.node;
  const frame = node ? scene.frames.get(node) : undefined;
  const pod = step.atKey ? scene.pods.get(step.atKey) : undefined;
  const vethPod = node ? scene.pods.get(scene.veths.get(`${node}/${location.device}`) ?? '') : null;
  const lane = (p: ScenePod): Station | null => {
    const f = scene.frames.get(p.node);
    return f ? { kind: 'lane', node: p.node, point: { x: laneX(f), y: centre(p.box).y } } : null;
  };
  const onBus = (fraction: number): Station | null =>
    frame && node ? { kind: 'bus', node, point: busAt(frame, fraction) } : null;

  switch (location.place) {
    case 'Container':
    case 'CoreDns':
    case 'IngressController':
    case 'GatewayProxy': {
      if (!pod) return frame && node ? onBus(BUS.host) : null;
      const c = centre(pod.box);
      const y = pod.containerY.get(location.device) ?? c.y;
      const shift =
        location.place === 'IngressController' || location.place === 'GatewayProxy' ? 36 : 0;
      return { kind: 'pod', node: pod.node, pod: pod.key, point: { x: c.x + shift, y } };
    }
    case 'PodNetns': {
      if (!pod) return null;
      const c = centre(pod.box);
      const x = location.device === 'lo' ? pod.box.x + pod.box.width - 34 : pod.box.x + 12;
      return { kind: 'pod', node: pod.node, pod: pod.key, point: { x, y: c.y } };
    }
    case 'Veth':
      return vethPod ? lane(vethPod) : onBus(0.14);
    case 'Ebpf':
    case 'L7Proxy':
      return vethPod ? lane(vethPod) : onBus(BUS.host);
    case 'Bridge':
      return onBus(BUS.bridge);
    case 'KubeProxy':
      return onBus(BUS.proxy);
    case 'Tunnel':
      return onBus(BUS.tunnel);
    case 'Node':
      if (vethPod) return lane(vethPod);
      if (location.device === 'eth0' && frame && node)
        return { kind: 'port', node, point: portOf(frame) };
      return onBus(BUS.host);
    case 'Network': {
      if (frame && node) {
        const from = previous ? stationNode(previous) : null;
        if (from && from !== node && scene.frames.has(from)) {
          return { kind: 'wire', from, to: node, point: linkMidpoint(scene, from, node) };
        }
        return { kind: 'port', node, point: portOf(frame) };
      }
      // Beyond the cluster: next to where the packet came from, away from the frames.
      const base = previous?.point ?? outsidePoint(scene);
      return { kind: 'free', point: { x: base.x - 70, y: base.y + 46 } };
    }
    case 'Client': {
      const box = step.atKey ? scene.clients.get(step.atKey) : undefined;
      return box ? { kind: 'free', point: centre(box) } : null;
    }
    case 'LoadBalancer': {
      const lb = step.atKey ? scene.loadBalancers.get(step.atKey) : undefined;
      return lb ? { kind: 'free', point: centre(lb.box) } : null;
    }
    default: {
      const never: never = location.place;
      return never;
    }
  }
}

function outsidePoint(scene: Scene): Point {
  const first = [...scene.frames.values()].sort((a, b) => a.x - b.x)[0];
  return first ? portOf(first) : { x: 0, y: 0 };
}

function stationNode(s: Station): string | null {
  switch (s.kind) {
    case 'pod':
    case 'lane':
    case 'bus':
    case 'port':
      return s.node;
    case 'wire':
      return s.to;
    case 'free':
      return null;
    default:
      s satisfies never;
      return null;
  }
}

/** How far below the frames the link between two nodes dips. */
function linkDip(scene: Scene, a: string, b: string): number {
  const span = Math.abs((scene.order.get(a) ?? 0) - (scene.order.get(b) ?? 0));
  return 44 + 26 * Math.max(0, span - 1);
}

/** The link between two nodes' eth0 ports: a curve below the frames, sampled from a to b. */
export function linkCurve(scene: Scene, a: string, b: string, samples = 20): Point[] {
  const fa = scene.frames.get(a);
  const fb = scene.frames.get(b);
  if (!fa || !fb) return [];
  const p0 = portOf(fa);
  const p3 = portOf(fb);
  const dip = linkDip(scene, a, b);
  const low = Math.max(p0.y, p3.y) + dip;
  const p1 = { x: p0.x, y: low };
  const p2 = { x: p3.x, y: low };
  const points: Point[] = [];
  for (let i = 0; i <= samples; i++) points.push(bezier(p0, p1, p2, p3, i / samples));
  return points;
}

export function linkMidpoint(scene: Scene, a: string, b: string): Point {
  const curve = linkCurve(scene, a, b, 2);
  return curve[1] ?? { x: 0, y: 0 };
}

function bezier(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return {
    x: a * p0.x + b * p1.x + c * p2.x + d * p3.x,
    y: a * p0.y + b * p1.y + c * p2.y + d * p3.y,
  };
}

/** The corners between two stations (neither end included). */
export function routeBetween(a: Station, b: Station, scene: Scene): Point[] {
  if (a.kind === 'free' || b.kind === 'free') {
    // Outside the frames: straight to the node's eth0, then inside.
    if (a.kind !== 'free' && a.kind !== 'wire') {
      const f = scene.frames.get(a.node);
      return f ? [...onNode(a, portStation(a.node, f), f), portOf(f)].filter(notAt(a, b)) : [];
    }
    if (b.kind !== 'free' && b.kind !== 'wire') {
      const f = scene.frames.get(b.node);
      return f ? [portOf(f), ...onNode(portStation(b.node, f), b, f)].filter(notAt(a, b)) : [];
    }
    return [];
  }
  if (a.kind === 'wire' || b.kind === 'wire') return viaWire(a, b, scene);
  if (a.node === b.node) {
    const f = scene.frames.get(a.node);
    return f ? onNode(a, b, f) : [];
  }
  // Across nodes without a hop on the wire: out of one port, along the link, into the other.
  const fa = scene.frames.get(a.node);
  const fb = scene.frames.get(b.node);
  if (!fa || !fb) return [];
  return [
    ...onNode(a, portStation(a.node, fa), fa),
    ...linkCurve(scene, a.node, b.node),
    ...onNode(portStation(b.node, fb), b, fb),
  ].filter(notAt(a, b));
}

const notAt = (a: Station, b: Station) => (p: Point) => !(near(p, a.point) || near(p, b.point));
const near = (p: Point, q: Point) => Math.abs(p.x - q.x) < 0.5 && Math.abs(p.y - q.y) < 0.5;

function portStation(node: string, f: Box): Station {
  return { kind: 'port', node, point: portOf(f) };
}

function viaWire(a: Station, b: Station, scene: Scene): Point[] {
  if (a.kind === 'wire' && b.kind === 'wire') return [];
  if (b.kind === 'wire') {
    // Onto the link: out of the sending node, along the first half of the curve.
    const from = a.kind === 'free' ? b.from : (a as { node: string }).node;
    const f = scene.frames.get(from);
    if (!f) return [];
    const curve = linkCurve(scene, b.from, b.to);
    const half = curve.slice(0, Math.floor(curve.length / 2));
    return [...onNode(a, portStation(from, f), f), ...half].filter(notAt(a, b));
  }
  if (a.kind === 'wire') {
    const to = (b as { node: string }).node;
    const f = scene.frames.get(to);
    if (!f) return [];
    const curve = linkCurve(scene, a.from, a.to);
    const half = curve.slice(Math.ceil(curve.length / 2));
    return [...half, ...onNode(portStation(to, f), b, f)].filter(notAt(a, b));
  }
  return [];
}

type OnNode = Extract<Station, { kind: 'pod' | 'lane' | 'bus' | 'port' }>;

/** The way between two places on one node: along the lane, the bus, and out of the port. */
function onNode(a: Station, b: Station, f: Box): Point[] {
  if (a.kind === 'wire' || a.kind === 'free' || b.kind === 'wire' || b.kind === 'free') return [];
  const A = a as OnNode;
  const B = b as OnNode;
  if (A.kind === 'pod' && B.kind === 'pod' && A.pod === B.pod) return [];
  const lx = laneX(f);
  const by = busY(f);
  const px = portOf(f).x;
  const toLane = (s: OnNode) => (s.kind === 'pod' ? [{ x: lx, y: s.point.y }] : []);
  const inner = (s: OnNode) => s.kind === 'pod' || s.kind === 'lane';
  let points: Point[];
  if (inner(A) && inner(B)) points = [...toLane(A), ...toLane(B)];
  else if (inner(A) && B.kind === 'bus') points = [...toLane(A), { x: lx, y: by }];
  else if (A.kind === 'bus' && inner(B)) points = [{ x: lx, y: by }, ...toLane(B)];
  else if (inner(A) && B.kind === 'port')
    points = [...toLane(A), { x: lx, y: by }, { x: px, y: by }];
  else if (A.kind === 'port' && inner(B))
    points = [{ x: px, y: by }, { x: lx, y: by }, ...toLane(B)];
  else if (A.kind === 'bus' && B.kind === 'port') points = [{ x: px, y: by }];
  else if (A.kind === 'port' && B.kind === 'bus') points = [{ x: px, y: by }];
  else points = [];
  return points.filter(notAt(A, B));
}
