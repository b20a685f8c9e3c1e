/**
 * `allocateLoadBalancerNodePorts`, from the core/v1 ServiceSpec reference: "defines if NodePorts
 * will be automatically allocated for services with type LoadBalancer. Default is "true". It may
 * be set to "false" if the cluster load-balancer does not rely on NodePorts. If the caller
 * requests specific NodePorts (by specifying a value), those requests will be respected,
 * regardless of this field." (kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/,
 * and "Service" concepts page, "Load balancer NodePort allocation").
 * A load balancer that targets pod IPs has no NodePort hop either way; one that sends to node
 * ports has no target without them. Upstream leaves what such a load balancer does to the cloud
 * provider (AWS's controller, for one, cannot register instance targets without a port): PodPath
 * stops the packet at the load balancer and warns on the Service.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import type { LoadBalancerMode, ServicePortSpec } from './spec.ts';
import { cluster, pod, probe, svc, trace, webPod } from './testing/builders.ts';
import { serviceOf } from './testing/readers.ts';

function world(mode: LoadBalancerMode, allocate: boolean | undefined, port: ServicePortSpec) {
  return buildCluster(
    cluster({
      nodes: 2,
      settings: { cni: { plugin: 'calico', mode: 'bgp' } },
      pods: [pod('client', { node: 'node-1' }), webPod('web', { node: 'node-2' })],
      services: [
        svc('web', {
          type: 'LoadBalancer',
          loadBalancerMode: mode,
          allocateLoadBalancerNodePorts: allocate,
          selector: { app: 'web' },
          ports: [port],
        }),
      ],
    }),
  );
}

const PORT: ServicePortSpec = { port: 80, targetPort: 'http' };

describe('allocateLoadBalancerNodePorts (core/v1 ServiceSpec)', () => {
  it.each([
    // mode, allocate, the port spec, has a nodePort, outside verdict, reason, a NodePort hop, warns
    ['nodeport', undefined, PORT, true, 'Delivered', undefined, true, false],
    ['nodeport', true, PORT, true, 'Delivered', undefined, true, false],
    ['nodeport', false, PORT, false, 'Dropped', 'NoNodePort', false, true],
    ['proxy', false, PORT, false, 'Dropped', 'NoNodePort', false, true],
    ['ip', false, PORT, false, 'Delivered', undefined, false, false],
    ['ip-preserve', false, PORT, false, 'Delivered', undefined, false, false],
    // An explicit nodePort is respected regardless of the field.
    ['nodeport', false, { ...PORT, nodePort: 30080 }, true, 'Delivered', undefined, true, false],
  ] as const)(
    '%s, allocate %s, port %o: nodePort %s, outside %s %s',
    (mode, allocate, port, hasNodePort, verdict, reason, nodePortHop, warns) => {
      const model = world(mode, allocate, port);
      const sp = serviceOf(model, 'web').ports[0];
      expect(sp.nodePort !== undefined).toBe(hasNodePort);
      if (port.nodePort) expect(sp.nodePort).toBe(port.nodePort);
      const t = trace(model, probe('ext:user', 'ip:' + serviceOf(model, 'web').loadBalancerIP));
      expect(t.verdict).toBe(verdict);
      if (reason) expect(t.reason).toBe(reason);
      // A NodePort hop: the packet is addressed to a node's port in the NodePort range.
      const viaNodePort = t.hops.some(
        (h) => h.after.dst.port >= 30000 && h.after.dst.port <= 32767,
      );
      expect(viaNodePort).toBe(nodePortHop);
      const warning = model.diagnostics.some((d) => d.field === 'allocateLoadBalancerNodePorts');
      expect(warning).toBe(warns);
      if (reason) {
        expect(t.hops.at(-1)!.explanation).toMatch(/allocateLoadBalancerNodePorts is false/);
      }
    },
  );

  it('inside the cluster kube-proxy answers for the load balancer address itself: no node port needed', () => {
    const model = world('nodeport', false, PORT);
    const lbIp = serviceOf(model, 'web').loadBalancerIP!;
    const t = trace(model, probe('client', `ip:${lbIp}`, { port: 80 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo?.pod.name).toBe('web');
  });

  it('NodePort Services always get node ports; the field applies to LoadBalancer only', () => {
    const model = buildCluster(
      cluster({
        pods: [webPod('web')],
        services: [
          svc('web', {
            type: 'NodePort',
            allocateLoadBalancerNodePorts: false,
            selector: { app: 'web' },
            ports: [PORT],
          }),
        ],
      }),
    );
    expect(serviceOf(model, 'web').ports[0].nodePort).toBeDefined();
  });
});
