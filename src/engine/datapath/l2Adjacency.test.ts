/**
 * Flannel host-gw and layer-2 adjacency. flannel Documentation/backends.md, host-gw: "Use
 * host-gw to create IP routes to subnets via remote machine IPs. Requires direct layer2
 * connectivity between hosts running flannel." The route flanneld adds is "<pod subnet> via
 * <node IP>" on the external interface (pkg/backend/hostgw, a RouteNetwork whose route's Gw is the
 * lease's public IP); Linux refuses a gateway that is not on-link ("Nexthop has invalid gateway"
 * / "network is unreachable"). What happens next is PodPath's assumption, said in the trace: the
 * default route to the subnet's router, which has no route for pod CIDRs, drops the packet.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/buildCluster.ts';
import type { CniMode, CniPlugin, NodeSpec } from '../spec.ts';
import { cluster, pod, probe, trace } from '../testing/builders.ts';

const sameSegment: NodeSpec[] = [
  { name: 'node-1', ip: '192.168.49.10' },
  { name: 'node-2', ip: '192.168.49.11' },
];
const twoSubnets: NodeSpec[] = [
  { name: 'node-1', ip: '192.168.49.10', subnet: '192.168.49.0/25' },
  { name: 'node-2', ip: '192.168.49.200', subnet: '192.168.49.128/25' },
];
const spec = (plugin: CniPlugin, mode: CniMode, nodes: NodeSpec[]) =>
  cluster({
    settings: { cni: { plugin, mode }, nodeNetwork: '192.168.49.0/24' },
    nodes,
    pods: [
      pod('client', { node: 'node-1' }),
      pod('server', { node: 'node-2', ports: [8080] }),
      pod('near', { node: 'node-1', ports: [8080] }),
    ],
  });

describe('Flannel host-gw needs one layer-2 segment', () => {
  it.each([
    // [case, plugin, mode, nodes, target, verdict]
    ['host-gw, one segment', 'flannel', 'host-gw', sameSegment, 'server', 'Delivered'],
    ['host-gw, two subnets, across', 'flannel', 'host-gw', twoSubnets, 'server', 'Dropped'],
    ['host-gw, two subnets, same node', 'flannel', 'host-gw', twoSubnets, 'near', 'Delivered'],
    [
      'VXLAN, two subnets: tunnels between node addresses',
      'flannel',
      'vxlan',
      twoSubnets,
      'server',
      'Delivered',
    ],
  ] as const)('%s', (_case, plugin, mode, nodes, target, verdict) => {
    const m = buildCluster(spec(plugin, mode, [...nodes]));
    const t = trace(m, probe('client', `pod:${target}`, { port: 8080 }));
    expect(t.verdict).toBe(verdict);
  });

  it('drops at the subnet router, saying why and what is assumed', () => {
    const m = buildCluster(spec('flannel', 'host-gw', twoSubnets));
    const t = trace(m, probe('client', 'pod:server', { port: 8080 }));
    expect(t.reason).toBe('NoRoute');
    const last = t.hops.at(-1)!;
    expect(last.location.device).toBe('router 192.168.49.1');
    expect(last.explanation).toMatch(/knows the node subnets, not the pod CIDR/);
    const routeHop = t.hops.at(-2)!;
    expect(routeHop.location.node).toBe('node-1');
    expect(routeHop.explanation).toMatch(/requires direct layer2 connectivity between hosts/);
    expect(routeHop.explanation).toMatch(/not on-link/);
    expect(routeHop.decisions?.[0].summary).toBe(
      `default via 192.168.49.1 dev eth0 (no route for ${m.nodes[1].podCidr})`,
    );
    // The packet never reaches node-2 and the server never answers.
    expect(t.hops.some((h) => h.location.node === 'node-2')).toBe(false);
    expect(t.reply).toEqual([]);
  });

  // RFC 3021: the two addresses of a /31 are the two ends of a point-to-point link, so there is
  // no address left for a router; a /32 holds the node alone. The trace names no router then.
  it.each(['31', '32'])('names no router address on a /%s, which has none', (bits) => {
    const nodes: NodeSpec[] = [
      { name: 'node-1', ip: '192.168.49.10', subnet: `192.168.49.10/${bits}` },
      { name: 'node-2', ip: '192.168.49.200', subnet: `192.168.49.200/${bits}` },
    ];
    const m = buildCluster(spec('flannel', 'host-gw', nodes));
    const t = trace(m, probe('client', 'pod:server', { port: 8080 }));
    expect(t.reason).toBe('NoRoute');
    expect(t.hops.at(-1)!.location.device).toBe('router');
    expect(t.hops.at(-2)!.decisions?.[0].summary).toBe(
      `default dev eth0 (no route for ${m.nodes[1].podCidr})`,
    );
  });

  it('drops the reply too: a pod can reach the other node, whose answer has no way back', () => {
    // node-1's pod to a hostNetwork pod on node-2, at node-2's address: the node network
    // carries it (the routers know the node subnets). node-2 answers the pod IP; it has no
    // route for node-1's pod subnet, and the router drops the answer.
    const base = spec('flannel', 'host-gw', twoSubnets);
    const m = buildCluster({
      ...base,
      pods: [...base.pods, pod('agent', { node: 'node-2', hostNetwork: true, ports: [9100] })],
    });
    const t = trace(m, probe('client', 'pod:agent', { port: 9100 }));
    expect(t.hops.at(-1)!.verdict).toBe('Delivered');
    expect(t.verdict).toBe('Dropped');
    expect(t.reason).toBe('NoRoute');
    expect(t.reply.at(-1)!.location.device).toBe('router 192.168.49.129');
    expect(t.summary).toMatch(/the reply was dropped at router 192\.168\.49\.129/);
  });

  it('warns in the settings when host-gw is chosen and node subnets differ', () => {
    const warn = (plugin: CniPlugin, mode: CniMode, nodes: NodeSpec[]) =>
      buildCluster(spec(plugin, mode, nodes)).diagnostics.find((d) => d.field === 'settings.cni');
    expect(warn('flannel', 'host-gw', twoSubnets)?.message).toMatch(
      /host-gw needs every node on one layer-2 segment, but the nodes are on 2 subnets/,
    );
    expect(warn('flannel', 'host-gw', twoSubnets)?.severity).toBe('warning');
    expect(warn('flannel', 'host-gw', sameSegment)).toBeUndefined();
    expect(warn('flannel', 'vxlan', twoSubnets)).toBeUndefined();
  });
});
