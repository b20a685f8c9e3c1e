/**
 * EndpointSlices (discovery.k8s.io/v1) and Endpoints (v1): where a Service without a selector
 * takes its endpoints from. A slice names its Service with the label
 * `kubernetes.io/service-name`; an Endpoints object has the Service's own name, and each of its
 * subsets becomes one slice (addresses ready, notReadyAddresses not).
 */
import type { Protocol } from '../../engine/net.ts';
import type { EndpointSliceSpec } from '../../engine/spec.ts';
import { isRecord } from './parseDocuments.ts';

/** The slices an object gives a Service, or why it gives none. */
export type EndpointsRead =
  | { readonly service: string; readonly slices: readonly EndpointSliceSpec[] }
  | { readonly skipped: string };

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

function protocolOf(v: unknown): Protocol | undefined {
  return v === 'TCP' || v === 'UDP' || v === 'SCTP' ? v : undefined;
}

function portsOf(v: unknown): EndpointSliceSpec['ports'] {
  return records(v).flatMap((p) =>
    typeof p.port === 'number' && Number.isInteger(p.port) && p.port >= 1 && p.port <= 65535
      ? [
          {
            ...(typeof p.name === 'string' && p.name !== '' ? { name: p.name } : {}),
            port: p.port,
            ...(protocolOf(p.protocol) ? { protocol: protocolOf(p.protocol) } : {}),
          },
        ]
      : [],
  );
}

export function readEndpointSlice(obj: Record<string, unknown>, name: string): EndpointsRead {
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const labels = isRecord(meta.labels) ? meta.labels : {};
  const service = labels[SERVICE_NAME_LABEL];
  if (typeof service !== 'string' || service === '')
    return { skipped: `has no ${SERVICE_NAME_LABEL} label, so no Service uses it; skipped.` };
  if (obj.addressType !== 'IPv4')
    return {
      skipped: `has addressType ${String(obj.addressType)}; PodPath simulates IPv4 only; skipped.`,
    };
  const endpoints = records(obj.endpoints).flatMap((e) => {
    const addresses = Array.isArray(e.addresses)
      ? e.addresses.filter((a): a is string => typeof a === 'string')
      : [];
    if (addresses.length === 0) return [];
    const conditions = isRecord(e.conditions) ? e.conditions : {};
    return [
      {
        addresses,
        ...(typeof conditions.ready === 'boolean' ? { ready: conditions.ready } : {}),
      },
    ];
  });
  return { service, slices: [{ name, endpoints, ports: portsOf(obj.ports) }] };
}

export function readEndpoints(obj: Record<string, unknown>, name: string): EndpointsRead {
  const slices = records(obj.subsets).map((subset, i) => {
    const ips = (list: unknown, ready: boolean) =>
      records(list).flatMap((a) =>
        typeof a.ip === 'string' ? [{ addresses: [a.ip], ...(ready ? {} : { ready }) }] : [],
      );
    return {
      name: `${name}-${i + 1}`,
      endpoints: [...ips(subset.addresses, true), ...ips(subset.notReadyAddresses, false)],
      ports: portsOf(subset.ports),
    };
  });
  return { service: name, slices };
}
