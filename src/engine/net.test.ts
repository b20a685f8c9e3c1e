/**
 * Address facts the views show as values. RFC 1918 section 3 reserves 10/8, 172.16/12 and
 * 192.168/16 for private internets; everything else (and anything that is not an address) is
 * treated as the Internet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intToIpv4, ipv4ToInt, isPrivateAddress, parseIpv4 } from './net.ts';

/** The rule as the dotted-quad grammar states it: four octets 0-255, no leading zeros. */
const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const byGrammar = (text: string) => {
  const parts = text.trim().split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p)) ? text.trim() : undefined;
};

describe('parseIpv4 and ipv4ToInt', () => {
  it('accepts exactly the dotted quads of the grammar', () => {
    const quadish = fc
      .array(
        fc.oneof(
          fc.nat({ max: 300 }).map(String),
          fc.constantFrom('01', '00', '', ' 1', 'a', '256', '1000'),
        ),
        {
          minLength: 1,
          maxLength: 6,
        },
      )
      .map((parts) => parts.join('.'));
    fc.assert(
      fc.property(fc.oneof(quadish, fc.string({ maxLength: 20 })), (text) => {
        expect(parseIpv4(text)).toBe(byGrammar(text));
      }),
      { numRuns: 2000 },
    );
    expect(parseIpv4(' 10.0.0.1 ')).toBe('10.0.0.1');
    expect(parseIpv4('10.0.0.01')).toBeUndefined();
  });

  it('turns an address into its number and back', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), (n) => {
        expect(ipv4ToInt(intToIpv4(n))).toBe(n);
      }),
    );
    expect(ipv4ToInt(parseIpv4('255.255.255.255')!)).toBe(2 ** 32 - 1);
    expect(ipv4ToInt(parseIpv4('10.244.1.7')!)).toBe(((10 * 256 + 244) * 256 + 1) * 256 + 7);
  });
});

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
