/**
 * Traffic that leaves the cluster (KUBERNETES-NETWORKING.md section 8). Sources, per rule:
 * - Masquerade per CNI: flanneld's `--ip-masq` (kube-flannel.yml passes it; flannel's
 *   FLANNEL-POSTRTG chain RETURNs pod-to-pod traffic and masquerades the rest except multicast);
 *   Calico's IPPool reference (docs.tigera.io, "IP pool": natOutgoing; the operator's default
 *   pool has NATOutgoing Enabled, "Configure default IP pools"); Cilium's "Masquerading" page
 *   (docs.cilium.io: traffic leaving the cluster is masqueraded to the node's IPv4 address unless
 *   enable-ipv4-masquerade is false); weave-npc's DESIGN notes (traffic from a container to a
 *   non-container destination leaves `-i weave -o eth0` with masquerading); kube-router's user
 *   guide (`--enable-pod-egress`, default true: SNAT traffic from pods to destinations outside
 *   the cluster).
 * - ip-masq-agent: kubernetes.io "IP Masquerade Agent User Guide" and kubernetes-sigs/ip-masq-agent
 *   README: the IP-MASQ-AGENT chain RETURNs for each nonMasqueradeCIDR and for link-local unless
 *   masqLinkLocal, then masquerades; without a config the three RFC 1918 ranges are non-masquerade.
 * - Egress policy at the source before routing: kubernetes.io "Network Policies" (the
 *   test-network-policy example: egress to ipBlock 10.0.0.0/24 on TCP 5978).
 * - Outside names: CoreDNS `forward . /etc/resolv.conf` in the kubeadm Corefile; an ExternalName's
 *   outside target is looked up by CoreDNS itself (coredns plugin/pkg/upstream: "resolve CNAME or
 *   other external targets via CoreDNS itself").
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../index.ts';
import {
  CNI_MODES,
  type CniPlugin,
  type ClusterSettings,
  type NetworkPolicySpec,
} from '../spec.ts';
import type { Trace } from '../trace.ts';
import {
  cluster,
  labels,
  netpol,
  pod,
  probe,
  svc,
  trace,
  type ClusterParts,
} from '../testing/builders.ts';
import { nodeIpOf, podOf } from '../testing/readers.ts';

function world(parts: ClusterParts = {}, plugin: CniPlugin = 'flannel') {
  return buildCluster(
    cluster({
      nodes: 2,
      ...parts,
      settings: { cni: { plugin, mode: CNI_MODES[plugin][0] }, ...parts.settings },
      pods: parts.pods ?? [
        pod('app', { node: 'node-2', labels: { role: 'db' } }),
        pod('other', { node: 'node-1', labels: { role: 'web' } }),
      ],
    }),
  );
}

const masqueradeHop = (t: Trace) => t.hops.find((h) => h.decisions?.some((d) => d.kind === 'cni'));

describe('a pod sending outside the cluster leaves by its node, masqueraded by the CNI', () => {
  it.each([
    ['flannel', /FLANNEL-POSTRTG .*MASQUERADE/, /--ip-masq/],
    ['calico', /cali-nat-outgoing .*MASQUERADE/, /natOutgoing/],
    ['cilium', /SNAT 10\.244\.2\.0\/24 -> 192\.168\.49\.3/, /enable-ipv4-masquerade/],
    ['weave', /-A WEAVE .*MASQUERADE/, /Weave/],
    ['kube-router', /kube-router-pod-subnets .*MASQUERADE/, /--enable-pod-egress/],
  ] as const)('%s', (plugin, rule, by) => {
    const model = world({}, plugin);
    const t = trace(model, probe('app', 'ip:203.0.113.50', { port: 443 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.outside).toEqual({ ip: '203.0.113.50', port: 443 });
    // The destination sees the node's address, not the pod's.
    const nodeIp = nodeIpOf(model, 'node-2');
    expect(t.seenSource).toBe(nodeIp);
    const masq = masqueradeHop(t)!;
    expect(masq.verdict).toBe('Translated');
    expect(masq.before.src.ip).toBe(podOf(model, 'app').ip);
    expect(masq.after.src.ip).toBe(nodeIp);
    expect(masq.location.node).toBe('node-2');
    expect(masq.decisions![0].rules!.join('\n')).toMatch(rule);
    expect(masq.decisions![0].summary).toMatch(by);
    // The default route takes it out, before the rewrite.
    const route = t.hops.findIndex((h) => h.location.device === 'routing table');
    expect(t.hops[route].decisions![0].summary).toBe('default via 192.168.49.1 dev eth0');
    expect(route).toBeLessThan(t.hops.indexOf(masq));
    // Conntrack turns the reply back to the pod; the pod gets it from the address it called.
    const back = t.reply.find((h) => h.decisions?.some((d) => d.kind === 'conntrack'))!;
    expect(back.before.dst.ip).toBe(nodeIp);
    expect(back.after.dst.ip).toBe(podOf(model, 'app').ip);
    expect(t.reply.at(-1)!.verdict).toBe('Delivered');
    expect(t.reply.at(-1)!.after.src).toEqual({ ip: '203.0.113.50', port: 443 });
    expect(t.summary).toMatch(/outside|Left the cluster/);
  });

  it('says the outside world is simulated when no element has the address', () => {
    const t = trace(world(), probe('app', 'ip:203.0.113.50', { port: 443 }));
    expect(t.hops.at(-1)!.explanation).toMatch(/assumed: the outside world is simulated/);
  });

  it.each([
    // An address on the node network that no node has: a database VM next to the nodes.
    ['192.168.49.200', '192.168.49.0/24 dev eth0 scope link'],
    // "a database in the same VPC": 10.0.0.5 is outside 10.244.0.0/16 and 10.96.0.0/12.
    ['10.0.0.5', 'default via 192.168.49.1 dev eth0'],
  ])('%s leaves the cluster by the route %s', (ip, route) => {
    const t = trace(world(), probe('app', `ip:${ip}`, { port: 5432 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.hops.flatMap((h) => h.decisions ?? []).map((d) => d.summary)).toContain(route);
  });

  it('keeps NoRoute for addresses of the pod or Service range that nothing owns', () => {
    for (const ip of ['10.244.7.9', '10.96.200.1']) {
      const t = trace(world(), probe('app', `ip:${ip}`, { port: 80 }));
      expect(t.verdict, ip).toBe('Dropped');
      expect(t.reason, ip).toBe('NoRoute');
    }
  });

  it('keeps NoRoute for an outside client aiming at a pod IP', () => {
    const model = world();
    const t = trace(model, probe('ext:user', `ip:${podOf(model, 'app').ip}`, { port: 80 }));
    expect(t.reason).toBe('NoRoute');
  });

  it("a node's own process goes out with the node address; nothing to masquerade", () => {
    const model = world();
    const t = trace(model, probe('node:node-1', 'ip:203.0.113.50', { port: 443 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.seenSource).toBe(nodeIpOf(model, 'node-1'));
    expect(masqueradeHop(t)).toBeUndefined();
    expect(t.reply.at(-1)!.location.place).toBe('Node');
  });

  it('a hostNetwork pod already has the node address: no masquerade', () => {
    const model = world({ pods: [pod('agent', { node: 'node-1', hostNetwork: true })] });
    const t = trace(model, probe('agent', 'ip:203.0.113.50', { port: 443 }));
    expect(t.seenSource).toBe(nodeIpOf(model, 'node-1'));
    expect(masqueradeHop(t)).toBeUndefined();
  });
});

describe('where the scenario says an address is not masqueraded, the pod IP is kept', () => {
  type Row = [string, Partial<ClusterSettings>, string, 'pod' | 'node'];
  const rows: Row[] = [
    ['a Calico pool without natOutgoing', { egressMasquerade: false }, '203.0.113.50', 'pod'],
    [
      'ip-masq-agent, listed range',
      { ipMasqAgent: { nonMasqueradeCIDRs: ['10.0.0.0/8'] } },
      '10.0.0.5',
      'pod',
    ],
    [
      'ip-masq-agent, unlisted range',
      { ipMasqAgent: { nonMasqueradeCIDRs: ['10.0.0.0/8'] } },
      '203.0.113.50',
      'node',
    ],
    ['ip-masq-agent defaults (RFC 1918)', { ipMasqAgent: {} }, '172.16.5.5', 'pod'],
    ['ip-masq-agent defaults, public address', { ipMasqAgent: {} }, '8.8.8.8', 'node'],
    [
      'ip-masq-agent, link-local',
      { ipMasqAgent: { nonMasqueradeCIDRs: [] } },
      '169.254.169.254',
      'pod',
    ],
    [
      'ip-masq-agent, masqLinkLocal',
      { ipMasqAgent: { nonMasqueradeCIDRs: [], masqLinkLocal: true } },
      '169.254.169.254',
      'node',
    ],
  ];
  it.each(rows)('%s', (_name, settings, dst, seen) => {
    const model = world({ settings: { ...settings } }, 'calico');
    const t = trace(model, probe('app', `ip:${dst}`, { port: 443 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.seenSource).toBe(seen === 'pod' ? podOf(model, 'app').ip : nodeIpOf(model, 'node-2'));
    const hop = masqueradeHop(t)!;
    expect(hop.verdict).toBe(seen === 'pod' ? 'Forwarded' : 'Translated');
    if (settings.ipMasqAgent) {
      expect(hop.decisions![0].rules).toContain('-A IP-MASQ-AGENT -j MASQUERADE');
      expect(hop.decisions![0].summary).toMatch(/ip-masq-agent/);
    }
    if (seen === 'pod') {
      // The reply comes back to the pod IP only if the network routes the pod range: said so.
      expect(t.reply.map((h) => h.explanation).join(' ')).toMatch(/assumed/);
      expect(t.reply.some((h) => h.verdict === 'Translated')).toBe(false);
    }
  });
});

/** The docs' example policy (kubernetes.io, "Network Policies", the NetworkPolicy resource). */
const testNetworkPolicy: NetworkPolicySpec = {
  name: 'test-network-policy',
  namespace: 'default',
  podSelector: labels({ role: 'db' }),
  policyTypes: ['Ingress', 'Egress'],
  ingress: [
    {
      from: [
        { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
        { namespaceSelector: labels({ project: 'myproject' }) },
        { podSelector: labels({ role: 'frontend' }) },
      ],
      ports: [{ protocol: 'TCP', port: 6379 }],
    },
  ],
  egress: [
    { to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] },
  ],
};

