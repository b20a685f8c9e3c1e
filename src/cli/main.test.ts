import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wrapScenario } from '../scenario/envelope.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import { galleryEntry } from '../scenario/builtins/gallery.ts';
import { exportKubernetesYaml } from '../scenario/kubeYaml/index.ts';
import { readFromDisk } from './main.ts';
import { cliRunner, traceArgv } from './testing.ts';
import type { TraceJson } from './format.ts';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../scenario/kubeYaml/fixtures/${name}`, import.meta.url));
const DUMP = fixture('real-cluster-dump.yaml');
const MANIFESTS = fixture('manifests.yaml');

/** Files the tests make up, by name; anything else is read from disk. */
const FILES: Record<string, string> = {
  'default.json': JSON.stringify(wrapScenario(defaultScenario)),
  'bare.json': JSON.stringify(defaultScenario),
  'default.yaml': exportKubernetesYaml(defaultScenario.cluster),
  'broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: [\n',
  'other.json': '{"hello": "world"}',
  'ingress.json': JSON.stringify(wrapScenario(galleryEntry('ingress')!.scenario)),
  'lb.json': JSON.stringify(wrapScenario(galleryEntry('load-balancer')!.scenario)),
  'cilium.json': JSON.stringify(wrapScenario(galleryEntry('cilium-l7-policy')!.scenario)),
  'invalid.json': JSON.stringify({
    ...defaultScenario,
    cluster: { ...defaultScenario.cluster, nodes: 'x' },
  }),
};

const run = cliRunner((path) => (path in FILES ? FILES[path] : readFromDisk(path)));

/** Runs `podpath trace FILE --from SOURCE --to TARGET ...rest`. */
function trace(file: string, from: string, to: string, ...rest: string[]) {
  return run(...traceArgv(file, from, to, ...rest));
}

function json<T>(text: string): T {
  return JSON.parse(text) as T;
}

describe('podpath trace', () => {
  it('traces a pod to a Service by name, as a table with the summary', () => {
    const r = trace('default.json', 'default/client', 'web');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Trace: pod default\/client -> web \(by DNS\), TCP\n/);
    expect(r.stdout).toMatch(/DNS lookup \(Delivered\)/);
    expect(r.stdout).toMatch(/^#\s+direction\s+where\s+verdict\s+src -> dst\s+explanation$/m);
    expect(r.stdout).toMatch(
      /^1\s+request\s+node-1: client\/curl\s+Forwarded\s+10\.244\.1\.2:\d+ -> /m,
    );
    expect(r.stdout).toMatch(/Translated/);
    expect(r.stdout).toMatch(
      /\nDelivered to default\/web-\d at 10\.244\.\d\.\d:8080 \(container web\); it saw the source 10\.244\.1\.2\.\n$/,
    );
  });

  it('prints the JSON form with flattened decisions, the DNS lookup and deliveredTo', () => {
    const r = trace('default.json', 'default/client', 'web', '--port', '80', '--json');
    expect(r.code).toBe(0);
    const t = json<TraceJson>(r.stdout);
    expect(t.verdict).toBe('Delivered');
    expect(t.reason).toBeNull();
    expect(t.deliveredTo).toEqual({
      pod: expect.stringMatching(/^default\/web-\d$/),
      ip: expect.any(String),
      port: 8080,
    });
    expect(t.seenSource).toBe('10.244.1.2');
    expect(t.ingress).toBeNull();
    expect(t.lookup?.verdict).toBe('Delivered');
    expect(t.lookup?.deliveredTo?.pod).toMatch(/^kube-system\/coredns/);
    expect(t.hops.length).toBeGreaterThan(3);
    expect(t.reply.length).toBeGreaterThan(3);
    const fromHops = [...t.hops, ...t.reply].flatMap((h) => h.decisions ?? []);
    expect(t.decisions).toEqual(fromHops);
    expect(t.decisions.map((d) => d.kind)).toContain('load-balancing');
  });

  it('is reproducible: the same seed gives the same output', () => {
    const a = trace('default.json', 'default/client', 'web', '--seed', '7', '--json');
    const b = trace('default.json', 'default/client', 'web', '--seed', '7', '--json');
    expect(a.stdout).toBe(b.stdout);
  });

  it('reads Kubernetes YAML too, and traces from an outside address through an Ingress URL', () => {
    const r = trace(DUMP, 'ip:203.0.113.50', 'https://shop.example.com/', '--json');
    expect(r.code).toBe(0);
    const t = json<TraceJson>(r.stdout);
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo?.pod).toMatch(/^shop\/web-7d9f8b6c5-/);
    expect(t.ingress).toMatchObject({
      kind: 'ingress-rule',
      ref: { kind: 'Ingress', name: 'storefront' },
    });
    expect(t.probe.from).toEqual({ kind: 'external', name: 'client-203-0-113-50' });
  });

  it('splits NodeIP:NodePort and ClusterIP:port targets', () => {
    const nodePort = trace(DUMP, 'ip:198.51.100.7', '10.0.0.11:31080', '--json');
    expect(nodePort.code).toBe(0);
    const t = json<TraceJson>(nodePort.stdout);
    expect(t.probe.to).toEqual({ kind: 'ip', ip: '10.0.0.11' });
    expect(t.probe.port).toBe(31080);
    const clusterIp = trace(DUMP, 'shop/db-0', '10.100.23.45:80', '--json');
    expect(json<TraceJson>(clusterIp.stdout).verdict).toBe('Delivered');
    const node = trace(DUMP, 'shop/db-0', 'node/worker-2:31080', '--json');
    expect(json<TraceJson>(node.stdout).probe.to).toEqual({ kind: 'ip', ip: '10.0.0.12' });
  });

  it('traces to a pod, from a node, and over localhost', () => {
    const pod = trace('default.json', 'node/node-2', 'default/web-1', '--json');
    expect(json<TraceJson>(pod.stdout).deliveredTo?.pod).toBe('default/web-1');
    const local = trace('default.json', 'default/web-1', 'localhost:8080', '--json');
    expect(json<TraceJson>(local.stdout)).toMatchObject({
      verdict: 'Delivered',
      deliveredTo: { port: 8080 },
    });
  });

  it('replays the flow a scenario file was saved with when --from and --to are left out', () => {
    const r = run('trace', 'default.json', '--json');
    expect(r.code).toBe(0);
    const t = json<TraceJson>(r.stdout);
    expect(t.probe).toEqual(defaultScenario.flow);
    const seeded = json<TraceJson>(run('trace', 'default.json', '--json', '--seed', '5').stdout);
    expect(seeded.probe.seed).toBe(5);
    expect(run('trace', MANIFESTS).stderr).toMatch(/missing --from SOURCE/);
  });

  it('says so when a pod reference names a Service', () => {
    const r = trace('default.json', 'default/client', 'default/web');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /default\/web is a Service, not a pod: name it web\.default \(resolved by DNS\) or by its ClusterIP 10\./,
    );
  });

  it('reports a drop with its reason', () => {
    const r = trace('default.json', 'default/client', 'nope');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\nDropped: .*\nWhy: the name does not exist \(NXDOMAIN\) \(NXDOMAIN\)\.\n$/,
    );
  });

  it('lets the settings flags override the file', () => {
    const base = json<TraceJson>(
      trace('default.json', 'default/client', 'default/web-2', '--json').stdout,
    );
    expect(base.hops.some((h) => h.location.device === 'flannel.1')).toBe(true);
    const calico = json<TraceJson>(
      trace('default.json', 'default/client', 'default/web-2', '--json', '--cni', 'calico:ipip')
        .stdout,
    );
    expect(calico.hops.some((h) => h.location.device === 'tunl0')).toBe(true);
    const moved = json<TraceJson>(
      trace(
        'default.json',
        'default/client',
        'web',
        '--json',
        '--service-cidr',
        '10.50.0.0/16',
        '--cluster-cidr',
        '10.200.0.0/16',
      ).stdout,
    );
    expect(moved.seenSource).toMatch(/^10\.200\./);
    expect(moved.lookup?.hops[0].after.dst.ip).toBe('10.50.0.10');
    const ipvs = trace(DUMP, 'shop/db-0', 'web', '--proxy-mode', 'nftables', '--json');
    expect(json<TraceJson>(ipvs.stdout).hops.some((h) => /nft/.test(h.location.device))).toBe(true);
  });

  it('prints import warnings to stderr and notes only with --verbose', () => {
    const r = trace(MANIFESTS, 'shop/debug', 'web', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/manifests\.yaml:89: warning: Service field spec\.externalIPs/);
    expect(r.stderr).toMatch(/note\(s\) about the import; --verbose shows them/);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    const verbose = trace(MANIFESTS, 'shop/debug', 'web', '--verbose');
    expect(verbose.stderr).toMatch(/: note: Nodes: the input has no Node objects/);
  });
});

describe('settings flags of issue 8: kube-router, the ingress controller, the load balancer', () => {
  const hopsOf = (...argv: string[]) => {
    const r = run(...argv, '--json');
    expect(r.code, r.stderr).toBe(0);
    return json<TraceJson>(r.stdout).hops;
  };

  it('--cni kube-router[:MODE] and --proxy-mode kube-router', () => {
    const full = hopsOf(
      ...traceArgv('default.json', 'default/client', 'default/web-2', '--cni', 'kube-router:full'),
    );
    expect(full.some((h) => /^tun-/.test(h.location.device))).toBe(true);
    const proxy = hopsOf(
      ...traceArgv(
        'default.json',
        'default/client',
        'web',
        '--cni',
        'kube-router',
        '--proxy-mode',
        'kube-router',
      ),
    );
    expect(proxy.some((h) => /kube-dummy-if/.test(h.location.device))).toBe(true);
    expect(proxy.some((h) => h.location.device === 'kube-bridge')).toBe(true);
  });

  it('--ingress-controller haproxy|nginx|none', () => {
    const args = traceArgv('ingress.json', 'ip:198.51.100.20', 'https://shop.example.com/api/cart');
    const haproxy = hopsOf(...args, '--ingress-controller', 'haproxy');
    expect(haproxy.some((h) => h.location.device === 'haproxy')).toBe(true);
    const nginx = hopsOf(...args, '--ingress-controller', 'nginx');
    expect(nginx.some((h) => h.location.device === 'nginx')).toBe(true);
    const none = run(...args, '--ingress-controller', 'none', '--json');
    expect(json<TraceJson>(none.stdout).reason).toBe('NoIngressController');
  });

  it('--load-balancer ip sends straight to a pod (with a CNI that routes pod IPs)', () => {
    const args = traceArgv('lb.json', 'ip:198.51.100.20', '203.0.113.10:80');
    const viaNodePort = hopsOf(...args);
    expect(viaNodePort.some((h) => h.location.place === 'KubeProxy')).toBe(true);
    const ip = hopsOf(...args, '--load-balancer', 'ip-preserve', '--cni', 'calico');
    expect(ip.some((h) => h.location.place === 'KubeProxy')).toBe(false);
    const r = run(...args, '--load-balancer', 'ip', '--json');
    expect(json<TraceJson>(r.stdout).reason).toBe('NoRoute');
  });

  it.each([
    [['--cni', 'kube-router:vxlan'], /kube-router has the modes subnet, full, none/],
    [['--ingress-controller', 'traefik'], /--ingress-controller must be nginx, haproxy or none/],
    [['--load-balancer', 'alb'], /--load-balancer must be nodeport, proxy, ip or ip-preserve/],
  ])('%j is a usage error', (flags, message) => {
    const r = trace('default.json', 'default/client', 'web', ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('lists the new flags in --help', () => {
    const r = run('trace', '--help');
    expect(r.stdout).toMatch(/kube-router\[:subnet\|full\|none\]/);
    expect(r.stdout).toMatch(/--ingress-controller NAME/);
    expect(r.stdout).toMatch(/--load-balancer MODE/);
  });
});

describe('podpath matrix, dns, env', () => {
  it('prints the reachability matrix as a table and as JSON', () => {
    const human = run('matrix', MANIFESTS, '--port', '5432', '--cni', 'calico');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Who may open TCP port 5432 to whom/);
    expect(human.stdout).toMatch(/pairs allowed\.\n$/);
    const m = json<{ pods: string[]; allowed: Record<string, Record<string, boolean>> }>(
      run('matrix', MANIFESTS, '--port', '5432', '--cni', 'calico', '--json').stdout,
    );
    expect(m.pods).toContain('shop/db-0');
    expect(m.allowed['shop/debug']['shop/db-0']).toBe(true);
    // db's policy allows egress to DNS only.
    const web = m.pods.find((p) => p.startsWith('shop/web-')) as string;
    expect(m.allowed['shop/db-0'][web]).toBe(false);
    // The table's count is the JSON's allowed pairs.
    const yes = Object.values(m.allowed).flatMap((row) => Object.values(row).filter(Boolean));
    expect(human.stdout).toContain(`\n${yes.length} of ${m.pods.length ** 2} pairs allowed.\n`);
    // Flannel does not enforce NetworkPolicy: everything is allowed.
    const flannel = json<{ allowed: Record<string, Record<string, boolean>> }>(
      run('matrix', MANIFESTS, '--port', '5432', '--json').stdout,
    );
    expect(flannel.allowed['shop/db-0'][web]).toBe(true);
  });

  it('marks L7 the connections a Cilium HTTP rule lets through its proxy', () => {
    const human = run('matrix', 'cilium.json', '--port', '8080');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/ L7 /);
    expect(human.stdout).toMatch(/^L7: allowed through a Cilium rule with HTTP rules/m);
    const m = json<{
      allowed: Record<string, Record<string, boolean>>;
      l7: Record<string, Record<string, boolean>>;
    }>(run('matrix', 'cilium.json', '--port', '8080', '--json').stdout);
    expect(m.allowed['default/client']['default/web-1']).toBe(false);
    const [envoy] = Object.keys(m.l7);
    expect(envoy).toMatch(/^envoy-gateway-system\//);
    expect(m.l7[envoy]).toEqual({ 'default/web-1': true });
    // Off Cilium the Cilium policy does nothing, and nothing is L7.
    const calico = json<{ l7?: unknown }>(
      run('matrix', 'cilium.json', '--port', '8080', '--cni', 'calico', '--json').stdout,
    );
    expect(calico.l7).toBeUndefined();
  });

  it('resolves names with the search list, in both forms', () => {
    const r = run('dns', 'default.json', '--from', 'default/client', 'web');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /search default\.svc\.cluster\.local svc\.cluster\.local cluster\.local/,
    );
    expect(r.stdout).toMatch(/web\.default\.svc\.cluster\.local\s+A\s+10\.\d+\.\d+\.\d+/);
    const j = json<{ rcode: string; answers: { type: string }[]; tried: { name: string }[] }>(
      run('dns', 'default.json', '--from', 'default/client', 'web.default', '--json').stdout,
    );
    expect(j.rcode).toBe('NOERROR');
    expect(j.tried[0].name).toBe('web.default.default.svc.cluster.local');
    expect(j.answers[0].type).toBe('A');
    const srv = json<{ answers: { data: string }[] }>(
      run(
        'dns',
        DUMP,
        '--from',
        'shop/web-7d9f8b6c5-2xvlp',
        '_pg._tcp.db',
        '--type',
        'srv',
        '--json',
      ).stdout,
    );
    expect(srv.answers).toEqual([
      {
        name: '_pg._tcp.db.shop.svc.cluster.local',
        type: 'SRV',
        data: '0 100 5432 db-0.db.shop.svc.cluster.local',
      },
    ]);
    const ptr = json<{ answers: { data: string }[] }>(
      run('dns', DUMP, '--from', 'shop/db-0', '10.100.23.45', '--type', 'PTR', '--json').stdout,
    );
    expect(ptr.answers[0].data).toBe('web.shop.svc.cluster.local');
  });

  it('lists the Service environment variables', () => {
    const r = run('env', 'default.json', 'default/client');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^WEB_SERVICE_HOST=10\./m);
    expect(r.stdout).toMatch(/^WEB_SERVICE_PORT_HTTP=80$/m);
    const j = json<[string, string][]>(
      run('env', 'default.json', 'default/client', '--json').stdout,
    );
    expect(j).toContainEqual(['WEB_SERVICE_PORT', '80']);
    expect(j).toContainEqual(['WEB_PORT_80_TCP_PROTO', 'tcp']);
  });
});

describe('podpath input and errors', () => {
  it('reads the saved envelope, a bare scenario document and exported YAML alike', () => {
    for (const file of ['default.json', 'bare.json', 'default.yaml']) {
      const r = trace(file, 'default/client', 'default/web-2', '--json');
      expect(r.code, file).toBe(0);
      expect(json<TraceJson>(r.stdout).deliveredTo?.pod).toBe('default/web-2');
    }
  });

  it.each([
    [traceArgv('missing.yaml', 'a/b', 'c'), 1, /missing\.yaml: no such file/],
    [
      traceArgv('default.json', 'default/ghost', 'web'),
      1,
      /There is no pod default\/ghost to send from/,
    ],
    [
      traceArgv('default.json', 'default/client', 'default/ghost'),
      1,
      /There is no pod default\/ghost\. The pods are: default\/client, default\/web-1, default\/web-2, kube-system\/coredns-1/,
    ],
    [['env', 'default.json', 'default/ghost'], 1, /There is no pod default\/ghost/],
    [['dns', 'default.json', '--from', 'x/ghost', 'web'], 1, /There is no pod x\/ghost/],
    [
      traceArgv('broken.yaml', 'a/b', 'c'),
      1,
      /broken\.yaml:4:9: YAML syntax error in document 1: /,
    ],
    [
      traceArgv('other.json', 'a/b', 'c'),
      1,
      /neither a PodPath scenario .* nor a Kubernetes object/,
    ],
    [traceArgv('invalid.json', 'a/b', 'c'), 1, /the scenario is not valid:\n {2}cluster\.nodes: /],
    [['trace', 'default.json', '--to', 'web'], 2, /missing --from SOURCE/],
    [['trace', 'default.json', '--from', 'default/client'], 2, /missing --to TARGET/],
    [
      traceArgv('default.json', 'default/client', 'web', '--port', 'http'),
      2,
      /--port must be a whole number from 1 to 65535/,
    ],
    [
      traceArgv('default.json', 'default/client', 'web', '--protocol', 'ICMP'),
      2,
      /--protocol must be TCP, UDP or SCTP/,
    ],
    [
      traceArgv('default.json', 'default/client', '10.0.0.1:80', '--port', '81'),
      2,
      /--port 81 contradicts/,
    ],
    [traceArgv('default.json', 'ip:300.1.1.1', 'web'), 2, /"300\.1\.1\.1" is not an IPv4 address/],
    [
      traceArgv('default.json', 'default/client', 'web', '--cni', 'flannel:ipip'),
      2,
      /flannel has the modes vxlan, host-gw/,
    ],
    [
      traceArgv('default.json', 'default/client', 'web', '--proxy-mode', 'toString'),
      2,
      /--proxy-mode must be/,
    ],
    [
      traceArgv('default.json', 'default/client', 'web', '--cluster-cidr', '10.0.0.0/33'),
      2,
      /--cluster-cidr must be an IPv4 CIDR/,
    ],
    [
      traceArgv('default.json', 'default/client', 'web', '--node-port-range', '3-1'),
      2,
      /--node-port-range must look like/,
    ],
    [
      traceArgv('default.json', 'default/client', 'web', '--frobnicate'),
      2,
      /unknown option --frobnicate/,
    ],
    [['trace', 'default.json', '--from'], 2, /--from needs a value/],
    [['matrix', 'default.json'], 2, /missing --port N/],
    [['env', 'default.json'], 2, /missing ns\/pod/],
    [
      ['dns', 'default.json', '--from', 'default/client', 'web', '--type', 'MX'],
      2,
      /--type must be one of A, AAAA, SRV, CNAME, PTR/,
    ],
    [['teleport'], 2, /unknown command "teleport"/],
  ])('%j exits %i with a message on stderr', (argv, code, message) => {
    const r = run(...argv);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('shows help for the tool and for each command', () => {
    const top = run('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^Usage: podpath <command> FILE \[options\]/);
    for (const command of ['trace', 'matrix', 'dns', 'env']) {
      const r = run(command, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: podpath ${command} FILE`));
      expect(r.stdout).toMatch(/--cni PLUGIN\[:MODE\]/);
    }
    expect(run().code).toBe(2);
  });
});
