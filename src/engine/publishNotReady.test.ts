/**
 * spec.publishNotReadyAddresses, as the EndpointSlice controller applies it: an endpoint's
 * `ready` condition is `service.Spec.PublishNotReadyAddresses || podutil.IsPodReady(pod)`
 * (kubernetes/kubernetes, staging/src/k8s.io/endpointslice/utils.go, podToEndpoint). The field's
 * API doc (core/v1 ServiceSpec): the controllers that generate Endpoints and EndpointSlices
 * "interpret this to mean that all endpoints are considered ready even if the Pods themselves
 * are not"; its primary use is a StatefulSet's headless Service propagating SRV records for peer
 * discovery. kube-proxy then routes to those endpoints and CoreDNS answers the headless records
 * of the DNS specification (kubernetes/dns, docs/specification.md 2.4.1) from them.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './index.ts';
import { resolveName, type RecordType } from './dns.ts';
import { cluster, pod, probe, svc, trace } from './testing/builders.ts';

const scenario = (publish: boolean) =>
  buildCluster(
    cluster({
      pods: [
        pod('client'),
        pod('db-0', {
          labels: { app: 'db' },
          ports: ['pg:5432'],
          ready: false,
          hostname: 'db-0',
          subdomain: 'db',
        }),
      ],
      services: [
        svc('db', {
          clusterIP: 'None',
          selector: { app: 'db' },
          ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }],
          ...(publish ? { publishNotReadyAddresses: true } : {}),
        }),
        svc('db-rw', {
          selector: { app: 'db' },
          ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }],
          ...(publish ? { publishNotReadyAddresses: true } : {}),
        }),
      ],
    }),
  );

describe('publishNotReadyAddresses', () => {
  it.each([
    // [name, type, without the flag, with it]
    ['db.default.svc.cluster.local.', 'A', ['NXDOMAIN'], ['NOERROR', 'A 10.244.1.3']],
    ['db-0.db.default.svc.cluster.local.', 'A', ['NXDOMAIN'], ['NOERROR', 'A 10.244.1.3']],
    [
      '_pg._tcp.db.default.svc.cluster.local.',
      'SRV',
      ['NOERROR'],
      ['NOERROR', 'SRV 0 100 5432 db-0.db.default.svc.cluster.local'],
    ],
    [
      '3.1.244.10.in-addr.arpa.',
      'PTR',
      ['NXDOMAIN'],
      ['NOERROR', 'PTR db-0.db.default.svc.cluster.local'],
    ],
  ] as const)('DNS %s %s', (name, type: RecordType, without, withFlag) => {
    const answer = (publish: boolean) => {
      const r = resolveName(scenario(publish), 'default', name, type);
      return [r.rcode, ...r.answers.map((a) => `${a.type} ${a.data}`)];
    };
    expect(answer(false)).toEqual(without);
    expect(answer(true)).toEqual(withFlag);
  });

  it('kube-proxy routes to the not-ready pod and the trace says why', () => {
    const without = trace(scenario(false), probe('client', 'db-rw', { port: 5432 }));
    expect(without.verdict).toBe('Dropped');
    const t = trace(scenario(true), probe('client', 'db-rw', { port: 5432 }));
    expect(t.verdict).toBe('Delivered');
    const lb = t.hops.flatMap((h) => h.decisions ?? []).find((d) => d.kind === 'load-balancing');
    expect(lb?.summary).toContain(
      'db-0 is not Ready, but the Service sets publishNotReadyAddresses, so the EndpointSlice marks it ready',
    );
  });
});
