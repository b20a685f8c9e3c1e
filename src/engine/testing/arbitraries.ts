/**
 * fast-check generators for small clusters and the probes that make sense in them. Used by the
 * property tests; pure (fast-check is a dev dependency, never imported by the engine proper).
 */
import fc from 'fast-check';
import type { ClusterModel } from '../model.ts';
import {
  CNI_MODES,
  LoadBalancerMode,
  effectiveProxyMode,
  type ClusterSpec,
  type CniMode,
  type CniPlugin,
  type IngressSpec,
  type LabelSelector,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type NetworkPolicySpec,
  type PodSpec,
  type ProxyMode,
  type ServiceSpec,
} from '../spec.ts';
import type { Probe } from '../trace.ts';
import { cluster } from './builders.ts';

const NAMESPACES = ['default', 'team-a'] as const;
const APPS = ['a', 'b', 'c'] as const;

const cniArb: fc.Arbitrary<{ plugin: CniPlugin; mode: CniMode }> = fc.constantFrom(
  ...(Object.entries(CNI_MODES) as [CniPlugin, readonly CniMode[]][]).flatMap(([plugin, modes]) =>
    modes.map((mode) => ({ plugin, mode })),
  ),
);

const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  fc.constantFrom(...APPS).map((app) => ({ matchLabels: { app } })),
  fc.constantFrom(...APPS).map((app) => ({
    matchExpressions: [{ key: 'app', operator: 'NotIn' as const, values: [app] }],
  })),
  fc.constant({ matchExpressions: [{ key: 'tier', operator: 'Exists' as const }] }),
  fc.constant({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' as const }] }),
);

const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  selectorArb.map((podSelector) => ({ podSelector })),
  fc.constantFrom(...NAMESPACES).map((ns) => ({
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
  })),
  fc.tuple(fc.constantFrom(...NAMESPACES), selectorArb).map(([ns, podSelector]) => ({
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
    podSelector,
  })),
  fc.constantFrom(
    { ipBlock: { cidr: '10.244.0.0/16' } },
    { ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } },
    { ipBlock: { cidr: '192.168.0.0/16' } },
    { ipBlock: { cidr: '0.0.0.0/0', except: ['198.51.100.0/24'] } },
  ),
);

const policyPortArb: fc.Arbitrary<NetworkPolicyPort> = fc.constantFrom(
  { port: 80 },
  { port: 8080 },
  { port: 'http' },
  { port: 53, protocol: 'UDP' as const },
  { port: 8000, endPort: 8100 },
  { protocol: 'TCP' as const },
);

const ruleArb = fc.record(
  {
    peers: fc.option(fc.array(peerArb, { maxLength: 2 }), { nil: undefined }),
    ports: fc.option(fc.array(policyPortArb, { maxLength: 2 }), { nil: undefined }),
  },
  { requiredKeys: [] },
);

const policyArb = (i: number): fc.Arbitrary<NetworkPolicySpec> =>
  fc
    .record({
      namespace: fc.constantFrom(...NAMESPACES),
      podSelector: selectorArb,
      policyTypes: fc.constantFrom(
        undefined,
        ['Ingress' as const],
        ['Egress' as const],
        ['Ingress' as const, 'Egress' as const],
      ),
      ingress: fc.option(fc.array(ruleArb, { maxLength: 2 }), { nil: undefined }),
      egress: fc.option(fc.array(ruleArb, { maxLength: 2 }), { nil: undefined }),
    })
    .map((p) => ({
      name: `np${i}`,
      namespace: p.namespace,
      podSelector: p.podSelector,
      policyTypes: p.policyTypes,
      ingress: p.ingress?.map((r) => ({ from: r.peers, ports: r.ports })),
      egress: p.egress?.map((r) => ({ to: r.peers, ports: r.ports })),
    }));

