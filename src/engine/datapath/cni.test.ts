/**
 * Pod to pod through each CNI: KUBERNETES-NETWORKING.md section 2 (the CNI table: inter-node
 * path, encapsulation with its outer header and MTU cost, bridge or routed hop on one node).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/buildCluster.ts';
import type { CniMode, CniPlugin } from '../spec.ts';
import { nodeLinkOf } from './cni.ts';
import { cluster, container, pod, probe, trace } from '../testing/builders.ts';
import { hopsWith, nodeIpOf, podOf } from '../testing/readers.ts';

function twoPods(plugin: CniPlugin, mode: CniMode) {
  return buildCluster(
    cluster({
      settings: { cni: { plugin, mode } },
      pods: [
        pod('a', { node: 'node-1' }),
        pod('b', { node: 'node-2', ports: [8080] }),
        pod('c', { node: 'node-1', ports: [8080] }),
      ],
    }),
  );
}

interface EncapCase {
  readonly plugin: CniPlugin;
  readonly mode: CniMode;
  readonly encapsulation?: 'VXLAN' | 'IPIP' | 'Geneve' | 'WeaveSleeve';
  readonly protocol?: 'UDP' | 'IPIP';
  readonly dstPort?: number;
  readonly vni?: number;
  readonly device?: string;
  readonly mtu?: number;
}

// Section 2, "Across nodes the CNI decides the path" table.
const CASES: readonly EncapCase[] = [
  {
    plugin: 'flannel',
    mode: 'vxlan',
    encapsulation: 'VXLAN',
    protocol: 'UDP',
    dstPort: 8472,
    vni: 1,
    device: 'flannel.1',
    mtu: 1450,
  },
  { plugin: 'flannel', mode: 'host-gw' },
  { plugin: 'calico', mode: 'bgp' },
  {
    plugin: 'calico',
    mode: 'ipip',
    encapsulation: 'IPIP',
    protocol: 'IPIP',
    device: 'tunl0',
    mtu: 1480,
  },
  {
    plugin: 'calico',
    mode: 'vxlan',
    encapsulation: 'VXLAN',
    protocol: 'UDP',
    dstPort: 4789,
    device: 'vxlan.calico',
    mtu: 1450,
  },
  {
    plugin: 'cilium',
    mode: 'vxlan',
    encapsulation: 'VXLAN',
    protocol: 'UDP',
    dstPort: 8472,
    device: 'cilium_vxlan',
    mtu: 1450,
  },
  {
    plugin: 'cilium',
    mode: 'geneve',
    encapsulation: 'Geneve',
    protocol: 'UDP',
    dstPort: 6081,
    device: 'cilium_geneve',
    mtu: 1450,
  },
  { plugin: 'cilium', mode: 'native' },
  { plugin: 'weave', mode: 'fastdp', encapsulation: 'VXLAN', protocol: 'UDP', dstPort: 6784 },
  { plugin: 'weave', mode: 'sleeve', encapsulation: 'WeaveSleeve', protocol: 'UDP', dstPort: 6783 },
  // kube-router (docs/tunnels.md): IP-in-IP only to nodes outside the node's subnet by default;
  // both nodes here share one subnet, so the BGP route is used as it is.
  { plugin: 'kube-router', mode: 'subnet' },
  // --overlay-type=full: IP-in-IP to every peer, on a tunnel named after the peer's IP.
  {
    plugin: 'kube-router',
    mode: 'full',
    encapsulation: 'IPIP',
    protocol: 'IPIP',
    device: 'tun-192168493',
    mtu: 1480,
  },
  { plugin: 'kube-router', mode: 'none' },
];

describe.each(CASES)('$plugin $mode across nodes (section 2)', (c) => {
  const model = twoPods(c.plugin, c.mode);
  const t = trace(model, probe('a', 'pod:b', { port: 8080 }));
  const a = podOf(model, 'a');
  const b = podOf(model, 'b');

  it('delivers without NAT: the destination sees the source pod IP', () => {
    expect(t.verdict).toBe('Delivered');
    expect(t.seenSource).toBe(a.ip);
    expect(hopsWith(t, 'Translated')).toEqual([]);
  });

  if (c.encapsulation) {
    it(`wraps the packet in ${c.encapsulation} between the node IPs, and unwraps it`, () => {
      const enc = hopsWith(t, 'Encapsulated');
      expect(enc).toHaveLength(1);
      const outer = enc[0].after.outer!;
      expect(outer.encapsulation).toBe(c.encapsulation);
      expect(outer.protocol).toBe(c.protocol);
      expect(outer.src).toBe(nodeIpOf(model, 'node-1'));
      expect(outer.dst).toBe(nodeIpOf(model, 'node-2'));
      if (c.dstPort !== undefined) expect(outer.dstPort).toBe(c.dstPort);
      else expect(outer.dstPort).toBeUndefined();
      if (c.vni !== undefined) expect(outer.vni).toBe(c.vni);
      if (c.device) expect(outer.device).toBe(c.device);
      if (c.mtu) expect(outer.innerMtu).toBe(c.mtu);
      expect(outer.innerMtu + outer.overheadBytes).toBe(1500);
      // Both headers: the inner packet is untouched under the outer one.
      expect(enc[0].after.src.ip).toBe(a.ip);
      expect(enc[0].after.dst.ip).toBe(b.ip);
      expect(enc[0].location.node).toBe('node-1');
      const dec = hopsWith(t, 'Decapsulated');
      expect(dec).toHaveLength(1);
      expect(dec[0].location.node).toBe('node-2');
      expect(dec[0].after.outer).toBeUndefined();
    });
  } else {
    it('routes the pod addresses as they are, via the peer node IP', () => {
      expect(hopsWith(t, 'Encapsulated')).toEqual([]);
      expect(t.hops.every((h) => h.after.outer === undefined)).toBe(true);
      const peerCidr = model.nodes[1].podCidr;
      const route = t.hops
        .flatMap((h) => h.decisions ?? [])
        .find((d) => d.kind === 'route' && d.summary.startsWith(peerCidr));
      expect(route?.summary).toBe(`${peerCidr} via ${nodeIpOf(model, 'node-2')} dev eth0`);
    });
  }

  it('takes the same path back for the reply', () => {
    expect(hopsWith(t, 'Encapsulated', 'reply')).toHaveLength(c.encapsulation ? 1 : 0);
    const last = t.reply.at(-1)!.after;
    expect(last.src).toEqual(t.hops[0].before.dst);
    expect(last.dst).toEqual(t.hops[0].before.src);
  });
});

describe('pods on one node never leave it (section 2, same node)', () => {
  it.each([
    ['flannel', 'vxlan', 'Bridge', 'cni0'],
    ['weave', 'fastdp', 'Bridge', 'weave'],
    ['calico', 'bgp', 'Node', 'cali'],
    ['cilium', 'vxlan', 'Ebpf', 'lxc'],
    // kube-router's CNI configuration: the bridge plugin on kube-bridge.
    ['kube-router', 'subnet', 'Bridge', 'kube-bridge'],
  ] as const)('%s: the hop between the veths is %s %s', (plugin, mode, place, device) => {
    const model = twoPods(plugin, mode);
    const t = trace(model, probe('a', 'pod:c', { port: 8080 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.hops.every((h) => h.location.node === undefined || h.location.node === 'node-1')).toBe(
      true,
    );
    expect(t.hops.some((h) => h.location.device === 'eth0' && h.location.place === 'Node')).toBe(
      false,
    );
    const middle = t.hops.find(
      (h) => h.location.place === place && h.location.device.startsWith(device),
    );
    expect(middle).toBeDefined();
    expect(t.hops.some((h) => h.location.place === 'Bridge')).toBe(place === 'Bridge');
  });

  it('names the host veth the way the CNI does', () => {
    expect(podOf(twoPods('calico', 'bgp'), 'a').hostVeth).toMatch(/^cali[0-9a-f]{11}$/);
    expect(podOf(twoPods('cilium', 'vxlan'), 'a').hostVeth).toMatch(/^lxc[0-9a-f]{12}$/);
    expect(podOf(twoPods('flannel', 'vxlan'), 'a').hostVeth).toMatch(/^veth[0-9a-f]{8}$/);
    expect(podOf(twoPods('kube-router', 'subnet'), 'a').hostVeth).toMatch(/^veth[0-9a-f]{8}$/);
  });
});

describe('containers of a pod share one network namespace (section 1)', () => {
  it('reaches a sibling container over localhost without leaving the pod', () => {
    const model = buildCluster(
      cluster({
        pods: [
          pod('two', {
            containers: [container('app'), container('sidecar', [9000])],
          }),
        ],
      }),
    );
    const t = trace(model, probe('two', 'localhost', { port: 9000 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo?.container).toBe('sidecar');
    expect(
      t.hops.every((h) => h.location.place === 'Container' || h.location.device === 'lo'),
    ).toBe(true);
    expect(trace(model, probe('two', 'localhost', { port: 9001 })).reason).toBe('NotListening');
  });

  it('refuses a port nothing listens on (NotListening)', () => {
    const model = twoPods('flannel', 'vxlan');
    const t = trace(model, probe('a', 'pod:b', { port: 9999 }));
    expect(t.reason).toBe('NotListening');
    expect(t.hops.at(-1)!.location.node).toBe('node-2');
  });
});

describe('hostNetwork pods use the node’s address and stack (section 1)', () => {
  const model = buildCluster(
    cluster({
      pods: [
        pod('client', { node: 'node-1', ports: [8080] }),
        pod('agent', { node: 'node-2', hostNetwork: true, ports: [9100] }),
        pod('web', { node: 'node-2', ports: [8080] }),
      ],
    }),
  );

  it('is reached at its node IP, without a veth or bridge on the way in', () => {
    const t = trace(model, probe('client', 'pod:agent', { port: 9100 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo?.ip).toBe(nodeIpOf(model, 'node-2'));
    expect(
      t.hops.filter((h) => h.location.node === 'node-2').some((h) => h.location.place === 'Bridge'),
    ).toBe(false);
    const last = t.reply.at(-1)!.after;
    expect(last.src).toEqual(t.hops[0].before.dst);
  });

  it('gets its replies on the node network, not through the tunnel (the reply is for a node IP)', () => {
    const t = trace(model, probe('agent', 'pod:client', { port: 8080 }));
    expect(t.hops.some((h) => h.verdict === 'Encapsulated')).toBe(true);
    expect(t.reply.some((h) => h.verdict === 'Encapsulated')).toBe(false);
    expect(t.reply.some((h) => h.location.place === 'Network')).toBe(true);
  });

  it('sends from the node IP', () => {
    const t = trace(model, probe('agent', 'pod:web', { port: 8080 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.seenSource).toBe(nodeIpOf(model, 'node-2'));
    expect(
      t.hops.some((h) => h.location.place === 'PodNetns' && h.location.at?.name === 'agent'),
    ).toBe(false);
  });
});

/**
 * kube-router across subnets (cloudnativelabs/kube-router docs/tunnels.md: "kube-router will
 * create a tunnel for pod-to-pod traffic any time it comes across a kube-router enabled node
 * that is not within the subnet of its primary interface"; user-guide.md, --enable-overlay:
 * "When set to false no tunneling is used and routing infrastructure is expected to route
 * traffic for pod-to-pod networking across nodes in different subnets"). PodPath's nodes carry
 * the subnet of their primary interface (NodeSpec.subnet).
 */
