import { describe, expect, it } from 'vitest';
import type { DnsResult } from '../engine/dns.ts';
import { flannelVxlanOuter, ip, packet } from '../engine/testing/hopFixtures.ts';
import type { Hop, Trace } from '../engine/trace.ts';
import { parseArgs, UsageError } from './args.ts';
import {
  describePacket,
  describeWhere,
  dnsToJson,
  formatDns,
  formatEnv,
  formatHops,
  formatMatrix,
  formatSummary,
  formatTable,
  formatWarnings,
  traceToJson,
} from './format.ts';

const hops: Hop[] = [
  {
    direction: 'request',
    location: {
      place: 'Container',
      device: 'curl',
      node: 'node-1',
      at: { kind: 'Pod', namespace: 'default', name: 'client' },
    },
    verdict: 'Forwarded',
    before: packet('10.244.1.2:40000', '10.96.0.20:80'),
    after: packet('10.244.1.2:40000', '10.96.0.20:80'),
    explanation: 'curl opens a connection.',
  },
  {
    direction: 'request',
    location: { place: 'KubeProxy', device: 'iptables nat', node: 'node-1' },
    verdict: 'Translated',
    before: packet('10.244.1.2:40000', '10.96.0.20:80'),
    after: packet('10.244.1.2:40000', '10.244.2.3:8080'),
    explanation: 'DNAT to web-2.',
    decisions: [{ kind: 'load-balancing', summary: 'web-2 chosen' }],
  },
  {
    direction: 'request',
    location: { place: 'Tunnel', device: 'flannel.1', node: 'node-1' },
    verdict: 'Encapsulated',
    before: packet('10.244.1.2:40000', '10.244.2.3:8080'),
    after: {
      ...packet('10.244.1.2:40000', '10.244.2.3:8080'),
      outer: flannelVxlanOuter,
    },
    explanation: 'Wrapped in VXLAN.',
  },
  {
    direction: 'reply',
    location: { place: 'Network', device: 'outside' },
    verdict: 'Dropped',
    reason: 'PolicyDenied',
    before: packet('10.244.2.3:8080', '10.244.1.2:40000'),
    after: packet('10.244.2.3:8080', '10.244.1.2:40000'),
    explanation: 'Denied.',
    decisions: [
      { kind: 'network-policy', summary: 'deny', policy: { name: 'p', namespace: 'default' } },
    ],
  },
];

const delivered: Trace = {
  probe: {
    from: { kind: 'pod', namespace: 'default', name: 'client' },
    to: { kind: 'name', name: 'web' },
  },
  verdict: 'Delivered',
  hops: hops.slice(0, 2),
  reply: hops.slice(3),
  deliveredTo: {
    pod: { kind: 'Pod', namespace: 'default', name: 'web-2' },
    ip: ip('10.244.2.3'),
    port: 8080,
    container: 'web',
  },
  seenSource: ip('10.244.1.2'),
  summary: 'Delivered to web-2.',
};

