/**
 * Settings read from the workloads of issue 8: kube-router's DaemonSet (its flags, as
 * cloudnativelabs/kube-router docs/user-guide.md lists them with their defaults), and the
 * ingress controller a dump runs (HAProxy Ingress by its image or IngressClass controller
 * `haproxy-ingress.github.io/controller`, ingress-nginx by `k8s.io/ingress-nginx`).
 */
import { describe, expect, it } from 'vitest';
import { importKubernetesYaml } from './importKubernetesYaml.ts';
import { workloadYaml } from '../testing/workloadYaml.ts';

const kubeRouter = (args: string[]) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-router, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kube-router}}
  template:
    metadata: {labels: {k8s-app: kube-router}}
    spec:
      hostNetwork: true
      containers:
      - name: kube-router
        image: docker.io/cloudnativelabs/kube-router
        args: [${args.map((a) => JSON.stringify(a)).join(', ')}]`;

function settingsOf(yaml: string) {
  const r = importKubernetesYaml(yaml);
  expect(r.errors).toEqual([]);
  return { settings: r.spec.settings, notes: r.warnings.filter((w) => w.what === 'Setting') };
}

describe('kube-router DaemonSet', () => {
  it.each([
    [
      'all features (kubeadm-kuberouter-all-features.yaml)',
      ['--run-router=true', '--run-firewall=true', '--run-service-proxy=true'],
      { cni: { plugin: 'kube-router', mode: 'subnet' }, proxyMode: 'kube-router' },
    ],
    [
      'the defaults (every feature on, overlay across subnets)',
      ['--kubeconfig=/var/lib/kube-router/kubeconfig'],
      { cni: { plugin: 'kube-router', mode: 'subnet' }, proxyMode: 'kube-router' },
    ],
    [
      'next to kube-proxy (kubeadm-kuberouter.yaml: --run-service-proxy=false)',
      ['--run-router=true', '--run-firewall=true', '--run-service-proxy=false'],
      { cni: { plugin: 'kube-router', mode: 'subnet' }, proxyMode: 'iptables' },
    ],
    ['a full overlay', ['--overlay-type=full'], { cni: { plugin: 'kube-router', mode: 'full' } }],
    ['no overlay', ['--enable-overlay=false'], { cni: { plugin: 'kube-router', mode: 'none' } }],
  ])('%s', (_what, args, expected) => {
    const { settings, notes } = settingsOf(kubeRouter(args));
    expect(settings).toMatchObject(expected);
    expect(notes.some((n) => /kube-router/.test(n.message))).toBe(true);
  });

  it('keeps the CNI when kube-router runs only as a service proxy', () => {
    const { settings } = settingsOf(
      kubeRouter(['--run-router=false', '--run-firewall=false', '--run-service-proxy=true']),
    );
    expect(settings.cni.plugin).toBe('flannel');
    expect(settings.proxyMode).toBe('kube-router');
  });
});

describe('the ingress controller of a dump', () => {
  it('reads HAProxy Ingress from its Deployment', () => {
    const { settings, notes } = settingsOf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: haproxy-ingress, namespace: ingress-controller}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: haproxy-ingress}}
  template:
    metadata: {labels: {app.kubernetes.io/name: haproxy-ingress}}
    spec:
      containers:
      - {name: haproxy-ingress, image: "quay.io/jcmoraisjr/haproxy-ingress:v0.14.7"}`);
    expect(settings.ingressControllerType).toBe('haproxy');
    expect(notes.some((n) => /HAProxy Ingress/.test(n.message))).toBe(true);
  });

  it('reads it from an IngressClass, and not from HAProxy Technologies’ other controller', () => {
    const cls = (controller: string) => `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: haproxy}
spec: {controller: ${controller}}`;
    expect(
      settingsOf(cls('haproxy-ingress.github.io/controller')).settings.ingressControllerType,
    ).toBe('haproxy');
    expect(
      settingsOf(cls('haproxy.org/ingress-controller')).settings.ingressControllerType,
    ).toBeUndefined();
  });

  it('leaves ingress-nginx as it is (the default)', () => {
    const { settings } = settingsOf(
      workloadYaml({
        kind: 'Deployment',
        metadata: 'name: ingress-nginx-controller, namespace: ingress-nginx',
        app: 'x',
        pod: [
          'containers:',
          '- {name: controller, image: "registry.k8s.io/ingress-nginx/controller:v1.11.2"}',
        ],
      }),
    );
    expect(settings.ingressControllerType).toBeUndefined();
  });
});

describe('which IngressClass PodPath serves', () => {
  it('is HAProxy Ingress’s class when the dump runs HAProxy Ingress', () => {
    const r = importKubernetesYaml(`apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: haproxy}
spec: {controller: haproxy-ingress.github.io/controller}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}`);
    expect(r.ingressClasses.map((c) => [c.name, c.served])).toEqual([
      ['haproxy', true],
      ['nginx', false],
    ]);
  });
});
