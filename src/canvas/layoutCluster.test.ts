import { describe, expect, it } from 'vitest';
import type { NodeView, ServiceView } from './flowTypes.ts';
import { layoutCluster, type Box, type LayoutInput } from './layoutCluster.ts';

const node = (name: string): NodeView => ({
  key: `Node/${name}`,
  name,
  ip: null,
  podCidr: null,
  gateway: null,
  podCount: 0,
});

const service = (name: string): ServiceView => ({
  key: `Service/default/${name}`,
  name,
  namespace: 'default',
  type: 'ClusterIP',
  headless: false,
  clusterIP: null,
  loadBalancerIP: null,
  ports: [],
  readyEndpoints: 0,
  totalEndpoints: 0,
  pending: false,
  system: false,
});

function input(nodes: NodeView[], services: ServiceView[] = []): LayoutInput {
  return {
    nodes,
    pods: [],
    services,
    loadBalancers: [],
    ingresses: [],
    policies: [],
    namespaces: [],
    clients: [],
    servicePods: new Map(),
    ingressServices: new Map(),
    gateways: [],
    httpRoutes: [],
    ciliumPolicies: [],
    referenceGrants: [],
    routeServices: new Map(),
    routeGateways: new Map(),
  };
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('layoutCluster places new elements where nothing is', () => {
  it('a new Service steps above nodes that were placed by hand where its row starts', () => {
    // The nodes were dragged (saved at y 0) before there was any Service row.
    const layout = { 'Node/node-1': { x: 0, y: 0 }, 'Node/node-2': { x: 340, y: 0 } };
    const { boxes } = layoutCluster(
      input([node('node-1'), node('node-2')], [service('web')]),
      layout,
    );
    const svc = boxes.get('Service/default/web')!;
    for (const key of Object.keys(layout)) expect(overlaps(svc, boxes.get(key)!), key).toBe(false);
    expect(svc.y + svc.height).toBeLessThanOrEqual(0);
  });

  it('a new node steps right of a node moved into its place in the row', () => {
    const layout = { 'Node/node-1': { x: 0, y: 0 }, 'Node/node-2': { x: 336, y: 0 } };
    const nodes = [node('node-1'), node('node-2'), node('node-3')];
    const { boxes } = layoutCluster(input(nodes), { ...layout, 'Node/node-2': { x: 700, y: 0 } });
    const third = boxes.get('Node/node-3')!;
    expect(overlaps(third, boxes.get('Node/node-2')!)).toBe(false);
    expect(overlaps(third, boxes.get('Node/node-1')!)).toBe(false);
  });

  it('without saved positions the automatic layout is unchanged', () => {
    const { boxes } = layoutCluster(input([node('node-1'), node('node-2')], [service('web')]), {});
    expect(boxes.get('Node/node-1')!.x).toBe(0);
    expect(boxes.get('Service/default/web')!.y).toBe(0);
  });
});
