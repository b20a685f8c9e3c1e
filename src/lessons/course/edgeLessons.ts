/**
 * Lessons at the edges: Ingress, NetworkPolicy, traffic leaving the cluster, and pod addresses
 * that do not last. Each claim rests on the upstream page in its `sources`; course.test.ts pins
 * every answer against the engine.
 */
import type { NetworkPolicySpec } from '../../engine/spec.ts';
import { defaultScenario } from '../../scenario/builtins/defaultScenario.ts';
import {
  curl,
  ipTarget,
  named,
  pod,
  podRef,
  serving,
  settingsWith,
  twoNodes,
  web,
} from '../../scenario/builtins/builders.ts';
import type { ScenarioDocument } from '../../scenario/scenarioDocument.ts';
import type { Lesson } from '../lessonTypes.ts';
import {
  choices,
  delivers,
  flowCheck,
  fromGallery,
  solved,
  visitorTo,
  yesNo,
} from './courseBuilders.ts';

const ingressStart = fromGallery(
  'ingress',
  'One Ingress rule',
  'shop.example.com sends every path to web; the api Service has no rule yet.',
  (c) => ({
    ...c,
    ingresses: (c.ingresses ?? []).map((i) => ({
      ...i,
      rules: i.rules.map((r) => ({ ...r, paths: r.paths.filter((p) => p.path !== '/api') })),
    })),
  }),
);

export const ingressLesson: Lesson = {
  id: 'ingress',
  title: 'Ingress: host and path rules, TLS, controllers',
  topic: 'Ingress',
  level: 'intermediate',
  minutes: 10,
  summary:
    'An Ingress is not a Service type: it is a set of HTTP rules that an ingress controller (a proxy running in pods) reads. The controller terminates TLS and opens its own connection to a backend pod.',
  start: ingressStart,
  solution: solved(ingressStart, (c) => ({
    ...c,
    ingresses: (c.ingresses ?? []).map((i) => ({
      ...i,
      rules: i.rules.map((r) => ({
        ...r,
        paths: [
          { path: '/api', pathType: 'Prefix' as const, backend: { service: 'api', port: 80 } },
          ...r.paths,
        ],
      })),
    })),
  })),
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/',
    'https://kubernetes.io/docs/concepts/services-networking/ingress-controllers/',
  ],
  steps: [
    {
      title: 'Not a Service type',
      text: 'Services have the types ClusterIP, NodePort, LoadBalancer and ExternalName.',
      prediction: {
        fact: 'fixed',
        question: 'Is Ingress a fifth Service type?',
        answer: 'no',
        choices: choices(
          ['no', 'No: it is its own object, acted on by an ingress controller'],
          ['yes', 'Yes: type: Ingress'],
        ),
      },
    },
    {
      title: 'Where does /api/cart go?',
      text: 'The only rule sends the prefix `/` to web.',
      prediction: {
        fact: 'delivered-to',
        question: 'Which pod gets https://shop.example.com/api/cart?',
        probe: visitorTo('https://shop.example.com/api/cart'),
        choices: choices(['default/web', 'web'], ['default/api', 'api'], ['none', 'None: 404']),
        explanation: 'Prefix `/` matches every path.',
      },
    },
    {
      title: 'Who does the pod see?',
      text: 'The controller terminates TLS and connects to the pod itself.',
      prediction: {
        fact: 'seen-source',
        question: 'Which source does the web pod see?',
        probe: visitorTo('https://shop.example.com/'),
        choices: choices(
          ['visitor', "The visitor's address"],
          ['ingress-nginx/ingress-nginx-controller', "The ingress controller pod's address"],
        ),
        explanation: "The visitor's address travels in X-Forwarded-For instead.",
      },
    },
    {
      title: 'Challenge: route /api',
      text: 'Add a path rule so that **shop.example.com/api** goes to the **api** Service (port 80), while everything else still goes to web.',
      challenge: {
        goal: '/api/cart reaches api; / still reaches web.',
        checks: [
          delivers(
            '/api/cart reaches api',
            visitorTo('https://shop.example.com/api/cart'),
            'default/api',
          ),
          delivers('/ still reaches web', visitorTo('https://shop.example.com/'), 'default/web'),
        ],
      },
    },
  ],
};

