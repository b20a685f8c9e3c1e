/**
 * The course's first four lessons: a pod's shared network namespace, pod to pod on one node,
 * pod to pod across nodes, and the CNI plugins compared. Each claim rests on the upstream page
 * in its `sources`; course.test.ts pins every answer against the engine.
 */
import { podRef } from '../../scenario/builtins/builders.ts';
import type { Lesson } from '../lessonTypes.ts';
import { choices, flowCheck, fromGallery, onCalico, solved } from './courseBuilders.ts';

const app = { ...podRef('app'), container: 'app' };
const toLocalhost = (port: number) => ({ from: app, to: { kind: 'localhost' } as const, port });

const localhostStart = fromGallery(
  'localhost',
  'One pod, two containers',
  'The app container and its metrics sidecar live in one pod.',
);

export const localhostLesson: Lesson = {
  id: 'pod-localhost',
  title: 'Containers in a pod share one network namespace',
  topic: 'Pods',
  level: 'beginner',
  minutes: 5,
  summary:
    'Every container of a pod shares the network namespace the pause container holds: one IP, one `lo`, one set of ports.',
  start: localhostStart,
  solution: solved(localhostStart, (c) => ({
    ...c,
    pods: c.pods.map((p) =>
      p.name === 'app'
        ? {
            ...p,
            containers: [
              ...p.containers,
              { name: 'logs', image: 'log-exporter', ports: [{ containerPort: 9100 }] },
            ],
          }
        : p,
    ),
  })),
  sources: [
    'https://kubernetes.io/docs/concepts/workloads/pods/#pod-networking',
    'https://kubernetes.io/docs/concepts/cluster-administration/networking/',
  ],
  steps: [
    {
      title: 'One pod, one network namespace',
      text: 'The pod **app** runs two containers: `app` and the `metrics` sidecar on port 9090. Kubernetes gives the *pod* an IP address, not each container.',
    },
    {
      title: 'Who does the sidecar see?',
      text: 'The app calls `localhost:9090`.',
      prediction: {
        fact: 'seen-source',
        question: 'Which source address does the metrics sidecar see?',
        probe: toLocalhost(9090),
        choices: choices(
          ['localhost', 'Loopback (127.0.0.1): the packet never leaves the pod'],
          ['default/app', "The pod's own IP on eth0"],
          ['node-1', "node-1's address"],
        ),
        explanation:
          "Both containers share the pod's `lo` interface, so the packet goes from 127.0.0.1 to 127.0.0.1 without touching eth0, the veth pair or the node.",
      },
    },
    {
      title: 'Do containers have their own IPs?',
      text: 'Think about what sharing a network namespace means.',
      prediction: {
        fact: 'fixed',
        question: 'Do `app` and `metrics` have different IP addresses?',
        answer: 'same',
        choices: choices(
          ['same', 'No: they share the pod IP, so their ports must not clash'],
          ['different', 'Yes: each container gets an IP of its own'],
        ),
        explanation:
          'Containers in a pod share the IP and the port space; two containers cannot both listen on 9090.',
      },
    },
    {
      title: 'Challenge: add a log sidecar',
      text: 'Add a third container to **app** that listens on port **9100**, so the app can reach it on localhost.',
      challenge: {
        goal: 'app reaches a sidecar on localhost:9100.',
        checks: [
          flowCheck('app reaches localhost:9100', toLocalhost(9100), { verdict: 'Delivered' }),
          flowCheck('the sidecar on 9090 still answers', toLocalhost(9090), {
            verdict: 'Delivered',
            seenSource: 'localhost',
          }),
        ],
      },
    },
  ],
};

const clientToWeb = { from: podRef('client'), to: podRef('web'), port: 8080 };
const sameNodeStart = fromGallery(
  'same-node',
  'Two pods on node-1',
  'client and web both run on node-1.',
);

export const sameNodeLesson: Lesson = {
  id: 'pod-same-node',
  title: 'Pod to pod on one node: veth pairs and the bridge',
  topic: 'Pods',
  level: 'beginner',
  minutes: 7,
  summary:
    'A pod reaches its node through a veth pair; on one node a bridge switches the packet between pods, and no address changes on the way.',
  start: sameNodeStart,
  solution: solved(sameNodeStart, (c) => ({
    ...c,
    nodes: [...c.nodes, { name: 'node-2' }],
    pods: c.pods.map((p) => (p.name === 'web' ? { ...p, nodeName: 'node-2' } : p)),
  })),
  sources: [
    'https://kubernetes.io/docs/concepts/cluster-administration/networking/#the-kubernetes-network-model',
    'https://www.cni.dev/plugins/current/main/bridge/',
  ],
  steps: [
    {
      title: 'The path inside a node',
      text: "Each pod's `eth0` is one end of a **veth pair**; the other end sits on the node, attached to the `cni0` bridge.",
      action: { kind: 'send', probe: clientToWeb },
    },
    {
      title: 'Does any address change?',
      text: 'client sends to web by its pod IP.',
      prediction: {
        fact: 'rewrite-node',
        question: 'Where is the destination address rewritten?',
        probe: clientToWeb,
        choices: choices(
          ['none', 'Nowhere: pod IPs are routable as they are'],
          ['node-1', 'On node-1, by the bridge'],
        ),
        explanation:
          'The Kubernetes network model: pods talk to each other by their own IPs, with no NAT.',
      },
    },
    {
      title: 'Challenge: move web to another node',
      text: "Add a second node **node-2** and move **web** there. The packet must still arrive, and web must still see client's own address.",
      challenge: {
        goal: 'web runs on node-2 and still sees client as the source.',
        checks: [
          {
            kind: 'object',
            text: 'web runs on node-2',
            object: 'Pod',
            namespace: 'default',
            name: 'web',
            path: 'nodeName',
            equals: 'node-2',
          },
          flowCheck('client reaches web and web sees client', clientToWeb, {
            verdict: 'Delivered',
            seenSource: 'default/client',
          }),
        ],
      },
    },
  ],
};

