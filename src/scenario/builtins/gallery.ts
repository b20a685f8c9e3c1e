/**
 * The gallery: one small scenario per topic, each with a ready flow and the outcome its
 * description promises (checked by the tests against the engine).
 */
import {
  type CniMode,
  type CniPlugin,
  DEFAULT_SETTINGS,
  type ClusterSettings,
  type ClusterSpec,
  type IngressSpec,
  type NetworkPolicySpec,
  type ServiceSpec,
} from '../../engine/spec.ts';
import type { Probe } from '../../engine/trace.ts';
import type { ScenarioDocument } from '../scenarioDocument.ts';
import {
  curl,
  external,
  flow,
  ipTarget,
  named,
  pod,
  podRef,
  service,
  serving,
  settingsWith,
  twoNodes,
  urlTarget,
  web,
} from './builders.ts';
import { defaultScenario } from './defaultScenario.ts';
import { CONTROL_PLANE_GALLERY } from './controlPlaneGallery.ts';
import { EGRESS_GALLERY } from './egressGallery.ts';
import { INGRESS_CLASS_GALLERY } from './ingressClassGallery.ts';
import { L7_GALLERY } from './l7Gallery.ts';

export interface GalleryEntry {
  readonly id: string;
  readonly topic: string;
  readonly scenario: ScenarioDocument;
  /**
   * Settings the flow is traced under as well, beside the scenario's own: the entry opens as that
   * comparison (the same flow, hop lists side by side) rather than a single run.
   */
  readonly compareWith?: {
    readonly cni: ClusterSettings['cni'];
    readonly proxyMode: ClusterSettings['proxyMode'];
  };
  /** What the flow must end in, as the description says. */
  readonly expect: {
    readonly verdict: 'Delivered' | 'Dropped';
    readonly reason?: string;
    /** Who the destination sees: the flow's source, a node, the ingress controller, the LB. */
    readonly seenSource?: 'client' | 'node' | 'controller' | 'load-balancer';
  };
}

type Expectation = GalleryEntry['expect'];
type BuiltinCluster = Omit<ClusterSpec, 'settings'> & { settings?: ClusterSettings };

const delivered = (seenSource?: Expectation['seenSource']): Expectation =>
  seenSource ? { verdict: 'Delivered', seenSource } : { verdict: 'Delivered' };
const dropped = (reason: string): Expectation => ({ verdict: 'Dropped', reason });

/** One gallery entry; a cluster without settings runs on the defaults. */
function entry(
  id: string,
  topic: string,
  title: string,
  description: string,
  cluster: BuiltinCluster,
  scenarioFlow: Probe,
  expect: Expectation,
): GalleryEntry {
  return {
    id,
    topic,
    scenario: {
      title,
      description,
      cluster: { settings: DEFAULT_SETTINGS, ...cluster },
      layout: {},
      flow: scenarioFlow,
    },
    expect,
  };
}

const calicoBgp = settingsWith({ cni: { plugin: 'calico', mode: 'bgp' } });
/** kube-router as CNI, service proxy and policy enforcer. */
const kubeRouterAll = settingsWith({
  cni: { plugin: 'kube-router', mode: 'subnet' },
  proxyMode: 'kube-router',
});
const visitor = { name: 'visitor', ip: '198.51.100.20' };

/** client on node-1, web on another node (or the same one). */
const clientAndWeb = (webNode: string) => [
  pod('client', 'node-1', { app: 'client' }, [curl]),
  pod('web', webNode, { app: 'web' }, [web()]),
];
const clientToWeb = () => flow(podRef('client'), podRef('web'), 8080);
/** The web Service, port 80 to the pods' 8080. */
const webService = (extra: Partial<ServiceSpec> = {}) =>
  service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }], extra);

