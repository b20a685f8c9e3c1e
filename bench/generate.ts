/**
 * A synthetic cluster shaped like a real one, for the benchmarks: namespaces of apps, each app a
 * Deployment of pods behind a Service, a default-deny policy per namespace and allow rules
 * between apps. Deterministic: the same numbers give the same spec.
 */
import { seededRandom } from '../src/engine/hash.ts';
import type {
  ClusterSpec,
  NetworkPolicyPeer,
  NetworkPolicySpec,
  PodSpec,
  ServiceSpec,
} from '../src/engine/spec.ts';
import { DEFAULT_SETTINGS } from '../src/engine/spec.ts';

export interface Size {
  readonly nodes: number;
  readonly pods: number;
  readonly services: number;
  readonly policies: number;
  readonly namespaces?: number;
}

export function generateCluster(size: Size): ClusterSpec {
  const random = seededRandom(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const nsCount = size.namespaces ?? Math.max(1, Math.min(20, Math.round(size.services / 15)));
  const namespaces = Array.from({ length: nsCount }, (_, i) => ({
    name: `ns-${i}`,
    labels: { team: `team-${i % 5}`, env: i % 3 === 0 ? 'prod' : 'dev' },
  }));
  const nodes = Array.from({ length: size.nodes }, (_, i) => ({
    name: `node-${i + 1}`,
    labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` },
  }));

  // One app per Service, spread over the namespaces; pods spread over the apps.
  const apps = Array.from({ length: size.services }, (_, i) => ({
    namespace: namespaces[i % nsCount].name,
    name: `app-${i}`,
    tier: (['fe', 'be', 'db'] as const)[i % 3],
  }));
  const pods: PodSpec[] = [];
  for (let i = 0; i < size.pods; i++) {
    const app = apps[i % apps.length];
    pods.push({
      name: `${app.name}-${(i / apps.length) | 0}-${(i * 2654435761) % 100000}`,
      namespace: app.namespace,
      nodeName: nodes[i % nodes.length].name,
      labels: {
        app: app.name,
        tier: app.tier,
        'pod-template-hash': `h${i % 997}`,
        version: random() < 0.2 ? 'v2' : 'v1',
      },
      ready: random() > 0.03,
      ownerRef: `Deployment/${app.name}`,
      containers: [
        {
          name: 'app',
          ports: [
            { name: 'http', containerPort: 8080 },
            { name: 'metrics', containerPort: 9090 },
          ],
        },
      ],
    });
  }
  const services: ServiceSpec[] = apps.map((app, i) => ({
    name: app.name,
    namespace: app.namespace,
    type: i % 50 === 0 ? 'LoadBalancer' : i % 10 === 0 ? 'NodePort' : 'ClusterIP',
    selector: { app: app.name },
    ports: [
      { name: 'http', port: 80, targetPort: 'http' },
      { name: 'metrics', port: 9090, targetPort: 'metrics' },
    ],
  }));

  // Per namespace: a default deny for ingress, then allow rules between apps.
  const policies: NetworkPolicySpec[] = [];
  for (const ns of namespaces) {
    if (policies.length >= size.policies) break;
    policies.push({
      name: 'default-deny',
      namespace: ns.name,
      podSelector: {},
      policyTypes: ['Ingress'],
    });
  }
  for (let i = 0; policies.length < size.policies; i++) {
    const to = apps[i % apps.length];
    const from = pick(apps.filter((a) => a.namespace === to.namespace));
    const kind = i % 5;
    const peer: NetworkPolicyPeer =
      kind === 0
        ? { podSelector: { matchLabels: { app: from.name } } }
        : kind === 1
          ? { podSelector: { matchLabels: { tier: 'fe' } } }
          : kind === 2
            ? {
                namespaceSelector: { matchLabels: { env: 'prod' } },
                podSelector: { matchLabels: { tier: 'fe' } },
              }
            : kind === 3
              ? { namespaceSelector: { matchLabels: { team: `team-${i % 5}` } } }
              : { ipBlock: { cidr: '10.244.0.0/16', except: [`10.244.${i % 100}.0/24`] } };
    policies.push({
      name: `allow-${i}`,
      namespace: to.namespace,
      podSelector: { matchLabels: { app: to.name } },
      policyTypes: i % 7 === 0 ? ['Ingress', 'Egress'] : ['Ingress'],
      ingress: [{ from: [peer], ports: [{ port: i % 2 === 0 ? 'http' : 8080 }] }],
      egress: i % 7 === 0 ? [{ to: [{ namespaceSelector: {} }] }] : undefined,
    });
  }

  return {
    settings: {
      ...DEFAULT_SETTINGS,
      cni: { plugin: 'calico', mode: 'bgp' },
      nodeNetwork: '192.168.0.0/16',
    },
    nodes,
    namespaces,
    pods,
    services,
    networkPolicies: policies,
    externalClients: [{ name: 'user', ip: '198.51.100.7' }],
  };
}