const crossStart = fromGallery(
  'cross-node-flannel-vxlan',
  'Across nodes with Flannel VXLAN',
  'client on node-1 calls web on node-2 by pod IP.',
);

export const crossNodeLesson: Lesson = {
  id: 'pod-cross-node',
  title: 'Pod to pod across nodes: overlay or routed',
  topic: 'CNI',
  level: 'intermediate',
  minutes: 10,
  summary:
    'Across nodes the CNI either wraps the packet in a tunnel (VXLAN, IP-in-IP, Geneve) or routes pod addresses as they are (host-gw, BGP). Either way the pod addresses stay the same.',
  start: crossStart,
  solution: solved(crossStart, onCalico),
  sources: [
    'https://github.com/flannel-io/flannel/blob/master/Documentation/backends.md',
    'https://docs.tigera.io/calico/latest/networking/configuring/vxlan-ipip',
  ],
  steps: [
    {
      title: 'The tunnel',
      text: 'With Flannel VXLAN, `flannel.1` wraps the packet in UDP between the node IPs. Open the headers at the tunnel hop to see the outer header.',
      action: { kind: 'open-hop', probe: clientToWeb, hop: 4 },
    },
    {
      title: 'Does the tunnel hide the pod?',
      text: 'The outer header carries node addresses.',
      prediction: {
        fact: 'seen-source',
        question: 'Which source does web see?',
        probe: clientToWeb,
        choices: choices(
          ['default/client', "client's pod IP: the inner packet is unchanged"],
          ['node-1', "node-1's IP, from the outer header"],
        ),
        explanation:
          'The receiving node strips the outer header; the inner packet was never changed.',
      },
    },
    {
      title: 'Challenge: route without a tunnel',
      text: "Switch the cluster to **Calico in BGP mode**: each node learns the other's pod routes over BGP and sends pod packets without encapsulation.",
      challenge: {
        goal: 'The cluster runs Calico BGP and client still reaches web.',
        checks: [
          {
            kind: 'object',
            text: 'the CNI is Calico',
            object: 'Settings',
            path: 'cni.plugin',
            equals: 'calico',
          },
          {
            kind: 'object',
            text: 'in BGP mode (no encapsulation)',
            object: 'Settings',
            path: 'cni.mode',
            equals: 'bgp',
          },
          flowCheck('client reaches web with its own address', clientToWeb, {
            verdict: 'Delivered',
            seenSource: 'default/client',
          }),
        ],
      },
    },
  ],
};

const intruderToDb = {
  from: podRef('intruder'),
  to: { kind: 'name', name: 'db' } as const,
  port: 6379,
};
const frontendToDb = { ...intruderToDb, from: podRef('frontend') };
const cniStart = fromGallery(
  'policy-flannel',
  'A policy nobody enforces',
  'Two NetworkPolicies protect db, on a cluster running Flannel.',
);

export const cniLesson: Lesson = {
  id: 'cni-compare',
  title: 'The CNI plugins compared: who enforces NetworkPolicy',
  topic: 'CNI',
  level: 'intermediate',
  minutes: 10,
  summary:
    'Flannel, Calico, Cilium, Weave Net and kube-router all connect pods; only some enforce NetworkPolicy. Flannel does not: its policies are accepted and ignored.',
  start: cniStart,
  solution: solved(cniStart, onCalico),
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/#prerequisites',
    'https://github.com/flannel-io/flannel#networkpolicy',
  ],
  steps: [
    {
      title: 'Policies on Flannel',
      text: 'A default-deny policy isolates every pod; a second one lets only **role=frontend** reach **db** on 6379. The cluster runs **Flannel**.',
      action: { kind: 'open-policies' },
    },
    {
      title: 'Is the intruder stopped?',
      text: 'The batch pod **intruder** calls db.',
      prediction: {
        fact: 'verdict',
        question: "What happens to the intruder's connection?",
        probe: intruderToDb,
        choices: choices(['Delivered', 'It reaches db'], ['Dropped', 'The policy drops it']),
        explanation:
          'NetworkPolicy is only enforced by a network plugin that supports it. Flannel does not, so the API server stores the policy and nothing acts on it.',
      },
    },
    {
      title: 'Challenge: enforce the policy',
      text: 'Pick a CNI that enforces NetworkPolicy (in the cluster settings). Do not change the policies.',
      challenge: {
        goal: 'The intruder is dropped by the policy; the frontend still reaches db.',
        checks: [
          flowCheck('the intruder is dropped by policy', intruderToDb, {
            verdict: 'Dropped',
            reason: 'PolicyDenied',
          }),
          flowCheck('the frontend still reaches db', frontendToDb, { verdict: 'Delivered' }),
        ],
      },
    },
  ],
};
