import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCluster, runProbe } from '../../engine/index.ts';
import { DEFAULT_SETTINGS } from '../../engine/spec.ts';
import { validateScenario } from '../schema.ts';
import { importKubernetesYaml } from './importKubernetesYaml.ts';
import { exportKubernetesYaml } from './exportKubernetesYaml.ts';
import { workloadYaml } from '../testing/workloadYaml.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function ok(text: string, options?: Parameters<typeof importKubernetesYaml>[1]) {
  const result = importKubernetesYaml(text, options);
  expect(result.errors).toEqual([]);
  return result;
}

function messages(result: ReturnType<typeof importKubernetesYaml>): string {
  return result.warnings.map((w) => w.message).join('\n');
}

const deployment = (replicas: number, extra = '') =>
  '\n' +
  workloadYaml({
    kind: 'Deployment',
    metadata: 'name: web, namespace: shop',
    app: 'web',
    spec: [`replicas: ${replicas}`],
    pod: [
      'containers:',
      '  - name: web',
      '    image: nginx',
      '    ports: [{name: http, containerPort: 8080}]',
    ],
  }) +
  extra;

describe('importKubernetesYaml: kinds', () => {
  it('reads a Namespace with its labels', () => {
    const r = ok('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: a}\n');
    expect(r.spec.namespaces).toEqual([{ name: 'shop', labels: { team: 'a' } }]);
    expect(r.imported).toEqual([{ kind: 'Namespace', name: 'shop' }]);
  });

  it('reads a Node: name, labels, InternalIP and podCIDR', () => {
    const r = ok(`
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {zone: a}}
spec: {podCIDR: 10.244.7.0/24}
status:
  addresses:
    - {type: Hostname, address: n1}
    - {type: InternalIP, address: 192.168.49.20}
`);
    expect(r.spec.nodes).toEqual([
      { name: 'n1', ip: '192.168.49.20', podCidr: '10.244.7.0/24', labels: { zone: 'a' } },
    ]);
  });

  it('reads a Pod: containers and ports, readiness, IP, hostname, subdomain, hostNetwork', () => {
    const r = ok(`
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata: {name: n1}
  - apiVersion: v1
    kind: Pod
    metadata: {name: a, namespace: shop, labels: {app: a}}
    spec:
      nodeName: n1
      hostname: a-host
      subdomain: group
      containers:
        - name: main
          image: nginx
          ports:
            - {name: http, containerPort: 8080}
            - {containerPort: 53, protocol: UDP}
        - name: side
          image: envoy
    status:
      podIP: 10.244.1.9
      conditions: [{type: Ready, status: "False"}]
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      nodeName: n1
      hostNetwork: true
      containers: [{name: c, image: busybox}]
    status: {podIP: 192.168.49.2}
`);
    expect(r.spec.pods).toEqual([
      {
        name: 'a',
        namespace: 'shop',
        labels: { app: 'a' },
        nodeName: 'n1',
        hostname: 'a-host',
        subdomain: 'group',
        ready: false,
        ip: '10.244.1.9',
        containers: [
          {
            name: 'main',
            image: 'nginx',
            ports: [
              { name: 'http', containerPort: 8080 },
              { containerPort: 53, protocol: 'UDP' },
            ],
          },
          { name: 'side', image: 'envoy' },
        ],
      },
      // A host-network pod's IP is its node's: left to the model. Readiness absent = ready.
      {
        name: 'b',
        nodeName: 'n1',
        hostNetwork: true,
        containers: [{ name: 'c', image: 'busybox' }],
      },
    ]);
  });

  it('expands a Deployment into pods named name-<hash>-<5 chars>, spread round robin', () => {
    const r = ok(deployment(3));
    expect(r.spec.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2']);
    expect(r.spec.pods).toHaveLength(3);
    const hash = r.spec.pods[0].labels?.['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    for (const p of r.spec.pods) {
      expect(p.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p).toMatchObject({
        namespace: 'shop',
        ownerRef: 'Deployment/web',
        labels: { app: 'web' },
      });
      expect(p.containers[0].ports).toEqual([{ name: 'http', containerPort: 8080 }]);
    }
    expect(r.spec.pods.map((p) => p.nodeName)).toEqual(['node-1', 'node-2', 'node-1']);
    expect(new Set(r.spec.pods.map((p) => p.name)).size).toBe(3);
    expect(r.created.filter((c) => c.kind === 'Pod')).toHaveLength(3);
  });

  it('names expanded pods deterministically, and the hash follows the template', () => {
    const a = ok(deployment(2)).spec.pods.map((p) => p.name);
    expect(ok(deployment(2)).spec.pods.map((p) => p.name)).toEqual(a);
    const changed = ok(deployment(2).replace('image: nginx', 'image: nginx:2')).spec.pods;
    expect(changed.map((p) => p.name)).not.toEqual(a);
  });

  it('expands a StatefulSet into name-0.. with hostname = pod name and subdomain = serviceName', () => {
    const r = ok(
      '\n' +
        workloadYaml({
          kind: 'StatefulSet',
          metadata: 'name: db',
          app: 'db',
          spec: ['serviceName: db-headless', 'replicas: 2'],
          pod: ['containers: [{name: pg, image: postgres}]'],
        }),
    );
    expect(
      r.spec.pods.map((p) => [p.name, p.hostname, p.subdomain, p.ownerRef, p.nodeName]),
    ).toEqual([
      ['db-0', 'db-0', 'db-headless', 'StatefulSet/db', 'node-1'],
      ['db-1', 'db-1', 'db-headless', 'StatefulSet/db', 'node-2'],
    ]);
    expect(r.spec.pods[1].labels).toMatchObject({
      app: 'db',
      'statefulset.kubernetes.io/pod-name': 'db-1',
    });
  });

  it('expands a DaemonSet to one pod per node it tolerates, and a ReplicaSet by its own name', () => {
    const r = ok(`
apiVersion: v1
kind: Node
metadata: {name: cp}
spec: {taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]}
---
apiVersion: v1
kind: Node
metadata: {name: w1, labels: {disk: ssd}}
---
apiVersion: v1
kind: Node
metadata: {name: w2}
---
${workloadYaml({
  kind: 'DaemonSet',
  metadata: 'name: agent',
  app: 'agent',
  pod: ['containers: [{name: a, image: busybox}]'],
})}---
${workloadYaml({
  kind: 'DaemonSet',
  metadata: 'name: everywhere',
  app: 'e',
  pod: ['tolerations: [{operator: Exists}]', 'containers: [{name: a, image: busybox}]'],
})}---
${workloadYaml({
  kind: 'ReplicaSet',
  metadata: 'name: cache',
  app: 'cache',
  spec: ['replicas: 2'],
  pod: ['nodeSelector: {disk: ssd}', 'containers: [{name: redis, image: redis}]'],
})}`);
    const by = (owner: string) => r.spec.pods.filter((p) => p.ownerRef === owner);
    expect(by('DaemonSet/agent').map((p) => p.nodeName)).toEqual(['w1', 'w2']);
    expect(by('DaemonSet/everywhere').map((p) => p.nodeName)).toEqual(['cp', 'w1', 'w2']);
    expect(by('ReplicaSet/cache').map((p) => p.nodeName)).toEqual(['w1', 'w1']);
    for (const p of by('ReplicaSet/cache')) expect(p.name).toMatch(/^cache-[a-z0-9]{5}$/);
  });

  it('reads every Service field: types, ports, named targetPort, nodePort, policies, affinity, LB IP', () => {
    const r = ok(`
apiVersion: v1
kind: Service
metadata: {name: lb, namespace: shop}
spec:
  type: LoadBalancer
  clusterIP: 10.96.5.5
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: http, nodePort: 30080, protocol: TCP}
    - {name: dns, port: 53, targetPort: 5353, protocol: UDP}
  externalTrafficPolicy: Local
  internalTrafficPolicy: Local
  sessionAffinity: ClientIP
  sessionAffinityConfig: {clientIP: {timeoutSeconds: 300}}
  healthCheckNodePort: 31000
status:
  loadBalancer:
    ingress: [{ip: 203.0.113.10}]
---
apiVersion: v1
kind: Service
metadata: {name: headless}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
  publishNotReadyAddresses: true
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec: {type: ExternalName, externalName: example.com}
---
apiVersion: v1
kind: Service
metadata: {name: pinned}
spec:
  type: LoadBalancer
  loadBalancerIP: 198.51.100.5
  allocateLoadBalancerNodePorts: false
  selector: {app: web}
  ports: [{port: 443}]
`);
    expect(r.spec.services).toEqual([
      {
        name: 'lb',
        namespace: 'shop',
        type: 'LoadBalancer',
        clusterIP: '10.96.5.5',
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' },
          { name: 'dns', port: 53, targetPort: 5353, protocol: 'UDP' },
        ],
        externalTrafficPolicy: 'Local',
        internalTrafficPolicy: 'Local',
        sessionAffinity: 'ClientIP',
        sessionAffinityTimeoutSeconds: 300,
        loadBalancerIP: '203.0.113.10',
        healthCheckNodePort: 31000,
      },
      {
        name: 'headless',
        clusterIP: 'None',
        selector: { app: 'db' },
        ports: [{ port: 5432 }],
        publishNotReadyAddresses: true,
      },
      { name: 'ext', type: 'ExternalName', externalName: 'example.com', ports: [] },
      {
        name: 'pinned',
        type: 'LoadBalancer',
        selector: { app: 'web' },
        ports: [{ port: 443 }],
        loadBalancerIP: '198.51.100.5',
        allocateLoadBalancerNodePorts: false,
      },
    ]);
  });

  it('reads an Ingress: class, rules, hosts, paths with pathType, tls, defaultBackend, port by number or name', () => {
    const r = ok(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: fallback, port: {number: 8080}}}
  tls: [{hosts: [shop.example.com], secretName: tls}]
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
          - {path: /healthz, pathType: Exact, backend: {service: {name: api, port: {number: 80}}}}
    - http:
        paths:
          - {path: /, pathType: ImplementationSpecific, backend: {service: {name: web, port: {number: 80}}}}
`);
    expect(r.spec.ingresses).toEqual([
      {
        name: 'shop',
        namespace: 'shop',
        ingressClassName: 'nginx',
        defaultBackend: { service: 'fallback', port: 8080 },
        tls: [{ hosts: ['shop.example.com'], secretName: 'tls' }],
        rules: [
          {
            host: 'shop.example.com',
            paths: [
              { path: '/api', pathType: 'Prefix', backend: { service: 'api', port: 'http' } },
              { path: '/healthz', pathType: 'Exact', backend: { service: 'api', port: 80 } },
            ],
          },
          {
            paths: [
              {
                path: '/',
                pathType: 'ImplementationSpecific',
                backend: { service: 'web', port: 80 },
              },
            ],
          },
        ],
      },
    ]);
  });

  it('reads an old extensions/v1beta1 Ingress (serviceName/servicePort, class annotation) with a note', () => {
    const r = ok(`
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: old
  annotations: {kubernetes.io/ingress.class: nginx}
spec:
  backend: {serviceName: web, servicePort: 80}
  rules:
    - host: a.example.com
      http:
        paths: [{path: /, backend: {serviceName: web, servicePort: http}}]
`);
    expect(r.spec.ingresses).toEqual([
      {
        name: 'old',
        // Controllers compare the deprecated annotation with their own class name, so it stays
        // an annotation (engine/ingressClass.ts).
        annotations: { 'kubernetes.io/ingress.class': 'nginx' },
        defaultBackend: { service: 'web', port: 80 },
        rules: [
          {
            host: 'a.example.com',
            paths: [
              {
                path: '/',
                pathType: 'ImplementationSpecific',
                backend: { service: 'web', port: 'http' },
              },
            ],
          },
        ],
      },
    ]);
    expect(messages(r)).toMatch(/extensions\/v1beta1 is an old Ingress API/);
  });

  it('records IngressClasses and says which one PodPath serves', () => {
    const r = ok(`
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: traefik}
spec: {controller: traefik.io/ingress-controller}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: t}
spec:
  ingressClassName: traefik
  defaultBackend: {service: {name: web, port: {number: 80}}}
`);
    expect(r.ingressClasses).toEqual([
      { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: true, served: true },
      {
        name: 'traefik',
        controller: 'traefik.io/ingress-controller',
        isDefault: false,
        served: false,
      },
    ]);
    expect(messages(r)).toMatch(/IngressClass traefik .*not simulated/);
    expect(messages(r)).toMatch(
      /Ingress t \(line 12\): is not served by PodPath's ingress-nginx: Ingress t has class traefik, whose controller is traefik\.io\/ingress-controller/,
    );
    // The classes are part of the scenario, and come back out of the export.
    expect(r.spec.ingressClasses).toEqual([
      { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: true },
      { name: 'traefik', controller: 'traefik.io/ingress-controller' },
    ]);
    const again = ok(exportKubernetesYaml(r.spec));
    expect(again.spec.ingressClasses).toEqual(r.spec.ingressClasses);
    expect(again.spec.ingresses?.[0].ingressClassName).toBe('traefik');
    // The Ingress of another class gets the controller's 404 (engine/ingressClass.test.ts).
    expect(validateScenario({ title: 't', cluster: r.spec, layout: {} }).ok).toBe(true);
  });

  it('reads the whole NetworkPolicy v1 spec', () => {
    const r = ok(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: db}
    matchExpressions: [{key: tier, operator: NotIn, values: [x]}]
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - podSelector: {matchLabels: {app: web}}
        - namespaceSelector: {matchLabels: {team: a}}
          podSelector: {matchExpressions: [{key: role, operator: Exists}]}
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
      ports:
        - {protocol: TCP, port: 5432}
        - {port: metrics}
        - {port: 9000, endPort: 9100, protocol: UDP}
    - {}
  egress:
    - to: [{namespaceSelector: {}}]
      ports: [{protocol: UDP, port: 53}]
`);
    expect(r.spec.networkPolicies).toEqual([
      {
        name: 'p',
        namespace: 'shop',
        podSelector: {
          matchLabels: { app: 'db' },
          matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }],
        },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              { podSelector: { matchLabels: { app: 'web' } } },
              {
                namespaceSelector: { matchLabels: { team: 'a' } },
                podSelector: { matchExpressions: [{ key: 'role', operator: 'Exists' }] },
              },
              { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
            ],
            ports: [
              { protocol: 'TCP', port: 5432 },
              { port: 'metrics' },
              { protocol: 'UDP', port: 9000, endPort: 9100 },
            ],
          },
          {},
        ],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }] }],
      },
    ]);
  });

  it('skips a NetworkPolicy it cannot read whole, since a partial policy would allow more', () => {
    const badOperator = importKubernetesYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec:
  podSelector: {matchExpressions: [{key: a, operator: Near}]}
`);
    expect(badOperator.spec.networkPolicies).toBeUndefined();
    expect(badOperator.errors[0].message).toMatch(
      /NetworkPolicy p \(line 2\): .*operator "Near" is not In, NotIn/,
    );

    const typo = importKubernetesYaml(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p}
spec:
  podSelector: {}
  ingress: [{form: [{podSelector: {matchLabels: {app: web}}}]}]
`);
    expect(typo.spec.networkPolicies).toBeUndefined();
    expect(typo.errors).toHaveLength(1);
    expect(messages(typo)).toMatch(/spec\.ingress\[0\]\.form .*does not know this field/);
  });

  it('skips CNI-specific NetworkPolicy flavours with a warning', () => {
    const r = ok(`
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: calico-own}
spec: {selector: all()}
`);
    expect(r.spec.networkPolicies).toBeUndefined();
    expect(messages(r)).toMatch(/only networking.k8s.io\/v1 NetworkPolicy is simulated/);
  });
});

