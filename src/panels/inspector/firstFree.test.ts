import { describe, expect, it } from 'vitest';
import { firstFree } from './firstFree.ts';

describe('firstFree', () => {
  it('keeps the start when nothing takes it', () => {
    expect(firstFree([80, 443], 8080, (p) => p + 1)).toBe(8080);
  });
  it('steps past every taken value', () => {
    expect(firstFree([8080, 8081, 8083], 8080, (p) => p + 1)).toBe(8082);
  });
  it('passes the attempt, so names can count from 2', () => {
    const next = (_: string, attempt: number) => `sidecar-${attempt + 1}`;
    expect(firstFree(['sidecar', 'sidecar-2'], 'sidecar', next)).toBe('sidecar-3');
  });
});
