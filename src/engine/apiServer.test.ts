/**
 * The API server's Service (KUBERNETES-NETWORKING.md section 9). Sources:
 * - kube-apiserver creates and keeps Service default/kubernetes itself (kubernetes/kubernetes
 *   pkg/controlplane/controller.go, the bootstrap controller) on the first address of
 *   `--service-cluster-ip-range`, port 443 named https, targetPort the `--secure-port` (6443
 *   by default); its endpoints are the API servers' advertise addresses (endpoint reconciler).
 * - kubeadm runs kube-apiserver as a static pod in kube-system, hostNetwork, labelled
 *   component=kube-apiserver, tier=control-plane (kubeadm's control-plane manifests).
 * - DNS: kubernetes/dns docs/specification.md (A for a ClusterIP Service, SRV for a named port,
 *   PTR for the ClusterIP); "Accessing the Kubernetes API from a Pod" (kubernetes.io) names
 *   kubernetes.default.svc and the KUBERNETES_SERVICE_HOST/_PORT variables.
 * - The kubelet's service environment variables (pkg/kubelet/envvars).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './index.ts';
import { resolveName } from './dns.ts';
import { serviceEnv } from './serviceEnv.ts';
import { cluster, pod, probe, svc, trace } from './testing/builders.ts';
import { nodeIpOf, podOf, serviceOf } from './testing/readers.ts';

const twoNodes = buildCluster(
  cluster({
    namespaces: [{ name: 'shop' }],
    pods: [pod('client', { node: 'node-2' }), pod('shop/buyer', { node: 'node-1' })],
    services: [svc('web', { selector: { app: 'web' } })],
  }),
);

describe('Service default/kubernetes', () => {
  it.each([
    ['10.96.0.0/12', '10.96.0.1'],
    ['10.100.0.0/16', '10.100.0.1'],
    ['172.20.0.0/24', '172.20.0.1'],
  ])('is created on the first address of the Service range %s: %s', (serviceCidr, ip) => {
    const model = buildCluster(cluster({ settings: { serviceCidr } }));
    const k = serviceOf(model, 'default/kubernetes');
    expect(k.clusterIP).toBe(ip);
    expect(k.type).toBe('ClusterIP');
    expect(k.ports).toEqual([{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }]);
    expect(k.selector).toBeUndefined();
    expect(k.system).toBe(true);
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it("has the API server's address on 6443 as its endpoint: kubeadm's static pod", () => {
    const k = serviceOf(twoNodes, 'default/kubernetes');
    const apiserver = podOf(twoNodes, 'kube-system/kube-apiserver-node-1');
    expect(apiserver.hostNetwork).toBe(true);
    expect(apiserver.labels).toMatchObject({ component: 'kube-apiserver', tier: 'control-plane' });
    expect(apiserver.system).toBe(true);
    expect(k.endpoints[0].map((e) => `${e.pod.name} ${e.ip}:${e.port}`)).toEqual([
      `kube-apiserver-node-1 ${nodeIpOf(twoNodes, 'node-1')}:6443`,
    ]);
  });

  it('runs the API server on the node labelled control-plane', () => {
    const model = buildCluster(
      cluster({
        nodes: [
          { name: 'worker' },
          { name: 'cp', labels: { 'node-role.kubernetes.io/control-plane': '' } },
        ],
      }),
    );
    expect(serviceOf(model, 'default/kubernetes').endpoints[0][0].ip).toBe(nodeIpOf(model, 'cp'));
  });

  it('keeps the one a dump brings, with its address and its own API server pods', () => {
    const model = buildCluster(
      cluster({
        nodes: [
          { name: 'cp-1', ip: '10.0.0.11' },
          { name: 'cp-2', ip: '10.0.0.12' },
        ],
        pods: ['cp-1', 'cp-2'].map((n) =>
          pod(`kube-system/kube-apiserver-${n}`, {
            node: n,
            hostNetwork: true,
            labels: { component: 'kube-apiserver', tier: 'control-plane' },
            ports: ['https:6443'],
          }),
        ),
        services: [
          svc('default/kubernetes', {
            clusterIP: '10.96.0.1',
            ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
          }),
        ],
      }),
    );
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model.services.filter((s) => s.name === 'kubernetes')).toHaveLength(1);
    expect(model.pods.filter((p) => p.name.startsWith('kube-apiserver'))).toHaveLength(2);
    expect(serviceOf(model, 'default/kubernetes').endpoints[0].map((e) => e.ip)).toEqual([
      '10.0.0.11',
      '10.0.0.12',
    ]);
  });

  it('no other Service gets its address', () => {
    const model = buildCluster(
      cluster({ services: [svc('web', { clusterIP: '10.96.0.1', selector: { app: 'web' } })] }),
    );
    expect(model.diagnostics.map((d) => d.message)).toContain(
      'clusterIP 10.96.0.1 is already allocated.',
    );
  });
});

describe('DNS, the environment and a trace agree on it', () => {
  it.each([
    ['default', 'kubernetes', 'A', ['A 10.96.0.1']],
    ['default', 'kubernetes.default', 'A', ['A 10.96.0.1']],
    ['shop', 'kubernetes.default', 'A', ['A 10.96.0.1']],
    ['shop', 'kubernetes.default.svc', 'A', ['A 10.96.0.1']],
    ['shop', 'KUBERNETES.Default.svc.cluster.local.', 'A', ['A 10.96.0.1']],
    [
      'shop',
      '_https._tcp.kubernetes.default.svc.cluster.local',
      'SRV',
      ['SRV 0 100 443 kubernetes.default.svc.cluster.local'],
    ],
    ['shop', '1.0.96.10.in-addr.arpa', 'PTR', ['PTR kubernetes.default.svc.cluster.local']],
  ] as const)('from %s, %s %s', (ns, name, type, answers) => {
    const r = resolveName(twoNodes, ns, name, type);
    expect(r.answers.map((a) => `${a.type} ${a.data}`)).toEqual(answers);
  });

  it("the kubelet's variables name the Service's own address and port, in every namespace", () => {
    const k = serviceOf(twoNodes, 'default/kubernetes');
    for (const p of ['default/client', 'shop/buyer']) {
      const env = new Map(serviceEnv(twoNodes, p));
      expect(env.get('KUBERNETES_SERVICE_HOST'), p).toBe(k.clusterIP);
      expect(env.get('KUBERNETES_SERVICE_PORT'), p).toBe('443');
      expect(env.get('KUBERNETES_SERVICE_PORT_HTTPS'), p).toBe('443');
      expect(env.get('KUBERNETES_PORT'), p).toBe(`tcp://${k.clusterIP}:443`);
      expect(env.get('KUBERNETES_PORT_443_TCP_ADDR'), p).toBe(k.clusterIP);
    }
  });

  it('a pod calling kubernetes.default:443 reaches the API server on 6443', () => {
    const t = trace(twoNodes, probe('shop/buyer', 'kubernetes.default', { port: 443 }));
    expect(t.lookup?.verdict).toBe('Delivered');
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo).toMatchObject({
      pod: { namespace: 'kube-system', name: 'kube-apiserver-node-1' },
      ip: nodeIpOf(twoNodes, 'node-1'),
      port: 6443,
    });
    const dnat = t.hops.find((h) => h.location.place === 'KubeProxy')!;
    expect(dnat.before.dst).toEqual({ ip: '10.96.0.1', port: 443 });
    expect(dnat.after.dst).toEqual({ ip: nodeIpOf(twoNodes, 'node-1'), port: 6443 });
    // The reply comes from the address the client called.
    expect(t.reply.at(-1)!.after.src).toEqual({ ip: '10.96.0.1', port: 443 });
  });

  it('from another node the packet crosses the node network unencapsulated, masqueraded by flanneld', () => {
    const t = trace(twoNodes, probe('client', 'kubernetes.default', { port: 443 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.hops.some((h) => h.verdict === 'Encapsulated')).toBe(false);
    expect(t.seenSource).toBe(nodeIpOf(twoNodes, 'node-2'));
    const masq = t.hops.find((h) => h.decisions?.some((d) => d.kind === 'cni'))!;
    expect(masq.decisions![0].summary).toMatch(/flanneld --ip-masq/);
    expect(t.reply.at(-1)!.after.dst.ip).toBe(podOf(twoNodes, 'client').ip);
    expect(t.reply.at(-1)!.after.src).toEqual({ ip: '10.96.0.1', port: 443 });
  });

  it('kube-router leaves node addresses out of its masquerade: the API server sees the pod', () => {
    const model = buildCluster(
      cluster({
        settings: { cni: { plugin: 'kube-router', mode: 'subnet' } },
        pods: [pod('client', { node: 'node-2' })],
      }),
    );
    const t = trace(model, probe('client', 'kubernetes.default', { port: 443 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.seenSource).toBe(podOf(model, 'client').ip);
  });
});
