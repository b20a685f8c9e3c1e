// Cases follow k8s.io/apimachinery/pkg/util/validation/validation_test.go (TestIsDNS1123Label,
// TestIsDNS1123Subdomain, TestIsDNS1035Label, TestIsValidPortName, TestIsQualifiedName,
// TestIsValidLabelValue) for the rules in validation.go.
import { describe, expect, it } from 'vitest';
import {
  isDns1035Label,
  isDnsLabel,
  isDnsSubdomain,
  isLabelKey,
  isLabelValue,
  isPortName,
} from './kubeNames.ts';

const table = (valid: (v: string) => boolean, good: string[], bad: string[]) => {
  for (const v of good) expect(valid(v), v).toBe(true);
  for (const v of bad) expect(valid(v), v).toBe(false);
};

describe('Kubernetes name rules (apimachinery validation.go)', () => {
  it('IsDNS1123Label: lower-case alphanumerics and "-", at most 63', () => {
    table(
      isDnsLabel,
      ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '0-1', 'a'.repeat(63)],
      ['', 'A', 'ABC', 'aBc', 'A1', 'a_1', 'a.1', 'a 1', '-', 'a-', '-a', 'a'.repeat(64)],
    );
  });

  it('IsDNS1123Subdomain: dot-separated labels, at most 253', () => {
    table(
      isDnsSubdomain,
      ['a', 'a.b', 'a-1.b-2', '0.a', 'a.b.c.d.e', 'a'.repeat(253)],
      ['', 'A', 'a.', '.a', 'a..b', 'a.-b', 'a-.b', 'a_b', 'a'.repeat(254)],
    );
  });

  it('IsDNS1035Label: a label that starts with a letter (Service names)', () => {
    table(
      isDns1035Label,
      ['a', 'ab', 'a-1', 'a--1--2--b', 'a'.repeat(63)],
      ['', '0', '01', '0-a', 'A', 'a_1', 'a.b', '-a', 'a-', 'a'.repeat(64)],
    );
  });

  it('IsValidPortName: an IANA service name, at most 15, with a letter and no "--"', () => {
    table(
      isPortName,
      ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3'],
      ['', 'longerthan15characters', 'www--http', '-www', 'www-', 'UPPER', 'a_b', '123'],
    );
  });

  it('IsQualifiedName: a label key, [DNS subdomain "/"] name of at most 63', () => {
    table(
      isLabelKey,
      [
        'simple',
        'now-with-dashes',
        '1-starts-with-num',
        '1234',
        'simple/simple',
        'now-with-dashes/simple',
        'example.com/Uppercase_ok',
        'a'.repeat(63),
      ],
      [
        '',
        'nospecialchars%^=@',
        'cantendwithadash-',
        '-cantstartwithadash',
        'only/one/slash',
        '/simple',
        'Example.com/simple',
        'a'.repeat(64),
        `${'a'.repeat(254)}/simple`,
      ],
    );
  });

  it('IsValidLabelValue: empty, or a name part of at most 63', () => {
    table(
      isLabelValue,
      [
        '',
        'simple',
        'now-with-dashes',
        '1-starts-with-num',
        'end-with-num-1',
        '1234',
        'Uppercase_ok.too',
        'a'.repeat(63),
      ],
      [
        'nospecialchars%^=@',
        'Tama-nui-te-rā',
        'has space',
        '-starts-with-dash',
        'ends-with-dash-',
        'a'.repeat(64),
      ],
    );
  });
});
