/**
 * Address facts the views show as values. RFC 1918 section 3 reserves 10/8, 172.16/12 and
 * 192.168/16 for private internets; everything else (and anything that is not an address) is
 * treated as the Internet.
 */
import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './net.ts';

describe('isPrivateAddress (RFC 1918, section 3)', () => {
  it.each([
    ['10.0.0.5', true],
    ['10.255.255.255', true],
    ['172.16.0.1', true],
    ['172.31.255.254', true],
    ['172.32.0.1', false],
    ['172.15.255.255', false],
    ['192.168.1.20', true],
    ['192.169.0.1', false],
    ['203.0.113.7', false],
    ['100.64.0.1', false],
    ['not-an-address', false],
    ['', false],
  ])('%s is private: %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});
