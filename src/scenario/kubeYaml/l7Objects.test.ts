/**
 * Gateway API and Cilium policy YAML: export -> import gives the same objects back, and
 * manifests as upstream writes them import (cilium/cilium examples/minikube/sw_l3_l4_l7_policy.yaml;
 * kubernetes-sigs/gateway-api conformance/tests/httproute-reference-grant.yaml).
 */
import { describe, expect, it } from 'vitest';
import { starWarsRule1 } from '../../engine/testing/ciliumPolicies.ts';
import { L7_GALLERY } from '../builtins/l7Gallery.ts';
import { exportKubernetesYaml } from './exportKubernetesYaml.ts';
import { importKubernetesYaml } from './importKubernetesYaml.ts';

describe('L7 objects in Kubernetes YAML', () => {
  it.each(L7_GALLERY.map((g) => [g.id, g.scenario.cluster] as const))(
    '%s survives export and import',
    (_id, spec) => {
      const back = importKubernetesYaml(exportKubernetesYaml(spec)).spec;
      expect(back.gatewayClasses).toEqual(spec.gatewayClasses);
      expect(back.gateways).toEqual(spec.gateways);
      expect(back.httpRoutes).toEqual(spec.httpRoutes);
      expect(back.referenceGrants ?? []).toEqual(spec.referenceGrants ?? []);
    },
  );

  it('reads the L7 policy of Cilium’s Star Wars demo', () => {
    const r = importKubernetesYaml(`apiVersion: "cilium.io/v2"
kind: CiliumNetworkPolicy
metadata:
  name: "rule1"
spec:
  description: "L7 policy to restrict access to specific HTTP call"
  endpointSelector:
    matchLabels:
      org: empire
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
      rules:
        http:
        - method: "POST"
          path: "/v1/request-landing"
`);
    expect(r.errors).toEqual([]);
    expect(r.spec.ciliumPolicies).toEqual([
      { ...starWarsRule1, description: 'L7 policy to restrict access to specific HTTP call' },
    ]);
    const again = importKubernetesYaml(exportKubernetesYaml(r.spec)).spec.ciliumPolicies;
    expect(again).toEqual(r.spec.ciliumPolicies);
  });

  it('reads a ReferenceGrant and an HTTPRoute with its creationTimestamp', () => {
    const r = importKubernetesYaml(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: reference-grant
  namespace: gateway-conformance-infra
  creationTimestamp: "2020-09-08T01:02:03Z"
spec:
  parentRefs:
  - name: same-namespace
  rules:
  - backendRefs:
    - name: web-backend
      namespace: gateway-conformance-web-backend
      port: 8080
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: reference-grant
  namespace: gateway-conformance-web-backend
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: HTTPRoute
    namespace: gateway-conformance-infra
  to:
  - group: ""
    kind: Service
    name: web-backend
`);
    expect(r.spec.httpRoutes?.[0]).toMatchObject({
      name: 'reference-grant',
      namespace: 'gateway-conformance-infra',
      creationTimestamp: '2020-09-08T01:02:03Z',
    });
    expect(r.spec.referenceGrants?.[0].to).toEqual([
      { group: '', kind: 'Service', name: 'web-backend' },
    ]);
    expect(r.imported.map((i) => i.kind)).toEqual(['HTTPRoute', 'ReferenceGrant']);
  });

  it('skips an object it cannot read, saying which field and why', () => {
    const r = importKubernetesYaml(`apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: eg
spec:
  gatewayClassName: eg
  listeners:
  - name: tcp
    port: 80
    protocol: TCP
`);
    expect(r.spec.gateways).toBeUndefined();
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/listeners\.0\.protocol/);
  });
});
