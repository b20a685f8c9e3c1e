import { describe, expect, it } from 'vitest';
import type { Packet } from '../engine/trace.ts';
import { changedFields, packetLayers } from './packetLayers.ts';

const packet = (patch: Partial<Packet> = {}): Packet =>
  ({
    protocol: 'TCP',
    src: { ip: '10.244.1.2', port: 47658 },
    dst: { ip: '10.96.0.20', port: 80 },
    ...patch,
  }) as Packet;

const outer = {
  encapsulation: 'VXLAN',
  src: '192.168.49.2',
  dst: '192.168.49.3',
  protocol: 'UDP',
  dstPort: 8472,
  vni: 1,
  device: 'flannel.1',
  overheadBytes: 50,
  innerMtu: 1450,
} as unknown as Packet['outer'];

describe('packet layers', () => {
  it('stack IP and the transport header, and mark a DNAT as a changed destination', () => {
    const before = packet();
    const after = packet({ dst: { ip: '10.244.2.2', port: 8080 } as Packet['dst'] });
    const layers = packetLayers(before, after);
    expect(layers.map((l) => [l.id, l.title, l.status])).toEqual([
      ['ip', 'IPv4', 'changed'],
      ['l4', 'TCP', 'changed'],
    ]);
    expect(
      changedFields(before, after).map((c) => [c.field.name, c.field.before, c.field.after]),
    ).toEqual([
      ['Destination IP', '10.96.0.20', '10.244.2.2'],
      ['Destination port', '80', '8080'],
    ]);
  });

  it('show an outer header added by encapsulation first, and removed by decapsulation', () => {
    const inner = packet();
    const wrapped = packet({ outer });
    const encapsulated = packetLayers(inner, wrapped);
    expect(encapsulated[0]).toMatchObject({
      id: 'outer',
      title: 'Outer header (VXLAN)',
      status: 'added',
    });
    expect(encapsulated[0].fields.map((f) => [f.name, f.after])).toContainEqual([
      'Carried as',
      'UDP, destination port 8472',
    ]);
    expect(encapsulated.slice(1).every((l) => l.status === 'kept')).toBe(true);
    const decapsulated = packetLayers(wrapped, inner);
    expect(decapsulated[0]).toMatchObject({ id: 'outer', status: 'removed' });
    expect(decapsulated[0].fields.every((f) => f.after === undefined)).toBe(true);
  });

  it('show HTTP headers the ingress controller adds, such as X-Forwarded-For', () => {
    const http = {
      scheme: 'https',
      host: 'shop.example.com',
      path: '/api',
      headers: { Host: 'shop.example.com' },
      tls: 'terminated',
    } as const;
    const before = packet({ http });
    const after = packet({
      http: {
        ...http,
        scheme: 'http',
        tls: undefined,
        headers: { ...http.headers, 'X-Forwarded-For': '198.51.100.20' },
      },
    });
    const layer = packetLayers(before, after).find((l) => l.id === 'http')!;
    expect(layer.status).toBe('changed');
    const xff = layer.fields.find((f) => f.name === 'X-Forwarded-For')!;
    expect(xff).toMatchObject({ changed: true, after: '198.51.100.20' });
    expect(xff.before).toBeUndefined();
    expect(layer.fields.find((f) => f.name === 'Host')?.changed).toBe(false);
  });

  it('show a DNS question', () => {
    const layers = packetLayers(
      packet({ dns: { question: 'web.default.svc.cluster.local', type: 'A' } }),
      packet({ dns: { question: 'web.default.svc.cluster.local', type: 'A' } }),
    );
    expect(layers.at(-1)).toMatchObject({ id: 'dns', status: 'kept' });
  });
});