const podArb = (i: number, nodes: number): fc.Arbitrary<PodSpec> =>
  fc
    .record({
      namespace: fc.constantFrom(...NAMESPACES),
      app: fc.constantFrom(...APPS),
      tier: fc.option(fc.constantFrom('fe', 'be'), { nil: undefined }),
      node: fc.integer({ min: 1, max: nodes }),
      ports: fc.subarray(['http:80', 'http:8080', 'alt:8080', 'dns:53/UDP', 'metrics:9100']),
      ready: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
      hostNetwork: fc.oneof(
        { weight: 9, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    })
    .map((p) => {
      // Port names must be unique in a pod, ports unique per protocol.
      const seenNames = new Set<string>();
      const seenPorts = new Set<string>();
      const ports = p.ports.flatMap((text) => {
        const [name, rest] = text.split(':');
        const [num, proto] = rest.split('/');
        const key = `${proto ?? 'TCP'}/${num}`;
        if (seenNames.has(name) || seenPorts.has(key)) return [];
        seenNames.add(name);
        seenPorts.add(key);
        return [{ name, containerPort: Number(num), protocol: (proto ?? 'TCP') as 'TCP' | 'UDP' }];
      });
      return {
        name: `p${i}`,
        namespace: p.namespace,
        nodeName: `node-${p.node}`,
        labels: p.tier ? { app: p.app, tier: p.tier } : ({ app: p.app } as Record<string, string>),
        ready: p.ready,
        hostNetwork: p.hostNetwork,
        containers: [{ name: 'app', ports }],
      };
    });

const serviceArb = (i: number): fc.Arbitrary<ServiceSpec> =>
  fc
    .record({
      namespace: fc.constantFrom(...NAMESPACES),
      app: fc.constantFrom(...APPS),
      kind: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'headless', 'ExternalName'),
      targetPort: fc.constantFrom<number | string>(80, 8080, 'http'),
      etp: fc.constantFrom<'Cluster' | 'Local'>('Cluster', 'Local'),
      itp: fc.constantFrom<'Cluster' | 'Local'>('Cluster', 'Cluster', 'Local'),
      affinity: fc.constantFrom<'None' | 'ClientIP'>('None', 'ClientIP'),
      external: fc.constantFrom('api.example.com', 's0.default.svc.cluster.local'),
      lbMode: fc.option(fc.constantFrom(...Object.values(LoadBalancerMode)), { nil: undefined }),
    })
    .map((s) => {
      const base = { name: `s${i}`, namespace: s.namespace };
      if (s.kind === 'ExternalName') {
        return { ...base, type: 'ExternalName' as const, externalName: s.external, ports: [] };
      }
      return {
        ...base,
        type: s.kind === 'headless' ? ('ClusterIP' as const) : s.kind,
        clusterIP: s.kind === 'headless' ? 'None' : undefined,
        selector: { app: s.app },
        ports: [{ name: 'web', port: 80, targetPort: s.targetPort }],
        externalTrafficPolicy: s.etp,
        internalTrafficPolicy: s.itp,
        sessionAffinity: s.affinity,
        loadBalancerMode: s.kind === 'LoadBalancer' ? s.lbMode : undefined,
      };
    });

const ingressArb: fc.Arbitrary<IngressSpec> = fc
  .record({
    host: fc.constantFrom(undefined, 'shop.example.com', '*.example.com'),
    path: fc.constantFrom('/', '/api', '/api/v1', '/API', '/ap', '/api/v[0-9]+', '/('),
    pathType: fc.constantFrom<'Exact' | 'Prefix' | 'ImplementationSpecific'>(
      'Exact',
      'Prefix',
      'ImplementationSpecific',
    ),
    service: fc.constantFrom('s0', 's1', 'missing'),
    tls: fc.boolean(),
    defaultBackend: fc.boolean(),
    annotations: fc.option(
      fc.constantFrom<Readonly<Record<string, string>>>(
        { 'nginx.ingress.kubernetes.io/service-upstream': 'true' },
        { 'nginx.ingress.kubernetes.io/use-regex': 'true' },
        { 'haproxy-ingress.github.io/service-upstream': 'true' },
        { 'haproxy-ingress.github.io/path-type': 'regex' },
        { 'ingress.kubernetes.io/path-type': 'exact' },
      ),
      { nil: undefined },
    ),
  })
  .map((i) => ({
    name: 'ing',
    annotations: i.annotations,
    rules: [
      {
        host: i.host,
        paths: [{ path: i.path, pathType: i.pathType, backend: { service: i.service, port: 80 } }],
      },
    ],
    tls: i.tls ? [{ hosts: ['shop.example.com'] }] : undefined,
    defaultBackend: i.defaultBackend ? { service: 's1', port: 80 } : undefined,
  }));

export interface ClusterShape {
  readonly proxyMode?: ProxyMode;
  readonly maxPods?: number;
  readonly maxPolicies?: number;
}

/** A small cluster: 1-3 nodes, a few pods, Services, policies and maybe an Ingress. */
export function clusterArb(shape: ClusterShape = {}): fc.Arbitrary<ClusterSpec> {
  return fc
    .record({
      cni: cniArb,
      proxyMode: shape.proxyMode
        ? fc.constant(shape.proxyMode)
        : fc.constantFrom<ProxyMode>('iptables', 'ipvs', 'nftables', 'ebpf', 'kube-router'),
      nodes: fc.integer({ min: 1, max: 3 }),
      // Nodes on subnets of their own (kube-router tunnels between them) or one segment.
      nodeSubnets: fc.boolean(),
      loadBalancer: fc.option(fc.constantFrom(...Object.values(LoadBalancerMode)), {
        nil: undefined,
      }),
      ingressControllerType: fc.constantFrom<'nginx' | 'haproxy' | undefined>(
        undefined,
        'nginx',
        'haproxy',
      ),
      podCount: fc.integer({ min: 1, max: shape.maxPods ?? 6 }),
      serviceCount: fc.integer({ min: 0, max: 3 }),
      policyCount: fc.integer({ min: 0, max: shape.maxPolicies ?? 3 }),
      ingress: fc.option(ingressArb, { nil: undefined }),
    })
    .chain((c) =>
      fc
        .record({
          pods: fc.tuple(...Array.from({ length: c.podCount }, (_, i) => podArb(i, c.nodes))),
          services: fc.tuple(...Array.from({ length: c.serviceCount }, (_, i) => serviceArb(i))),
          policies: fc.tuple(...Array.from({ length: c.policyCount }, (_, i) => policyArb(i))),
        })
        .map((parts) =>
          cluster({
            nodes: c.nodeSubnets
              ? Array.from({ length: c.nodes }, (_, i) => ({
                  name: `node-${i + 1}`,
                  subnet: `192.168.${48 + i}.0/24`,
                }))
              : c.nodes,
            settings: {
              cni: c.cni,
              nodeNetwork: c.nodeSubnets ? '192.168.48.0/20' : '192.168.49.0/24',
              loadBalancer: c.loadBalancer,
              ingressControllerType: c.ingressControllerType,
              // eBPF is Cilium's; other CNIs get kube-proxy in iptables mode (with a diagnostic).
              proxyMode: effectiveProxyMode(c.proxyMode, c.cni.plugin),
            },
            namespaces: [{ name: 'team-a', labels: { team: 'a' } }],
            pods: parts.pods,
            services: parts.services,
            networkPolicies: parts.policies,
            ingresses: c.ingress ? [c.ingress] : [],
          }),
        ),
    );
}

/** Every probe worth trying in a model: between pods, to Services by address and name, etc. */
export function candidateProbes(model: ClusterModel): Probe[] {
  const probes: Probe[] = [];
  const pods = model.pods;
  const ports = [80, 8080, 53];
  for (const from of pods) {
    const src = { kind: 'pod' as const, namespace: from.namespace, name: from.name };
    for (const to of pods) {
      probes.push({
        from: src,
        to: { kind: 'pod', namespace: to.namespace, name: to.name },
        port: 8080,
      });
    }
    for (const svc of model.services) {
      if (svc.clusterIP)
        probes.push({ from: src, to: { kind: 'ip', ip: svc.clusterIP }, port: 80 });
      probes.push({
        from: src,
        to: { kind: 'name', name: `${svc.name}.${svc.namespace}` },
        port: 80,
      });
      for (const p of svc.ports) {
        if (p.nodePort === undefined) continue;
        for (const n of model.nodes)
          probes.push({ from: src, to: { kind: 'ip', ip: n.ip }, port: p.nodePort });
      }
    }
    probes.push({ from: src, to: { kind: 'name', name: 'nope' } });
    probes.push({ from: src, to: { kind: 'localhost' }, port: 8080 });
    probes.push({ from: src, to: { kind: 'url', url: 'https://shop.example.com/api/v1/x' } });
    probes.push({ from: src, to: { kind: 'ip', ip: '10.99.99.99' }, port: 80 });
  }
  for (const client of model.externalClients) {
    const src = { kind: 'external' as const, name: client.name };
    for (const svc of model.services) {
      if (svc.loadBalancerIP)
        probes.push({ from: src, to: { kind: 'ip', ip: svc.loadBalancerIP }, port: 80 });
      for (const p of svc.ports) {
        if (p.nodePort === undefined) continue;
        for (const n of model.nodes)
          probes.push({ from: src, to: { kind: 'ip', ip: n.ip }, port: p.nodePort });
      }
    }
    for (const url of [
      'http://shop.example.com/',
      'https://x.example.com/api',
      'http://other.test/',
    ]) {
      probes.push({ from: src, to: { kind: 'url', url } });
    }
    if (pods[0]) probes.push({ from: src, to: { kind: 'ip', ip: pods[0].ip }, port: 8080 });
  }
  for (const node of model.nodes) {
    const src = { kind: 'node' as const, name: node.name };
    for (const to of pods) {
      for (const port of ports)
        probes.push({
          from: src,
          to: { kind: 'pod', namespace: to.namespace, name: to.name },
          port,
        });
    }
    for (const svc of model.services) {
      if (svc.clusterIP)
        probes.push({ from: src, to: { kind: 'ip', ip: svc.clusterIP }, port: 80 });
    }
  }
  return probes;
}
