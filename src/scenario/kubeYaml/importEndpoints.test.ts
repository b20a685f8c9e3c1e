/**
 * EndpointSlices and Endpoints in the input: a Service without a selector takes its endpoints
 * from them (kubernetes.io "Services without selectors"; the EndpointSlice mirroring controller
 * copies a selector-less Service's Endpoints into EndpointSlices, so a dump can hold both and
 * one is read). A Service with a selector gets its endpoints from its pods.
 */
import { describe, expect, it } from 'vitest';
import { exportKubernetesYaml } from './exportKubernetesYaml.ts';
import { importKubernetesYaml } from './importKubernetesYaml.ts';

const SERVICE = `
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  ports: [{name: pg, port: 5432, targetPort: 5432}]
`;
const SLICE = `
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: db-1
  labels: {kubernetes.io/service-name: db}
addressType: IPv4
endpoints:
  - addresses: [10.244.1.5]
  - addresses: [10.244.1.6]
    conditions: {ready: false}
ports: [{name: pg, port: 6432, protocol: TCP}]
`;
const ENDPOINTS = `
apiVersion: v1
kind: Endpoints
metadata: {name: db}
subsets:
  - addresses: [{ip: 10.244.1.7}]
    notReadyAddresses: [{ip: 10.244.1.8}]
    ports: [{name: pg, port: 7432}]
`;

describe('EndpointSlices and Endpoints of a Service without a selector', () => {
  it.each([
    {
      name: 'an EndpointSlice, ready condition kept',
      docs: [SERVICE, SLICE],
      slices: [
        {
          name: 'db-1',
          endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.1.6'], ready: false }],
          ports: [{ name: 'pg', port: 6432, protocol: 'TCP' }],
        },
      ],
    },
    {
      name: 'Endpoints alone: addresses ready, notReadyAddresses not',
      docs: [ENDPOINTS, SERVICE],
      slices: [
        {
          name: 'db-1',
          endpoints: [{ addresses: ['10.244.1.7'] }, { addresses: ['10.244.1.8'], ready: false }],
          ports: [{ name: 'pg', port: 7432 }],
        },
      ],
    },
    {
      name: 'both: the EndpointSlice is read, the Endpoints it mirrors is not',
      docs: [SERVICE, ENDPOINTS, SLICE],
      slices: [
        {
          name: 'db-1',
          endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.1.6'], ready: false }],
          ports: [{ name: 'pg', port: 6432, protocol: 'TCP' }],
        },
      ],
    },
  ])('$name', ({ docs, slices }) => {
    const r = importKubernetesYaml(docs.join('---'));
    expect(r.errors).toEqual([]);
    expect(r.spec.services[0].endpointSlices).toEqual(slices);
  });

  it('the export writes the slices back, and they import again', () => {
    const first = importKubernetesYaml([SERVICE, SLICE].join('---'));
    const again = importKubernetesYaml(exportKubernetesYaml(first.spec));
    expect(again.spec.services[0].endpointSlices).toEqual(first.spec.services[0].endpointSlices);
  });

  it('a Service with a selector keeps its pods; its slices are skipped with a note', () => {
    const r = importKubernetesYaml(
      [SERVICE.replace('spec:', 'spec:\n  selector: {app: db}'), SLICE].join('---'),
    );
    expect(r.spec.services[0].endpointSlices).toBeUndefined();
    expect(r.warnings.find((w) => w.what === 'kind EndpointSlice')).toMatchObject({
      severity: 'note',
    });
  });

  it('a Service without a selector and without slices is imported with a warning', () => {
    const r = importKubernetesYaml(SERVICE);
    expect(r.spec.services[0].endpointSlices).toBeUndefined();
    expect(r.warnings.some((w) => /no EndpointSlice or Endpoints/.test(w.why))).toBe(true);
  });
});
