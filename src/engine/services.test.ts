/**
 * Services through kube-proxy: KUBERNETES-NETWORKING.md section 3 and the upstream page
 * "Virtual IPs and Service Proxies" (kubernetes.io/docs/reference/networking/virtual-ips/), and
 * "Using Source IP" (kubernetes.io/docs/tutorials/services/source-ip/) for traffic policies.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import type { ClusterModel } from './model.ts';
import { effectiveProxyMode, proxyFitsCni, type ProxyMode, type ServiceSpec } from './spec.ts';
import { cluster, pod, probe, svc, trace, webPod } from './testing/builders.ts';
import { hopsWith, nodeIpOf, podOf, ruleLines, serviceOf } from './testing/readers.ts';
import type { Trace } from './trace.ts';

const web = (name: string, node: string, extra: Parameters<typeof pod>[1] = {}) =>
  webPod(name, { node, ...extra });

function webCluster(
  service: Partial<ServiceSpec> = {},
  opts: { proxyMode?: ProxyMode; plugin?: 'flannel' | 'cilium' | 'calico'; webs?: number } = {},
): ClusterModel {
  const webs = Array.from({ length: opts.webs ?? 2 }, (_, i) =>
    web(`web-${i + 1}`, `node-${(i % 2) + 2}`),
  );
  const plugin = opts.plugin ?? 'flannel';
  const mode = plugin === 'calico' ? 'bgp' : 'vxlan';
  return buildCluster(
    cluster({
      nodes: 3,
      settings: { proxyMode: opts.proxyMode ?? 'iptables', cni: { plugin, mode } },
      pods: [pod('client', { node: 'node-1', labels: { app: 'client' } }), ...webs],
      services: [
        svc('web', {
          selector: { app: 'web' },
          ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
          ...service,
        }),
      ],
    }),
  );
}

/** The reply undoes every translation: its last packet mirrors the request's first. */
function expectReplyMirrorsRequest(t: Trace) {
  const first = t.hops[0].before;
  const last = t.reply.at(-1)!.after;
  expect(last.src).toEqual(first.dst);
  expect(last.dst).toEqual(first.src);
}

describe('ClusterIP: DNAT on the client’s node, reversed by conntrack (section 3, ClusterIP)', () => {
  const model = webCluster();
  const vip = serviceOf(model, 'web').clusterIP!;
  const t = trace(model, probe('client', `ip:${vip}`, { port: 80, seed: 4 }));

  it('is delivered to an endpoint on its target port', () => {
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo?.port).toBe(8080);
    expect(['web-1', 'web-2']).toContain(t.deliveredTo?.pod.name);
  });

  it('rewrites only the destination, at kube-proxy on the client’s node', () => {
    const dnat = hopsWith(t, 'Translated');
    expect(dnat).toHaveLength(1);
    expect(dnat[0].location.place).toBe('KubeProxy');
    expect(dnat[0].location.node).toBe('node-1');
    expect(dnat[0].before.dst).toEqual({ ip: vip, port: 80 });
    expect(dnat[0].after.dst).toEqual({ ip: t.deliveredTo!.ip, port: 8080 });
    expect(dnat[0].after.src).toEqual(dnat[0].before.src);
  });

  it('keeps the client pod IP as the source (no NAT between pods, section 1)', () => {
    expect(t.seenSource).toBe(podOf(model, 'client').ip);
  });

  it('shows the reply coming from the ClusterIP', () => {
    const undo = hopsWith(t, 'Translated', 'reply');
    expect(undo).toHaveLength(1);
    expect(undo[0].location.node).toBe('node-1');
    expect(undo[0].after.src).toEqual({ ip: vip, port: 80 });
    expectReplyMirrorsRequest(t);
  });

  it('does not expose ports the Service does not list (PortNotExposed)', () => {
    const miss = trace(model, probe('client', `ip:${vip}`, { port: 81 }));
    expect(miss.verdict).toBe('Dropped');
    expect(miss.reason).toBe('PortNotExposed');
  });

  it('is not reachable from outside the cluster (NoRoute)', () => {
    const out = trace(model, probe('ext:user', `ip:${vip}`, { port: 80 }));
    expect(out.reason).toBe('NoRoute');
  });
});