describe('egress NetworkPolicy decides at the source pod, before any routing', () => {
  it.each([
    ['app', '10.0.0.5', 5978, 'Delivered'],
    ['app', '10.0.0.5', 80, 'PolicyDenied'],
    ['app', '10.0.1.5', 5978, 'PolicyDenied'],
    ['app', '8.8.8.8', 5978, 'PolicyDenied'],
    // other is role=web: no policy selects it, so it may go anywhere.
    ['other', '8.8.8.8', 443, 'Delivered'],
  ] as const)('%s to %s:%d -> %s (Calico)', (from, ip, port, outcome) => {
    const t = trace(
      world({ networkPolicies: [testNetworkPolicy] }, 'calico'),
      probe(from, `ip:${ip}`, { port }),
    );
    if (outcome === 'Delivered') {
      expect(t.verdict).toBe('Delivered');
      return;
    }
    expect(t.reason).toBe('PolicyDenied');
    const drop = t.hops.at(-1)!;
    expect(drop.location.node).toBe('node-2');
    expect(drop.decisions?.[0].policy?.name).toBe('test-network-policy');
    expect(drop.explanation).toMatch(/egress/);
    // Dropped at the pod's own veth: no route was looked up, nothing was masqueraded.
    expect(t.hops.some((h) => h.location.device === 'routing table')).toBe(false);
    expect(masqueradeHop(t)).toBeUndefined();
  });

  it('is ignored under Flannel, which enforces no policy', () => {
    const t = trace(
      world({ networkPolicies: [testNetworkPolicy] }, 'flannel'),
      probe('app', 'ip:8.8.8.8', { port: 443 }),
    );
    expect(t.verdict).toBe('Delivered');
    expect(t.hops.some((h) => /silently ignored/.test(h.explanation))).toBe(true);
  });

  it('an ipBlock with except drops the excepted address and names the rule', () => {
    const policy = netpol('default/egress-except', {
      podSelector: labels({ role: 'db' }),
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
    });
    const model = world({ networkPolicies: [policy] }, 'calico');
    expect(trace(model, probe('app', 'ip:203.0.113.50', { port: 443 })).verdict).toBe('Delivered');
    const t = trace(model, probe('app', 'ip:169.254.169.254', { port: 80 }));
    expect(t.reason).toBe('PolicyDenied');
    expect(t.hops.at(-1)!.decisions?.[0].policy?.name).toBe('egress-except');
  });
});