describe('importKubernetesYaml: nodes', () => {
  it('creates the nodes pods name when there are no Node objects, with their IPs and pod CIDRs', () => {
    const r = ok(`
apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {nodeName: kind-worker, containers: [{name: c, image: x}]}
status: {hostIP: 172.18.0.3, podIP: 10.244.1.5}
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec: {nodeName: kind-worker2, containers: [{name: c, image: x}]}
`);
    expect(r.spec.nodes).toEqual([
      {
        name: 'kind-worker',
        ip: '172.18.0.3',
        podCidr: '10.244.1.0/24',
        labels: { 'kubernetes.io/hostname': 'kind-worker' },
      },
      { name: 'kind-worker2', labels: { 'kubernetes.io/hostname': 'kind-worker2' } },
    ]);
    expect(r.created.map((c) => c.name)).toEqual(['kind-worker', 'kind-worker2']);
  });

  it('takes the IPv4 address of a dual-stack pod and Service whose first address is IPv6', () => {
    const r = ok(`
apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {nodeName: n1, containers: [{name: c, image: x}]}
status: {podIP: "fd00::5", podIPs: [{ip: "fd00::5"}, {ip: 10.244.1.5}]}
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  clusterIP: "fd00:10::7"
  clusterIPs: ["fd00:10::7", 10.96.7.7]
  ipFamilies: [IPv6, IPv4]
  selector: {app: a}
  ports: [{port: 80}]
`);
    expect(r.spec.pods[0].ip).toBe('10.244.1.5');
    expect(r.spec.services[0].clusterIP).toBe('10.96.7.7');
    expect(messages(r)).toMatch(/IPv4 only; the IPv6 family is ignored/);
  });

  it('creates node-1 and node-2 when nothing names a node, and schedules bare pods round robin', () => {
    const pod = (n: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${n}}\nspec: {containers: [{name: c, image: x}]}\n`;
    const r = ok([pod('a'), pod('b'), pod('c')].join('---\n'));
    expect(r.spec.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2']);
    expect(r.spec.pods.map((p) => p.nodeName)).toEqual(['node-1', 'node-2', 'node-1']);
  });
});

describe('importKubernetesYaml: warnings and errors', () => {
  it('warns about unknown kinds and fields, merging repeats, and says why', () => {
    const pod = (n: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${n}}\nspec:\n  hostAliases: [{ip: 1.1.1.1, hostnames: [one]}]\n  containers: [{name: c, image: x, ports: [{containerPort: 80, hostPort: 8080}]}]\n`;
    const r = ok(
      [
        pod('a'),
        pod('b'),
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
      ].join('---\n'),
    );
    const dns = r.warnings.find((w) => w.what === 'Pod field spec.hostAliases');
    expect(dns).toMatchObject({
      severity: 'warning',
      count: 2,
      where: 'Pod a (line 1), Pod b (line 8)',
      line: 1,
    });
    expect(dns?.why).toMatch(/not simulated/);
    expect(messages(r)).toMatch(
      /Pod field spec.containers\[0\].ports\[0\].hostPort in Pod a .*hostPort .* is not simulated/,
    );
    expect(r.warnings.find((w) => w.what === 'kind Widget')).toMatchObject({
      severity: 'warning',
      line: 15,
    });
    expect(r.warnings.find((w) => w.what === 'kind ConfigMap')).toMatchObject({ severity: 'note' });
  });

  it('reads numbers written as strings, with a warning, and drops what is not a number', () => {
    const r = ok(`
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  selector: {app: a, version: 2}
  ports:
    - {name: a, port: "80", targetPort: "8080"}
    - {name: b, port: eighty}
    - {name: c, port: 81, targetPort: Not_A_Name}
`);
    expect(r.spec.services[0].ports).toEqual([
      { name: 'a', port: 80, targetPort: 8080 },
      { name: 'c', port: 81 },
    ]);
    expect(r.spec.services[0].selector).toEqual({ app: 'a', version: '2' });
    const text = messages(r);
    expect(text).toMatch(/spec.ports\[0\].port .*is the string "80", not a number; read as 80/);
    expect(text).toMatch(/spec.ports\[1\].port .*should be a whole number, not "eighty"/);
    expect(text).toMatch(/"Not_A_Name" is not a valid port name/);
    expect(text).toMatch(/selector\["version"\] .*is 2, not a string/);
  });

  it('rejects objects the API server would reject, and keeps the rest', () => {
    const r = importKubernetesYaml(`
apiVersion: v1
kind: Pod
metadata: {name: Bad_Name}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec: {type: Magic, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: nocontainers}
spec: {containers: []}
---
metadata: {name: nokind}
---
apiVersion: v1
kind: Pod
metadata: {name: good}
spec: {containers: [{name: c, image: x}]}
`);
    expect(r.spec.pods.map((p) => p.name)).toEqual(['good']);
    expect(r.spec.services).toEqual([]);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [2, expect.stringMatching(/metadata.name "Bad_Name" is not a valid name/)],
      [7, expect.stringMatching(/spec.type "Magic" is not ClusterIP/)],
      [12, expect.stringMatching(/must list at least one container/)],
      [17, 'The object named nokind has no kind.'],
    ]);
  });

  it('reports malformed YAML with its line and column, and still reads the other documents', () => {
    const r = importKubernetesYaml(`apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Service
metadata:
  name: broken
   selector: x
`);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatchObject({ line: 9, column: 9 });
    expect(r.errors[0].message).toMatch(/^YAML syntax error in document 2: /);
    expect(r.spec.pods.map((p) => p.name)).toEqual(['a']);
  });

  it('reports duplicate keys as errors with their line', () => {
    const r = importKubernetesYaml(
      'apiVersion: v1\nkind: Pod\nkind: Service\nmetadata: {name: a}\n',
    );
    expect(r.errors[0]).toMatchObject({ line: 3 });
    expect(r.errors[0].message).toMatch(/Map keys must be unique/);
  });

  it('rejects an alias bomb with a clear error', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'kind: Pod',
    ].join('\n');
    const r = importKubernetesYaml(bomb);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/expands its YAML aliases .* more than 100 times/);
    expect(r.spec.pods).toEqual([]);
  });

  it('still reads a few honest aliases', () => {
    const r = ok(`
apiVersion: v1
kind: Pod
metadata: {name: a, labels: &l {app: web}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`);
    expect(r.spec.pods[0].labels).toEqual({ app: 'web' });
  });

  it('rejects input over the size limit before parsing it', () => {
    const big = `# ${'x'.repeat(2000)}\n`;
    const r = importKubernetesYaml(big, { maxBytes: 1000 });
    expect(r.errors).toEqual([{ message: expect.stringMatching(/larger than 1 KB/) }]);
    const r5 = importKubernetesYaml(`# ${'é'.repeat(3 * 1024 * 1024)}`);
    expect(r5.errors[0].message).toMatch(/larger than 5.0 MB/);
  });

  it('caps the number of pods workloads may make', () => {
    const r = importKubernetesYaml(deployment(50), { maxPods: 10 });
    expect(r.spec.pods).toHaveLength(10);
    expect(r.errors[0].message).toMatch(/more than 10 pods/);
  });

  it('uses the later of two objects with the same name, as kubectl apply would', () => {
    const svc = (port: number) =>
      `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {a: b}, ports: [{port: ${port}}]}\n`;
    const r = ok(`${svc(80)}---\n${svc(81)}`);
    expect(r.spec.services.map((s) => s.ports[0].port)).toEqual([81]);
    expect(messages(r)).toMatch(/appears again later/);
  });

  it('names a pod from generateName', () => {
    const r = ok(
      'apiVersion: v1\nkind: Pod\nmetadata: {generateName: job-}\nspec: {containers: [{name: c, image: x}]}\n',
    );
    expect(r.spec.pods[0].name).toMatch(/^job-[a-z0-9]{5}$/);
  });

  it('returns a spec the scenario schema accepts even for a messy input', () => {
    const r = importKubernetesYaml(fixture('manifests.yaml'));
    const checked = validateScenario({ title: 't', cluster: r.spec, layout: {} });
    expect(checked.ok).toBe(true);
  });
});

