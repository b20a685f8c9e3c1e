/**
 * The gallery: one small scenario per topic, each with a ready flow and the outcome its
 * description promises (checked by the tests against the engine).
 */
import {
  DEFAULT_SETTINGS,
  type ClusterSettings,
  type ClusterSpec,
  type ContainerSpec,
  type PodSpec,
} from '../../engine/spec.ts';
import type { ScenarioDocument } from '../scenarioDocument.ts';
import { defaultScenario } from './defaultScenario.ts';

export interface GalleryEntry {
  readonly id: string;
  readonly topic: string;
  readonly scenario: ScenarioDocument;
  /** What the flow must end in, as the description says. */
  readonly expect: {
    readonly verdict: 'Delivered' | 'Dropped';
    readonly reason?: string;
    /** Who the destination sees: the flow's source, a node, the ingress controller, the LB. */
    readonly seenSource?: 'client' | 'node' | 'controller' | 'load-balancer';
  };
}

const web = (port = 8080): ContainerSpec => ({
  name: 'web',
  image: 'nginx',
  ports: [{ name: 'http', containerPort: port }],
});
const curl: ContainerSpec = { name: 'curl', image: 'curlimages/curl' };
const pod = (
  name: string,
  nodeName: string,
  labels: Record<string, string>,
  containers: ContainerSpec[],
  extra: Partial<PodSpec> = {},
): PodSpec => ({
  name,
  nodeName,
  labels,
  containers,
  ...extra,
});
const twoNodes = [{ name: 'node-1' }, { name: 'node-2' }];
const settingsWith = (patch: Partial<ClusterSettings>): ClusterSettings => ({
  ...DEFAULT_SETTINGS,
  ...patch,
});

function scenario(
  title: string,
  description: string,
  cluster: Omit<ClusterSpec, 'settings'> & { settings?: ClusterSettings },
  flow: ScenarioDocument['flow'],
): ScenarioDocument {
  return {
    title,
    description,
    cluster: { settings: DEFAULT_SETTINGS, ...cluster },
    layout: {},
    flow,
  };
}

const crossNodeCluster = (settings: ClusterSettings) => ({
  settings,
  nodes: twoNodes,
  pods: [
    pod('client', 'node-1', { app: 'client' }, [curl]),
    pod('web', 'node-2', { app: 'web' }, [web()]),
  ],
  services: [],
});

const cniVariants: { id: string; settings: ClusterSettings; title: string; text: string }[] = [
  {
    id: 'flannel-vxlan',
    settings: settingsWith({ cni: { plugin: 'flannel', mode: 'vxlan' } }),
    title: 'Flannel VXLAN',
    text: 'flannel.1 wraps the packet in VXLAN (UDP 8472, VNI 1) between the node IPs; the 50 bytes of outer headers leave pods an MTU of 1450.',
  },
  {
    id: 'flannel-host-gw',
    settings: settingsWith({ cni: { plugin: 'flannel', mode: 'host-gw' } }),
    title: 'Flannel host-gw',
    text: "No tunnel: each node has a plain route to the other node's pod CIDR via that node's IP, which needs all nodes on one L2 segment.",
  },
  {
    id: 'calico-bgp',
    settings: settingsWith({ cni: { plugin: 'calico', mode: 'bgp' } }),
    title: 'Calico BGP',
    text: 'Calico routes without a bridge: proxy ARP in the pod, per-pod /32 routes on the node, and routes to the peer learned over BGP. No encapsulation.',
  },
  {
    id: 'calico-ipip',
    settings: settingsWith({ cni: { plugin: 'calico', mode: 'ipip' } }),
    title: 'Calico IP-in-IP',
    text: 'Across nodes, tunl0 wraps the packet in a second IP header (IP protocol 4): only 20 bytes of overhead.',
  },
  {
    id: 'cilium-geneve',
    settings: settingsWith({ cni: { plugin: 'cilium', mode: 'geneve' } }),
    title: 'Cilium Geneve',
    text: "Cilium's eBPF program on the lxc interface handles the packet, and cilium_geneve carries it to the other node over UDP 6081.",
  },
  {
    id: 'weave-fastdp',
    settings: settingsWith({ cni: { plugin: 'weave', mode: 'fastdp' } }),
    title: 'Weave Net fast datapath',
    text: "Pods hang off the weave bridge; across nodes the kernel's VXLAN fast datapath carries the packet over UDP 6784.",
  },
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
const compareCluster = (
  settings: ClusterSettings,
): Omit<ClusterSpec, 'settings'> & { settings: ClusterSettings } => ({
  settings,
  nodes: twoNodes,
  pods: [
    pod('client', 'node-1', { app: 'client' }, [curl]),
    pod('web', 'node-2', { app: 'web' }, [web()]),
  ],
  services: [{ name: 'web', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }],
  networkPolicies: [
    {
      name: 'web-from-client',
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }],
    },
  ],
});
const compareFlow: ScenarioDocument['flow'] = {
  from: { kind: 'pod', namespace: 'default', name: 'client' },
  to: { kind: 'name', name: 'web' },
  port: 80,
};
const COMPARE_TEXT =
  'Compare the two on the same flow: both route pod CIDRs learned over BGP with no encapsulation and both enforce the policy, but kube-router hangs pods off the kube-bridge bridge and translates the Service in IPVS on kube-dummy-if (its own service proxy, no kube-proxy), while Calico routes through cali* interfaces with proxy ARP (no bridge) and leaves the Service to kube-proxy.';