const redis = serving('redis', 'redis', 'redis', 6379);
const denyAll: NetworkPolicySpec = {
  name: 'default-deny-ingress',
  podSelector: {},
  policyTypes: ['Ingress'],
};
/** shop's frontend may reach db: a peer with a namespaceSelector AND a podSelector. */
const shopFrontend: NetworkPolicySpec = {
  name: 'db-from-shop-frontend',
  podSelector: { matchLabels: { role: 'db' } },
  policyTypes: ['Ingress'],
  ingress: [
    {
      from: [
        {
          namespaceSelector: { matchLabels: { team: 'shop' } },
          podSelector: { matchLabels: { role: 'frontend' } },
        },
      ],
      ports: [{ protocol: 'TCP', port: 6379 }],
    },
  ],
};
const policyStart: ScenarioDocument = {
  title: 'Who may reach db',
  description: "db is isolated; one policy lets the shop team's frontend in.",
  cluster: {
    settings: settingsWith({ cni: { plugin: 'calico', mode: 'bgp' } }),
    nodes: twoNodes,
    namespaces: [
      { name: 'shop', labels: { team: 'shop' } },
      { name: 'ops', labels: { team: 'ops' } },
    ],
    pods: [
      pod('frontend', 'node-1', { role: 'frontend' }, [curl], { namespace: 'shop' }),
      pod('intruder', 'node-1', { role: 'frontend' }, [curl]),
      pod('monitor', 'node-1', { role: 'monitor' }, [curl], { namespace: 'ops' }),
      pod('db', 'node-2', { role: 'db' }, [redis]),
    ],
    services: [],
    networkPolicies: [denyAll, shopFrontend],
  },
  layout: {},
};
const toDb = (name: string, namespace = 'default') => ({
  from: podRef(name, namespace),
  to: podRef('db'),
  port: 6379,
});

export const networkPolicyLesson: Lesson = {
  id: 'network-policy',
  title: 'NetworkPolicy: default deny, labels, namespaces',
  topic: 'NetworkPolicy',
  level: 'intermediate',
  minutes: 15,
  summary:
    'Once a policy selects a pod for ingress, only what some rule allows gets in. Within one peer, a namespaceSelector and a podSelector must both match; two peers are either-or.',
  start: policyStart,
  solution: solved(policyStart, (c) => ({
    ...c,
    networkPolicies: [
      ...(c.networkPolicies ?? []),
      {
        name: 'db-from-ops',
        podSelector: { matchLabels: { role: 'db' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }],
      },
    ],
  })),
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic',
  ],
  steps: [
    {
      title: 'The policies',
      text: '`default-deny-ingress` selects every pod of default and allows nothing. `db-from-shop-frontend` has one peer with **both** a namespaceSelector (team=shop) and a podSelector (role=frontend).',
      action: { kind: 'open-policies' },
    },
    {
      title: 'Two selectors in one peer',
      text: '**intruder** runs in default but carries the label role=frontend.',
      prediction: {
        fact: 'reach',
        question: 'May intruder open a connection to db on 6379?',
        from: 'default/intruder',
        to: 'default/db',
        port: 6379,
        probe: toDb('intruder'),
        choices: yesNo,
        explanation:
          'The two selectors of one peer are ANDed: the pod must be role=frontend *and* in a namespace labelled team=shop.',
      },
    },
    {
      title: 'Challenge: let ops monitor db',
      text: 'The **monitor** pod in namespace **ops** (labelled team=ops) must reach db. Nobody else may get in who could not before.',
      challenge: {
        goal: 'monitor reaches db; intruder still does not.',
        checks: [
          flowCheck('monitor reaches db', toDb('monitor', 'ops'), { verdict: 'Delivered' }),
          flowCheck("shop's frontend still reaches db", toDb('frontend', 'shop'), {
            verdict: 'Delivered',
          }),
          {
            kind: 'reach',
            text: 'intruder may still not reach db',
            from: 'default/intruder',
            to: 'default/db',
            port: 6379,
            allowed: false,
          },
        ],
      },
    },
  ],
};

const orders = podRef('orders');
const toPayments = { from: orders, to: ipTarget('198.51.100.80'), port: 443 };
const toOrdersDb = { from: orders, to: ipTarget('10.0.0.5'), port: 5978 };
const egressStart = fromGallery(
  'egress-policy-allowed',
  'Leaving the cluster',
  'orders may only reach the managed database at 10.0.0.5:5978.',
);

