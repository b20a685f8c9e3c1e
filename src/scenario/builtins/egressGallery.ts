/**
 * Gallery scenarios for traffic that leaves the cluster: a pod calling an outside service,
 * masqueraded to its node's address on the way out, and the same call stopped at the pod by an
 * egress NetworkPolicy (the docs' own example policy). Each flow's outcome is checked by
 * egressGallery.test.ts against the engine.
 */
import {
  DEFAULT_SETTINGS,
  type ExternalClientSpec,
  type NetworkPolicySpec,
} from '../../engine/spec.ts';
import type { GalleryEntry } from './gallery.ts';
import { curl, flow, ipTarget, pod, podRef, settingsWith, twoNodes } from './builders.ts';

export type EgressGalleryEntry = GalleryEntry;

/** A payment API outside the cluster (TEST-NET-2 address, RFC 5737), serving HTTPS. */
const paymentsApi: ExternalClientSpec = {
  name: 'payments-api',
  ip: '198.51.100.80',
  hostname: 'api.payments.example.com',
  ports: [{ name: 'https', port: 443 }],
};

/** A managed database in the same VPC as the nodes, outside the pod and Service ranges. */
const ordersDb: ExternalClientSpec = {
  name: 'orders-db',
  ip: '10.0.0.5',
  ports: [{ name: 'db', port: 5978 }],
};

/**
 * The egress half of the NetworkPolicy page's example (kubernetes.io, "Network Policies"):
 * pods with role=db may open connections only to 10.0.0.0/24 on TCP 5978.
 */
const testNetworkPolicy: NetworkPolicySpec = {
  name: 'test-network-policy',
  namespace: 'default',
  podSelector: { matchLabels: { role: 'db' } },
  policyTypes: ['Egress'],
  egress: [
    { to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] },
  ],
};

const egressCluster = (withPolicy: boolean) => ({
  settings: withPolicy
    ? settingsWith({ cni: { plugin: 'calico', mode: 'bgp' } })
    : DEFAULT_SETTINGS,
  nodes: twoNodes,
  pods: [pod('orders', 'node-2', { role: 'db' }, [curl])],
  services: [],
  externalClients: [paymentsApi, ordersDb],
  ...(withPolicy ? { networkPolicies: [testNetworkPolicy] } : {}),
});

const entry = (
  id: string,
  title: string,
  description: string,
  withPolicy: boolean,
  to: string,
  port: number,
  expect: EgressGalleryEntry['expect'],
): EgressGalleryEntry => ({
  id,
  topic: 'Leaving the cluster',
  scenario: {
    title,
    description,
    cluster: egressCluster(withPolicy),
    layout: {},
    flow: flow(podRef('orders'), ipTarget(to), port),
  },
  expect,
});

export const EGRESS_GALLERY: readonly EgressGalleryEntry[] = [
  entry(
    'egress-masquerade',
    'A pod calls an API outside the cluster',
    "orders calls payments-api at 198.51.100.80:443. The address is in none of the pod, Service and node ranges, so node-2 sends it by its default route, and flanneld's --ip-masq rule rewrites the source to node-2's address; conntrack turns the reply back to the pod. The API sees node-2, never the pod IP. What lies beyond the node is simulated.",
    false,
    '198.51.100.80',
    443,
    { verdict: 'Delivered', seenSource: 'node' },
  ),
  entry(
    'egress-policy-denied',
    'An egress policy stops it at the pod',
    'The same call under Calico, with the NetworkPolicy example from the Kubernetes docs: pods with role=db may only reach 10.0.0.0/24 on TCP 5978. Felix drops the connection as it leaves orders, before any route is looked up, and the trace names test-network-policy. A call to orders-db at 10.0.0.5:5978 would leave.',
    true,
    '198.51.100.80',
    443,
    { verdict: 'Dropped', reason: 'PolicyDenied' },
  ),
  entry(
    'egress-policy-allowed',
    'The database the policy allows',
    "orders calls orders-db, a managed database at 10.0.0.5:5978 in the nodes' network. test-network-policy allows exactly that, so the connection leaves node-2, masqueraded by Calico (the IP pool has natOutgoing: true), and the database sees node-2's address.",
    true,
    '10.0.0.5',
    5978,
    { verdict: 'Delivered', seenSource: 'node' },
  ),
];
