import { describe, expect, it } from 'vitest';
import { flannelVxlanOuter, ip, packet } from '../engine/testing/hopFixtures.ts';
import type { Hop, Trace } from '../engine/trace.ts';
import { describeOutcome, toTraceSteps } from '../store/traceSteps.ts';
import { journeyMarkdown } from './journeyMarkdown.ts';

const toService = packet('10.244.1.2:47658', '10.96.0.20:80');
const toPod = packet('10.244.1.2:47658', '10.244.2.3:8080');

function hop(patch: Partial<Hop> & Pick<Hop, 'location' | 'verdict' | 'explanation'>): Hop {
  return { direction: 'request', before: toPod, after: toPod, ...patch };
}

/** client on node-1 to the web Service, answered by a pod on node-2 over flannel's VXLAN. */
const delivered: Trace = {
  probe: {
    from: { kind: 'pod', namespace: 'default', name: 'client' },
    to: { kind: 'name', name: 'web' },
    port: 80,
  },
  verdict: 'Delivered',
  deliveredTo: null,
  seenSource: ip('10.244.1.2'),
  summary: 'client reached web-1 through the web Service.',
  hops: [
    hop({
      location: { place: 'KubeProxy', device: 'iptables', node: 'node-1' },
      verdict: 'Translated',
      before: toService,
      after: toPod,
      explanation: 'kube-proxy picks web-1 for the Service and rewrites the destination.',
    }),
    hop({
      location: { place: 'Tunnel', device: 'flannel.1', node: 'node-1' },
      verdict: 'Encapsulated',
      after: {
        ...toPod,
        outer: flannelVxlanOuter,
      },
      explanation: 'The packet is for a pod on node-2, so flannel wraps it in VXLAN.',
    }),
    hop({
      location: {
        place: 'Container',
        device: 'eth0',
        at: { kind: 'Pod', namespace: 'default', name: 'web-1' },
      },
      verdict: 'Delivered',
      explanation: 'web-1 receives the request on port 8080.',
    }),
  ],
  reply: [],
};

/** The table's body rows, split into cells (an escaped `\|` stays inside its cell). */
const rowsOf = (markdown: string) =>
  markdown
    .split('\n')
    .filter((l) => /^\| \d+ \|/.test(l))
    .map((l) =>
      l
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((c) => c.trim()),
    );

describe('journeyMarkdown', () => {
  it('heads the text with the title, summary and verdict, then one row per hop', () => {
    const md = journeyMarkdown(
      'Pod to a ClusterIP Service',
      describeOutcome(delivered),
      toTraceSteps(delivered),
    );
    expect(md.split('\n').slice(0, 8)).toEqual([
      '## Pod to a ClusterIP Service',
      '',
      'client reached web-1 through the web Service.',
      '',
      '**Verdict:** Delivered',
      '',
      '| # | Part | Place | Verdict | Addresses | Why |',
      '| --: | --- | --- | --- | --- | --- |',
    ]);
    expect(rowsOf(md)).toEqual([
      [
        '1',
        'Request',
        'kube-proxy (node-1 · iptables)',
        'Translated',
        'TCP 10.244.1.2:47658 → 10.96.0.20:80; destination 10.96.0.20:80 → 10.244.2.3:8080',
        'kube-proxy picks web-1 for the Service and rewrites the destination.',
      ],
      [
        '2',
        'Request',
        'Tunnel device (node-1 · flannel.1)',
        'Encapsulated',
        'TCP 10.244.1.2:47658 → 10.244.2.3:8080; wrapped in VXLAN 192.168.49.2 → 192.168.49.3 via flannel.1',
        'The packet is for a pod on node-2, so flannel wraps it in VXLAN.',
      ],
      [
        '3',
        'Request',
        'Container (web-1 · eth0)',
        'Delivered',
        'TCP 10.244.1.2:47658 → 10.244.2.3:8080',
        'web-1 receives the request on port 8080.',
      ],
    ]);
  });

  it('says why a dropped journey stopped, on the hop and in the verdict', () => {
    const dropped: Trace = {
      ...delivered,
      verdict: 'Dropped',
      reason: 'PolicyDenied',
      hops: [
        hop({
          location: { place: 'Veth', device: 'veth1a2b', node: 'node-2' },
          verdict: 'Dropped',
          reason: 'PolicyDenied',
          explanation: 'No NetworkPolicy that selects web-1 allows traffic from client.',
        }),
      ],
    };
    const md = journeyMarkdown('Deny all', describeOutcome(dropped), toTraceSteps(dropped));
    expect(md).toContain('\n**Verdict:** Dropped: a NetworkPolicy does not allow it\n');
    expect(rowsOf(md)[0][3]).toBe('Dropped: a NetworkPolicy does not allow it');
  });

  it('keeps each hop on one row whatever a name or sentence holds', () => {
    const odd: Trace = {
      ...delivered,
      hops: [
        hop({
          location: { place: 'Node', device: 'eth0', node: 'n|1' },
          verdict: 'Forwarded',
          explanation: 'line one\nline two | <b>bold</b>',
        }),
      ],
    };
    const md = journeyMarkdown('a | b\nc <img>', describeOutcome(odd), toTraceSteps(odd));
    expect(md.split('\n')[0]).toBe('## a \\| b c \\<img\\>');
    const [row] = rowsOf(md);
    expect(row[2]).toBe('Node (n\\|1 · eth0)');
    expect(row[5]).toBe('line one line two \\| \\<b\\>bold\\</b\\>');
  });
});