describe('kube-proxy modes write their own rules (virtual-ips page, section 3)', () => {
  it('iptables: endpoint i of n gets --probability 1/(n-i), the last none', () => {
    const model = webCluster({}, { webs: 4 });
    const t = trace(model, probe('client', 'web', { seed: 2 }));
    const svcChainJumps = ruleLines(t).filter((l) => /^-A KUBE-SVC-\S+ .* -j KUBE-SEP-/.test(l));
    expect(svcChainJumps).toHaveLength(4);
    const probs = svcChainJumps.map((l) => /--probability ([\d.]+)/.exec(l)?.[1]);
    expect(Number(probs[0])).toBeCloseTo(1 / 4, 9);
    expect(Number(probs[1])).toBeCloseTo(1 / 3, 9);
    expect(Number(probs[2])).toBeCloseTo(1 / 2, 9);
    expect(probs[3]).toBeUndefined();
    const lb = t.hops.flatMap((h) => h.decisions ?? []).find((d) => d.kind === 'load-balancing');
    expect(lb?.candidates?.map((c) => c.probability)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(ruleLines(t).filter((l) => l.includes('-j DNAT --to-destination'))).toHaveLength(4);
  });

  it('IPVS: the ClusterIP on kube-ipvs0, one rr virtual server, one real server per endpoint', () => {
    const model = webCluster({}, { proxyMode: 'ipvs', webs: 3 });
    const vip = serviceOf(model, 'web').clusterIP!;
    const lines = ruleLines(trace(model, probe('client', 'web')));
    expect(lines.some((l) => l.includes('kube-ipvs0') && l.includes(vip))).toBe(true);
    expect(lines.filter((l) => l.startsWith(`TCP  ${vip}:80 rr`))).toHaveLength(1);
    expect(lines.filter((l) => /^\s+-> [\d.]+:8080\s+Masq/.test(l))).toHaveLength(3);
  });

  it('nftables: a service-ips verdict map and numgen over the endpoints', () => {
    const model = webCluster({}, { proxyMode: 'nftables', webs: 3 });
    const vip = serviceOf(model, 'web').clusterIP!;
    const lines = ruleLines(trace(model, probe('client', 'web')));
    expect(lines.some((l) => l.includes('service-ips') && l.includes(`${vip} . tcp . 80`))).toBe(
      true,
    );
    expect(lines.some((l) => l.includes('numgen random mod 3 vmap'))).toBe(true);
    expect(lines.filter((l) => /dnat to [\d.]+:8080/.test(l))).toHaveLength(3);
  });

  it('eBPF (Cilium): translated at connect(), so no DNAT hop on the wire', () => {
    const model = webCluster({}, { proxyMode: 'ebpf', plugin: 'cilium' });
    const vip = serviceOf(model, 'web').clusterIP!;
    const t = trace(model, probe('client', `ip:${vip}`, { port: 80 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.hops.some((h) => h.location.place === 'KubeProxy')).toBe(false);
    const translated = hopsWith(t, 'Translated');
    expect(translated).toHaveLength(1);
    expect(translated[0].location.place).toBe('Container');
    // Every hop outside the client container already carries the backend address.
    for (const h of t.hops.filter((x) => x.location.place !== 'Container')) {
      expect(h.before.dst.ip).not.toBe(vip);
    }
    expectReplyMirrorsRequest(t);
  });

  it('eBPF on a CNI that is not Cilium falls back to iptables (with an error diagnostic)', () => {
    const model = webCluster({}, { proxyMode: 'ebpf' });
    expect(model.diagnostics.some((d) => d.field === 'settings.proxyMode')).toBe(true);
    const t = trace(model, probe('client', 'web'));
    expect(t.hops.some((h) => h.location.place === 'KubeProxy' && h.verdict === 'Translated')).toBe(
      true,
    );
    expect(ruleLines(t).some((l) => l.startsWith('-A KUBE-SERVICES'))).toBe(true);
  });

  // Cilium docs, "Kubernetes Without kube-proxy" (docs.cilium.io/en/stable/network/kubernetes/
  // kubeproxy-free/): the eBPF replacement is Cilium's agent. kube-proxy's modes and kube-router's
  // service proxy (kube-router docs, "Deployment": --run-service-proxy with any CNI) fit all.
  const PLUGINS = ['flannel', 'calico', 'cilium', 'weave', 'kube-router'] as const;
  it.each(
    (['iptables', 'ipvs', 'nftables', 'ebpf', 'kube-router'] as const).flatMap((proxy) =>
      PLUGINS.map((plugin) => [proxy, plugin, proxy !== 'ebpf' || plugin === 'cilium'] as const),
    ),
  )('%s with %s: fits %s', (proxy, plugin, fits) => {
    expect(proxyFitsCni(proxy, plugin)).toBe(fits);
    expect(effectiveProxyMode(proxy, plugin)).toBe(fits ? proxy : 'iptables');
  });
});

describe('endpoints that are not there (section 3)', () => {
  it.each([
    ['a selector that matches no pod', { selector: { app: 'nothing' } }, 'matches no pod'],
    ['pods that are not Ready', {}, 'not Ready'],
  ])(
    'rejects traffic to a Service whose selector finds %s (NoEndpoints)',
    (_what, service, text) => {
      const model = buildCluster(
        cluster({
          pods: [
            pod('client'),
            web('web-1', 'node-2', { ready: false }),
            web('web-2', 'node-2', { ready: false }),
          ],
          services: [
            svc('web', {
              selector: { app: 'web' },
              ports: [{ port: 80, targetPort: 'http' }],
              ...service,
            }),
          ],
        }),
      );
      const t = trace(model, probe('client', 'web'));
      expect(t.verdict).toBe('Dropped');
      expect(t.reason).toBe('NoEndpoints');
      const last = t.hops.at(-1)!;
      expect(last.location.place).toBe('KubeProxy');
      expect(last.location.node).toBe('node-1');
      expect(last.explanation).toContain(text);
      expect(ruleLines(t).some((l) => l.includes('REJECT'))).toBe(true);
    },
  );

  it('never picks a pod that is not Ready, whatever the seed', () => {
    const model = buildCluster(
      cluster({
        pods: [pod('client'), web('web-1', 'node-2', { ready: false }), web('web-2', 'node-2')],
        services: [
          svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
        ],
      }),
    );
    for (let seed = 1; seed <= 20; seed++) {
      expect(trace(model, probe('client', 'web', { seed })).deliveredTo?.pod.name).toBe('web-2');
    }
  });

  it('still lets a pod that is not Ready be reached directly by its IP (readiness is for Services)', () => {
    const model = buildCluster(
      cluster({ pods: [pod('client'), web('web-1', 'node-2', { ready: false })] }),
    );
    expect(trace(model, probe('client', 'pod:web-1', { port: 8080 })).verdict).toBe('Delivered');
  });
});

describe('sessionAffinity: ClientIP pins a client to one endpoint (section 3)', () => {
  const pick = (model: ClusterModel) =>
    new Set(
      Array.from(
        { length: 30 },
        (_, i) => trace(model, probe('client', 'web', { seed: i + 1 })).deliveredTo?.pod.name,
      ),
    );
  it('sends every connection of one client to the same endpoint', () => {
    const model = webCluster({ sessionAffinity: 'ClientIP' }, { webs: 4 });
    expect(pick(model).size).toBe(1);
  });
  it('spreads connections without affinity', () => {
    expect(pick(webCluster({}, { webs: 4 })).size).toBeGreaterThan(1);
  });
  it.each([
    ['iptables', /-m recent --name KUBE-SEP-\S+ --rcheck --seconds 10800/],
    ['ipvs', /rr persistent 10800/],
  ] as const)('writes the affinity into the %s rules', (mode, pattern) => {
    const model = webCluster({ sessionAffinity: 'ClientIP' }, { proxyMode: mode });
    expect(ruleLines(trace(model, probe('client', 'web'))).some((l) => pattern.test(l))).toBe(true);
  });
});

describe('hairpin: a pod reaching itself through its own Service needs masquerade (section 3)', () => {
  it.each(['flannel', 'calico'] as const)('masquerades and un-masquerades (%s)', (plugin) => {
    const model = buildCluster(
      cluster({
        settings: { cni: { plugin, mode: plugin === 'calico' ? 'bgp' : 'vxlan' } },
        pods: [web('web-1', 'node-1')],
        services: [
          svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
        ],
      }),
    );
    const self = podOf(model, 'web-1');
    const vip = serviceOf(model, 'web').clusterIP!;
    const t = trace(model, probe('web-1', `ip:${vip}`, { port: 80 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo?.pod.name).toBe('web-1');
    expect(t.seenSource).not.toBe(self.ip);
    const snat = hopsWith(t, 'Translated').filter((h) => h.before.src.ip !== h.after.src.ip);
    expect(snat).toHaveLength(1);
    expectReplyMirrorsRequest(t);
  });
});

describe('internalTrafficPolicy: Local keeps in-cluster traffic on the node (section 3)', () => {
  it('drops when the client’s node has no endpoint (NodeHasNoLocalEndpoint)', () => {
    const model = webCluster({ internalTrafficPolicy: 'Local' });
    const t = trace(model, probe('client', 'web'));
    expect(t.reason).toBe('NodeHasNoLocalEndpoint');
    expect(t.hops.at(-1)!.location.node).toBe('node-1');
  });
  it('always picks the endpoint on the client’s node when there is one', () => {
    const model = buildCluster(
      cluster({
        nodes: 2,
        pods: [
          pod('client', { node: 'node-1' }),
          web('web-1', 'node-1'),
          web('web-2', 'node-2'),
          web('web-3', 'node-2'),
        ],
        services: [
          svc('web', {
            selector: { app: 'web' },
            internalTrafficPolicy: 'Local',
            ports: [{ port: 80, targetPort: 'http' }],
          }),
        ],
      }),
    );
    for (let seed = 1; seed <= 20; seed++) {
      expect(trace(model, probe('client', 'web', { seed })).deliveredTo?.pod.name).toBe('web-1');
    }
  });
});

describe('NodePort and externalTrafficPolicy (section 3, NodePort; source-ip tutorial)', () => {
  // web-1 on node-2, web-2 on node-3; node-1 has no endpoint.
  const nodePortCluster = (etp: 'Cluster' | 'Local') =>
    webCluster({
      type: 'NodePort',
      externalTrafficPolicy: etp,
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }],
    });

  describe('Cluster (default): any node accepts, SNATs to itself, may forward to another node', () => {
    const model = nodePortCluster('Cluster');
    const node1 = nodeIpOf(model, 'node-1');
    const t = trace(model, probe('ext:user', `ip:${node1}`, { port: 30080, seed: 3 }));

    it('is delivered from a node that runs no endpoint', () => {
      expect(t.verdict).toBe('Delivered');
      expect(['node-2', 'node-3']).toContain(podOf(model, t.deliveredTo!.pod.name).node);
    });
    it('masquerades: the backend sees the node IP, not the client', () => {
      expect(t.seenSource).toBe(node1);
      const snat = hopsWith(t, 'Translated').find((h) => h.after.src.ip === node1);
      expect(snat?.before.src.ip).toBe('198.51.100.7');
    });
    it('takes a second hop to the endpoint’s node', () => {
      expect(t.hops.some((h) => h.verdict === 'Encapsulated' && h.location.node === 'node-1')).toBe(
        true,
      );
    });
    it('answers from the node address the client called', () => {
      expectReplyMirrorsRequest(t);
      expect(t.reply.at(-1)!.after.src).toEqual({ ip: node1, port: 30080 });
    });
  });

  describe('Local: only nodes with a local endpoint accept, the client IP is kept', () => {
    const model = nodePortCluster('Local');
    it('drops on a node without a local endpoint (NodeHasNoLocalEndpoint)', () => {
      const t = trace(model, probe('ext:user', `ip:${nodeIpOf(model, 'node-1')}`, { port: 30080 }));
      expect(t.verdict).toBe('Dropped');
      expect(t.reason).toBe('NodeHasNoLocalEndpoint');
      expect(t.hops.at(-1)!.location.node).toBe('node-1');
    });
    it('delivers on a node with one, without SNAT and without a second hop', () => {
      const t = trace(model, probe('ext:user', `ip:${nodeIpOf(model, 'node-2')}`, { port: 30080 }));
      expect(t.verdict).toBe('Delivered');
      expect(t.seenSource).toBe('198.51.100.7');
      expect(t.deliveredTo?.pod.name).toBe('web-1');
      expect(t.hops.some((h) => h.verdict === 'Encapsulated')).toBe(false);
      expectReplyMirrorsRequest(t);
    });
  });

  it('refuses a port that is no nodePort (NotListening)', () => {
    const model = nodePortCluster('Cluster');
    const t = trace(model, probe('ext:user', `ip:${nodeIpOf(model, 'node-1')}`, { port: 30081 }));
    expect(t.reason).toBe('NotListening');
  });

  it('also answers a pod that calls a NodePort, with the reply from the node address', () => {
    const model = nodePortCluster('Cluster');
    const node3 = nodeIpOf(model, 'node-3');
    const t = trace(model, probe('client', `ip:${node3}`, { port: 30080 }));
    expect(t.verdict).toBe('Delivered');
    expectReplyMirrorsRequest(t);
  });
});

describe('LoadBalancer: NodePort plus a cloud load balancer in front (section 3, LoadBalancer)', () => {
  const lbCluster = (etp: 'Cluster' | 'Local') =>
    webCluster({ type: 'LoadBalancer', externalTrafficPolicy: etp });

  it.each(['Cluster', 'Local'] as const)('answers from the load balancer address (%s)', (etp) => {
    const model = lbCluster(etp);
    const lbIp = serviceOf(model, 'web').loadBalancerIP!;
    for (let seed = 1; seed <= 10; seed++) {
      const t = trace(model, probe('ext:user', `ip:${lbIp}`, { port: 80, seed }));
      expect(t.verdict).toBe('Delivered');
      expectReplyMirrorsRequest(t);
      expect(t.reply.at(-1)!.after.src).toEqual({ ip: lbIp, port: 80 });
    }
  });

  it('with Local, sends only to nodes that pass the health check and keeps the client IP', () => {
    const model = lbCluster('Local');
    const lbIp = serviceOf(model, 'web').loadBalancerIP!;
    expect(serviceOf(model, 'web').healthCheckNodePort).toBeDefined();
    for (let seed = 1; seed <= 20; seed++) {
      const t = trace(model, probe('ext:user', `ip:${lbIp}`, { port: 80, seed }));
      expect(t.seenSource).toBe('198.51.100.7');
      const lb = t.hops.find((h) => h.location.place === 'LoadBalancer')!;
      const nodes = lb.decisions![0].candidates!.map((c) => c.node);
      expect(nodes).not.toContain('node-1');
    }
  });

  it('with Cluster, the backend sees a node IP', () => {
    const model = lbCluster('Cluster');
    const lbIp = serviceOf(model, 'web').loadBalancerIP!;
    const t = trace(model, probe('ext:user', `ip:${lbIp}`, { port: 80, seed: 5 }));
    expect(model.nodes.map((n) => n.ip)).toContain(t.seenSource);
  });

  it('short-circuits the load balancer address inside the cluster (kube-proxy)', () => {
    const model = lbCluster('Cluster');
    const lbIp = serviceOf(model, 'web').loadBalancerIP!;
    const t = trace(model, probe('client', `ip:${lbIp}`, { port: 80 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.hops.some((h) => h.location.place === 'LoadBalancer')).toBe(false);
    expectReplyMirrorsRequest(t);
  });
});

describe('headless and ExternalName Services (section 3 and section 4)', () => {
  const model = buildCluster(
    cluster({
      pods: [pod('client'), web('web-1', 'node-1'), web('web-2', 'node-2')],
      services: [
        svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
        svc('web-headless', {
          clusterIP: 'None',
          selector: { app: 'web' },
          ports: [{ port: 8080 }],
        }),
        svc('ext', { type: 'ExternalName', externalName: 'api.example.com', ports: [] }),
        svc('alias', {
          type: 'ExternalName',
          externalName: 'web.default.svc.cluster.local',
          ports: [],
        }),
        svc('loop', {
          type: 'ExternalName',
          externalName: 'loop.default.svc.cluster.local',
          ports: [],
        }),
      ],
    }),
  );

  it('gives a headless Service no ClusterIP and no kube-proxy hop: DNS returns the pods', () => {
    expect(serviceOf(model, 'web-headless').clusterIP).toBeNull();
    const t = trace(model, probe('client', 'web-headless', { port: 8080 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.hops.some((h) => h.location.place === 'KubeProxy')).toBe(false);
    expect(hopsWith(t, 'Translated')).toEqual([]);
    expect([podOf(model, 'web-1').ip, podOf(model, 'web-2').ip]).toContain(t.hops[0].before.dst.ip);
  });

  it('answers an ExternalName with a CNAME and proxies nothing', () => {
    const t = trace(model, probe('client', 'ext', { port: 443 }));
    expect(t.lookup?.verdict).toBe('Delivered');
    expect(t.hops.some((h) => h.location.place === 'KubeProxy')).toBe(false);
    expect(t.summary).toContain('api.example.com');
    expect(serviceOf(model, 'ext').clusterIP).toBeNull();
    expect(t.hops.at(-1)!.verdict).toBe(t.verdict);
  });

  it('follows an ExternalName that names a Service in the cluster', () => {
    const t = trace(model, probe('client', 'alias', { port: 80 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo?.pod.name).toMatch(/^web-/);
  });

  it('ends an ExternalName that points at itself instead of looping', () => {
    const t = trace(model, probe('client', 'loop', { port: 80 }));
    expect(t.verdict).toBe('Dropped');
  });
});
