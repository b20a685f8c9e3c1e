import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ClusterSpec } from '../engine/spec.ts';
import { parseSource, parseTarget } from './refs.ts';

const spec: ClusterSpec = {
  settings: DEFAULT_SETTINGS,
  nodes: [],
  pods: [],
  services: [],
  externalClients: [{ name: 'laptop', ip: '203.0.113.7' }],
};
const nodeIp = (name: string) => (name === 'node-1' ? '192.168.49.2' : undefined);

describe('parseSource', () => {
  it.each([
    ['shop/web-1', { source: { kind: 'pod', namespace: 'shop', name: 'web-1' } }],
    ['client', { source: { kind: 'pod', namespace: 'default', name: 'client' } }],
    ['node/node-2', { source: { kind: 'node', name: 'node-2' } }],
    ['ip:203.0.113.7', { source: { kind: 'external', name: 'laptop' } }],
    [
      'ip:198.51.100.1',
      {
        source: { kind: 'external', name: 'client-198-51-100-1' },
        newClient: { name: 'client-198-51-100-1', ip: '198.51.100.1' },
      },
    ],
  ])('%s', (text, expected) => {
    expect(parseSource(text, spec)).toEqual(expected);
  });

  it('refuses what it cannot read', () => {
    expect(() => parseSource('ip:1.2.3', spec)).toThrow(/not an IPv4 address/);
    expect(() => parseSource('a/b/c', spec)).toThrow(/expected NAMESPACE\/POD/);
    expect(() => parseSource('node/', spec)).toThrow(/needs a node name/);
  });
});

describe('parseTarget', () => {
  it.each([
    ['shop/web-1', { target: { kind: 'pod', namespace: 'shop', name: 'web-1' } }],
    ['web', { target: { kind: 'name', name: 'web' } }],
    [
      'web.shop.svc.cluster.local.',
      { target: { kind: 'name', name: 'web.shop.svc.cluster.local.' } },
    ],
    ['10.96.0.10', { target: { kind: 'ip', ip: '10.96.0.10' }, port: undefined }],
    ['192.168.49.2:30080', { target: { kind: 'ip', ip: '192.168.49.2' }, port: 30080 }],
    ['node/node-1:30080', { target: { kind: 'ip', ip: '192.168.49.2' }, port: 30080 }],
    [
      'https://shop.example.com/api',
      { target: { kind: 'url', url: 'https://shop.example.com/api' } },
    ],
    ['localhost:8080', { target: { kind: 'localhost' }, port: 8080 }],
    ['localhost', { target: { kind: 'localhost' }, port: undefined }],
    // NAME:PORT as curl takes a host and port (curl's URL syntax, everything.curl.dev "URLs":
    // the port follows the host name after a colon).
    ['web:8080', { target: { kind: 'name', name: 'web' }, port: 8080 }],
    ['kubernetes.default:443', { target: { kind: 'name', name: 'kubernetes.default' }, port: 443 }],
    [
      'web.shop.svc.cluster.local:80',
      { target: { kind: 'name', name: 'web.shop.svc.cluster.local' }, port: 80 },
    ],
  ])('%s', (text, expected) => {
    expect(parseTarget(text, nodeIp)).toEqual(expected);
  });

  it('refuses what it cannot read', () => {
    expect(() => parseTarget('10.0.0.1:70000', nodeIp)).toThrow(/port must be from 1 to 65535/);
    expect(() => parseTarget('999.0.0.1', nodeIp)).toThrow(/not an IPv4 address/);
    expect(() => parseTarget('node/ghost', nodeIp)).toThrow(/there is no node ghost/);
    expect(() => parseTarget('not a name!', nodeIp)).toThrow(/not a pod/);
    expect(() => parseTarget('web:0', nodeIp)).toThrow(/port must be from 1 to 65535/);
    expect(() => parseTarget('web:', nodeIp)).toThrow(/not a pod/);
  });
});