export const egressLesson: Lesson = {
  id: 'egress',
  title: 'Traffic leaving the cluster, and egress policy',
  topic: 'Leaving the cluster',
  level: 'advanced',
  minutes: 10,
  summary:
    "A packet to an address outside the cluster leaves by the node's default route, masqueraded to the node's address. An egress NetworkPolicy stops it at the pod, before any route.",
  start: egressStart,
  solution: solved(egressStart, (c) => ({
    ...c,
    networkPolicies: (c.networkPolicies ?? []).map((p) => ({
      ...p,
      egress: [
        ...(p.egress ?? []),
        {
          to: [{ ipBlock: { cidr: '198.51.100.80/32' } }],
          ports: [{ protocol: 'TCP' as const, port: 443 }],
        },
      ],
    })),
  })),
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    'https://docs.tigera.io/calico/latest/networking/configuring/workloads-outside-cluster',
  ],
  steps: [
    {
      title: 'Who does the database see?',
      text: 'orders calls the managed database outside the cluster.',
      prediction: {
        fact: 'seen-source',
        question: 'Which source address does the database see?',
        probe: toOrdersDb,
        choices: choices(['default/orders', "orders' pod IP"], ['node-2', "node-2's address"]),
        explanation: 'Calico masquerades traffic from the pool leaving the cluster (natOutgoing).',
      },
    },
    {
      title: 'Where is it stopped?',
      text: 'orders calls the payments API, which the policy does not allow.',
      prediction: {
        fact: 'dropped-at',
        question: 'Where is the call dropped?',
        probe: toPayments,
        choices: choices(
          ['orders', 'At orders, as it leaves the pod'],
          ['node-2', "At node-2's default route"],
          ['delivered', 'It is not dropped'],
        ),
      },
    },
    {
      title: 'Challenge: allow the payments API',
      text: 'Let orders call **198.51.100.80** on TCP **443**, and nothing else new.',
      challenge: {
        goal: 'orders reaches the payments API and the database; other addresses stay blocked.',
        checks: [
          flowCheck('orders reaches the payments API', toPayments, { verdict: 'Delivered' }),
          flowCheck('orders still reaches the database', toOrdersDb, { verdict: 'Delivered' }),
          flowCheck(
            'another outside address stays blocked',
            { from: orders, to: ipTarget('203.0.113.99'), port: 443 },
            { verdict: 'Dropped', reason: 'PolicyDenied' },
          ),
        ],
      },
    },
  ],
};

const rolloutStart = defaultScenario;
const clientToWeb = { from: podRef('client'), to: named('web'), port: 80 };

export const durableLesson: Lesson = {
  id: 'pod-addresses',
  title: 'Pod addresses do not last; the Service does',
  topic: 'Services',
  level: 'beginner',
  minutes: 6,
  summary:
    "A pod that is rescheduled or replaced by a rollout is a new pod with a new IP. The Service's name and ClusterIP stay, and its endpoints follow the pods.",
  start: rolloutStart,
  solution: solved(rolloutStart, (c) => ({
    ...c,
    pods: [
      ...c.pods.filter((p) => p.name !== 'web-2'),
      pod('web-3', 'node-1', { app: 'web' }, [web()], { ownerRef: 'Deployment/web' }),
    ],
  })),
  sources: [
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/',
    'https://kubernetes.io/docs/concepts/services-networking/service/#motivation',
  ],
  steps: [
    {
      title: 'An address you could hard-code',
      text: "web-2 has a pod IP. You could put it in client's configuration, but should you?",
      prediction: {
        fact: 'fixed',
        question: 'web-2 is replaced by a rollout. Does the new pod keep 10.244.2.2?',
        answer: 'no',
        choices: choices(
          ['no', 'No: a new pod gets a new address'],
          ['yes', 'Yes: the Deployment keeps it'],
        ),
      },
    },
    {
      title: 'Challenge: a rollout',
      text: 'Replace **web-2** by a new pod **web-3** on node-1 (label app=web), as a rollout would.',
      challenge: {
        goal: 'web-3 serves on node-1 and client still reaches the web Service.',
        checks: [
          {
            kind: 'object',
            text: 'web-3 runs on node-1',
            object: 'Pod',
            namespace: 'default',
            name: 'web-3',
            path: 'nodeName',
            equals: 'node-1',
          },
          flowCheck('client still reaches the web Service', clientToWeb, { verdict: 'Delivered' }),
          flowCheck(
            "web-2's old address answers no more",
            { from: podRef('client'), to: ipTarget('10.244.2.2'), port: 8080 },
            { verdict: 'Dropped' },
          ),
        ],
      },
    },
    {
      title: 'The Service followed',
      text: 'Send to the Service again.',
      prediction: {
        fact: 'delivered-to',
        question: 'Where does the Service send this connection now (seed 2)?',
        probe: { ...clientToWeb, seed: 2 },
        choices: choices(
          ['default/web-1', 'web-1'],
          ['default/web-2', 'web-2'],
          ['default/web-3', 'web-3'],
        ),
      },
    },
  ],
};
