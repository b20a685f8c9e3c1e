/**
 * Cloud load balancer flavours for `type: LoadBalancer`. Cases from:
 * - AWS Load Balancer Controller, "Network Load Balancer" (kubernetes-sigs/aws-load-balancer-
 *   controller docs/guide/service/nlb.md): instance mode sends to the instances and "kube-proxy
 *   on the individual worker nodes forward it to the pods"; IP mode "targets traffic directly to
 *   the Kubernetes pods ... eliminating the need for an extra network hop"; "NLB with IP targets
 *   does not pass the client source IP address unless specifically configured via target group
 *   attributes" (preserve_client_ip.enabled); IP targets need routable pod addresses (the VPC
 *   CNI is a prerequisite).
 * - AWS, "Edit target group attributes for your Network Load Balancer", Client IP preservation:
 *   enabled for instance targets, and for IP targets with UDP (it cannot be disabled there);
 *   disabled by default for IP targets with TCP or TLS, where "the source IP address is the
 *   private IP address of the Network Load Balancer".
 * - AWS, "Configure proxy protocol for your Classic Load Balancer": with TCP listeners "the access
 *   logs from your instance contain the IP address of the load balancer instead of the
 *   originating client".
 * - Kubernetes, "Using Source IP" and KUBERNETES-NETWORKING.md section 3: NodePort targets go
 *   through kube-proxy, which SNATs with Cluster; Local keeps the client IP, and the load
 *   balancer health-checks healthCheckNodePort so only nodes with a local endpoint get traffic.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import type { ClusterModel } from './model.ts';
import type { ClusterSettings, CniPlugin, LoadBalancerMode } from './spec.ts';
import { cluster, pod, probe, svc, trace, webPod } from './testing/builders.ts';
import { podOf, serviceOf } from './testing/readers.ts';
import type { Trace } from './trace.ts';

const CLIENT = '198.51.100.7';

function lbCluster(
  o: {
    mode?: LoadBalancerMode;
    serviceMode?: LoadBalancerMode;
    etp?: 'Cluster' | 'Local';
    plugin?: CniPlugin;
  } = {},
): ClusterModel {
  const plugin = o.plugin ?? 'calico';
  return buildCluster(
    cluster({
      nodes: 3,
      settings: {
        cni: { plugin, mode: plugin === 'calico' ? 'bgp' : 'vxlan' },
        loadBalancer: o.mode,
      },
      pods: [webPod('web-1', { node: 'node-2' }), webPod('web-2', { node: 'node-3' })],
      services: [
        svc('web', {
          type: 'LoadBalancer',
          externalTrafficPolicy: o.etp,
          loadBalancerMode: o.serviceMode,
          selector: { app: 'web' },
          ports: [{ port: 80, targetPort: 'http' }],
        }),
      ],
    }),
  );
}

function traces(model: ClusterModel): Trace[] {
  const lbIp = serviceOf(model, 'web').loadBalancerIP!;
  return Array.from({ length: 12 }, (_, i) =>
    trace(model, probe('ext:user', `ip:${lbIp}`, { port: 80, seed: i + 1 })),
  );
}

function expectMirrored(t: Trace) {
  expect(t.verdict).toBe('Delivered');
  const first = t.hops[0].before;
  const last = t.reply.at(-1)!.after;
  expect(last.src).toEqual(first.dst);
  expect(last.dst).toEqual(first.src);
}

/** A UDP DNS query from outside to a LoadBalancer Service in front of a DNS pod. */
function udpToLoadBalancer(settings: Partial<ClusterSettings>): Trace {
  const m = buildCluster(
    cluster({
      settings,
      pods: [
        pod('dns', { labels: { app: 'dns' }, ports: [{ containerPort: 53, protocol: 'UDP' }] }),
      ],
      services: [
        svc('dns', {
          type: 'LoadBalancer',
          selector: { app: 'dns' },
          ports: [{ port: 53, protocol: 'UDP' }],
        }),
      ],
    }),
  );
  const lbIp = serviceOf(m, 'dns').loadBalancerIP!;
  return trace(m, probe('ext:user', `ip:${lbIp}`, { port: 53, protocol: 'UDP' }));
}

const nodeIps = (m: ClusterModel) => m.nodes.map((n) => n.ip);

describe('nodeport (the default): layer 4 to every node’s NodePort, client IP kept', () => {
  it('is what a LoadBalancer gets without a setting, and what the model reports', () => {
    expect(serviceOf(lbCluster(), 'web').loadBalancerMode).toBe('nodeport');
    expect(serviceOf(lbCluster(), 'web').loadBalancerSourceIP).toBeNull();
  });

  it('goes through a NodePort and kube-proxy; Cluster may take a second hop and SNAT', () => {
    const m = lbCluster({ etp: 'Cluster' });
    for (const t of traces(m)) {
      expectMirrored(t);
      const lb = t.hops.find((h) => h.location.place === 'LoadBalancer')!;
      expect(lb.after.src.ip).toBe(CLIENT);
      expect(nodeIps(m)).toContain(lb.after.dst.ip);
      expect(t.hops.some((h) => h.location.place === 'KubeProxy')).toBe(true);
      expect(nodeIps(m)).toContain(t.seenSource);
    }
  });

  it('with Local, sends only to nodes that pass the healthCheckNodePort check: client IP kept', () => {
    const m = lbCluster({ etp: 'Local' });
    for (const t of traces(m)) {
      expect(t.seenSource).toBe(CLIENT);
      const lb = t.hops.find((h) => h.location.place === 'LoadBalancer')!;
      expect(lb.decisions![0].summary).toMatch(/healthCheckNodePort \d+/);
      expect(lb.decisions![0].candidates!.map((c) => c.node)).toEqual(['node-2', 'node-3']);
    }
  });
});

