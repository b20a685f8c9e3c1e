import { beforeAll, describe, expect, it } from 'vitest';
import { GALLERY } from '../../scenario/builtins/gallery.ts';
import { createAppStore } from '../../store/appStore.ts';
import { buildScene, linkCurve, locateHop, routeBetween, type Box, type Station } from './scene.ts';
import { toWaypoints } from './waypoints.ts';

// The store traces in the page here (Node has no workers), as the app does when a worker fails.
const traced = new Map<string, Awaited<ReturnType<typeof trace>>>();
async function trace(id: string) {
  const entry = GALLERY.find((g) => g.id === id)!;
  const store = createAppStore({ document: entry.scenario });
  await store.getState().sendProbe(entry.scenario.flow!);
  const { model, steps } = store.getState();
  return { summary: model!, steps };
}

beforeAll(async () => {
  for (const id of [
    'cross-node-flannel-vxlan',
    'default',
    'load-balancer',
    'ingress',
    'nodeport-cluster',
    'localhost',
  ])
    traced.set(id, await trace(id));
});

function sceneFor(id: string, options: { hideSystem?: boolean } = {}) {
  const { summary, steps } = traced.get(id)!;
  // Frames side by side, pods stacked in them, clients to the left: like the canvas.
  const boxes = new Map<string, Box>();
  summary.nodes.forEach((n, i) =>
    boxes.set(n.key, { x: i * 340, y: 200, width: 280, height: 400 }),
  );
  const perNode = new Map<string, number>();
  for (const pod of summary.pods) {
    if (options.hideSystem !== false && pod.system) continue;
    const slot = perNode.get(pod.node) ?? 0;
    perNode.set(pod.node, slot + 1);
    const frame = boxes.get(`Node/${pod.node}`)!;
    boxes.set(pod.key, { x: frame.x + 16, y: frame.y + 66 + slot * 130, width: 248, height: 116 });
  }
  summary.externalClients.forEach((c, i) =>
    boxes.set(c.key, { x: -280, y: 200 + i * 90, width: 200, height: 70 }),
  );
  const scene = buildScene({ model: summary, boxes, steps });
  return { scene, steps };
}

function stations(id: string, options?: { hideSystem?: boolean }) {
  const { scene, steps } = sceneFor(id, options);
  const list: (Station | null)[] = [];
  let previous: Station | null = null;
  for (const step of steps) {
    const station = locateHop(step, previous, scene);
    list.push(station);
    previous = station ?? previous;
  }
  return { scene, steps, list };
}

describe('scene', () => {
  it('walks a cross-node request through pod, veth lane, bus, port, link and back in', () => {
    const { steps, list } = stations('cross-node-flannel-vxlan');
    const kinds = steps
      .filter((s) => s.phase === 'request')
      .map((s, i) => `${s.hop.location.place}:${list[i]?.kind}`);
    expect(kinds).toEqual([
      'Container:pod',
      'PodNetns:pod',
      'Veth:lane',
      'Tunnel:bus',
      'Network:wire',
      'Tunnel:bus',
      'Bridge:bus',
      'PodNetns:pod',
      'Container:pod',
    ]);
  });

  it('puts every hop the canvas can draw somewhere distinct from its neighbour', () => {
    const { list } = stations('cross-node-flannel-vxlan');
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1]!;
      const b = list[i]!;
      // A Container and its pod's eth0, or a veth and its lane, differ but are close.
      expect(a.point.x !== b.point.x || a.point.y !== b.point.y).toBe(true);
    }
  });

  it('crosses between nodes along the link below the frames', () => {
    const { scene, list, steps } = stations('cross-node-flannel-vxlan');
    const tunnel = steps.findIndex((s) => s.hop.location.place === 'Network');
    const route = routeBetween(list[tunnel - 1]!, list[tunnel]!, scene);
    const lowest = Math.max(...route.map((p) => p.y));
    // Below the frames' bottom edge (200 + 400).
    expect(lowest).toBeGreaterThan(600);
    const curve = linkCurve(scene, 'node-1', 'node-2');
    expect(curve[0]).toEqual({ x: 30, y: 600 });
    expect(curve.at(-1)).toEqual({ x: 370, y: 600 });
  });

  it('shows a hidden CoreDNS pod as a stand-in above its node during the lookup', () => {
    const { scene, steps, list } = stations('default');
    expect(scene.standIns.map((s) => s.title)).toEqual(['coredns-1']);
    const answer = steps.findIndex((s) => s.hop.location.place === 'CoreDns');
    expect(list[answer]).toMatchObject({ kind: 'pod', pod: 'Pod/kube-system/coredns-1' });
    expect(list[answer]!.point.y).toBeLessThan(200);
  });

  it('places the client, the load balancer stand-in and the NodePort on the node', () => {
    const { steps, list } = stations('load-balancer');
    const places = steps.slice(0, 4).map((s, i) => `${s.hop.location.place}:${list[i]?.kind}`);
    expect(places).toEqual(['Client:free', 'LoadBalancer:free', 'Node:port', 'KubeProxy:bus']);
  });

  it('gives every step a waypoint, so hop indices and timeline legs agree', () => {
    for (const id of ['default', 'ingress', 'nodeport-cluster', 'localhost']) {
      const { scene, steps } = sceneFor(id);
      expect(toWaypoints(steps, scene)).toHaveLength(steps.length);
    }
  });

  it('moves between the containers of one pod over localhost', () => {
    const { steps, list } = stations('localhost');
    expect(steps.map((s) => s.hop.location.place)).toContain('PodNetns');
    expect(list.every((s) => s?.kind === 'pod')).toBe(true);
  });
});
