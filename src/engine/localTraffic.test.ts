/**
 * kube-proxy's local traffic detection, as its iptables proxier writes the Service's external
 * chain (kubernetes/kubernetes pkg/proxy/iptables/proxier.go, pinned by proxier_test.go): under
 * externalTrafficPolicy: Local, "pod traffic for ... external destinations" (-s clusterCIDR)
 * goes to the cluster-wide chain with its source kept; "masquerade LOCAL traffic ..." and
 * "route LOCAL traffic ..." (-m addrtype --src-type LOCAL) masquerade what the node sends itself
 * and send it cluster-wide too; under Cluster, "masquerade traffic for ... external destinations"
 * marks every packet. The change that made it so: kubernetes/kubernetes PRs #77523 and #78662,
 * for issue #65387 ("externalTrafficPolicy=Local breaks internal reachability"). Upstream's
 * comment for the LOCAL rule: locally originated traffic still needs masquerade because the
 * load balancer IP itself is a local address, so that will be the chosen source IP. The
 * nftables proxier writes the same three cases.
 * PodPath models the detection with --detect-local-mode=ClusterCIDR, for kube-proxy's iptables
 * and nftables modes.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import type { ProxyMode } from './spec.ts';
import { cluster, pod, probe, svc, trace, webPod } from './testing/builders.ts';
import { nodeIpOf, podOf, ruleLines, serviceOf } from './testing/readers.ts';

function world(policy: 'Cluster' | 'Local', proxyMode: ProxyMode = 'iptables') {
  return buildCluster(
    cluster({
      nodes: 3,
      settings: { proxyMode, cni: { plugin: 'flannel', mode: 'vxlan' } },
      pods: [
        pod('client', { node: 'node-1' }),
        webPod('web-1', { node: 'node-2' }),
        webPod('web-2', { node: 'node-3' }),
      ],
      services: [
        svc('web', {
          type: 'LoadBalancer',
          externalTrafficPolicy: policy,
          selector: { app: 'web' },
          ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }],
        }),
      ],
    }),
  );
}

type Seen = 'pod' | 'node-1' | 'masqueraded' | 'user';

describe("kube-proxy's local traffic detection (pkg/proxy/iptables/proxier.go)", () => {
  it.each([
    // who, policy, proxy, where to, verdict, reason, the source the backend sees, rule text
    ['pod', 'Local', 'iptables', 'nodePort', 'Delivered', undefined, 'pod', 'pod traffic for'],
    ['pod', 'Local', 'nftables', 'nodePort', 'Delivered', undefined, 'pod', 'pod traffic for'],
    [
      'node',
      'Local',
      'iptables',
      'nodePort',
      'Delivered',
      undefined,
      'node-1',
      'route LOCAL traffic',
    ],
    ['pod', 'Local', 'iptables', 'lb', 'Delivered', undefined, 'pod', undefined],
    [
      'pod',
      'Cluster',
      'iptables',
      'lb',
      'Delivered',
      undefined,
      'masqueraded',
      'masquerade traffic for',
    ],
    ['pod', 'Cluster', 'iptables', 'nodePort', 'Delivered', undefined, 'masqueraded', undefined],
    // Outside traffic keeps the Local policy: node-1 runs no endpoint.
    [
      'user',
      'Local',
      'iptables',
      'nodePort',
      'Dropped',
      'NodeHasNoLocalEndpoint',
      undefined,
      undefined,
    ],
  ] as const)(
    '%s with externalTrafficPolicy %s (%s) to the %s: %s %s, backend sees %s',
    (who, policy, proxyMode, dest, verdict, reason, seen, rule) => {
      const model = world(policy, proxyMode);
      const from = who === 'pod' ? 'client' : who === 'node' ? 'node:node-1' : 'ext:user';
      const to =
        dest === 'lb'
          ? `ip:${serviceOf(model, 'web').loadBalancerIP}`
          : `ip:${nodeIpOf(model, 'node-1')}`;
      const t = trace(model, probe(from, to, { port: dest === 'lb' ? 80 : 30080, seed: 3 }));
      expect(t.verdict).toBe(verdict);
      if (reason) expect(t.reason).toBe(reason);
      if (seen) {
        const podIp = podOf(model, 'client').ip;
        const nodeIp = nodeIpOf(model, 'node-1');
        const expected: Record<Seen, (ip: string | null) => boolean> = {
          pod: (ip) => ip === podIp,
          'node-1': (ip) => ip === nodeIp,
          masqueraded: (ip) => ip !== podIp && ip !== null,
          user: (ip) => ip === '198.51.100.7',
        };
        expect(expected[seen](t.seenSource)).toBe(true);
        // The reply undoes every translation.
        expect(t.reply.at(-1)!.after.dst).toEqual(t.hops[0].before.src);
        expect(t.reply.at(-1)!.after.src).toEqual(t.hops[0].before.dst);
      }
      if (rule) expect(ruleLines(t).some((r) => r.includes(rule))).toBe(true);
    },
  );

  it('pod traffic may reach any endpoint, on any node, under the Local policy', () => {
    const model = world('Local');
    const nodes = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map(
        (seed) =>
          trace(model, probe('client', `ip:${nodeIpOf(model, 'node-1')}`, { port: 30080, seed }))
            .deliveredTo?.pod.name,
      ),
    );
    expect(nodes).toEqual(new Set(['web-1', 'web-2']));
  });
});