/** A CNI on the cross-node flow: plugin, mode, title and what the scenario shows. */
const cniVariant = (plugin: CniPlugin, mode: CniMode, title: string, text: string) => ({
  id: `${plugin}-${mode}`,
  settings: settingsWith({ cni: { plugin, mode } }),
  title,
  text,
});
// prettier-ignore
const cniVariants = [
  cniVariant('flannel', 'vxlan', 'Flannel VXLAN', 'flannel.1 wraps the packet in VXLAN (UDP 8472, VNI 1) between the node IPs; the 50 bytes of outer headers leave pods an MTU of 1450.'),
  cniVariant('flannel', 'host-gw', 'Flannel host-gw', "No tunnel: each node has a plain route to the other node's pod CIDR via that node's IP, which needs all nodes on one L2 segment."),
  cniVariant('calico', 'bgp', 'Calico BGP', 'Calico routes without a bridge: proxy ARP in the pod, per-pod /32 routes on the node, and routes to the peer learned over BGP. No encapsulation.'),
  cniVariant('calico', 'ipip', 'Calico IP-in-IP', 'Across nodes, tunl0 wraps the packet in a second IP header (IP protocol 4): only 20 bytes of overhead.'),
  cniVariant('cilium', 'geneve', 'Cilium Geneve', "Cilium's eBPF program on the lxc interface handles the packet, and cilium_geneve carries it to the other node over UDP 6081."),
  cniVariant('weave', 'fastdp', 'Weave Net fast datapath', "Pods hang off the weave bridge; across nodes the kernel's VXLAN fast datapath carries the packet over UDP 6784."),
];
/**
 * Nodes on two subnets of one network: node-1 and node-2 share 192.168.49.0/24, node-3 is on
 * 192.168.50.0/24. kube-router routes within a subnet and tunnels across (its default).
 */
const subnetNodes = [
  { name: 'node-1', subnet: '192.168.49.0/24' },
  { name: 'node-2', subnet: '192.168.49.0/24' },
  { name: 'node-3', subnet: '192.168.50.0/24' },
];
const subnetSettings = (patch: Partial<ClusterSettings>) =>
  settingsWith({ nodeNetwork: '192.168.48.0/20', ...patch });

/** The flow kube-router and Calico are compared on: client to the web Service, allowed by policy. */
const compareCluster = (settings: ClusterSettings): BuiltinCluster => ({
  settings,
  nodes: twoNodes,
  pods: clientAndWeb('node-2'),
  services: [webService()],
  networkPolicies: [
    {
      name: 'web-from-client',
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }],
    },
  ],
});
const COMPARE_TEXT =
  'Compare the two on the same flow: both route pod CIDRs learned over BGP with no encapsulation and both enforce the policy, but kube-router hangs pods off the kube-bridge bridge and translates the Service in IPVS on kube-dummy-if (its own service proxy, no kube-proxy), while Calico routes through cali* interfaces with proxy ARP (no bridge) and leaves the Service to kube-proxy.';

/** web and api behind the Ingress shop: shop.example.com/api to api, the rest to web. */
const shopCluster = (
  settings: ClusterSettings,
  apiPathType: 'Prefix' | 'ImplementationSpecific',
  ingress: Partial<IngressSpec>,
): BuiltinCluster => ({
  settings,
  nodes: twoNodes,
  pods: [
    pod('web', 'node-1', { app: 'web' }, [web()]),
    pod('api', 'node-2', { app: 'api' }, [serving('api', 'api', 'http', 3000)]),
  ],
  services: [
    service('web', { app: 'web' }, [{ port: 80, targetPort: 'http' }]),
    service('api', { app: 'api' }, [{ port: 80, targetPort: 'http' }]),
  ],
  ingresses: [
    {
      name: 'shop',
      ...ingress,
      rules: [
        {
          host: 'shop.example.com',
          paths: [
            { path: '/api', pathType: apiPathType, backend: { service: 'api', port: 80 } },
            { path: '/', pathType: 'Prefix', backend: { service: 'web', port: 80 } },
          ],
        },
      ],
    },
  ],
  externalClients: [visitor],
});
const visitorTo = (url: string) => flow(external('visitor'), urlTarget(url));

/** Two web pods behind a LoadBalancer Service whose cloud load balancer is of one flavour. */
const lbFlavourCluster = (
  settings: ClusterSettings,
  extra: Partial<ServiceSpec>,
): BuiltinCluster => ({
  settings,
  nodes: twoNodes,
  pods: [
    pod('web-1', 'node-1', { app: 'web' }, [web()]),
    pod('web-2', 'node-2', { app: 'web' }, [web()]),
  ],
  services: [{ ...webService({ type: 'LoadBalancer', loadBalancerIP: '203.0.113.10' }), ...extra }],
  externalClients: [visitor],
});
const lbFlow = () => flow(external('visitor'), ipTarget('203.0.113.10'), 80);

