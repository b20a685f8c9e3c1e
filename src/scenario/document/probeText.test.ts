import { describe, expect, it } from 'vitest';
import type { ProbeTarget } from '../../engine/trace.ts';
import {
  ProbeTextError,
  readSourceText,
  readTargetText,
  writeSourceText,
  writeTargetText,
} from './probeText.ts';

const noNodes = () => undefined;

describe('probe text', () => {
  it.each<[ProbeTarget, number | undefined, string]>([
    [{ kind: 'pod', namespace: 'shop', name: 'web-1' }, undefined, 'shop/web-1'],
    [{ kind: 'ip', ip: '10.96.0.10' }, undefined, '10.96.0.10'],
    [{ kind: 'ip', ip: '192.168.49.2' }, 30080, '192.168.49.2:30080'],
    [{ kind: 'name', name: 'kubernetes.default' }, 443, 'kubernetes.default:443'],
    [{ kind: 'name', name: 'web.shop' }, undefined, 'web.shop'],
    [
      { kind: 'url', url: 'https://shop.example.com/cart' },
      undefined,
      'https://shop.example.com/cart',
    ],
    [{ kind: 'localhost' }, 8080, 'localhost:8080'],
  ])('writes %j port %s as %s and reads it back', (target, port, text) => {
    expect(writeTargetText(target, port)).toBe(text);
    const read = readTargetText(text, noNodes);
    expect(read.target).toEqual(target);
    expect(read.port).toBe(port);
  });

  it('reads back the sources it writes', () => {
    for (const source of [
      { kind: 'pod', namespace: 'shop', name: 'web-1' },
      { kind: 'node', name: 'node-2' },
    ] as const) {
      expect(readSourceText(writeSourceText(source))).toEqual(source);
    }
  });

  it('names the mistake in text it cannot read', () => {
    expect(() => readTargetText('not a name!', noNodes)).toThrow(ProbeTextError);
    expect(() => readTargetText('node/ghost:80', noNodes)).toThrow('there is no node ghost');
    expect(() => readSourceText('ip:10.0.0', 'Source')).toThrow(
      'Source ip:10.0.0: "10.0.0" is not an IPv4 address',
    );
  });
});
