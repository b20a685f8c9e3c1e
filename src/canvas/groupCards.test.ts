import { describe, expect, it } from 'vitest';
import type { CanvasEdge, CanvasNode, PodView } from './flowTypes.ts';
import { foldPodGroups } from './groupCards.ts';
import { groupPods } from './podGroups.ts';

const podView = (name: string, policies: string[] = []): PodView => ({
  key: `Pod/default/${name}`,
  name,
  namespace: 'default',
  node: 'node-1',
  ip: null,
  ready: name !== 'web-3',
  labels: { app: 'web' },
  containers: [],
  hostNetwork: false,
  system: false,
  deployment: 'web',
  policies,
});

const pods = [podView('web-1'), podView('web-2', ['deny']), podView('web-3')];
const podMap = new Map(pods.map((p) => [p.key, p]));
const frame = { id: 'Node/node-1', type: 'frame', position: { x: 0, y: 0 } } as CanvasNode;
const podNodes = pods.map(
  (pod, i) =>
    ({
      id: pod.key,
      type: 'pod',
      parentId: 'Node/node-1',
      position: { x: 16, y: 66 + i * 120 },
      width: 248,
      height: 100,
      data: { pod, highlight: null, emphasis: null },
    }) as CanvasNode,
);
const edges = pods.map(
  (pod) =>
    ({
      id: `selects:Service/default/web->${pod.key}`,
      source: 'Service/default/web',
      target: pod.key,
      data: { kind: 'selects', ready: pod.ready },
    }) as CanvasEdge,
);

describe('foldPodGroups', () => {
  it('hands back the same elements when nothing is collapsed', () => {
    const nodes = [frame, ...podNodes];
    const folded = foldPodGroups(nodes, edges, [], podMap);
    expect(folded.nodes).toBe(nodes);
    expect(folded.edges).toBe(edges);
  });

  it("draws a group as one card in its first pod's place, with one link to it", () => {
    const groups = groupPods(pods);
    const folded = foldPodGroups([frame, ...podNodes], edges, groups, podMap);
    expect(folded.nodes.map((n) => n.id)).toEqual(['Node/node-1', groups[0].key]);
    const card = folded.nodes[1];
    expect(card).toMatchObject({
      type: 'podGroup',
      parentId: 'Node/node-1',
      position: { x: 16, y: 66 },
      data: { group: { name: 'web', count: 3, ready: 2, policies: ['deny'] } },
      ariaLabel: '3 pods of Deployment web on node-1, collapsed: open to show them',
    });
    expect(folded.edges).toHaveLength(1);
    expect(folded.edges[0]).toMatchObject({
      source: 'Service/default/web',
      target: groups[0].key,
      data: { ready: true },
      ariaLabel: 'Service web selects 3 pods of web on node-1 (2 ready)',
    });
    expect(folded.cardOf.get('Pod/default/web-3')).toBe(groups[0].key);
  });
});
