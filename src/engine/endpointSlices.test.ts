/**
 * A Service without a selector takes its endpoints from the EndpointSlices written for it
 * (kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors: "the
 * corresponding EndpointSlice objects are not created automatically"; you add them, labelled
 * kubernetes.io/service-name). kube-proxy matches a slice port to the Service port by name (and
 * protocol), and reads an endpoint whose ready condition is unset as ready
 * (discovery.k8s.io/v1 EndpointConditions: "nil should be interpreted as "true"" for ready).
 * A Service with a selector ignores hand-made slices here: its endpoints come from its pods.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import type { EndpointSliceSpec, ServiceSpec } from './spec.ts';
import { cluster, pod, probe, svc, trace } from './testing/builders.ts';
import { podOf, serviceOf } from './testing/readers.ts';

const pods = [
  pod('client', { node: 'node-1' }),
  pod('db-1', { node: 'node-2', labels: { app: 'db' } }),
  pod('db-2', { node: 'node-2', labels: { app: 'db' } }),
];
const ipOf = (name: string) => podOf(buildCluster(cluster({ nodes: 2, pods })), name).ip;

function world(slices: readonly EndpointSliceSpec[], extra: Partial<ServiceSpec> = {}) {
  return buildCluster(
    cluster({
      nodes: 2,
      pods,
      services: [
        svc('db', {
          ports: [{ name: 'pg', port: 5432, targetPort: 5432 }],
          endpointSlices: slices,
          ...extra,
        }),
      ],
    }),
  );
}

const slice = (
  endpoints: EndpointSliceSpec['endpoints'],
  ports: EndpointSliceSpec['ports'] = [{ name: 'pg', port: 6432 }],
): EndpointSliceSpec => ({ name: 'db-1', endpoints, ports });

describe('Services without a selector route to their EndpointSlices', () => {
  it.each([
    {
      name: 'ready unset and ready true are endpoints; ready false is not ready',
      slices: [slice([{ addresses: [ipOf('db-1')] }, { addresses: [ipOf('db-2')], ready: false }])],
      endpoints: [
        ['db-1', 6432, true],
        ['db-2', 6432, false],
      ],
      warns: false,
    },
    {
      name: 'a slice port of another name is not this port',
      slices: [slice([{ addresses: [ipOf('db-1')] }], [{ name: 'metrics', port: 9187 }])],
      endpoints: [],
      warns: false,
    },
    {
      name: 'a slice port of another protocol is not this port',
      slices: [
        slice([{ addresses: [ipOf('db-1')] }], [{ name: 'pg', port: 6432, protocol: 'UDP' }]),
      ],
      endpoints: [],
      warns: false,
    },
    {
      name: 'an address that is no pod is left out with a warning',
      slices: [slice([{ addresses: ['10.0.0.5'] }, { addresses: [ipOf('db-2')] }])],
      endpoints: [['db-2', 6432, true]],
      warns: true,
    },
  ])('$name', ({ slices, endpoints, warns }) => {
    const model = world(slices);
    const got = serviceOf(model, 'db').endpoints[0].map((e) => [e.pod.name, e.port, e.ready]);
    expect(got).toEqual(endpoints);
    expect(model.diagnostics.some((d) => d.field === 'endpointSlices')).toBe(warns);
  });

  it('the Service routes to the endpoint its slice names, on the slice port', () => {
    const model = world([slice([{ addresses: [ipOf('db-1')] }])]);
    const t = trace(model, probe('client', 'db', { port: 5432 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo).toMatchObject({ ip: ipOf('db-1'), port: 6432 });
  });

  it('without slices it has no endpoints', () => {
    const t = trace(world([]), probe('client', 'db', { port: 5432 }));
    expect(t.reason).toBe('NoEndpoints');
  });

  it('a Service with a selector takes its pods, not hand-made slices', () => {
    const model = world([slice([{ addresses: [ipOf('db-2')] }])], { selector: { app: 'db' } });
    const names = serviceOf(model, 'db').endpoints[0].map((e) => e.pod.name);
    expect(names).toEqual(['db-1', 'db-2']);
    expect(serviceOf(model, 'db').endpoints[0].every((e) => e.port === 5432)).toBe(true);
  });
});
