/**
 * Service environment variables: KUBERNETES-NETWORKING.md section 3 ("Environment variables")
 * and the kubelet's envvars package (kubernetes/kubernetes pkg/kubelet/envvars), whose
 * per-Service order these tests pin.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import { envName, serviceEnv } from './serviceEnv.ts';
import { cluster, pod, svc } from './testing/builders.ts';
import { serviceOf } from './testing/readers.ts';

const model = buildCluster(
  cluster({
    namespaces: [{ name: 'shop' }],
    pods: [pod('client'), pod('shop/buyer')],
    services: [
      svc('redis-master', { clusterIP: '10.96.0.11', ports: [{ port: 6379 }] }),
      svc('web', {
        clusterIP: '10.96.0.20',
        ports: [
          { name: 'http', port: 80 },
          { name: 'metrics', port: 9090 },
          { name: 'dns-udp', port: 53, protocol: 'UDP' },
        ],
      }),
      svc('headless', { clusterIP: 'None', ports: [{ port: 80 }] }),
      svc('ext', { type: 'ExternalName', externalName: 'example.com', ports: [{ port: 80 }] }),
      svc('np', { type: 'NodePort', clusterIP: '10.96.0.30', ports: [{ port: 8080 }] }),
      svc('shop/cart', { clusterIP: '10.96.0.40', ports: [{ port: 80 }] }),
    ],
  }),
);
const env = serviceEnv(model, 'default/client');
const names = env.map(([n]) => n);
const value = (name: string) => env.find(([n]) => n === name)?.[1];

describe('Service environment variables (section 3)', () => {
  it('writes the redis-master example of the kubelet docs, in kubelet order', () => {
    expect(env.filter(([n]) => n.startsWith('REDIS_MASTER_'))).toEqual([
      ['REDIS_MASTER_SERVICE_HOST', '10.96.0.11'],
      ['REDIS_MASTER_SERVICE_PORT', '6379'],
      ['REDIS_MASTER_PORT', 'tcp://10.96.0.11:6379'],
      ['REDIS_MASTER_PORT_6379_TCP', 'tcp://10.96.0.11:6379'],
      ['REDIS_MASTER_PORT_6379_TCP_PROTO', 'tcp'],
      ['REDIS_MASTER_PORT_6379_TCP_PORT', '6379'],
      ['REDIS_MASTER_PORT_6379_TCP_ADDR', '10.96.0.11'],
    ]);
  });

  it('adds one variable per named port after the first port, and link variables per port', () => {
    expect(env.filter(([n]) => n.startsWith('WEB_'))).toEqual([
      ['WEB_SERVICE_HOST', '10.96.0.20'],
      ['WEB_SERVICE_PORT', '80'],
      ['WEB_SERVICE_PORT_HTTP', '80'],
      ['WEB_SERVICE_PORT_METRICS', '9090'],
      ['WEB_SERVICE_PORT_DNS_UDP', '53'],
      ['WEB_PORT', 'tcp://10.96.0.20:80'],
      ['WEB_PORT_80_TCP', 'tcp://10.96.0.20:80'],
      ['WEB_PORT_80_TCP_PROTO', 'tcp'],
      ['WEB_PORT_80_TCP_PORT', '80'],
      ['WEB_PORT_80_TCP_ADDR', '10.96.0.20'],
      ['WEB_PORT_9090_TCP', 'tcp://10.96.0.20:9090'],
      ['WEB_PORT_9090_TCP_PROTO', 'tcp'],
      ['WEB_PORT_9090_TCP_PORT', '9090'],
      ['WEB_PORT_9090_TCP_ADDR', '10.96.0.20'],
      ['WEB_PORT_53_UDP', 'udp://10.96.0.20:53'],
      ['WEB_PORT_53_UDP_PROTO', 'udp'],
      ['WEB_PORT_53_UDP_PORT', '53'],
      ['WEB_PORT_53_UDP_ADDR', '10.96.0.20'],
    ]);
  });

  it.each([
    ['headless Services get none', 'HEADLESS_SERVICE_HOST', undefined],
    ['ExternalName Services get none', 'EXT_SERVICE_HOST', undefined],
    ['NodePort Services have a ClusterIP and get them', 'NP_SERVICE_HOST', '10.96.0.30'],
    ['Services of other namespaces are left out', 'CART_SERVICE_HOST', undefined],
    ['the API server Service is always there', 'KUBERNETES_SERVICE_HOST', '10.96.0.1'],
    ['with its https port', 'KUBERNETES_SERVICE_PORT_HTTPS', '443'],
  ])('%s', (_what, name, expected) => {
    expect(value(name)).toBe(expected);
  });

  it('orders Services by name (the kubelet keeps them in a map)', () => {
    const hosts = names.filter((n) => n.endsWith('_SERVICE_HOST'));
    expect(hosts).toEqual([
      'KUBERNETES_SERVICE_HOST',
      'NP_SERVICE_HOST',
      'REDIS_MASTER_SERVICE_HOST',
      'WEB_SERVICE_HOST',
    ]);
  });

  it('gives a pod in another namespace that namespace’s Services', () => {
    const shop = serviceEnv(model, { namespace: 'shop', name: 'buyer' });
    expect(shop.filter(([n]) => n.endsWith('_SERVICE_HOST')).map(([n]) => n)).toEqual([
      'CART_SERVICE_HOST',
      'KUBERNETES_SERVICE_HOST',
    ]);
  });

  it('includes kube-dns for pods in kube-system', () => {
    const sys = serviceEnv(model, 'kube-system/coredns-1');
    expect(sys.find(([n]) => n === 'KUBE_DNS_SERVICE_HOST')?.[1]).toBe(
      serviceOf(model, 'kube-system/kube-dns').clusterIP,
    );
    expect(sys.find(([n]) => n === 'KUBE_DNS_PORT_53_UDP_PROTO')?.[1]).toBe('udp');
  });

  // makeEnvVariableName in pkg/kubelet/envvars/envvars.go: dashes to underscores, upper case;
  // its own TODO says leading digits and dots are not handled (names cannot have dots, and a
  // port name starting with a digit sits after the Service's prefix).
  it.each([
    ['redis-master', 'REDIS_MASTER'],
    ['grpc-web-2', 'GRPC_WEB_2'],
    ['3scale', '3SCALE'],
  ])('names %s as %s', (name, expected) => {
    expect(envName(name)).toBe(expected);
  });

  it('gives a pod with enableServiceLinks: false only the API server variables', () => {
    const m = buildCluster(
      cluster({
        pods: [{ ...pod('quiet'), enableServiceLinks: false }],
        services: [svc('redis-master', { clusterIP: '10.96.0.11', ports: [{ port: 6379 }] })],
      }),
    );
    const vars = serviceEnv(m, 'default/quiet').map(([n]) => n);
    expect(vars).toContain('KUBERNETES_SERVICE_HOST');
    expect(vars).toContain('KUBERNETES_PORT_443_TCP_ADDR');
    expect(vars.filter((n) => !n.startsWith('KUBERNETES_'))).toEqual([]);
  });

  // The kubelet computes the variables when it starts a container from the Services it knows
  // then ("Service" concepts page, "Environment variables": "you must create the Service
  // before the client Pods come into existence"). PodPath compares creation times.
  it.each([
    ['created before the pod', '2026-01-01T10:00:00Z', '2026-01-01T11:00:00Z', true],
    ['created after the pod', '2026-01-01T12:00:00Z', '2026-01-01T11:00:00Z', false],
    ['at the same second', '2026-01-01T11:00:00Z', '2026-01-01T11:00:00Z', true],
    ['without a time of its own', undefined, '2026-01-01T11:00:00Z', true],
    ['for a pod without a time', '2026-01-01T12:00:00Z', undefined, true],
  ])('a Service %s gives variables: %s vs %s -> %s', (_, svcTime, podTime, gives) => {
    const m = buildCluster(
      cluster({
        pods: [{ ...pod('client'), ...(podTime ? { creationTimestamp: podTime } : {}) }],
        services: [
          svc('redis-master', {
            clusterIP: '10.96.0.11',
            ports: [{ port: 6379 }],
            ...(svcTime ? { creationTimestamp: svcTime } : {}),
          }),
        ],
      }),
    );
    const vars = serviceEnv(m, 'default/client').map(([n]) => n);
    expect(vars.includes('REDIS_MASTER_SERVICE_HOST')).toBe(gives);
    expect(vars).toContain('KUBERNETES_SERVICE_HOST');
  });
});
