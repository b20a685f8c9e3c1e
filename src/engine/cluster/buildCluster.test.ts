/**
 * The model: address allocation, explicit values, diagnostics, endpoints.
 * KUBERNETES-NETWORKING.md section 1 (the network model, sensible defaults) and section 3
 * (endpoints: ready pods selected by labels, targetPort resolved per pod).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './buildCluster.ts';
import type { ClusterModel, Diagnostic } from '../model.ts';
import { cidrContains, type Cidr, type Ipv4 } from '../net.ts';
import { cluster, container, pod, svc, webPod } from '../testing/builders.ts';
import { podOf, serviceOf } from '../testing/readers.ts';

function diag(model: ClusterModel, severity: Diagnostic['severity'], text: string) {
  return model.diagnostics.filter((d) => d.severity === severity && d.message.includes(text));
}

describe('IP allocation (section 1: node i gets a pod CIDR from the cluster CIDR, pods get IPs from it)', () => {
  const model = buildCluster(
    cluster({
      nodes: 3,
      pods: [
        pod('a', { node: 'node-1' }),
        pod('b', { node: 'node-2' }),
        pod('c', { node: 'node-3' }),
        pod('d', { node: 'node-1' }),
      ],
    }),
  );

  it('gives every node a distinct /24 inside the cluster CIDR, with the gateway at .1', () => {
    const cidrs = model.nodes.map((n) => n.podCidr);
    expect(new Set(cidrs).size).toBe(3);
    for (const n of model.nodes) {
      expect(n.podCidr.endsWith('/24')).toBe(true);
      expect(cidrContains('10.244.0.0/16' as Cidr, n.gateway)).toBe(true);
      expect(n.gateway.endsWith('.1')).toBe(true);
      expect(cidrContains(n.podCidr, n.gateway)).toBe(true);
    }
  });

  it('gives node IPs from the node network', () => {
    for (const n of model.nodes) expect(cidrContains('192.168.49.0/24' as Cidr, n.ip)).toBe(true);
    expect(new Set(model.nodes.map((n) => n.ip)).size).toBe(3);
  });

  it.each(['a', 'b', 'c', 'd'])('pod %s gets an IP from its own node’s pod CIDR', (name) => {
    const p = podOf(model, name);
    const node = model.nodes.find((n) => n.name === p.node)!;
    expect(cidrContains(node.podCidr, p.ip)).toBe(true);
    expect(p.ip).not.toBe(node.gateway);
  });

  it('never gives two pods one IP', () => {
    const ips = model.pods.filter((p) => !p.hostNetwork).map((p) => p.ip);
    expect(new Set(ips).size).toBe(ips.length);
  });

  it('puts kube-dns at the tenth address of the Service CIDR (section 1 defaults)', () => {
    expect(serviceOf(model, 'kube-system/kube-dns').clusterIP).toBe('10.96.0.10');
    expect(model.settings.dnsServiceIp).toBe('10.96.0.10');
  });

  it('allocates ClusterIPs inside the Service CIDR, distinct', () => {
    const ips = model.services.map((s) => s.clusterIP).filter((x): x is Ipv4 => x !== null);
    for (const ip of ips) expect(cidrContains('10.96.0.0/12' as Cidr, ip)).toBe(true);
    expect(new Set(ips).size).toBe(ips.length);
  });

  it('is deterministic: the same spec gives the same model', () => {
    const spec = cluster({ nodes: 3, pods: [pod('a'), pod('b', { node: 'node-2' })] });
    expect(buildCluster(spec)).toEqual(buildCluster(spec));
  });
});

describe('explicit values are kept (section 1; a model of a real cluster keeps its addresses)', () => {
  const model = buildCluster(
    cluster({
      nodes: [
        { name: 'node-1', ip: '192.168.49.20', podCidr: '10.244.7.0/24' },
        { name: 'node-2' },
      ],
      pods: [pod('a', { ip: '10.244.7.99' }), pod('b')],
      services: [
        svc('web', { clusterIP: '10.96.5.5' }),
        svc('np', { type: 'NodePort', ports: [{ port: 80, nodePort: 31000 }] }),
      ],
    }),
  );

  it.each([
    ['node IP', () => model.nodes[0].ip, '192.168.49.20'],
    ['node pod CIDR', () => model.nodes[0].podCidr, '10.244.7.0/24'],
    ['pod IP', () => podOf(model, 'a').ip, '10.244.7.99'],
    ['clusterIP', () => serviceOf(model, 'web').clusterIP, '10.96.5.5'],
    ['nodePort', () => serviceOf(model, 'np').ports[0].nodePort, 31000],
  ])('keeps the %s', (_what, read, expected) => {
    expect(read()).toBe(expected);
  });

  it('allocates around the explicit values without reporting anything', () => {
    expect(model.diagnostics).toEqual([]);
    expect(model.nodes[1].podCidr).not.toBe('10.244.7.0/24');
    expect(podOf(model, 'b').ip).not.toBe('10.244.7.99');
  });
});

describe('conflicts become diagnostics, never exceptions (section 1 settings, section 3 NodePort range)', () => {
  it('reports two pods with one IP and gives the second a fresh one', () => {
    const model = buildCluster(
      cluster({ pods: [pod('a', { ip: '10.244.1.50' }), pod('b', { ip: '10.244.1.50' })] }),
    );
    const d = diag(model, 'error', '10.244.1.50');
    expect(d).toHaveLength(1);
    expect(d[0].ref).toEqual({ kind: 'Pod', namespace: 'default', name: 'b' });
    expect(podOf(model, 'a').ip).toBe('10.244.1.50');
    expect(podOf(model, 'b').ip).not.toBe('10.244.1.50');
  });

  it('reports a nodePort outside the NodePort range and allocates one inside it', () => {
    const model = buildCluster(
      cluster({ services: [svc('x', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })] }),
    );
    const d = diag(model, 'error', 'nodePort 80 is outside the NodePort range 30000-32767');
    expect(d).toHaveLength(1);
    expect(d[0].field).toBe('ports[0].nodePort');
    const np = serviceOf(model, 'x').ports[0].nodePort!;
    expect(np).toBeGreaterThanOrEqual(30000);
    expect(np).toBeLessThanOrEqual(32767);
  });

  it('reports a nodePort used twice', () => {
    const model = buildCluster(
      cluster({
        services: [
          svc('x', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
          svc('y', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
        ],
      }),
    );
    expect(diag(model, 'error', 'nodePort 30080 is already allocated')).toHaveLength(1);
  });

  it('reports a clusterIP outside the Service CIDR, keeps it, and lets the range follow (note)', () => {
    const model = buildCluster(cluster({ services: [svc('y', { clusterIP: '10.0.0.5' })] }));
    const d = model.diagnostics.filter((x) => x.message.includes('10.0.0.5'));
    expect(d).toHaveLength(1);
    expect(d[0].severity).toBe('note');
    expect(serviceOf(model, 'y').clusterIP).toBe('10.0.0.5');
    expect(cidrContains(model.settings.serviceCidrParsed, '10.0.0.5' as Ipv4)).toBe(true);
    expect(model.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('reports a clusterIP used twice', () => {
    const model = buildCluster(
      cluster({
        services: [svc('a', { clusterIP: '10.96.1.1' }), svc('b', { clusterIP: '10.96.1.1' })],
      }),
    );
    expect(diag(model, 'error', 'clusterIP 10.96.1.1 is already allocated')).toHaveLength(1);
    expect(serviceOf(model, 'b').clusterIP).not.toBe('10.96.1.1');
  });

  it('reports a pod on a node that does not exist, and leaves it out', () => {
    const model = buildCluster(cluster({ pods: [pod('a', { node: 'nope' })] }));
    expect(diag(model, 'error', 'does not exist')).toHaveLength(1);
    expect(model.pods.some((p) => p.name === 'a')).toBe(false);
  });

  it('reports two containers binding one port (section 1: containers share the port space)', () => {
    const model = buildCluster(
      cluster({
        pods: [
          pod('a', {
            containers: [container('one', [8080]), container('two', [8080])],
          }),
        ],
      }),
    );
    expect(diag(model, 'error', 'share one network namespace')).toHaveLength(1);
  });

  it('reports a pod CIDR that runs out of addresses', () => {
    const pods = Array.from({ length: 6 }, (_, i) => pod(`p${i}`));
    const model = buildCluster(
      cluster({ nodes: [{ name: 'node-1', podCidr: '10.244.1.0/29' }], pods }),
    );
    expect(diag(model, 'error', 'has no address left')).not.toHaveLength(0);
  });

  it('reports unparsable addresses and settings', () => {
    const model = buildCluster(
      cluster({
        settings: { serviceCidr: 'nonsense' },
        nodes: [{ name: 'node-1', ip: '300.1.1.1' }],
        pods: [pod('a', { ip: 'x' })],
      }),
    );
    expect(diag(model, 'error', 'Service CIDR "nonsense"')).toHaveLength(1);
    expect(diag(model, 'error', 'Node IP "300.1.1.1"')).toHaveLength(1);
    expect(diag(model, 'error', 'Pod IP "x"')).toHaveLength(1);
  });

  it('gives a hostNetwork pod its node’s IP and no conflict (section 1)', () => {
    const model = buildCluster(
      cluster({ pods: [pod('h1', { hostNetwork: true }), pod('h2', { hostNetwork: true })] }),
    );
    expect(podOf(model, 'h1').ip).toBe(model.nodes[0].ip);
    expect(podOf(model, 'h2').ip).toBe(model.nodes[0].ip);
    expect(model.diagnostics).toEqual([]);
  });

  // kubeadm places cluster DNS at the tenth Service address and fails without one
  // (kubernetes/kubernetes cmd/kubeadm/app/constants/constants.go GetDNSIP); a node's pod range
  // holds the bridge at .1 and its pods (section 1).
  it.each([
    ['a Service CIDR of /29', { serviceCidr: '10.96.0.0/29' }, 'settings.serviceCidr', '/28'],
    ['a Service CIDR of /32', { serviceCidr: '10.96.0.7/32' }, 'settings.serviceCidr', '/28'],
    ['a cluster CIDR of /32', { clusterCidr: '10.244.0.0/32' }, 'settings.clusterCidr', '/30'],
  ])('reports %s as too small, names the field and builds on the default', (_n, s, f, size) => {
    const model = buildCluster(cluster({ settings: s, pods: [pod('a')], services: [svc('s')] }));
    const d = model.diagnostics.filter((x) => x.field === f && x.severity === 'error');
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain('too small');
    expect(d[0].message).toContain(size);
    expect(podOf(model, 'a').ip).toBeTruthy();
    expect(serviceOf(model, 's').clusterIP).toBeTruthy();
  });

  it.each([
    ['/32', '10.244.1.0/32', 'too small'],
    ['/31', '10.244.1.0/31', 'too small'],
    ['0.0.0.0/0', '0.0.0.0/0', 'too large'],
  ])('reports a node pod CIDR of %s on that node and allocates one that fits', (_n, c, text) => {
    const model = buildCluster(
      cluster({
        nodes: [{ name: 'node-1', podCidr: c }, { name: 'node-2' }],
        pods: [pod('a', { node: 'node-1' }), pod('b', { node: 'node-2' })],
      }),
    );
    const d = model.diagnostics.filter((x) => x.field === 'podCidr');
    expect(d).toHaveLength(1);
    expect(d[0].message).toContain(text);
    expect(d[0].ref).toEqual({ kind: 'Node', name: 'node-1' });
    for (const n of model.nodes) expect(cidrContains(n.podCidr, n.gateway)).toBe(true);
    expect(cidrContains(model.nodes[0].podCidr, podOf(model, 'a').ip)).toBe(true);
    expect(cidrContains(model.nodes[1].podCidr, podOf(model, 'b').ip)).toBe(true);
  });

  // kube-controller-manager's node IPAM: the node mask may be at most 16 bits longer than the
  // cluster's (kubernetes pkg/controller/nodeipam/ipam/cidrset/cidr_set.go, clusterSubnetMaxDiff).
  it.each([
    ['0.0.0.0/0', 24, '/8'],
    ['10.0.0.0/7', 24, '/8'],
    ['10.0.0.0/11', 28, '/12'],
  ])(
    'reports a pod range (cluster CIDR) of %s with /%i nodes on settings.clusterCidr',
    (c, m, w) => {
      const model = buildCluster(
        cluster({
          settings: { clusterCidr: c, nodeCidrMaskSize: m },
          nodes: [{ name: 'node-1' }, { name: 'node-2' }],
          pods: [pod('a', { node: 'node-1' }), pod('b', { node: 'node-2' })],
        }),
      );
      const errors = model.diagnostics.filter((x) => x.severity === 'error');
      expect(errors.map((x) => x.field)).toEqual(['settings.clusterCidr']);
      expect(errors[0].message).toContain('too wide');
      expect(errors[0].message).toContain(`${w} or narrower`);
      expect(model.settings.clusterCidr).toBe('10.244.0.0/16');
      expect(cidrContains(model.settings.clusterCidrParsed, podOf(model, 'a').ip)).toBe(true);
    },
  );

  it('keeps a cluster CIDR exactly 16 bits wider than the node ranges', () => {
    const model = buildCluster(cluster({ settings: { clusterCidr: '10.0.0.0/8' } }));
    expect(model.diagnostics.filter((x) => x.field === 'settings.clusterCidr')).toEqual([]);
    expect(model.settings.clusterCidr).toBe('10.0.0.0/8');
  });

  it('finds a free pod range past a wide one in steps bounded by the nodes, not the range', () => {
    // A /9 taken by node-1 leaves 2^15 /24s in the way; the search jumps over the block.
    const model = buildCluster(
      cluster({
        settings: { clusterCidr: '10.0.0.0/8', serviceCidr: '172.20.0.0/16' },
        nodes: [{ name: 'node-1', podCidr: '10.0.0.0/9' }, { name: 'node-2' }],
      }),
    );
    expect(model.nodes[1].podCidr).toBe('10.128.0.0/24');
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reports the eBPF kube-proxy replacement on a CNI that is not Cilium', () => {
    const model = buildCluster(cluster({ settings: { proxyMode: 'ebpf' } }));
    const d = model.diagnostics.filter((x) => x.field === 'settings.proxyMode');
    expect(d).toHaveLength(1);
    expect(d[0].severity).toBe('error');
  });
});

describe('addresses from a real cluster: the ranges follow them (section 1: ranges are scenario settings)', () => {
  // A k3s dump: pods in 10.42.0.0/16, Services in 10.43.0.0/16, nodes on 10.0.0.0/24.
  const model = buildCluster(
    cluster({
      nodes: [
        { name: 'k3s-1', ip: '10.0.0.11', podCidr: '10.42.0.0/24' },
        { name: 'k3s-2', ip: '10.0.0.12', podCidr: '10.42.1.0/24' },
        { name: 'k3s-3' },
      ],
      pods: [
        pod('a', { node: 'k3s-1', ip: '10.42.0.9' }),
        pod('b', { node: 'k3s-2', ip: '10.42.1.17' }),
        pod('c', { node: 'k3s-3' }),
      ],
      services: [
        svc('kube-system/kube-dns', {
          clusterIP: '10.43.0.10',
          selector: { 'k8s-app': 'kube-dns' },
          ports: [{ name: 'dns', port: 53, protocol: 'UDP' }],
        }),
        svc('web', { clusterIP: '10.43.12.7' }),
        svc('new'),
      ],
    }),
  );

  it('keeps every given address and reports no error', () => {
    expect(model.diagnostics.filter((d) => d.severity !== 'note')).toEqual([]);
    expect(model.nodes.map((n) => n.ip).slice(0, 2)).toEqual(['10.0.0.11', '10.0.0.12']);
    expect(podOf(model, 'a').ip).toBe('10.42.0.9');
    expect(serviceOf(model, 'web').clusterIP).toBe('10.43.12.7');
  });

  it.each([
    ['cluster CIDR', () => model.settings.clusterCidr, '10.42.0.0/16'],
    ['Service CIDR', () => model.settings.serviceCidr, '10.43.0.0/16'],
    ['node network', () => model.settings.nodeNetwork, '10.0.0.0/24'],
    ['kube-dns address', () => model.settings.dnsServiceIp, '10.43.0.10'],
  ])('adopts the %s that holds them', (_what, read, expected) => {
    expect(read()).toBe(expected);
  });

  it('says so in notes', () => {
    const notes = model.diagnostics.filter((d) => d.severity === 'note');
    expect(notes.some((d) => d.field === 'settings.clusterCidr')).toBe(true);
    expect(notes.some((d) => d.field === 'settings.serviceCidr')).toBe(true);
    expect(notes.some((d) => d.field === 'settings.nodeNetwork')).toBe(true);
  });

  it('allocates what is missing inside the adopted ranges', () => {
    const n3 = model.nodes[2];
    expect(cidrContains(model.settings.clusterCidrParsed, n3.podCidr.split('/')[0] as Ipv4)).toBe(
      true,
    );
    expect(cidrContains(n3.podCidr, podOf(model, 'c').ip)).toBe(true);
    expect(cidrContains(model.settings.nodeNetworkParsed, n3.ip)).toBe(true);
    expect(cidrContains(model.settings.serviceCidrParsed, serviceOf(model, 'new').clusterIP!)).toBe(
      true,
    );
  });

  it('widens a range that holds some of the addresses but not all', () => {
    const m = buildCluster(
      cluster({
        services: [svc('in', { clusterIP: '10.96.0.20' }), svc('out', { clusterIP: '10.112.0.5' })],
      }),
    );
    expect(serviceOf(m, 'out').clusterIP).toBe('10.112.0.5');
    expect(cidrContains(m.settings.serviceCidrParsed, '10.96.0.20' as Ipv4)).toBe(true);
    expect(cidrContains(m.settings.serviceCidrParsed, '10.112.0.5' as Ipv4)).toBe(true);
    expect(m.diagnostics.every((d) => d.severity === 'note')).toBe(true);
  });

  it('gives a node without a pod CIDR the block its pods’ addresses come from', () => {
    const m = buildCluster(
      cluster({ nodes: [{ name: 'n1' }], pods: [pod('a', { node: 'n1', ip: '10.244.9.33' })] }),
    );
    expect(m.nodes[0].podCidr).toBe('10.244.9.0/24');
    expect(m.diagnostics).toEqual([]);
  });
});

describe('endpoints (section 3: ready pods selected by labels; targetPort resolved per pod)', () => {
  const model = buildCluster(
    cluster({
      namespaces: [{ name: 'other' }],
      pods: [
        pod('web-1', { labels: { app: 'web', tier: 'fe' }, ports: ['http:8080'] }),
        pod('web-2', { labels: { app: 'web' }, ports: ['http:9090'], node: 'node-2' }),
        webPod('web-3', { ready: false }),
        pod('web-4', { labels: { app: 'web' }, ports: ['metrics:9100'] }),
        webPod('other/web-5'),
        pod('db', { labels: { app: 'db' }, ports: [5432] }),
      ],
      services: [
        svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
        svc('web-num', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }),
        svc('fe', { selector: { app: 'web', tier: 'fe' } }),
        svc('none', { selector: { app: 'nothing' } }),
        svc('manual'),
      ],
    }),
  );
  const eps = (name: string) =>
    serviceOf(model, name).endpoints[0].map(
      (e) => `${e.pod.name}:${e.port}:${e.ready ? 'ready' : 'not-ready'}`,
    );

  it.each([
    [
      'named targetPort resolves per pod; a pod without the name is no endpoint',
      'web',
      ['web-1:8080:ready', 'web-2:9090:ready', 'web-3:8080:not-ready'],
    ],
    [
      'numeric targetPort applies to every selected pod',
      'web-num',
      ['web-1:8080:ready', 'web-4:8080:ready', 'web-2:8080:ready', 'web-3:8080:not-ready'],
    ],
    ['every selector label must match', 'fe', ['web-1:80:ready']],
    ['a selector that matches nothing gives no endpoints', 'none', []],
    ['a Service without selector gets no endpoints', 'manual', []],
  ])('%s (ready first, then by address)', (_case, name, expected) => {
    expect(eps(name)).toEqual(expected);
  });

  it('selects only pods in the Service’s namespace', () => {
    expect(serviceOf(model, 'web').selectedPods.map((p) => p.name)).not.toContain('web-5');
  });
});

describe('the settings of issue 8: ingress controller, load balancer flavour, node subnets', () => {
  it('reports an unknown controller or load balancer mode and falls back', () => {
    const m = buildCluster({
      ...cluster(),
      settings: {
        ...cluster().settings,
        ingressControllerType: 'traefik' as never,
        loadBalancer: 'magic' as never,
      },
    });
    expect(diag(m, 'error', 'Ingress controller "traefik"')).toHaveLength(1);
    expect(diag(m, 'error', 'Load balancer mode "magic"')).toHaveLength(1);
    expect(m.settings.ingressControllerType).toBe('nginx');
    expect(m.settings.loadBalancer).toBe('nodeport');
  });

  it('gives a load balancer that opens its own connections an address clear of the nodes', () => {
    const m = buildCluster(
      cluster({
        nodes: [{ name: 'node-1', ip: '192.168.49.254' }],
        settings: { loadBalancer: 'proxy' },
        services: [svc('a', { type: 'LoadBalancer' }), svc('b', { type: 'LoadBalancer' })],
      }),
    );
    expect(serviceOf(m, 'a').loadBalancerSourceIP).toBe('192.168.49.253');
    expect(serviceOf(m, 'b').loadBalancerSourceIP).toBe('192.168.49.252');
    expect(serviceOf(m, 'a').loadBalancerMode).toBe('proxy');
  });

  it('widens the node network to hold the nodes’ subnets, with a note', () => {
    const m = buildCluster(
      cluster({ nodes: [{ name: 'node-1', subnet: '192.168.50.0/24' }, { name: 'node-2' }] }),
    );
    expect(diag(m, 'note', "node-1's subnet 192.168.50.0/24")).toHaveLength(1);
    expect(cidrContains(m.settings.nodeNetworkParsed, '192.168.50.2' as Ipv4)).toBe(true);
    expect(m.nodes[0].subnet).toBe('192.168.50.0/24' as Cidr);
    expect(m.nodes[1].subnet).toBe(m.settings.nodeNetworkParsed);
  });
});
