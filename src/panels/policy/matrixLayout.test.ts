import { describe, expect, it } from 'vitest';
import { countAllowed, groupMatrixPods, limitGroups } from './matrixLayout.ts';

describe('groupMatrixPods', () => {
  it('groups by namespace: default first, the cluster’s own last, pods in model order', () => {
    const groups = groupMatrixPods([
      'shop/web',
      'kube-system/coredns-1',
      'default/frontend',
      'ops/prom',
      'default/db',
      'shop/cart',
    ]);
    expect(groups.map((g) => g.namespace)).toEqual(['default', 'ops', 'shop', 'kube-system']);
    expect(groups[0].pods.map((p) => p.name)).toEqual(['frontend', 'db']);
    expect(groups[2].pods).toEqual([
      { key: 'shop/web', namespace: 'shop', name: 'web' },
      { key: 'shop/cart', namespace: 'shop', name: 'cart' },
    ]);
  });

  it('leaves hidden pods out, and empty namespaces with them', () => {
    const groups = groupMatrixPods(
      ['default/a', 'kube-system/coredns-1'],
      new Set(['kube-system/coredns-1']),
    );
    expect(groups).toEqual([
      { namespace: 'default', pods: [{ key: 'default/a', namespace: 'default', name: 'a' }] },
    ]);
  });
});

describe('countAllowed', () => {
  it('counts ordered pairs of different pods', () => {
    const groups = groupMatrixPods(['default/a', 'default/b', 'default/c']);
    const row = (b: boolean, c: boolean) => ({ 'default/b': b, 'default/c': c });
    const allowed: Record<string, Record<string, boolean>> = {
      'default/a': row(true, false),
      'default/b': { 'default/a': true, 'default/c': true },
      'default/c': { 'default/a': false, 'default/b': false },
    };
    expect(countAllowed(groups, (from, to) => allowed[from][to])).toEqual({
      allowed: 3,
      total: 6,
    });
  });
});

describe('limitGroups', () => {
  it('keeps the first pods across namespaces and counts the rest', () => {
    const groups = groupMatrixPods(['default/a', 'default/b', 'shop/c', 'shop/d', 'zoo/e']);
    const limited = limitGroups(groups, 3);
    expect(limited.groups.map((g) => [g.namespace, g.pods.map((p) => p.name)])).toEqual([
      ['default', ['a', 'b']],
      ['shop', ['c']],
    ]);
    expect(limited.left).toBe(2);
    expect(limitGroups(groups, 10).left).toBe(0);
  });
});
