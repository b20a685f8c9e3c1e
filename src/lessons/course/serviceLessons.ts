/**
 * Lessons on Services: the ClusterIP and kube-proxy, discovery by DNS and by environment
 * variables, headless and ExternalName Services, NodePort and LoadBalancer. Each claim rests on
 * the upstream page in its `sources`; course.test.ts pins every answer against the engine.
 */
import { defaultScenario } from '../../scenario/builtins/defaultScenario.ts';
import {
  external,
  ipTarget,
  named,
  pod,
  podRef,
  service,
  web,
} from '../../scenario/builtins/builders.ts';
import type { ScenarioDocument } from '../../scenario/scenarioDocument.ts';
import type { Lesson } from '../lessonTypes.ts';
import {
  choices,
  delivers,
  flowCheck,
  fromGallery,
  localTraffic,
  solved,
} from './courseBuilders.ts';

const clientToWeb = { from: podRef('client'), to: named('web'), port: 80 };
const clientToApi = { from: podRef('client'), to: named('api'), port: 80 };

/** The first-visit scenario plus an api Deployment whose Service selector has a typo. */
const clusterIpStart: ScenarioDocument = {
  ...defaultScenario,
  title: 'A Service with a typo',
  description: 'web works; the new api Service selects app=apl, a label no pod has.',
  cluster: {
    ...defaultScenario.cluster,
    pods: [
      ...defaultScenario.cluster.pods,
      pod('api-1', 'node-2', { app: 'api' }, [web(3000)], { ownerRef: 'Deployment/api' }),
    ],
    services: [
      ...defaultScenario.cluster.services,
      service('api', { app: 'apl' }, [{ port: 80, targetPort: 3000 }]),
    ],
  },
};

export const clusterIpLesson: Lesson = {
  id: 'service-clusterip',
  title: 'Services and the ClusterIP',
  topic: 'Services',
  level: 'beginner',
  minutes: 10,
  summary:
    "A ClusterIP is a virtual address: no interface has it. kube-proxy on the sending node rewrites it to one of the Service's endpoints, the ready pods its selector matches.",
  start: clusterIpStart,
  solution: solved(clusterIpStart, (c) => ({
    ...c,
    services: c.services.map((s) => (s.name === 'api' ? { ...s, selector: { app: 'api' } } : s)),
  })),
  sources: [
    'https://kubernetes.io/docs/reference/networking/virtual-ips/',
    'https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors',
  ],
  steps: [
    {
      title: 'A virtual address',
      text: 'client calls the **web** Service by name. DNS answers with the ClusterIP, and the packet leaves client addressed to it.',
      action: { kind: 'send', probe: clientToWeb },
    },
    {
      title: 'Where does the ClusterIP become a pod?',
      text: 'web-1 runs on node-1, web-2 on node-2.',
      prediction: {
        fact: 'rewrite-node',
        question: 'On which node is the ClusterIP rewritten to a pod address?',
        probe: clientToWeb,
        choices: choices(
          ['node-1', "On node-1, the client's own node, by kube-proxy's rules"],
          ['node-2', 'On the node that runs the chosen pod'],
          ['none', 'Nowhere: the ClusterIP is an interface the pods listen on'],
        ),
        explanation:
          'kube-proxy programs every node; the DNAT happens on the way out of the sending node, before any routing to the pod.',
      },
    },
    {
      title: 'Which pod answers?',
      text: 'Send the same flow: kube-proxy picks among the endpoints (in iptables mode, at random with equal odds).',
      prediction: {
        fact: 'delivered-to',
        question: 'Which pod gets this connection (seed 1)?',
        probe: { ...clientToWeb, seed: 1 },
        choices: choices(['default/web-1', 'web-1'], ['default/web-2', 'web-2']),
      },
    },
    {
      title: 'Challenge: the api Service has no endpoints',
      text: "client calls **api**, and nothing answers. Look at the Service's selector and the pod's labels, and fix the Service.",
      challenge: {
        goal: 'client reaches an api pod through the api Service.',
        checks: [
          delivers('client reaches api-1 through the api Service', clientToApi, 'default/api-1'),
          flowCheck('web still works', clientToWeb, { verdict: 'Delivered' }),
        ],
      },
    },
  ],
};

const shopClient = podRef('client', 'shop');
const dnsStart = fromGallery(
  'dns-search',
  'Two namespaces',
  'client runs in shop; the web Service is in tools.',
);

