/**
 * The control-plane gallery shows on its hops what its description promises (the rules are
 * pinned, with their sources, in engine/apiServer.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster, runProbe } from '../../engine/index.ts';
import { CONTROL_PLANE_GALLERY } from './controlPlaneGallery.ts';

describe('control-plane gallery', () => {
  it('api-server: DNS, the ClusterIP, the API server on 6443, masqueraded across nodes', () => {
    const g = CONTROL_PLANE_GALLERY.find((x) => x.id === 'api-server')!;
    const model = buildCluster(g.scenario.cluster);
    const t = runProbe(model, g.scenario.flow!);
    const [node1, node2] = model.nodes;
    expect(t.lookup?.reply[0].explanation).toMatch(/A 10\.96\.0\.1/);
    expect(t.hops.find((h) => h.location.place === 'KubeProxy')?.after.dst).toEqual({
      ip: node1.ip,
      port: 6443,
    });
    expect(t.deliveredTo?.pod).toEqual({
      kind: 'Pod',
      namespace: 'kube-system',
      name: 'kube-apiserver-node-1',
    });
    expect(t.seenSource).toBe(node2.ip);
    expect(
      model.services.find((s) => s.name === 'kubernetes')?.clusterIP,
      'the description names it',
    ).toBe('10.96.0.1');
  });
});