describe('importKubernetesYaml: fixtures', () => {
  it('imports a kubectl get -o yaml dump of a cluster whose addresses lie outside the defaults', () => {
    const r = ok(fixture('real-cluster-dump.yaml'));
    expect(r.spec.settings).toEqual({
      ...DEFAULT_SETTINGS,
      cni: { plugin: 'calico', mode: 'bgp' },
      proxyMode: 'ipvs',
      clusterCidr: '172.16.0.0/16',
      serviceCidr: '10.100.0.0/16',
      nodeNetwork: '10.0.0.0/24',
    });
    // Pods come from the dump itself; their workloads are not expanded a second time.
    expect(r.spec.pods.map((p) => `${p.namespace}/${p.name} ${p.ownerRef}`)).toEqual([
      'kube-system/calico-node-4xkzp DaemonSet/calico-node',
      'kube-system/calico-node-9qwrt DaemonSet/calico-node',
      'kube-system/calico-node-b7m2d DaemonSet/calico-node',
      'kube-system/coredns-668d6bf9bc-8kq2x Deployment/coredns',
      'kube-system/coredns-668d6bf9bc-w5v7n Deployment/coredns',
      'shop/web-7d9f8b6c5-2xvlp Deployment/web',
      'shop/web-7d9f8b6c5-k8m4q Deployment/web',
      'shop/db-0 StatefulSet/db',
    ]);
    expect(r.spec.pods.find((p) => p.name === 'web-7d9f8b6c5-k8m4q')).toMatchObject({
      ready: false,
      ip: '172.16.2.9',
    });
    expect(r.spec.services.map((s) => s.name)).toEqual([
      'kube-dns',
      'web',
      'db',
      'storefront',
      'payments',
    ]);
    expect(r.spec.services.find((s) => s.name === 'storefront')).toMatchObject({
      loadBalancerIP: '198.51.100.20',
      sessionAffinityTimeoutSeconds: 3600,
    });
    expect(r.spec.nodes.map((n) => [n.name, n.ip, n.podCidr])).toEqual([
      ['cp-1', '10.0.0.10', '172.16.0.0/24'],
      ['worker-1', '10.0.0.11', '172.16.1.0/24'],
      ['worker-2', '10.0.0.12', '172.16.2.0/24'],
    ]);

    const model = buildCluster(r.spec);
    expect(model.diagnostics.filter((d) => d.severity !== 'note')).toEqual([]);
    expect(model.settings.dnsServiceIp).toBe('10.100.0.10');
    const web = model.services.find((s) => s.name === 'web');
    expect(web?.clusterIP).toBe('10.100.23.45');
    expect(web?.endpoints[0].map((e) => [e.ip, e.port, e.ready])).toEqual([
      ['172.16.1.17', 8080, true],
      ['172.16.2.9', 8080, false],
    ]);
    const trace = runProbe(model, {
      from: { kind: 'pod', namespace: 'shop', name: 'db-0' },
      to: { kind: 'name', name: 'web' },
      port: 80,
    });
    expect(trace.verdict).toBe('Delivered');
    expect(trace.deliveredTo?.ip).toBe('172.16.1.17');
  });

  it('imports hand-written manifests: workloads expanded, nodes made up, skipped parts named', () => {
    const r = ok(fixture('manifests.yaml'));
    expect(r.spec.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2']);
    expect(r.spec.pods.map((p) => p.ownerRef ?? p.name)).toEqual([
      'Deployment/web',
      'Deployment/web',
      'Deployment/web',
      'StatefulSet/db',
      'StatefulSet/db',
      'DaemonSet/node-agent',
      'DaemonSet/node-agent',
      'debug',
    ]);
    const text = messages(r);
    expect(text).toMatch(/spec.externalIPs/);
    expect(text).toMatch(/hostPort/);
    expect(text).toMatch(/CronJob shop\/report .*not simulated; skipped/);
    expect(text).toMatch(/Widget shop\/gadget .*does not know this kind/);
    expect(text).toMatch(/nginx.ingress.kubernetes.io\/rewrite-target/);
    const model = buildCluster(r.spec);
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reads the settings and outside clients a PodPath export carries in comments', () => {
    const settings = { ...DEFAULT_SETTINGS, clusterDomain: 'example.internal' };
    const r = ok(
      `# podpath:settings ${JSON.stringify(settings)}\n# podpath:externalClient {"name":"laptop","ip":"203.0.113.9"}\n# podpath:externalClient {"name":"<b>","ip":"x"}\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n`,
    );
    expect(r.spec.settings).toEqual(settings);
    expect(r.spec.externalClients).toEqual([{ name: 'laptop', ip: '203.0.113.9' }]);
    expect(messages(r)).toMatch(/externalClient line.*needs a valid name/);
  });

  it.each([
    [
      'Flannel host-gw and its network',
      `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
data:
  net-conf.json: '{"Network": "10.42.0.0/16", "Backend": {"Type": "host-gw"}}'`,
      { cni: { plugin: 'flannel', mode: 'host-gw' }, clusterCidr: '10.42.0.0/16' },
    ],
    [
      "Cilium's Geneve tunnel and kube-proxy replacement",
      `apiVersion: v1
kind: ConfigMap
metadata: {name: cilium-config, namespace: kube-system}
data: {tunnel-protocol: geneve, kube-proxy-replacement: "true"}`,
      { cni: { plugin: 'cilium', mode: 'geneve' }, proxyMode: 'ebpf' },
    ],
    [
      "Calico's IP pool with VXLAN",
      `apiVersion: crd.projectcalico.org/v1
kind: IPPool
metadata: {name: default-ipv4-ippool}
spec: {cidr: 192.168.0.0/16, vxlanMode: Always, ipipMode: Never}`,
      { cni: { plugin: 'calico', mode: 'vxlan' }, clusterCidr: '192.168.0.0/16' },
    ],
    [
      "the kubelet's cluster domain and kube-proxy's nftables mode",
      `apiVersion: v1
kind: ConfigMap
metadata: {name: kubelet-config, namespace: kube-system}
data:
  kubelet: |
    kind: KubeletConfiguration
    clusterDomain: k8s.example
---
apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system}
data:
  config.conf: |
    mode: "nftables"`,
      { clusterDomain: 'k8s.example', proxyMode: 'nftables' },
    ],
    [
      'a Weave Net DaemonSet',
      `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: weave-net, namespace: kube-system}
spec:
  selector: {matchLabels: {name: weave-net}}
  template:
    metadata: {labels: {name: weave-net}}
    spec: {hostNetwork: true, containers: [{name: weave, image: weave}]}`,
      { cni: { plugin: 'weave', mode: 'fastdp' } },
    ],
  ])('reads the settings of a cluster from %s', (_what, yaml, expected) => {
    const r = ok(yaml);
    expect(r.spec.settings).toMatchObject(expected);
    expect(r.warnings.filter((w) => w.what === 'Setting').length).toBeGreaterThan(0);
  });

  it('lets explicit settings win over the file and over inference', () => {
    const r = ok(fixture('real-cluster-dump.yaml'), {
      settings: { proxyMode: 'nftables', clusterDomain: 'x.local' },
    });
    expect(r.spec.settings).toMatchObject({
      proxyMode: 'nftables',
      clusterDomain: 'x.local',
      clusterCidr: '172.16.0.0/16',
    });
  });
});

describe('creation times (Service environment variables depend on them)', () => {
  it('keeps metadata.creationTimestamp of pods and Services, drops an unreadable one, and exports it', () => {
    const r = ok(`
apiVersion: v1
kind: Pod
metadata: {name: client, creationTimestamp: "2026-01-01T11:00:00Z"}
spec: {containers: [{name: app, image: busybox}]}
---
apiVersion: v1
kind: Service
metadata: {name: late, creationTimestamp: "2026-01-01T12:00:00Z"}
spec: {selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: odd, creationTimestamp: "yesterday"}
spec: {selector: {app: x}, ports: [{port: 80}]}
`);
    expect(r.spec.pods[0].creationTimestamp).toBe('2026-01-01T11:00:00Z');
    expect(r.spec.services.map((s) => s.creationTimestamp)).toEqual([
      '2026-01-01T12:00:00Z',
      undefined,
    ]);
    expect(r.warnings.some((w) => /creationTimestamp/.test(w.what))).toBe(true);
    const again = ok(exportKubernetesYaml(r.spec));
    expect(again.spec.pods[0].creationTimestamp).toBe('2026-01-01T11:00:00Z');
    expect(again.spec.services[0].creationTimestamp).toBe('2026-01-01T12:00:00Z');
  });
});