describe('proxy: a TCP proxy to the NodePort (AWS Classic ELB)', () => {
  it('opens its own connection: the node and the pod see the load balancer, never the client', () => {
    const m = lbCluster({ mode: 'proxy', etp: 'Local' });
    const source = serviceOf(m, 'web').loadBalancerSourceIP!;
    expect(source).toBe('192.168.49.254');
    for (const t of traces(m)) {
      expectMirrored(t);
      const lb = t.hops.find((h) => h.location.place === 'LoadBalancer')!;
      expect(lb.after.src.ip).toBe(source);
      expect(t.seenSource).toBe(source);
      const http = t.hops.some((h) => JSON.stringify(h.after).includes(CLIENT) && h !== t.hops[0]);
      expect(http).toBe(false);
    }
  });

  it('with Cluster, kube-proxy then SNATs the load balancer address to the node address', () => {
    const m = lbCluster({ mode: 'proxy', etp: 'Cluster' });
    for (const t of traces(m)) {
      expectMirrored(t);
      expect(nodeIps(m)).toContain(t.seenSource);
    }
  });
});

describe('ip: straight to pod IPs (AWS NLB IP targets)', () => {
  it('skips the NodePort and kube-proxy; for TCP the pod sees the load balancer address', () => {
    const m = lbCluster({ mode: 'ip', etp: 'Cluster' });
    const source = serviceOf(m, 'web').loadBalancerSourceIP!;
    for (const t of traces(m)) {
      expectMirrored(t);
      expect(t.hops.some((h) => h.location.place === 'KubeProxy')).toBe(false);
      const lb = t.hops.find((h) => h.location.place === 'LoadBalancer')!;
      expect([podOf(m, 'web-1').ip, podOf(m, 'web-2').ip]).toContain(lb.after.dst.ip);
      expect(lb.after.dst.port).toBe(8080);
      expect(t.seenSource).toBe(source);
      // No second hop: the packet is on the pod's own node from the network on.
      const nodesSeen = new Set(t.hops.flatMap((h) => (h.location.node ? [h.location.node] : [])));
      expect(nodesSeen.size).toBe(1);
    }
  });

  it('keeps the client IP with preserve_client_ip.enabled=true (ip-preserve)', () => {
    for (const t of traces(lbCluster({ mode: 'ip-preserve' }))) {
      expectMirrored(t);
      expect(t.seenSource).toBe(CLIENT);
    }
  });

  it('health-checks the pods: a not-ready pod gets nothing, none ready drops', () => {
    const m = buildCluster(
      cluster({
        settings: { cni: { plugin: 'calico', mode: 'bgp' }, loadBalancer: 'ip' },
        pods: [pod('web-1', { labels: { app: 'web' }, ports: [8080], ready: false })],
        services: [
          svc('web', {
            type: 'LoadBalancer',
            selector: { app: 'web' },
            ports: [{ port: 80, targetPort: 8080 }],
          }),
        ],
      }),
    );
    const t = trace(m, probe('ext:user', `ip:${serviceOf(m, 'web').loadBalancerIP}`, { port: 80 }));
    expect(t.reason).toBe('NoEndpoints');
  });

  it('cannot reach pods behind an overlay: a warning on the Service, NoRoute on the flow', () => {
    const m = lbCluster({ mode: 'ip', plugin: 'flannel' });
    expect(
      m.diagnostics.some(
        (d) => d.severity === 'warning' && d.field === 'loadBalancerMode' && d.ref?.name === 'web',
      ),
    ).toBe(true);
    const [t] = traces(m);
    expect(t.reason).toBe('NoRoute');
    expect(t.hops.at(-1)!.location.place).toBe('LoadBalancer');
  });

  it('a Service’s own mode beats the cluster setting', () => {
    const m = lbCluster({ mode: 'nodeport', serviceMode: 'ip-preserve' });
    expect(serviceOf(m, 'web').loadBalancerMode).toBe('ip-preserve');
    const [t] = traces(m);
    expect(t.hops.some((h) => h.location.place === 'KubeProxy')).toBe(false);
  });

  it('keeps the client address for UDP, where preservation is on by default', () => {
    const t = udpToLoadBalancer({ cni: { plugin: 'calico', mode: 'bgp' }, loadBalancer: 'ip' });
    expect(t.verdict).toBe('Delivered');
    expect(t.seenSource).toBe(CLIENT);
  });
});

describe('proxy load balancers listen on TCP only', () => {
  it('has no UDP listener', () => {
    const t = udpToLoadBalancer({ loadBalancer: 'proxy' });
    expect(t.reason).toBe('PortNotExposed');
  });
});
