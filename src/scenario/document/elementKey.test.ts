import { describe, expect, it } from 'vitest';
import { refKey, type ObjectRef } from '../../engine/trace.ts';
import {
  asElementKey,
  ciliumPolicyKey,
  elementKey,
  isKeyOfKind,
  isPodKeyIn,
  kindOfKey,
  nameOfKey,
  nodeKey,
  parseElementKey,
  podKey,
  qualifiedNameOfKey,
  serviceKey,
  type ElementKind,
} from './elementKey.ts';

// One object of every kind the engine names, with a namespace where the kind has one.
const CLUSTER_WIDE = [
  'Node',
  'Namespace',
  'ExternalClient',
  'GatewayClass',
  'CiliumClusterwideNetworkPolicy',
];
const NAMESPACED = [
  'Pod',
  'Service',
  'Ingress',
  'NetworkPolicy',
  'LoadBalancer',
  'Gateway',
  'HTTPRoute',
  'ReferenceGrant',
  'CiliumNetworkPolicy',
];
const REFS: readonly ObjectRef[] = [
  ...(CLUSTER_WIDE as ElementKind[]).map((kind) => ({ kind, name: 'web' })),
  ...(NAMESPACED as ElementKind[]).map((kind) => ({ kind, namespace: 'shop', name: 'web' })),
];

describe('element keys', () => {
  it('covers every kind the engine names', () => {
    // ObjectRef['kind'] has 14 members; a kind added there must be added to the lists above.
    expect(new Set(REFS.map((r) => r.kind)).size).toBe(14);
  });

  it('reads back every kind the engine names, in the form the engine writes', () => {
    for (const ref of REFS) {
      const key = elementKey(ref);
      expect(key).toBe(refKey(ref));
      expect(parseElementKey(key)).toEqual(ref);
    }
  });

  it('gives a namespaced object without a namespace the default one, as the API server does', () => {
    expect(podKey({ name: 'web-1' })).toBe('Pod/default/web-1');
    expect(serviceKey({ namespace: 'shop', name: 'api' })).toBe('Service/shop/api');
    expect(nodeKey({ name: 'node-1' })).toBe('Node/node-1');
    expect(ciliumPolicyKey({ kind: 'CiliumClusterwideNetworkPolicy', name: 'deny' })).toBe(
      'CiliumClusterwideNetworkPolicy/deny',
    );
  });

  it('refuses text that is not a key: unknown kinds, missing or extra parts, the ns/name form', () => {
    for (const text of ['', 'default/web', 'Pod/web', 'Pod/default/', 'Node/a/b', 'Widget/x']) {
      expect(parseElementKey(text)).toBeNull();
      expect(asElementKey(text)).toBeNull();
    }
    expect(asElementKey(undefined)).toBeNull();
    expect(asElementKey('Pod/default/web')).toBe('Pod/default/web');
  });

  it('answers the questions views ask of a key', () => {
    const key = podKey({ namespace: 'shop', name: 'web' });
    expect(kindOfKey(key)).toBe('Pod');
    expect(isKeyOfKind(key, 'Pod')).toBe(true);
    expect(isKeyOfKind(key, 'Service')).toBe(false);
    expect(isKeyOfKind(null, 'Pod')).toBe(false);
    expect(nameOfKey(key)).toBe('web');
    expect(qualifiedNameOfKey(key)).toBe('shop/web');
    expect(qualifiedNameOfKey(nodeKey({ name: 'node-1' }))).toBe('node-1');
    expect(isPodKeyIn(key, 'shop')).toBe(true);
    expect(isPodKeyIn(key, 'default')).toBe(false);
    expect(isPodKeyIn(serviceKey({ namespace: 'shop', name: 'web' }), 'shop')).toBe(false);
  });
});
