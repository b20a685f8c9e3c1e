/**
 * Records the DNS specification asks for beyond the Service records (kubernetes/dns,
 * docs/specification.md), as CoreDNS's kubernetes plugin answers them:
 * - 2.2: a TXT record `dns-version.<zone>` with the schema version. The document describes
 *   version 1.0.1 while its own answer example shows "1.0.0"; CoreDNS answers its
 *   DNSSchemaVersion, "1.0.1" (coredns plugin/kubernetes), which is what this pins.
 * - 2.4.1: a headless Service with no ready endpoints answers NXDOMAIN.
 * - 2.6: the deprecated pod records `a-b-c-d.<ns>.pod.<zone>` still resolve (kubeadm's Corefile
 *   has `pods insecure`, which answers them without checking that such a pod exists).
 * - 2.1: all comparisons are case-insensitive.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './index.ts';
import { resolveName, type RecordType } from './dns.ts';
import { cluster, pod, probe, svc, trace } from './testing/builders.ts';

const model = buildCluster(
  cluster({
    pods: [pod('client'), pod('db-0', { labels: { app: 'db' }, ports: ['pg:5432'], ready: false })],
    services: [
      svc('db', {
        clusterIP: 'None',
        selector: { app: 'db' },
        ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }],
      }),
    ],
  }),
);

const answer = (name: string, type: RecordType = 'A') => {
  const r = resolveName(model, 'default', name, type);
  return [r.rcode, ...r.answers.map((a) => `${a.type} ${a.data}`)];
};

describe('the DNS specification, as CoreDNS answers it', () => {
  it.each([
    ['dns-version.cluster.local.', 'TXT', ['NOERROR', 'TXT "1.0.1"']],
    ['DNS-Version.Cluster.Local.', 'TXT', ['NOERROR', 'TXT "1.0.1"']],
    ['dns-version.cluster.local.', 'A', ['NOERROR']],
    // 2.4.1: no ready endpoint, so no name: NXDOMAIN, not an empty answer.
    ['db.default.svc.cluster.local.', 'A', ['NXDOMAIN']],
    // 2.6: the deprecated pod A records, in any namespace.
    ['10-244-1-7.default.pod.cluster.local.', 'A', ['NOERROR', 'A 10.244.1.7']],
    ['172-17-0-3.shop.POD.cluster.local.', 'A', ['NOERROR', 'A 172.17.0.3']],
    ['10-244-1-999.default.pod.cluster.local.', 'A', ['NXDOMAIN']],
    ['KUBERNETES.DEFAULT.SVC.CLUSTER.LOCAL.', 'A', ['NOERROR', 'A 10.96.0.1']],
  ] as const)('%s %s', (name, type, expected) => {
    expect(answer(name, type)).toEqual(expected);
  });

  it('the application gets "name not found" for a headless Service without ready endpoints', () => {
    const t = trace(model, probe('client', 'db', { port: 5432 }));
    expect(t.verdict).toBe('Dropped');
    expect(t.reason).toBe('NXDOMAIN');
  });
});