const redis = serving('redis', 'redis', 'redis', 6379);
/** The one exception to the default deny: frontend pods may reach db on TCP 6379. */
export const allowFrontendToDb: NetworkPolicySpec = {
  name: 'allow-frontend-to-db',
  podSelector: { matchLabels: { role: 'db' } },
  policyTypes: ['Ingress'],
  ingress: [
    {
      from: [{ podSelector: { matchLabels: { role: 'frontend' } } }],
      ports: [{ protocol: 'TCP', port: 6379 }],
    },
  ],
};
const policies: NetworkPolicySpec[] = [
  { name: 'default-deny-ingress', podSelector: {}, policyTypes: ['Ingress'] },
  allowFrontendToDb,
];
/** frontend and intruder on node-1, db on node-2, a default deny and one exception. */
const policyEntry = (
  id: string,
  title: string,
  description: string,
  settings: ClusterSettings,
  from: 'intruder' | 'frontend',
  expect: Expectation,
): GalleryEntry =>
  entry(
    id,
    'NetworkPolicy',
    title,
    description,
    {
      settings,
      nodes: twoNodes,
      pods: [
        pod('frontend', 'node-1', { role: 'frontend' }, [curl]),
        pod('intruder', 'node-1', { role: 'batch' }, [curl]),
        pod('db', 'node-2', { role: 'db' }, [redis]),
      ],
      services: [service('db', { role: 'db' }, [{ port: 6379, targetPort: 'redis' }])],
      networkPolicies: policies,
    },
    flow(podRef(from), named('db'), 6379),
    expect,
  );

/** A laptop outside calls node-1's NodePort; the only web pod runs on node-2. */
const nodePortEntry = (
  policy: 'Cluster' | 'Local',
  description: string,
  expect: Expectation,
): GalleryEntry =>
  entry(
    `nodeport-${policy.toLowerCase()}`,
    'Services',
    `NodePort with externalTrafficPolicy: ${policy}`,
    description,
    {
      nodes: twoNodes,
      pods: [pod('web', 'node-2', { app: 'web' }, [web()])],
      services: [
        service('web', { app: 'web' }, [{ port: 80, targetPort: 8080, nodePort: 30080 }], {
          type: 'NodePort',
          externalTrafficPolicy: policy,
        }),
      ],
      externalClients: [{ name: 'laptop', ip: '198.51.100.7' }],
    },
    flow(external('laptop'), ipTarget('192.168.49.2'), 30080),
    expect,
  );

const postgres = serving('postgres', 'postgres', 'pg', 5432);
/** A replica of the headless db: its hostname and subdomain give it a DNS name of its own. */
const dbReplica = (name: string, nodeName: string) =>
  pod(name, nodeName, { app: 'db' }, [postgres], { hostname: name, subdomain: 'db' });

