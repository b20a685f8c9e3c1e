/**
 * The pod's resolv.conf and what it can resolve, per dnsPolicy, as the kubelet writes it
 * (kubernetes/kubernetes pkg/kubelet/network/dns/dns.go: getPodDNSType, GetPodDNS,
 * appendDNSConfig) and as kubernetes.io "DNS for Services and Pods" documents it:
 * - ClusterFirst: the cluster DNS Service, the namespace search list, ndots:5.
 * - ClusterFirst on a hostNetwork pod falls back to Default ("Pods running with hostNetwork
 *   ... should explicitly set its DNS policy to ClusterFirstWithHostNet. Otherwise, Pods
 *   running with hostNetwork and ClusterFirst will fallback to the behavior of the Default").
 * - Default: the node's resolver, which knows no cluster names.
 * - None: only dnsConfig; dnsConfig is otherwise appended (nameservers and searches after the
 *   policy's, duplicates removed; an option of the same name replaces the policy's).
 * Assumed (the scenario does not say): the node's /etc/resolv.conf has one nameserver, the
 * first address of its subnet, and no search domains; the docs leave it to the node.
 */
import { describe, expect, it } from 'vitest';
import { resolveFromPod } from './dns.ts';
import { buildCluster } from './index.ts';
import { podResolver } from './podResolver.ts';
import type { PodSpec } from './spec.ts';
import { cluster, pod, probe, svc, trace } from './testing/builders.ts';
import { podOf } from './testing/readers.ts';

const pods: PodSpec[] = [
  pod('first'),
  pod('shop/hostnet', { hostNetwork: true }),
  pod('shop/hostnet-cluster', { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }),
  pod('node-dns', { dnsPolicy: 'Default' }),
  pod('custom', {
    dnsPolicy: 'None',
    dnsConfig: {
      nameservers: ['1.2.3.4'],
      searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'],
      options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
    },
  }),
  pod('custom-cluster', {
    dnsPolicy: 'None',
    dnsConfig: { nameservers: ['10.96.0.10'], searches: ['default.svc.cluster.local'] },
  }),
  pod('extra', {
    dnsConfig: {
      nameservers: ['10.96.0.10', '8.8.8.8'],
      searches: ['svc.cluster.local', 'corp.example'],
      options: [{ name: 'ndots', value: '1' }],
    },
  }),
  pod('web', { labels: { app: 'web' }, ports: [80] }),
];
const model = buildCluster(
  cluster({
    pods,
    services: [svc('web', { selector: { app: 'web' }, clusterIP: '10.96.100.100' })],
  }),
);
const conf = (ref: string) => {
  const p = podOf(model, ref);
  const node = model.nodes.find((n) => n.name === p.node);
  if (!node) throw new Error('no node');
  return podResolver(model, p, node);
};

describe('resolv.conf as the kubelet writes it for each dnsPolicy', () => {
  it.each([
    [
      'first',
      'cluster',
      [
        'search default.svc.cluster.local svc.cluster.local cluster.local',
        'nameserver 10.96.0.10',
        'options ndots:5',
      ],
    ],
    ['shop/hostnet', 'node', ['nameserver 192.168.49.1']],
    [
      'shop/hostnet-cluster',
      'cluster',
      [
        'search shop.svc.cluster.local svc.cluster.local cluster.local',
        'nameserver 10.96.0.10',
        'options ndots:5',
      ],
    ],
    ['node-dns', 'node', ['nameserver 192.168.49.1']],
    // The docs' own dnsConfig example with dnsPolicy None.
    [
      'custom',
      'none',
      [
        'search ns1.svc.cluster-domain.example my.dns.search.suffix',
        'nameserver 1.2.3.4',
        'options ndots:2 edns0',
      ],
    ],
    [
      'extra',
      'cluster',
      [
        'search default.svc.cluster.local svc.cluster.local cluster.local corp.example',
        'nameserver 10.96.0.10',
        'nameserver 8.8.8.8',
        'options ndots:1',
      ],
    ],
  ] as const)('%s gets %s: %j', (ref, source, lines) => {
    const r = conf(ref);
    expect(r.source).toBe(source);
    expect(r.lines).toEqual(lines);
  });

  it('says why a hostNetwork pod with ClusterFirst has the node’s resolver', () => {
    expect(conf('shop/hostnet').why).toMatch(/falls back to Default.*ClusterFirstWithHostNet/);
  });
});

describe('what each pod can resolve', () => {
  const ask = (ref: string, name: string) => {
    const r = resolveFromPod(model, podOf(model, ref), name);
    return [r.rcode, r.nameserver, ...r.answers.map((a) => `${a.type} ${a.data}`)];
  };
  it.each([
    ['first', 'web', ['NOERROR', '10.96.0.10', 'A 10.96.100.100']],
    ['first', 'kubernetes.default', ['NOERROR', '10.96.0.10', 'A 10.96.0.1']],
    // The node's resolver knows no cluster names.
    ['node-dns', 'web', ['NXDOMAIN', '192.168.49.1']],
    ['node-dns', 'kubernetes.default.svc.cluster.local', ['NXDOMAIN', '192.168.49.1']],
    ['shop/hostnet', 'kubernetes.default', ['NXDOMAIN', '192.168.49.1']],
    ['shop/hostnet-cluster', 'kubernetes.default', ['NOERROR', '10.96.0.10', 'A 10.96.0.1']],
    // Outside names are the node resolver's business.
    ['node-dns', 'example.com', ['FORWARDED', '192.168.49.1']],
    // None with a nameserver outside the cluster: no cluster names either.
    ['custom', 'web.default.svc.cluster.local', ['NXDOMAIN', '1.2.3.4']],
    // None pointing at the cluster DNS: its own search list, ndots 1 (glibc's default).
    ['custom-cluster', 'web', ['NOERROR', '10.96.0.10', 'A 10.96.100.100']],
    ['custom-cluster', 'kubernetes.default', ['NXDOMAIN', '10.96.0.10']],
  ] as const)('%s asks for %s', (ref, name, expected) => {
    expect(ask(ref, name)).toEqual(expected);
  });

  it('tries the name as it is first when it has at least ndots dots', () => {
    const r = resolveFromPod(model, podOf(model, 'extra'), 'web.default');
    expect(r.tried.map((t) => t.name)).toEqual([
      'web.default',
      'web.default.default.svc.cluster.local',
      'web.default.svc.cluster.local',
    ]);
    expect(r.rcode).toBe('NOERROR');
  });
});

describe('a trace by name follows the pod’s resolver', () => {
  it('a Default-policy pod asks the node’s resolver outside the cluster and gets NXDOMAIN for a Service', () => {
    const t = trace(model, probe('default/node-dns', 'web', { port: 80 }));
    expect(t.verdict).toBe('Dropped');
    expect(t.reason).toBe('NXDOMAIN');
    expect(t.lookup?.probe.to).toEqual({ kind: 'ip', ip: '192.168.49.1' });
    expect(t.summary).toMatch(/not the cluster DNS/);
  });

  it('a hostNetwork pod with ClusterFirstWithHostNet reaches the Service by name', () => {
    const t = trace(model, probe('shop/hostnet-cluster', 'web.default', { port: 80 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.lookup?.probe.to).toEqual({ kind: 'ip', ip: '10.96.0.10' });
  });

  it('a Default-policy pod reaches an outside name through the node’s resolver', () => {
    const t = trace(model, probe('default/node-dns', 'example.com', { port: 443 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.hops[0].explanation).toMatch(/asks 192\.168\.49\.1, outside the cluster/);
  });
});