export const discoveryLesson: Lesson = {
  id: 'service-discovery',
  title: 'Finding a Service: DNS and environment variables',
  topic: 'DNS',
  level: 'intermediate',
  minutes: 10,
  summary:
    'A pod finds Services by DNS, through a search list that starts with its own namespace (ndots:5), or by the environment variables the kubelet writes for Services of its namespace that existed when it started.',
  start: dnsStart,
  solution: solved(dnsStart, (c) => ({
    ...c,
    services: [
      ...c.services,
      service('db', { app: 'db' }, [{ port: 5432 }], { namespace: 'shop' }),
    ],
  })),
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/',
    'https://kubernetes.io/docs/concepts/services-networking/service/#environment-variables',
  ],
  steps: [
    {
      title: 'The search list',
      text: "client's `resolv.conf` searches `shop.svc.cluster.local`, `svc.cluster.local`, `cluster.local`, with `ndots:5`: a name with fewer than 5 dots is tried with each suffix first.",
      action: { kind: 'send', probe: { from: shopClient, to: named('web.tools'), port: 80 } },
    },
    {
      title: 'A short name from another namespace',
      text: 'client asks for just `web`.',
      prediction: {
        fact: 'verdict',
        question: 'Does `web` from namespace shop reach the web Service in tools?',
        probe: { from: shopClient, to: named('web'), port: 80 },
        choices: choices(
          ['Delivered', 'Yes: DNS finds the Service in any namespace'],
          ['Dropped', 'No: the short name is looked up in shop first, then fails'],
        ),
        explanation:
          'web.shop.svc.cluster.local does not exist, and neither do the other candidates: NXDOMAIN. Use `web.tools`.',
      },
    },
    {
      title: 'Environment variables and creation order',
      text: 'The kubelet gives each container `{NAME}_SERVICE_HOST` and `_PORT` for every Service of its namespace **that existed when the container started**. A Service created later never shows up in a running pod: DNS has no such ordering problem.',
      prediction: {
        fact: 'fixed',
        question:
          'A pod started yesterday; the db Service was created today. Does the pod have DB_SERVICE_HOST?',
        answer: 'no',
        choices: choices(
          ['no', 'No, until the pod is restarted'],
          ['yes', 'Yes, the kubelet updates it'],
        ),
      },
    },
    {
      title: 'Challenge: a Service for shop',
      text: 'Create a Service **db** in namespace **shop** (port 5432). Objects drawn here have no creation time, so every Service counts as existing when the pod started (with imported creation times, a Service created after the pod gives none).',
      challenge: {
        goal: 'client can find db by DNS and by its environment.',
        checks: [
          {
            kind: 'dns',
            text: 'db resolves to a ClusterIP from shop/client',
            from: 'shop/client',
            name: 'db',
            rcode: 'NOERROR',
            answers: 'cluster-ip',
          },
          {
            kind: 'env',
            text: 'client has DB_SERVICE_HOST',
            pod: 'shop/client',
            name: 'DB_SERVICE_HOST',
            present: true,
          },
        ],
      },
    },
  ],
};

const headlessStart = fromGallery(
  'headless',
  'A database Service',
  'db-0 and db-1 behind the db Service, which still has a ClusterIP.',
  (c) => ({
    ...c,
    services: c.services.map(({ clusterIP: _none, ...s }) => s),
  }),
);

export const headlessLesson: Lesson = {
  id: 'service-headless-externalname',
  title: 'Headless and ExternalName Services',
  topic: 'Services',
  level: 'intermediate',
  minutes: 8,
  summary:
    "A headless Service (clusterIP: None) has no virtual IP: DNS answers with the ready pods' own addresses. An ExternalName Service is only a DNS alias (a CNAME).",
  start: headlessStart,
  solution: solved(headlessStart, (c) => ({
    ...c,
    services: [
      ...c.services.map((s) => (s.name === 'db' ? { ...s, clusterIP: 'None' } : s)),
      {
        name: 'payments',
        type: 'ExternalName',
        externalName: 'api.payments.example.com',
        ports: [],
      },
    ],
  })),
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#headless-services',
    'https://kubernetes.io/docs/concepts/services-networking/service/#externalname',
  ],
  steps: [
    {
      title: 'What does DNS answer?',
      text: 'db is an ordinary ClusterIP Service for now.',
      prediction: {
        fact: 'dns-answer',
        question: 'client looks up `db`. What is in the answer?',
        from: 'default/client',
        name: 'db',
        choices: choices(
          ['cluster-ip', "The Service's ClusterIP"],
          ['pod-ips', "The pods' own addresses"],
          ['cname', 'A CNAME'],
        ),
      },
    },
    {
      title: 'Challenge: headless, and an alias',
      text: 'Make **db** headless (`clusterIP: None`), and add an ExternalName Service **payments** for `api.payments.example.com`.',
      challenge: {
        goal: 'db answers with pod addresses; payments is a CNAME.',
        checks: [
          {
            kind: 'dns',
            text: "db answers with the pods' addresses",
            from: 'default/client',
            name: 'db',
            rcode: 'NOERROR',
            answers: 'pod-ips',
          },
          {
            kind: 'dns',
            text: 'payments is a CNAME',
            from: 'default/client',
            name: 'payments',
            rcode: 'NOERROR',
            answers: 'cname',
          },
        ],
      },
    },
    {
      title: 'Straight to a pod',
      text: 'With a headless Service the client connects to a pod IP: no kube-proxy rule is involved.',
      prediction: {
        fact: 'rewrite-node',
        question: 'Where is the destination rewritten now?',
        probe: { from: podRef('client'), to: named('db'), port: 5432 },
        choices: choices(['none', 'Nowhere'], ['node-1', 'On node-1, by kube-proxy']),
      },
    },
  ],
};