export const GALLERY: readonly GalleryEntry[] = [
  {
    id: 'default',
    topic: 'Services',
    scenario: defaultScenario,
    expect: delivered('client'),
  },
  entry(
    'localhost',
    'Pods',
    'Container to container over localhost',
    'The app and its sidecar share one network namespace, held by the pause container. The app reaches the sidecar on localhost:9090 without touching eth0, the veth or the node.',
    {
      nodes: [{ name: 'node-1' }],
      pods: [
        pod('app', 'node-1', { app: 'shop' }, [
          { name: 'app', image: 'shop', ports: [{ containerPort: 8080 }] },
          serving('metrics', 'exporter', 'metrics', 9090),
        ]),
      ],
      services: [],
    },
    flow({ ...podRef('app'), container: 'app' }, { kind: 'localhost' }, 9090),
    delivered(),
  ),
  entry(
    'same-node',
    'Pods',
    'Pod to pod on one node',
    "Both pods run on node-1. The packet leaves client through its veth pair, the cni0 bridge switches it to the web pod's veth, and no address changes on the way.",
    { nodes: [{ name: 'node-1' }], pods: clientAndWeb('node-1'), services: [] },
    clientToWeb(),
    delivered('client'),
  ),
  ...cniVariants.map((v): GalleryEntry =>
    entry(
      `cross-node-${v.id}`,
      'CNI',
      `Pod to pod across nodes: ${v.title}`,
      `client on node-1 talks to web on node-2 directly by pod IP. ${v.text}`,
      { settings: v.settings, nodes: twoNodes, pods: clientAndWeb('node-2'), services: [] },
      clientToWeb(),
      delivered('client'),
    ),
  ),
  entry(
    'cross-node-kube-router',
    'CNI',
    'Pod to pod across subnets: kube-router',
    "node-1 and node-2 share the subnet 192.168.49.0/24; node-3 is on 192.168.50.0/24. kube-router advertises each node's pod CIDR over BGP; to a peer on its own subnet it routes the pod addresses as they are, but node-3 is outside node-1's subnet, so kube-router sends the packet through its IP-in-IP tunnel tun-192168502 (IP protocol 4, 20 bytes, pod MTU 1480). Pods hang off the kube-bridge bridge.",
    {
      settings: subnetSettings({ cni: { plugin: 'kube-router', mode: 'subnet' } }),
      nodes: subnetNodes,
      pods: clientAndWeb('node-3'),
      services: [],
    },
    clientToWeb(),
    delivered('client'),
  ),
  {
    ...entry(
      'compare-kube-router',
      'CNI',
      'Same flow, two CNIs: kube-router',
      `client calls the web Service; a policy lets only client in. With kube-router as CNI, service proxy and policy enforcer. ${COMPARE_TEXT}`,
      compareCluster(kubeRouterAll),
      flow(podRef('client'), named('web'), 80),
      delivered('client'),
    ),
    compareWith: { cni: calicoBgp.cni, proxyMode: calicoBgp.proxyMode },
  },
  {
    ...entry(
      'compare-calico',
      'CNI',
      'Same flow, two CNIs: Calico',
      `The same cluster and flow with Calico (BGP) and kube-proxy in iptables mode. ${COMPARE_TEXT}`,
      compareCluster(calicoBgp),
      flow(podRef('client'), named('web'), 80),
      delivered('client'),
    ),
    compareWith: { cni: kubeRouterAll.cni, proxyMode: kubeRouterAll.proxyMode },
  },
  entry(
    'headless',
    'Services',
    'A headless Service',
    "The db Service has clusterIP: None. DNS answers with the ready pods' own IPs, so the client connects straight to a pod: no virtual IP and no kube-proxy rule.",
    {
      nodes: twoNodes,
      pods: [
        pod('client', 'node-1', { app: 'client' }, [curl]),
        dbReplica('db-0', 'node-1'),
        dbReplica('db-1', 'node-2'),
      ],
      services: [
        service('db', { app: 'db' }, [{ name: 'pg', port: 5432, targetPort: 'pg' }], {
          clusterIP: 'None',
        }),
      ],
    },
    flow(podRef('client'), named('db'), 5432),
    delivered('client'),
  ),
  entry(
    'external-name',
    'Services',
    'An ExternalName Service',
    'The payments Service is only a DNS alias: CoreDNS answers with a CNAME for api.payments.example.com. There is no ClusterIP, no endpoint and no proxying.',
    {
      nodes: [{ name: 'node-1' }],
      pods: [pod('client', 'node-1', { app: 'client' }, [curl])],
      services: [
        {
          name: 'payments',
          type: 'ExternalName',
          externalName: 'api.payments.example.com',
          ports: [],
        },
      ],
    },
    flow(podRef('client'), named('payments'), 443),
    delivered(),
  ),
  nodePortEntry(
    'Cluster',
    "A laptop outside calls node-1's NodePort, but the only web pod runs on node-2. node-1 forwards the packet there and masquerades it, so web sees node-1's IP instead of the laptop's.",
    delivered('node'),
  ),
  nodePortEntry(
    'Local',
    "The same call with externalTrafficPolicy: Local. node-1 runs no web pod, so it drops the packet instead of forwarding it; calling node-2 would keep the laptop's IP.",
    dropped('NodeHasNoLocalEndpoint'),
  ),
  entry(
    'load-balancer',
    'Services',
    'A LoadBalancer Service',
    "The cloud load balancer has its own public address. It spreads connections over the nodes' NodePort, and kube-proxy on the chosen node takes it from there.",
    lbFlavourCluster(DEFAULT_SETTINGS, {}),
    lbFlow(),
    delivered('node'),
  ),
  entry(
    'load-balancer-proxy',
    'Services',
    'A LoadBalancer that is a TCP proxy (Classic ELB)',
    "This cloud load balancer proxies TCP, like AWS's Classic ELB: it accepts the visitor's connection and opens its own from its address on the node network to a NodePort. Even with externalTrafficPolicy: Local, web sees the load balancer's address, never the visitor's; only proxy protocol could carry it.",
    lbFlavourCluster(settingsWith({ loadBalancer: 'proxy' }), { externalTrafficPolicy: 'Local' }),
    lbFlow(),
    delivered('load-balancer'),
  ),
  entry(
    'load-balancer-ip-targets',
    'Services',
    'A LoadBalancer that targets pod IPs (NLB IP targets)',
    "The Service asks for IP targets with client IP preservation (AWS NLB through the AWS Load Balancer Controller). The load balancer health-checks the pods and sends straight to one: no NodePort, no kube-proxy, no second hop, and web sees the visitor's address. Without preserve_client_ip it would see the load balancer's. IP targets need routable pod IPs, hence Calico BGP here.",
    lbFlavourCluster(calicoBgp, { loadBalancerMode: 'ip-preserve' }),
    lbFlow(),
    delivered('client'),
  ),
  entry(
    'ingress',
    'Ingress',
    'Ingress with host and path rules and TLS',
    "shop.example.com/api goes to the api Service and everything else to web. The ingress controller terminates TLS and opens a new connection to a backend pod, passing the visitor's IP in X-Forwarded-For.",
    shopCluster(DEFAULT_SETTINGS, 'Prefix', {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
    }),
    visitorTo('https://shop.example.com/api/cart'),
    delivered('controller'),
  ),
  entry(
    'ingress-haproxy',
    'Ingress',
    'HAProxy Ingress and an ImplementationSpecific path',
    'The cluster runs HAProxy Ingress. /api is ImplementationSpecific, which HAProxy Ingress reads with its default path type begin: a case-insensitive prefix, so /API/cart goes to api. The controller hop says what ingress-nginx would do: its nginx prefix location is case-sensitive, so there the request would fall to / and web.',
    shopCluster(settingsWith({ ingressControllerType: 'haproxy' }), 'ImplementationSpecific', {
      ingressClassName: 'haproxy',
    }),
    visitorTo('http://shop.example.com/API/cart'),
    delivered('controller'),
  ),
  entry(
    'ingress-service-upstream',
    'Ingress',
    'ingress-nginx through the ClusterIP (service-upstream)',
    'By default ingress-nginx sends to the endpoints it lists itself. This Ingress has nginx.ingress.kubernetes.io/service-upstream: "true", so the controller connects to the Service\'s ClusterIP and kube-proxy on its node picks the pod. HAProxy Ingress has the same switch, haproxy-ingress.github.io/service-upstream.',
    shopCluster(settingsWith({}), 'ImplementationSpecific', {
      ingressClassName: 'nginx',
      annotations: { 'nginx.ingress.kubernetes.io/service-upstream': 'true' },
    }),
    visitorTo('http://shop.example.com/api/cart'),
    delivered('controller'),
  ),
  entry(
    'dns-search',
    'DNS',
    'DNS resolution with the search list',
    'client in namespace shop asks for "web.tools". With ndots:5 the resolver first tries web.tools.shop.svc.cluster.local (NXDOMAIN), then web.tools.svc.cluster.local, which CoreDNS answers.',
    {
      nodes: twoNodes,
      namespaces: [{ name: 'shop' }, { name: 'tools' }],
      pods: [
        pod('client', 'node-1', { app: 'client' }, [curl], { namespace: 'shop' }),
        pod('web', 'node-2', { app: 'web' }, [web()], { namespace: 'tools' }),
      ],
      services: [webService({ namespace: 'tools' })],
    },
    flow(podRef('client', 'shop'), named('web.tools'), 80),
    delivered('client'),
  ),
  policyEntry(
    'policy-deny',
    'Default deny, then only frontend may reach db',
    'A default-deny policy isolates every pod for ingress; a second one lets role=frontend reach role=db on TCP 6379. The batch pod "intruder" is dropped at db by Calico.',
    calicoBgp,
    'intruder',
    dropped('PolicyDenied'),
  ),
  policyEntry(
    'policy-allowed',
    'The frontend may reach db',
    'The same policies, from the frontend pod: the ingress rule of allow-frontend-to-db matches role=frontend on TCP 6379, so Calico lets the connection in.',
    calicoBgp,
    'frontend',
    delivered('client'),
  ),
  policyEntry(
    'policy-flannel',
    'The same policy, ignored under Flannel',
    'Flannel does not implement NetworkPolicy. The policies are accepted by the API server but nothing enforces them, so the intruder reaches db.',
    settingsWith({ cni: { plugin: 'flannel', mode: 'vxlan' } }),
    'intruder',
    delivered('client'),
  ),
  ...EGRESS_GALLERY,
  ...INGRESS_CLASS_GALLERY,
  ...CONTROL_PLANE_GALLERY,
  ...L7_GALLERY.map(({ id, topic, scenario, expect }) => ({
    id,
    topic,
    scenario,
    expect: { verdict: expect.verdict, reason: expect.reason },
  })),
];

export function galleryEntry(id: string): GalleryEntry | undefined {
  return GALLERY.find((g) => g.id === id);
}
