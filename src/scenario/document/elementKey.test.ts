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

const KINDS: Readonly<Record<ElementKind, boolean>> = {
  Node: false,
  Pod: true,
  Service: true,
  Ingress: true,
  NetworkPolicy: true,
  Namespace: false,
  ExternalClient: false,
  LoadBalancer: true,
  GatewayClass: false,
  Gateway: true,
  HTTPRoute: true,
  ReferenceGrant: true,
  CiliumNetworkPolicy: true,
  CiliumClusterwideNetworkPolicy: false,
};

describe('element keys', () => {
  it('reads back every kind the engine names, in the form the engine writes', () => {
    for (const [kind, namespaced] of Object.entries(KINDS) as [ElementKind, boolean][]) {
      const ref: ObjectRef = namespaced
        ? { kind, namespace: 'shop', name: 'web' }
        : { kind, name: 'web' };
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