describe('formatting', () => {
  it('aligns a table and leaves the last column unpadded', () => {
    expect(
      formatTable(
        ['a', 'bb', 'c'],
        [
          ['xxx', 'y', 'last one'],
          ['1', '2', '3'],
        ],
      ),
    ).toBe(['a    bb  c', 'xxx  y   last one', '1    2   3'].join('\n'));
  });

  it('describes a hop: where, packet, outer header', () => {
    expect(describeWhere(hops[0])).toBe('node-1: client/curl');
    expect(describeWhere(hops[1])).toBe('node-1: iptables nat');
    expect(describeWhere(hops[3])).toBe('outside');
    expect(describePacket(hops[1].after)).toBe('10.244.1.2:40000 -> 10.244.2.3:8080');
    expect(describePacket(hops[2].after)).toBe(
      '10.244.1.2:40000 -> 10.244.2.3:8080 in VXLAN 192.168.49.2 -> 192.168.49.3',
    );
  });

  it('prints hops as a numbered table with the drop reason beside the verdict', () => {
    const lines = formatHops(hops).split('\n');
    expect(lines[0]).toMatch(/^#\s+direction\s+where\s+verdict\s+src -> dst\s+explanation$/);
    expect(lines[2]).toMatch(
      /^2\s+request\s+node-1: iptables nat\s+Translated\s+10\.244\.1\.2:40000 -> 10\.244\.2\.3:8080\s+DNAT to web-2\.$/,
    );
    expect(lines[4]).toMatch(/^4\s+reply\s+outside\s+Dropped \(PolicyDenied\)\s+/);
    // Every row starts its columns at the same offsets.
    const col = (l: string) =>
      l.indexOf('request') >= 0 ? l.indexOf('request') : l.indexOf('reply');
    expect(new Set(lines.slice(1).map(col)).size).toBe(1);
  });

  it('summarises delivered and dropped traces', () => {
    expect(formatSummary(delivered)).toEqual([
      'Delivered to default/web-2 at 10.244.2.3:8080 (container web); it saw the source 10.244.1.2.',
    ]);
    const dropped: Trace = {
      ...delivered,
      verdict: 'Dropped',
      reason: 'NoEndpoints',
      deliveredTo: null,
      summary: 'No endpoints.',
    };
    expect(formatSummary(dropped)).toEqual([
      'Dropped: No endpoints.',
      'Why: the Service has no ready endpoints (NoEndpoints).',
    ]);
  });

  it('turns a trace into its JSON form', () => {
    const j = traceToJson({
      ...delivered,
      lookup: { ...delivered, lookup: undefined },
      hops: [
        ...delivered.hops,
        { ...hops[0], decisions: [{ kind: 'ingress-rule', summary: 'host matches' }] },
      ],
    });
    expect(j.deliveredTo).toEqual({ pod: 'default/web-2', ip: '10.244.2.3', port: 8080 });
    expect(j.decisions.map((d) => d.kind)).toEqual([
      'load-balancing',
      'ingress-rule',
      'network-policy',
    ]);
    expect(j.ingress).toEqual({ kind: 'ingress-rule', summary: 'host matches' });
    expect(j.lookup?.lookup).toBeNull();
    expect(j.reason).toBeNull();
  });

  it('formats DNS results', () => {
    const result: DnsResult = {
      rcode: 'NOERROR',
      answers: [{ name: 'web.default.svc.cluster.local', type: 'A', data: '10.96.0.20' }],
      tried: [{ name: 'web.default.svc.cluster.local', rcode: 'NOERROR' }],
      resolvConf: ['search default.svc.cluster.local', 'nameserver 10.96.0.10', 'options ndots:5'],
      byCoreDns: true,
    };
    expect(dnsToJson(result)).toEqual({
      rcode: 'NOERROR',
      answers: [{ name: 'web.default.svc.cluster.local', type: 'A', data: '10.96.0.20' }],
      tried: [{ name: 'web.default.svc.cluster.local', rcode: 'NOERROR' }],
    });
    const text = formatDns(result, { from: 'default/client', name: 'web', type: 'A' });
    expect(text).toMatch(/^A web, asked from default\/client\n/);
    expect(text).toMatch(/\n {2}web\.default\.svc\.cluster\.local {2}A {5}10\.96\.0\.20\n$/);
    expect(
      formatDns(
        { ...result, rcode: 'NXDOMAIN', answers: [] },
        { from: 'a/b', name: 'x', type: 'A' },
      ),
    ).toMatch(/NXDOMAIN: no answer\.\n$/);
  });

  it('formats the matrix and the environment', () => {
    const text = formatMatrix(
      {
        pods: ['a/x', 'a/y'],
        allowed: { 'a/x': { 'a/x': true, 'a/y': false }, 'a/y': { 'a/x': true, 'a/y': true } },
      },
      80,
      'TCP',
      3,
    );
    expect(text).toContain('from \\ to  1    2\n1 a/x      yes  -\n2 a/y      yes  yes');
    expect(text).toMatch(/3 of 4 pairs allowed\.\n$/);
    expect(
      formatEnv([
        ['A', '1'],
        ['B_PORT', 'tcp://10.0.0.1:80'],
      ]),
    ).toBe('A=1\nB_PORT=tcp://10.0.0.1:80\n');
  });

  it('prints warnings, and notes only when verbose', () => {
    const w = (severity: 'warning' | 'note', line?: number) => ({
      severity,
      what: 'x',
      where: 'y',
      why: 'z',
      count: 1,
      message: `${severity} message`,
      ...(line ? { line } : {}),
    });
    expect(formatWarnings('f.yaml', [w('warning', 3), w('note')], false)).toBe(
      'f.yaml:3: warning: warning message\nf.yaml: 1 note(s) about the import; --verbose shows them.\n',
    );
    expect(formatWarnings('f.yaml', [w('note')], true)).toBe('f.yaml: note: note message\n');
    expect(formatWarnings('f.yaml', [], false)).toBe('');
  });
});

describe('parseArgs', () => {
  const specs = {
    port: { type: 'string', help: '' },
    json: { type: 'boolean', help: '' },
  } as const;

  it('reads options in both spellings, booleans, positionals and --', () => {
    expect(parseArgs(['f.yaml', '--port', '80', '--json', 'x'], specs)).toEqual({
      positionals: ['f.yaml', 'x'],
      flags: { port: '80', json: true },
    });
    expect(parseArgs(['--port=8080', '--', '--json'], specs)).toEqual({
      positionals: ['--json'],
      flags: { port: '8080' },
    });
    expect(parseArgs(['-h'], specs).flags.help).toBe(true);
  });

  it('refuses unknown options, missing values and values for booleans', () => {
    expect(() => parseArgs(['--nope'], specs)).toThrow(new UsageError('unknown option --nope'));
    expect(() => parseArgs(['--port'], specs)).toThrow(/--port needs a value/);
    expect(() => parseArgs(['--port', '--json'], specs)).toThrow(/--port needs a value/);
    expect(() => parseArgs(['--json=yes'], specs)).toThrow(/--json takes no value/);
    expect(() => parseArgs(['-x'], specs)).toThrow(/unknown option -x/);
  });
});