const laptop = external('laptop');
const toNode = (ip: string) => ({ from: laptop, to: ipTarget(ip), port: 30080 });
const nodePortStart = fromGallery(
  'nodeport-cluster',
  'A NodePort',
  "A laptop outside calls node-1's NodePort; the only web pod runs on node-2.",
);

export const nodePortLesson: Lesson = {
  id: 'service-nodeport',
  title: 'NodePort: SNAT and externalTrafficPolicy',
  topic: 'Services',
  level: 'intermediate',
  minutes: 10,
  summary:
    "A NodePort opens the same port on every node. With externalTrafficPolicy: Cluster the node forwards to any endpoint and masquerades, hiding the client's address; Local keeps it but only serves from nodes with a local endpoint.",
  start: nodePortStart,
  solution: solved(nodePortStart, localTraffic),
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
    'https://kubernetes.io/docs/tutorials/services/source-ip/#source-ip-for-services-with-type-nodeport',
  ],
  steps: [
    {
      title: 'Who does web see?',
      text: 'The laptop (198.51.100.7) calls node-1 on port 30080.',
      prediction: {
        fact: 'seen-source',
        question: 'Which source address does web see?',
        probe: toNode('192.168.49.2'),
        choices: choices(
          ['laptop', "The laptop's own address"],
          ['node-1', "node-1's address"],
          ['node-2', "node-2's address"],
        ),
        explanation:
          'node-1 has no web pod, so it forwards to node-2 and masquerades the packet: the reply must come back through node-1 to be un-NATed.',
      },
    },
    {
      title: 'Challenge: keep the client address',
      text: "Make web see the laptop's real address when the laptop calls **node-2** (192.168.49.3), where web runs.",
      challenge: {
        goal: "web sees 198.51.100.7 for a call to node-2's NodePort.",
        checks: [
          flowCheck("a call to node-2 keeps the laptop's address", toNode('192.168.49.3'), {
            verdict: 'Delivered',
            seenSource: 'laptop',
          }),
        ],
      },
    },
    {
      title: 'And node-1?',
      text: 'With Local, what happens to a call to node-1, which runs no web pod?',
      prediction: {
        fact: 'verdict',
        question: "The laptop calls node-1's NodePort again.",
        probe: toNode('192.168.49.2'),
        choices: choices(
          ['Delivered', 'It is forwarded to node-2'],
          ['Dropped', 'node-1 drops it'],
        ),
        explanation:
          'Local never forwards to another node; a load balancer health-checks nodes to avoid this one.',
      },
    },
  ],
};

const visitorToLb = { from: external('visitor'), to: ipTarget('203.0.113.10'), port: 80 };
const lbStart = fromGallery(
  'load-balancer',
  'A LoadBalancer Service',
  'A cloud load balancer at 203.0.113.10 in front of two web pods.',
);

export const loadBalancerLesson: Lesson = {
  id: 'service-loadbalancer',
  title: "LoadBalancer: cloud load balancers and the client's address",
  topic: 'Services',
  level: 'advanced',
  minutes: 10,
  summary:
    "A LoadBalancer Service asks the cloud for a load balancer. Some send to NodePorts, some proxy, some target pod IPs; whether the pod sees the client's address depends on which, and on externalTrafficPolicy.",
  start: lbStart,
  solution: solved(lbStart, localTraffic),
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer',
    'https://kubernetes.io/docs/tutorials/services/source-ip/#source-ip-for-services-with-type-loadbalancer',
  ],
  steps: [
    {
      title: 'Through a NodePort',
      text: "This load balancer spreads connections over the nodes' NodePort; kube-proxy on the node takes it from there.",
      prediction: {
        fact: 'seen-source',
        question: 'Which source address does the web pod see?',
        probe: visitorToLb,
        choices: choices(
          ['visitor', "The visitor's address"],
          ['node-1', "node-1's address"],
          ['node-2', "node-2's address"],
        ),
      },
    },
    {
      title: "Challenge: the visitor's address",
      text: "Change the Service so web sees the visitor's own address. (A cloud load balancer that targets pod IPs would do it too.)",
      challenge: {
        goal: "web sees the visitor's address.",
        checks: [
          flowCheck('web sees the visitor', visitorToLb, {
            verdict: 'Delivered',
            seenSource: 'visitor',
          }),
        ],
      },
    },
  ],
};