/** An Ingress with an ImplementationSpecific path, for the two controllers. */
const controllerCluster = (
  settings: ClusterSettings,
  annotations?: Record<string, string>,
): Omit<ClusterSpec, 'settings'> & { settings: ClusterSettings } => ({
  settings,
  nodes: twoNodes,
  pods: [
    pod('web', 'node-1', { app: 'web' }, [web()]),
    pod('api', 'node-2', { app: 'api' }, [
      { name: 'api', image: 'api', ports: [{ name: 'http', containerPort: 3000 }] },
    ]),
  ],
  services: [
    { name: 'web', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
    { name: 'api', selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'http' }] },
  ],
  ingresses: [
    {
      name: 'shop',
      annotations,
      rules: [
        {
          host: 'shop.example.com',
          paths: [
            {
              path: '/api',
              pathType: 'ImplementationSpecific',
              backend: { service: 'api', port: 80 },
            },
            { path: '/', pathType: 'Prefix', backend: { service: 'web', port: 80 } },
          ],
        },
      ],
    },
  ],
  externalClients: [{ name: 'visitor', ip: '198.51.100.20' }],
});

/** Two web pods behind a LoadBalancer Service whose cloud load balancer is of one flavour. */
const lbFlavourCluster = (
  settings: ClusterSettings,
  service: Partial<ClusterSpec['services'][number]>,
): Omit<ClusterSpec, 'settings'> & { settings: ClusterSettings } => ({
  settings,
  nodes: twoNodes,
  pods: [
    pod('web-1', 'node-1', { app: 'web' }, [web()]),
    pod('web-2', 'node-2', { app: 'web' }, [web()]),
  ],
  services: [
    {
      name: 'web',
      type: 'LoadBalancer',
      loadBalancerIP: '203.0.113.10',
      selector: { app: 'web' },
      ports: [{ port: 80, targetPort: 8080 }],
      ...service,
    },
  ],
  externalClients: [{ name: 'visitor', ip: '198.51.100.20' }],
});
const lbFlow: ScenarioDocument['flow'] = {
  from: { kind: 'external', name: 'visitor' },
  to: { kind: 'ip', ip: '203.0.113.10' },
  port: 80,
};

const policyCluster = (
  settings: ClusterSettings,
): Omit<ClusterSpec, 'settings'> & { settings: ClusterSettings } => ({
  settings,
  nodes: twoNodes,
  pods: [
    pod('frontend', 'node-1', { role: 'frontend' }, [curl]),
    pod('intruder', 'node-1', { role: 'batch' }, [curl]),
    pod('db', 'node-2', { role: 'db' }, [
      { name: 'redis', image: 'redis', ports: [{ name: 'redis', containerPort: 6379 }] },
    ]),
  ],
  services: [
    { name: 'db', selector: { role: 'db' }, ports: [{ port: 6379, targetPort: 'redis' }] },
  ],
  networkPolicies: [
    { name: 'default-deny-ingress', podSelector: {}, policyTypes: ['Ingress'] },
    {
      name: 'allow-frontend-to-db',
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { role: 'frontend' } } }],
          ports: [{ protocol: 'TCP', port: 6379 }],
        },
      ],
    },
  ],
});

