/**
 * kube-router as CNI, service proxy and NetworkPolicy enforcer. Cases from the project's own
 * documentation (cloudnativelabs/kube-router): docs/user-guide.md (command-line options,
 * "Hairpin Mode", the kube-bridge CNI configuration), docs/see-it-in-action.md (IPVS service
 * proxy: round robin, client IP based persistence, "source IP is preserved if service controller
 * is used in conjuction with network routes controller"; network policy controller with iptables
 * and ipset), and its network services controller's masquerade rule
 * (pkg/controllers/proxy: `-m ipvs --vdir ORIGINAL --vmethod MASQ ! -s <pod CIDR> ! -d <pod CIDR>
 * -j SNAT`).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import type { CniMode } from './spec.ts';
import { cluster, netpol, pod, probe, svc, trace, webPod } from './testing/builders.ts';
import { hopsWith, nodeIpOf, podOf, ruleLines, serviceOf } from './testing/readers.ts';

const kubeRouter = (mode: CniMode = 'subnet') =>
  buildCluster(
    cluster({
      nodes: 3,
      settings: { cni: { plugin: 'kube-router', mode }, proxyMode: 'kube-router' },
      pods: [
        pod('client', { node: 'node-1', labels: { app: 'client' } }),
        webPod('web-1', { node: 'node-2' }),
        webPod('web-2', { node: 'node-3' }),
      ],
      services: [
        svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
        svc('web-np', {
          type: 'NodePort',
          selector: { app: 'web' },
          ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }],
        }),
      ],
    }),
  );

describe('kube-router service proxy: IPVS on kube-dummy-if in place of kube-proxy', () => {
  const model = kubeRouter();
  const vip = serviceOf(model, 'web').clusterIP!;
  const t = trace(model, probe('client', `ip:${vip}`, { port: 80, seed: 2 }));

  it('translates on the kube-proxy hop, named as kube-router’s proxy', () => {
    expect(t.verdict).toBe('Delivered');
    const dnat = t.hops.find((h) => h.location.place === 'KubeProxy')!;
    expect(dnat.location.device).toBe('IPVS (kube-dummy-if, kube-router)');
    expect(dnat.explanation).toMatch(/^kube-router's service proxy/);
  });

  it('binds the ClusterIP to kube-dummy-if, one virtual server, a real server per endpoint, rr', () => {
    const lines = ruleLines(t);
    expect(lines).toContain(
      `kube-dummy-if: inet ${vip}/32 scope link (kube-router binds the Service address to its dummy device)`,
    );
    expect(lines).toContain(`TCP  ${vip}:80 rr`);
    for (const p of ['web-1', 'web-2'])
      expect(lines).toContain(`  -> ${podOf(model, p).ip}:8080    Masq    1`);
  });

  it('keeps the client pod’s address (no masquerade for pod traffic)', () => {
    expect(t.seenSource).toBe(podOf(model, 'client').ip);
    const last = t.reply.at(-1)!.after;
    expect(last.src).toEqual({ ip: vip, port: 80 });
  });

  it('pins a client with sessionAffinity: ClientIP (IPVS persistence)', () => {
    const m = buildCluster(
      cluster({
        settings: { cni: { plugin: 'kube-router', mode: 'subnet' }, proxyMode: 'kube-router' },
        pods: [pod('client'), pod('w', { labels: { app: 'w' }, ports: [80] })],
        services: [svc('w', { selector: { app: 'w' }, sessionAffinity: 'ClientIP' })],
      }),
    );
    expect(
      ruleLines(trace(m, probe('client', 'w'))).some((l) => /rr persistent 10800/.test(l)),
    ).toBe(true);
  });

  it('runs with another CNI too ("trying kube-router as alternative to kube-proxy")', () => {
    const m = buildCluster(
      cluster({
        settings: { proxyMode: 'kube-router' },
        pods: [pod('client'), pod('w', { labels: { app: 'w' }, ports: [80] })],
        services: [svc('w', { selector: { app: 'w' } })],
      }),
    );
    expect(m.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const hop = trace(m, probe('client', 'w')).hops.find((h) => h.location.place === 'KubeProxy');
    expect(hop?.location.device).toMatch(/kube-dummy-if/);
  });

  it('does not support hairpin traffic by default (user guide, "Hairpin Mode")', () => {
    const hairpin = (proxyMode: 'kube-router' | 'iptables') =>
      buildCluster(
        cluster({
          settings: { cni: { plugin: 'kube-router', mode: 'subnet' }, proxyMode },
          pods: [webPod('web-1')],
          services: [
            svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
          ],
        }),
      );
    const h = trace(hairpin('kube-router'), probe('web-1', 'web', { port: 80 }));
    expect(h.verdict).toBe('Dropped');
    expect(h.reason).toBe('HairpinNotSupported');
    expect(h.hops.at(-1)!.explanation).toMatch(/--hairpin-mode/);
    // kube-proxy, on the same kube-router network, masquerades the hairpin.
    expect(trace(hairpin('iptables'), probe('web-1', 'web', { port: 80 })).verdict).toBe(
      'Delivered',
    );
  });
});

describe('kube-router NodePort: masquerade only what neither comes from nor goes to local pods', () => {
  const model = kubeRouter();

  it('SNATs to the node address when the endpoint is on another node (Cluster)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const t = trace(
        model,
        probe('ext:user', `ip:${nodeIpOf(model, 'node-1')}`, { port: 30080, seed }),
      );
      expect(t.verdict).toBe('Delivered');
      expect(t.seenSource).toBe(nodeIpOf(model, 'node-1'));
      expect(ruleLines(t).some((l) => /--vmethod MASQ ! -s 10\.244\.1\.0\/24/.test(l))).toBe(true);
    }
  });

  it('keeps the client address when the chosen endpoint runs on the receiving node', () => {
    const seen = new Set<string | null>();
    for (let seed = 1; seed <= 20; seed++) {
      const t = trace(
        model,
        probe('ext:user', `ip:${nodeIpOf(model, 'node-2')}`, { port: 30080, seed }),
      );
      expect(t.verdict).toBe('Delivered');
      if (t.deliveredTo?.pod.name === 'web-1') seen.add(t.seenSource);
      else expect(t.seenSource).toBe(nodeIpOf(model, 'node-2'));
      const last = t.reply.at(-1)!.after;
      expect(last.src).toEqual({ ip: nodeIpOf(model, 'node-2'), port: 30080 });
      expect(last.dst.ip).toBe('198.51.100.7');
    }
    expect([...seen]).toEqual(['198.51.100.7']);
  });

  it('writes an IPVS virtual server on the node address for the nodePort', () => {
    const t = trace(model, probe('ext:user', `ip:${nodeIpOf(model, 'node-1')}`, { port: 30080 }));
    expect(ruleLines(t)).toContain(`TCP  ${nodeIpOf(model, 'node-1')}:30080 rr`);
    expect(ruleLines(t).some((l) => l.startsWith('kube-dummy-if'))).toBe(false);
  });
});

describe('kube-router network policy controller (iptables and ipsets)', () => {
  it('enforces ingress and egress policies and names itself', () => {
    const m = buildCluster(
      cluster({
        settings: { cni: { plugin: 'kube-router', mode: 'subnet' } },
        pods: [pod('a', { node: 'node-1' }), pod('b', { node: 'node-2', ports: [8080] })],
        networkPolicies: [netpol('deny', { policyTypes: ['Ingress'] })],
      }),
    );
    const t = trace(m, probe('a', 'pod:b', { port: 8080 }));
    expect(t.reason).toBe('PolicyDenied');
    expect(t.hops.at(-1)!.explanation).toMatch(/kube-router's network policy controller/);
    expect(t.hops.at(-1)!.location.node).toBe('node-2');
  });
});

describe('kube-router and Calico on the same flow (gallery comparison)', () => {
  const flow = (plugin: 'kube-router' | 'calico') =>
    trace(
      buildCluster(
        cluster({
          settings:
            plugin === 'calico'
              ? { cni: { plugin, mode: 'bgp' } }
              : { cni: { plugin, mode: 'subnet' }, proxyMode: 'kube-router' },
          pods: [pod('a', { node: 'node-1' }), pod('b', { node: 'node-2', ports: [8080] })],
        }),
      ),
      probe('a', 'pod:b', { port: 8080 }),
    );

  it('both route over BGP without encapsulation on one subnet; only kube-router has a bridge', () => {
    const kr = flow('kube-router');
    const calico = flow('calico');
    for (const t of [kr, calico]) {
      expect(t.verdict).toBe('Delivered');
      expect(hopsWith(t, 'Encapsulated')).toEqual([]);
    }
    expect(kr.hops.some((h) => h.location.device === 'kube-bridge')).toBe(true);
    expect(calico.hops.some((h) => h.location.place === 'Bridge')).toBe(false);
  });
});
