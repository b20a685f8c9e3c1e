/** Addresses a spec gives: read as IPv4, and a clear diagnostic on the field when one is not. */
import type { Diagnostic } from '../model.ts';
import { parseIpv4, type Ipv4 } from '../net.ts';
import type { ObjectRef } from '../trace.ts';

/** The address `text` as IPv4; when it is not one, an error names `what` on `field` of `ref`. */
export function givenIpv4(
  text: string,
  what: string,
  ref: ObjectRef,
  field: string,
  diagnostics: Diagnostic[],
): Ipv4 | undefined {
  const ip = parseIpv4(text);
  if (!ip) {
    diagnostics.push({
      severity: 'error',
      message: `${what} "${text}" is not an IPv4 address.`,
      ref,
      field,
    });
  }
  return ip;
}