const nodePortCluster = (policy: 'Cluster' | 'Local'): Omit<ClusterSpec, 'settings'> => ({
  nodes: twoNodes,
  pods: [pod('web', 'node-2', { app: 'web' }, [web()])],
  services: [
    {
      name: 'web',
      type: 'NodePort',
      externalTrafficPolicy: policy,
      selector: { app: 'web' },
      ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
    },
  ],
  externalClients: [{ name: 'laptop', ip: '198.51.100.7' }],
});

export const GALLERY: readonly GalleryEntry[] = [
  {
    id: 'default',
    topic: 'Services',
    scenario: defaultScenario,
    expect: { verdict: 'Delivered', seenSource: 'client' },
  },
  {
    id: 'localhost',
    topic: 'Pods',
    scenario: scenario(
      'Container to container over localhost',
      'The app and its sidecar share one network namespace, held by the pause container. The app reaches the sidecar on localhost:9090 without touching eth0, the veth or the node.',
      {
        nodes: [{ name: 'node-1' }],
        pods: [
          pod('app', 'node-1', { app: 'shop' }, [
            { name: 'app', image: 'shop', ports: [{ containerPort: 8080 }] },
            {
              name: 'metrics',
              image: 'exporter',
              ports: [{ name: 'metrics', containerPort: 9090 }],
            },
          ]),
        ],
        services: [],
      },
      {
        from: { kind: 'pod', namespace: 'default', name: 'app', container: 'app' },
        to: { kind: 'localhost' },
        port: 9090,
      },
    ),
    expect: { verdict: 'Delivered' },
  },
  {
    id: 'same-node',
    topic: 'Pods',
    scenario: scenario(
      'Pod to pod on one node',
      "Both pods run on node-1. The packet leaves client through its veth pair, the cni0 bridge switches it to the web pod's veth, and no address changes on the way.",
      {
        nodes: [{ name: 'node-1' }],
        pods: [
          pod('client', 'node-1', { app: 'client' }, [curl]),
          pod('web', 'node-1', { app: 'web' }, [web()]),
        ],
        services: [],
      },
      {
        from: { kind: 'pod', namespace: 'default', name: 'client' },
        to: { kind: 'pod', namespace: 'default', name: 'web' },
        port: 8080,
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'client' },
  },
  ...cniVariants.map((v): GalleryEntry => ({
    id: `cross-node-${v.id}`,
    topic: 'CNI',
    scenario: scenario(
      `Pod to pod across nodes: ${v.title}`,
      `client on node-1 talks to web on node-2 directly by pod IP. ${v.text}`,
      crossNodeCluster(v.settings),
      {
        from: { kind: 'pod', namespace: 'default', name: 'client' },
        to: { kind: 'pod', namespace: 'default', name: 'web' },
        port: 8080,
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'client' },
  })),
  {
    id: 'cross-node-kube-router',
    topic: 'CNI',
    scenario: scenario(
      'Pod to pod across subnets: kube-router',
      "node-1 and node-2 share the subnet 192.168.49.0/24; node-3 is on 192.168.50.0/24. kube-router advertises each node's pod CIDR over BGP; to a peer on its own subnet it routes the pod addresses as they are, but node-3 is outside node-1's subnet, so kube-router sends the packet through its IP-in-IP tunnel tun-192168502 (IP protocol 4, 20 bytes, pod MTU 1480). Pods hang off the kube-bridge bridge.",
      {
        settings: subnetSettings({ cni: { plugin: 'kube-router', mode: 'subnet' } }),
        nodes: subnetNodes,
        pods: [
          pod('client', 'node-1', { app: 'client' }, [curl]),
          pod('web', 'node-3', { app: 'web' }, [web()]),
        ],
        services: [],
      },
      {
        from: { kind: 'pod', namespace: 'default', name: 'client' },
        to: { kind: 'pod', namespace: 'default', name: 'web' },
        port: 8080,
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'client' },
  },
  {
    id: 'compare-kube-router',
    topic: 'CNI',
    scenario: scenario(
      'Same flow, two CNIs: kube-router',
      `client calls the web Service; a policy lets only client in. With kube-router as CNI, service proxy and policy enforcer. ${COMPARE_TEXT}`,
      compareCluster(
        settingsWith({ cni: { plugin: 'kube-router', mode: 'subnet' }, proxyMode: 'kube-router' }),
      ),
      compareFlow,
    ),
    expect: { verdict: 'Delivered', seenSource: 'client' },
  },
  {
    id: 'compare-calico',
    topic: 'CNI',
    scenario: scenario(
      'Same flow, two CNIs: Calico',
      `The same cluster and flow with Calico (BGP) and kube-proxy in iptables mode. ${COMPARE_TEXT}`,
      compareCluster(settingsWith({ cni: { plugin: 'calico', mode: 'bgp' } })),
      compareFlow,
    ),
    expect: { verdict: 'Delivered', seenSource: 'client' },
  },
  {
    id: 'headless',
    topic: 'Services',
    scenario: scenario(
      'A headless Service',
      "The db Service has clusterIP: None. DNS answers with the ready pods' own IPs, so the client connects straight to a pod: no virtual IP and no kube-proxy rule.",
      {
        nodes: twoNodes,
        pods: [
          pod('client', 'node-1', { app: 'client' }, [curl]),
          pod(
            'db-0',
            'node-1',
            { app: 'db' },
            [{ name: 'postgres', image: 'postgres', ports: [{ name: 'pg', containerPort: 5432 }] }],
            { hostname: 'db-0', subdomain: 'db' },
          ),
          pod(
            'db-1',
            'node-2',
            { app: 'db' },
            [{ name: 'postgres', image: 'postgres', ports: [{ name: 'pg', containerPort: 5432 }] }],
            { hostname: 'db-1', subdomain: 'db' },
          ),
        ],
        services: [
          {
            name: 'db',
            clusterIP: 'None',
            selector: { app: 'db' },
            ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }],
          },
        ],
      },
      {
        from: { kind: 'pod', namespace: 'default', name: 'client' },
        to: { kind: 'name', name: 'db' },
        port: 5432,
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'client' },
  },
  {
    id: 'external-name',
    topic: 'Services',
    scenario: scenario(
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
      {
        from: { kind: 'pod', namespace: 'default', name: 'client' },
        to: { kind: 'name', name: 'payments' },
        port: 443,
      },
    ),
    expect: { verdict: 'Delivered' },
  },
  {
    id: 'nodeport-cluster',
    topic: 'Services',
    scenario: scenario(
      'NodePort with externalTrafficPolicy: Cluster',
      "A laptop outside calls node-1's NodePort, but the only web pod runs on node-2. node-1 forwards the packet there and masquerades it, so web sees node-1's IP instead of the laptop's.",
      nodePortCluster('Cluster'),
      {
        from: { kind: 'external', name: 'laptop' },
        to: { kind: 'ip', ip: '192.168.49.2' },
        port: 30080,
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'node' },
  },
  {
    id: 'nodeport-local',
    topic: 'Services',
    scenario: scenario(
      'NodePort with externalTrafficPolicy: Local',
      "The same call with externalTrafficPolicy: Local. node-1 runs no web pod, so it drops the packet instead of forwarding it; calling node-2 would keep the laptop's IP.",
      nodePortCluster('Local'),
      {
        from: { kind: 'external', name: 'laptop' },
        to: { kind: 'ip', ip: '192.168.49.2' },
        port: 30080,
      },
    ),
    expect: { verdict: 'Dropped', reason: 'NodeHasNoLocalEndpoint' },
  },
  {
    id: 'load-balancer',
    topic: 'Services',
    scenario: scenario(
      'A LoadBalancer Service',
      "The cloud load balancer has its own public address. It spreads connections over the nodes' NodePort, and kube-proxy on the chosen node takes it from there.",
      {
        nodes: twoNodes,
        pods: [
          pod('web-1', 'node-1', { app: 'web' }, [web()]),
          pod('web-2', 'node-2', { app: 'web' }, [web()]),
        ],
        services: [
          {
            name: 'web',
            type: 'LoadBalancer',
            loadBalancerIP: '203.0.113.10',
            selector: { app: 'web' },
            ports: [{ port: 80, targetPort: 8080 }],
          },
        ],
        externalClients: [{ name: 'visitor', ip: '198.51.100.20' }],
      },
      {
        from: { kind: 'external', name: 'visitor' },
        to: { kind: 'ip', ip: '203.0.113.10' },
        port: 80,
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'node' },
  },
  {
    id: 'load-balancer-proxy',
    topic: 'Services',
    scenario: scenario(
      'A LoadBalancer that is a TCP proxy (Classic ELB)',
      "This cloud load balancer proxies TCP, like AWS's Classic ELB: it accepts the visitor's connection and opens its own from its address on the node network to a NodePort. Even with externalTrafficPolicy: Local, web sees the load balancer's address, never the visitor's; only proxy protocol could carry it.",
      lbFlavourCluster(settingsWith({ loadBalancer: 'proxy' }), {
        externalTrafficPolicy: 'Local',
      }),
      lbFlow,
    ),
    expect: { verdict: 'Delivered', seenSource: 'load-balancer' },
  },
  {
    id: 'load-balancer-ip-targets',
    topic: 'Services',
    scenario: scenario(
      'A LoadBalancer that targets pod IPs (NLB IP targets)',
      "The Service asks for IP targets with client IP preservation (AWS NLB through the AWS Load Balancer Controller). The load balancer health-checks the pods and sends straight to one: no NodePort, no kube-proxy, no second hop, and web sees the visitor's address. Without preserve_client_ip it would see the load balancer's. IP targets need routable pod IPs, hence Calico BGP here.",
      lbFlavourCluster(settingsWith({ cni: { plugin: 'calico', mode: 'bgp' } }), {
        loadBalancerMode: 'ip-preserve',
      }),
      lbFlow,
    ),
    expect: { verdict: 'Delivered', seenSource: 'client' },
  },
  {
    id: 'ingress',
    topic: 'Ingress',
    scenario: scenario(
      'Ingress with host and path rules and TLS',
      "shop.example.com/api goes to the api Service and everything else to web. The ingress controller terminates TLS and opens a new connection to a backend pod, passing the visitor's IP in X-Forwarded-For.",
      {
        nodes: twoNodes,
        pods: [
          pod('web', 'node-1', { app: 'web' }, [web()]),
          pod('api', 'node-2', { app: 'api' }, [
            { name: 'api', image: 'api', ports: [{ name: 'http', containerPort: 3000 }] },
          ]),
        ],
        services: [
          { name: 'web', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
          { name: 'api', selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'http' }] },
        ],
        ingresses: [
          {
            name: 'shop',
            ingressClassName: 'nginx',
            tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
            rules: [
              {
                host: 'shop.example.com',
                paths: [
                  { path: '/api', pathType: 'Prefix', backend: { service: 'api', port: 80 } },
                  { path: '/', pathType: 'Prefix', backend: { service: 'web', port: 80 } },
                ],
              },
            ],
          },
        ],
        externalClients: [{ name: 'visitor', ip: '198.51.100.20' }],
      },
      {
        from: { kind: 'external', name: 'visitor' },
        to: { kind: 'url', url: 'https://shop.example.com/api/cart' },
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'controller' },
  },
  {
    id: 'ingress-haproxy',
    topic: 'Ingress',
    scenario: scenario(
      'HAProxy Ingress and an ImplementationSpecific path',
      'The cluster runs HAProxy Ingress. /api is ImplementationSpecific, which HAProxy Ingress reads with its default path type begin: a case-insensitive prefix, so /API/cart goes to api. The controller hop says what ingress-nginx would do: its nginx prefix location is case-sensitive, so there the request would fall to / and web.',
      controllerCluster(settingsWith({ ingressControllerType: 'haproxy' })),
      {
        from: { kind: 'external', name: 'visitor' },
        to: { kind: 'url', url: 'http://shop.example.com/API/cart' },
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'controller' },
  },
  {
    id: 'ingress-service-upstream',
    topic: 'Ingress',
    scenario: scenario(
      'ingress-nginx through the ClusterIP (service-upstream)',
      'By default ingress-nginx sends to the endpoints it lists itself. This Ingress has nginx.ingress.kubernetes.io/service-upstream: "true", so the controller connects to the Service\'s ClusterIP and kube-proxy on its node picks the pod. HAProxy Ingress has the same switch, haproxy-ingress.github.io/service-upstream.',
      controllerCluster(settingsWith({}), {
        'nginx.ingress.kubernetes.io/service-upstream': 'true',
      }),
      {
        from: { kind: 'external', name: 'visitor' },
        to: { kind: 'url', url: 'http://shop.example.com/api/cart' },
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'controller' },
  },
  {
    id: 'dns-search',
    topic: 'DNS',
    scenario: scenario(
      'DNS resolution with the search list',
      'client in namespace shop asks for "web.tools". With ndots:5 the resolver first tries web.tools.shop.svc.cluster.local (NXDOMAIN), then web.tools.svc.cluster.local, which CoreDNS answers.',
      {
        nodes: twoNodes,
        namespaces: [{ name: 'shop' }, { name: 'tools' }],
        pods: [
          pod('client', 'node-1', { app: 'client' }, [curl], { namespace: 'shop' }),
          pod('web', 'node-2', { app: 'web' }, [web()], { namespace: 'tools' }),
        ],
        services: [
          {
            name: 'web',
            namespace: 'tools',
            selector: { app: 'web' },
            ports: [{ port: 80, targetPort: 8080 }],
          },
        ],
      },
      {
        from: { kind: 'pod', namespace: 'shop', name: 'client' },
        to: { kind: 'name', name: 'web.tools' },
        port: 80,
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'client' },
  },
  {
    id: 'policy-deny',
    topic: 'NetworkPolicy',
    scenario: scenario(
      'Default deny, then only frontend may reach db',
      'A default-deny policy isolates every pod for ingress; a second one lets role=frontend reach role=db on TCP 6379. The batch pod "intruder" is dropped at db by Calico.',
      policyCluster(settingsWith({ cni: { plugin: 'calico', mode: 'bgp' } })),
      {
        from: { kind: 'pod', namespace: 'default', name: 'intruder' },
        to: { kind: 'name', name: 'db' },
        port: 6379,
      },
    ),
    expect: { verdict: 'Dropped', reason: 'PolicyDenied' },
  },
  {
    id: 'policy-allowed',
    topic: 'NetworkPolicy',
    scenario: scenario(
      'The frontend may reach db',
      'The same policies, from the frontend pod: the ingress rule of allow-frontend-to-db matches role=frontend on TCP 6379, so Calico lets the connection in.',
      policyCluster(settingsWith({ cni: { plugin: 'calico', mode: 'bgp' } })),
      {
        from: { kind: 'pod', namespace: 'default', name: 'frontend' },
        to: { kind: 'name', name: 'db' },
        port: 6379,
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'client' },
  },
  {
    id: 'policy-flannel',
    topic: 'NetworkPolicy',
    scenario: scenario(
      'The same policy, ignored under Flannel',
      'Flannel does not implement NetworkPolicy. The policies are accepted by the API server but nothing enforces them, so the intruder reaches db.',
      policyCluster(settingsWith({ cni: { plugin: 'flannel', mode: 'vxlan' } })),
      {
        from: { kind: 'pod', namespace: 'default', name: 'intruder' },
        to: { kind: 'name', name: 'db' },
        port: 6379,
      },
    ),
    expect: { verdict: 'Delivered', seenSource: 'client' },
  },
];

export function galleryEntry(id: string): GalleryEntry | undefined {
  return GALLERY.find((g) => g.id === id);
}