describe('kube-router: BGP routes on one subnet, IP-in-IP across subnets', () => {
  const model = (mode: CniMode) =>
    buildCluster(
      cluster({
        settings: { cni: { plugin: 'kube-router', mode }, nodeNetwork: '192.168.48.0/20' },
        nodes: [
          { name: 'node-1', subnet: '192.168.49.0/24' },
          { name: 'node-2', subnet: '192.168.49.0/24' },
          { name: 'node-3', subnet: '192.168.50.0/24' },
        ],
        pods: [
          pod('a', { node: 'node-1' }),
          pod('b', { node: 'node-2', ports: [8080] }),
          pod('c', { node: 'node-3', ports: [8080] }),
        ],
      }),
    );

  it('gives each node an address in its own subnet', () => {
    const m = model('subnet');
    expect(m.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(m.nodes.map((n) => [n.ip, n.subnet])).toEqual([
      ['192.168.49.2', '192.168.49.0/24'],
      ['192.168.49.3', '192.168.49.0/24'],
      ['192.168.50.2', '192.168.50.0/24'],
    ]);
  });

  it('routes to a peer on its own subnet without encapsulation (route learned over BGP)', () => {
    const m = model('subnet');
    const t = trace(m, probe('a', 'pod:b', { port: 8080 }));
    expect(t.verdict).toBe('Delivered');
    expect(hopsWith(t, 'Encapsulated')).toEqual([]);
    const route = t.hops.flatMap((h) => h.decisions ?? []).find((d) => d.kind === 'route');
    expect(route).toBeDefined();
    expect(t.hops.some((h) => /learned over BGP from kube-router/.test(h.explanation))).toBe(true);
  });

  it('tunnels to a peer in another subnet, on tun-<peer IP>, both ways', () => {
    const m = model('subnet');
    const t = trace(m, probe('a', 'pod:c', { port: 8080 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.seenSource).toBe(podOf(m, 'a').ip);
    const [enc] = hopsWith(t, 'Encapsulated');
    expect(enc.location.device).toBe('tun-192168502');
    expect(enc.after.outer).toMatchObject({
      encapsulation: 'IPIP',
      protocol: 'IPIP',
      src: '192.168.49.2',
      dst: '192.168.50.2',
      innerMtu: 1480,
    });
    expect(enc.explanation).toMatch(/outside node-1's subnet 192\.168\.49\.0\/24/);
    const [dec] = hopsWith(t, 'Decapsulated');
    expect(dec.location).toMatchObject({ node: 'node-3', device: 'tun-192168492' });
    expect(hopsWith(t, 'Encapsulated', 'reply')[0].location.device).toBe('tun-192168492');
  });

  it('with --overlay-type=full tunnels even on one subnet', () => {
    const t = trace(model('full'), probe('a', 'pod:b', { port: 8080 }));
    expect(hopsWith(t, 'Encapsulated')[0].location.device).toBe('tun-192168493');
  });

  it('with --enable-overlay=false sends across subnets to the router, unencapsulated', () => {
    const t = trace(model('none'), probe('a', 'pod:c', { port: 8080 }));
    expect(t.verdict).toBe('Delivered');
    expect(hopsWith(t, 'Encapsulated')).toEqual([]);
    const viaRouter = t.hops.find((h) => h.location.device === 'router 192.168.49.1');
    expect(viaRouter).toBeDefined();
    expect(t.hops.some((h) => /--peer-router-ips/.test(h.explanation))).toBe(true);
  });

  it('reports a node whose IP is not in its subnet', () => {
    const m = buildCluster(
      cluster({ nodes: [{ name: 'node-1', ip: '192.168.49.2', subnet: '192.168.50.0/24' }] }),
    );
    expect(m.diagnostics.some((d) => d.field === 'subnet' && d.severity === 'error')).toBe(true);
  });
});

// The link the canvas draws between nodes, in the words of each project's docs: the device and
// UDP port of the tunnel (flannel docs "Backends", Calico "Overlay networking", Cilium "Routing",
// Weave "Fast datapath" / "sleeve"), or how routes are learned when nothing is encapsulated.
describe('the link between nodes, as the canvas labels it', () => {
  it.each([
    ['flannel', 'vxlan', 'VXLAN UDP 8472 · flannel.1', true],
    ['flannel', 'host-gw', 'host-gw · routed, no encapsulation', false],
    ['calico', 'bgp', 'BGP routes · no encapsulation', false],
    ['calico', 'ipip', 'IP-in-IP (protocol 4) · tunl0', true],
    ['calico', 'vxlan', 'VXLAN UDP 4789 · vxlan.calico', true],
    ['cilium', 'vxlan', 'VXLAN UDP 8472 · cilium_vxlan', true],
    ['cilium', 'geneve', 'Geneve UDP 6081 · cilium_geneve', true],
    ['cilium', 'native', 'native routing · no encapsulation', false],
    ['weave', 'fastdp', 'VXLAN UDP 6784 · vxlan-6784', true],
    ['weave', 'sleeve', 'sleeve UDP 6783 · weave router', true],
    ['kube-router', 'full', 'IP-in-IP (protocol 4) · tun-<peer>', true],
    ['kube-router', 'subnet', 'BGP routes · IP-in-IP across subnets', false],
    ['kube-router', 'none', 'BGP routes · no encapsulation', false],
  ] as const)('%s %s: %s', (plugin, mode, label, tunnel) => {
    expect(nodeLinkOf({ plugin, mode } as { plugin: CniPlugin; mode: CniMode })).toEqual({
      label,
      tunnel,
    });
  });
});
