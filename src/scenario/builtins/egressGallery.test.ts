/**
 * The leaving-the-cluster gallery shows on its hops what its descriptions promise (the rules
 * themselves are pinned, with their sources, in engine/flows/leaveCluster.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster, runProbe } from '../../engine/index.ts';
import { validateScenario } from '../schema.ts';
import { decodeShareFragment, encodeShareFragment } from '../shareLink.ts';
import { EGRESS_GALLERY } from './egressGallery.ts';

const run = (id: string) => {
  const g = EGRESS_GALLERY.find((x) => x.id === id)!;
  const model = buildCluster(g.scenario.cluster);
  return { model, trace: runProbe(model, g.scenario.flow!) };
};

describe('leaving-the-cluster gallery', () => {
  it('egress-masquerade: default route, flanneld --ip-masq, the API sees node-2', () => {
    const { model, trace } = run('egress-masquerade');
    const node2 = model.nodes.find((n) => n.name === 'node-2')!;
    const masq = trace.hops.find((h) => h.verdict === 'Translated')!;
    expect(masq.decisions?.[0].summary).toMatch(/flanneld --ip-masq/);
    expect(masq.after.src.ip).toBe(node2.ip);
    expect(trace.outside?.element).toEqual({ kind: 'ExternalClient', name: 'payments-api' });
    expect(trace.seenSource).toBe(node2.ip);
    expect(trace.reply.some((h) => h.decisions?.some((d) => d.kind === 'conntrack'))).toBe(true);
  });

  it('egress-policy-denied: dropped at the pod, naming test-network-policy, never NoRoute', () => {
    const { trace } = run('egress-policy-denied');
    expect(trace.reason).toBe('PolicyDenied');
    expect(trace.hops.at(-1)!.decisions?.[0].policy?.name).toBe('test-network-policy');
    expect(trace.hops.some((h) => h.location.device === 'routing table')).toBe(false);
  });

  it('egress-policy-allowed: the rule allows it and Calico masquerades it', () => {
    const { trace } = run('egress-policy-allowed');
    expect(trace.hops.find((h) => h.verdict === 'Allowed')?.decisions?.[0].policy).toMatchObject({
      name: 'test-network-policy',
      ruleIndex: 0,
    });
    expect(trace.hops.find((h) => h.verdict === 'Translated')?.decisions?.[0].summary).toMatch(
      /natOutgoing/,
    );
    expect(trace.outside?.element?.name).toBe('orders-db');
  });

  it('keeps the outside services (ports, hostname) through the schema and a share link', () => {
    for (const g of EGRESS_GALLERY) {
      const plain = JSON.parse(JSON.stringify(g.scenario));
      const r = validateScenario(plain);
      expect(r.ok && r.scenario.cluster.externalClients).toEqual(plain.cluster.externalClients);
      const back = decodeShareFragment(encodeShareFragment(g.scenario));
      expect(back.ok && back.scenario.cluster).toEqual(plain.cluster);
    }
  });
});
