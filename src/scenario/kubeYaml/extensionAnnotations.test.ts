/**
 * The annotations behind NodeSpec.subnet, ServiceSpec.loadBalancerMode and the Ingress
 * annotations the simulated controllers read: import, export, and the AWS Load Balancer
 * Controller's target-type annotations (docs/guide/service/nlb.md: `nlb-target-type: ip` or
 * `instance`, the older `aws-load-balancer-type: nlb-ip`, target group attribute
 * `preserve_client_ip.enabled=true`).
 */
import { describe, expect, it } from 'vitest';
import { exportKubernetesYaml } from './exportKubernetesYaml.ts';
import { loadBalancerModeFrom } from './extensionAnnotations.ts';
import { importKubernetesYaml } from './importKubernetesYaml.ts';

const AWS = 'service.beta.kubernetes.io/';

describe('load balancer flavour from Service annotations', () => {
  it.each([
    [{ 'podpath.dev/load-balancer-mode': 'proxy' }, 'proxy'],
    [
      {
        [`${AWS}aws-load-balancer-type`]: 'external',
        [`${AWS}aws-load-balancer-nlb-target-type`]: 'ip',
      },
      'ip',
    ],
    [
      {
        [`${AWS}aws-load-balancer-nlb-target-type`]: 'ip',
        [`${AWS}aws-load-balancer-target-group-attributes`]:
          'deregistration_delay.timeout_seconds=120,preserve_client_ip.enabled=true',
      },
      'ip-preserve',
    ],
    [{ [`${AWS}aws-load-balancer-type`]: 'nlb-ip' }, 'ip'],
    [{ [`${AWS}aws-load-balancer-nlb-target-type`]: 'instance' }, 'nodeport'],
    [{ [`${AWS}aws-load-balancer-type`]: 'external' }, 'nodeport'],
    [{ [`${AWS}aws-load-balancer-type`]: 'nlb' }, 'nodeport'],
    [{ 'example.com/other': 'x' }, undefined],
  ])('%j -> %s', (annotations, expected) => {
    expect(loadBalancerModeFrom(annotations)).toBe(expected);
  });

  it('is read from a LoadBalancer Service on import', () => {
    const r = importKubernetesYaml(`apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-type: external
    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80}]`);
    expect(r.spec.services[0].loadBalancerMode).toBe('ip');
  });
});

describe('round trips through YAML', () => {
  it('keeps node subnets, load balancer modes and the controllers’ Ingress annotations', () => {
    const r = importKubernetesYaml(`apiVersion: v1
kind: Node
metadata:
  name: node-1
  annotations: {podpath.dev/subnet: 192.168.50.0/24}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    nginx.ingress.kubernetes.io/service-upstream: "true"
    haproxy-ingress.github.io/path-type: regex
    kubectl.kubernetes.io/last-applied-configuration: "{}"
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]`);
    expect(r.errors).toEqual([]);
    expect(r.spec.nodes[0].subnet).toBe('192.168.50.0/24');
    expect(r.spec.ingresses?.[0].annotations).toEqual({
      'nginx.ingress.kubernetes.io/service-upstream': 'true',
      'haproxy-ingress.github.io/path-type': 'regex',
    });
    // service-upstream is simulated now: no "not simulated" warning for it.
    expect(r.warnings.some((w) => w.message.includes('service-upstream'))).toBe(false);
    const back = importKubernetesYaml(exportKubernetesYaml(r.spec));
    expect(back.spec.nodes[0].subnet).toBe('192.168.50.0/24');
    expect(back.spec.ingresses?.[0].annotations).toEqual(r.spec.ingresses?.[0].annotations);
  });
});