describe('names outside the cluster: resolved upstream, then a connection of their own', () => {
  const dnsOnly = netpol('default/dns-only', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
  });

  it('example.com: CoreDNS forwards, the connection leaves masqueraded', () => {
    const model = world({}, 'calico');
    const t = trace(model, probe('app', 'example.com', { port: 443 }));
    expect(t.lookup?.verdict).toBe('Delivered');
    expect(t.lookup?.reply[0].explanation).toMatch(
      /forwarded to the upstream resolver, which answers A 192\.0\.2\./,
    );
    expect(t.verdict).toBe('Delivered');
    expect(t.outside?.name).toBe('example.com');
    expect(t.outside?.ip).toMatch(/^192\.0\.2\./);
    expect(t.hops[0].explanation).toMatch(/assumed address/);
    expect(t.hops[0].before.protocol).toBe('TCP');
    expect(t.seenSource).toBe(nodeIpOf(model, 'node-2'));
  });

  it('an egress policy that allows only DNS lets the lookup through and drops the connection', () => {
    const t = trace(
      world({ networkPolicies: [dnsOnly] }, 'calico'),
      probe('app', 'example.com', { port: 443 }),
    );
    expect(t.lookup?.verdict).toBe('Delivered');
    expect(t.verdict).toBe('Dropped');
    expect(t.reason).toBe('PolicyDenied');
    expect(t.hops.at(-1)!.decisions?.[0].policy?.name).toBe('dns-only');
  });

  it('an ExternalName Service: the CNAME, then the TCP connection leaves the pod with its own headers', () => {
    const model = world(
      {
        services: [
          svc('payments', {
            type: 'ExternalName',
            externalName: 'api.payments.example.com',
            ports: [],
          }),
        ],
      },
      'calico',
    );
    const app = podOf(model, 'app');
    const t = trace(model, probe('app', 'payments', { port: 443 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.summary).toMatch(
      /payments\.default\.svc\.cluster\.local is a CNAME for api\.payments\.example\.com/,
    );
    expect(t.hops[0].decisions?.[0].ref).toEqual({
      kind: 'Service',
      namespace: 'default',
      name: 'payments',
    });
    // Every hop of the connection carries the TCP connection's headers, not the DNS reply's.
    for (const h of t.hops) {
      expect(h.before.protocol).toBe('TCP');
      expect(h.before.dns).toBeUndefined();
      expect(h.before.dst.port).toBe(443);
    }
    expect(t.hops[0].before.src.ip).toBe(app.ip);
    expect(t.hops.some((h) => h.location.device === 'eth0' && h.location.at?.name === 'app')).toBe(
      true,
    );
    expect(masqueradeHop(t)?.verdict).toBe('Translated');
    expect(t.outside?.name).toBe('api.payments.example.com');
    const blocked = trace(
      world(
        {
          services: [
            svc('payments', {
              type: 'ExternalName',
              externalName: 'api.payments.example.com',
              ports: [],
            }),
          ],
          networkPolicies: [dnsOnly],
        },
        'calico',
      ),
      probe('app', 'payments', { port: 443 }),
    );
    expect(blocked.reason).toBe('PolicyDenied');
  });
});

describe('outside services in the scenario', () => {
  const parts: ClusterParts = {
    externalClients: [
      {
        name: 'orders-db',
        ip: '10.0.0.5',
        hostname: 'orders.db.internal',
        ports: [{ name: 'pg', port: 5432 }],
      },
    ],
  };

  it('a pod reaches the element on a port it serves, and the trace names it', () => {
    const t = trace(world(parts), probe('app', 'ip:10.0.0.5', { port: 5432 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.outside?.element).toEqual({ kind: 'ExternalClient', name: 'orders-db' });
    expect(t.hops.at(-1)!.location).toMatchObject({ place: 'Client', at: { name: 'orders-db' } });
    expect(t.summary).toMatch(/orders-db at 10\.0\.0\.5:5432/);
  });

  it('a port the element does not serve is refused there', () => {
    const t = trace(world(parts), probe('app', 'ip:10.0.0.5', { port: 80 }));
    expect(t.reason).toBe('NotListening');
    expect(t.hops.at(-1)!.location.at?.name).toBe('orders-db');
  });

  it("its hostname resolves upstream to its address, even with a TLD that isn't public", () => {
    const t = trace(world(parts), probe('app', 'orders.db.internal'));
    expect(t.lookup?.reply[0].explanation).toMatch(/A 10\.0\.0\.5/);
    expect(t.verdict).toBe('Delivered');
    expect(t.outside).toMatchObject({ ip: '10.0.0.5', port: 5432, name: 'orders.db.internal' });
  });
});
