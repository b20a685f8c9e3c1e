/**
 * Things outside the cluster with an address: clients that call in, and outside services pods
 * call (a managed database, a payment API) with their ports and DNS name.
 */
import type { Diagnostic, ExternalClientModel } from '../model.ts';
import { isPort, isProtocol } from '../net.ts';
import type { ClusterSpec } from '../spec.ts';
import type { ObjectRef } from '../trace.ts';
import { givenIpv4 } from './givenAddress.ts';

/** The outside elements of the spec; a bad address or port becomes a diagnostic. */
export function buildExternalClients(
  spec: ClusterSpec,
  diagnostics: Diagnostic[],
): ExternalClientModel[] {
  const out: ExternalClientModel[] = [];
  for (const c of spec.externalClients ?? []) {
    const ref: ObjectRef = { kind: 'ExternalClient', name: c.name };
    const ip = givenIpv4(c.ip, 'Client IP', ref, 'ip', diagnostics);
    if (!ip) continue;
    const ports = (c.ports ?? []).flatMap((p, i) => {
      if (isPort(p.port) && (p.protocol === undefined || isProtocol(p.protocol)))
        return [
          { ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol ?? 'TCP' },
        ];
      diagnostics.push({
        severity: 'error',
        message: `${c.name}: port ${String(p.port)} is not a port number (1-65535) with TCP, UDP or SCTP; it is left out.`,
        ref,
        field: `ports[${i}]`,
      });
      return [];
    });
    const hostname = c.hostname?.trim().toLowerCase().replace(/\.$/, '');
    out.push({
      ref,
      name: c.name,
      ip,
      ...(c.ports ? { ports } : {}),
      ...(hostname ? { hostname } : {}),
    });
  }
  return out;
}
