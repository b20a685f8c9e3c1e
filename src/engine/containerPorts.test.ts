/**
 * Which ports a pod serves. The core/v1 Container.ports reference: "Exposing a port here gives the
 * system additional information about the network connections a container uses, but is
 * primarily informational. Not specifying a port here DOES NOT prevent that port from being
 * exposed. Any port which is listening on the default "0.0.0.0" address inside a container will
 * be accessible from the network." (kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports)
 * A Service's numeric targetPort therefore reaches the pod whether declared or not; a named
 * targetPort needs a container port of that name (the EndpointSlice controller resolves it with
 * podutil.FindPort and leaves the pod out when the name is missing).
 * PodPath cannot see which process listens: it assumes the app listens on the ports its
 * containers declare and on every port a Service sends it to, and says so in the trace.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import type { Protocol } from './net.ts';
import type { ServicePortSpec } from './spec.ts';
import { cluster, pod, probe, svc, trace, type PortShorthand, webPod } from './testing/builders.ts';
import { serviceOf } from './testing/readers.ts';

function world(declared: readonly PortShorthand[], servicePort: ServicePortSpec | null) {
  return buildCluster(
    cluster({
      nodes: 2,
      pods: [
        pod('client', { node: 'node-1' }),
        pod('web', { node: 'node-2', labels: { app: 'web' }, ports: declared }),
      ],
      services: servicePort ? [svc('web', { selector: { app: 'web' }, ports: [servicePort] })] : [],
    }),
  );
}

const NOTE =
  /containerPort lists are informational.*Service default\/web sends traffic to that port/;

describe('a container serves ports it does not declare (core/v1 Container.ports)', () => {
  const cases: readonly {
    readonly name: string;
    readonly declared: readonly PortShorthand[];
    readonly servicePort: ServicePortSpec | null;
    readonly to: string;
    readonly port: number;
    readonly protocol?: Protocol;
    readonly verdict: 'Delivered' | 'Dropped';
    readonly reason?: string;
    readonly note: boolean;
  }[] = [
    {
      name: 'Service to a numeric targetPort the pod declares nowhere (no ports at all)',
      declared: [],
      servicePort: { port: 80, targetPort: 8080 },
      to: 'web',
      port: 80,
      verdict: 'Delivered',
      note: true,
    },
    {
      name: 'Service to a numeric targetPort while the pod declares another port',
      declared: [9090],
      servicePort: { port: 80, targetPort: 8080 },
      to: 'web',
      port: 80,
      verdict: 'Delivered',
      note: true,
    },
    {
      name: 'Service to a declared port: no assumption to state',
      declared: [8080],
      servicePort: { port: 80, targetPort: 8080 },
      to: 'web',
      port: 80,
      verdict: 'Delivered',
      note: false,
    },
    {
      name: 'the pod IP on the port its Service targets: the same listener',
      declared: [],
      servicePort: { port: 80, targetPort: 8080 },
      to: 'pod:web',
      port: 8080,
      verdict: 'Delivered',
      note: true,
    },
    {
      name: 'the pod IP on a port nothing declares or targets',
      declared: [],
      servicePort: { port: 80, targetPort: 8080 },
      to: 'pod:web',
      port: 9999,
      verdict: 'Dropped',
      reason: 'NotListening',
      note: false,
    },
    {
      name: 'the targeted port over another protocol',
      declared: [],
      servicePort: { port: 80, targetPort: 8080 },
      to: 'pod:web',
      port: 8080,
      protocol: 'UDP',
      verdict: 'Dropped',
      reason: 'NotListening',
      note: false,
    },
    {
      name: 'a named targetPort the pod does not declare: the pod is no endpoint',
      declared: [8080],
      servicePort: { port: 80, targetPort: 'http' },
      to: 'web',
      port: 80,
      verdict: 'Dropped',
      reason: 'NoEndpoints',
      note: false,
    },
  ];

  it.each(cases)('$name', (c) => {
    const model = world(c.declared, c.servicePort);
    const t = trace(model, probe('client', c.to, { port: c.port, protocol: c.protocol }));
    expect(t.verdict).toBe(c.verdict);
    if (c.reason) expect(t.reason).toBe(c.reason);
    const last = t.hops.at(-1)!;
    expect(NOTE.test(last.explanation)).toBe(c.note);
    if (c.verdict === 'Delivered') {
      expect(t.deliveredTo).toMatchObject({ container: 'app', port: 8080 });
    }
  });

  it('a named targetPort resolves per pod, and only for pods that declare the name', () => {
    const model = buildCluster(
      cluster({
        pods: [
          webPod('a'),
          pod('b', { labels: { app: 'web' }, ports: ['http:9090'] }),
          pod('c', { labels: { app: 'web' }, ports: [8080] }),
        ],
        services: [
          svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
        ],
      }),
    );
    const eps = serviceOf(model, 'web').endpoints[0].map((e) => [e.pod.name, e.port]);
    expect(eps.sort()).toEqual([
      ['a', 8080],
      ['b', 9090],
    ]);
  });
});
