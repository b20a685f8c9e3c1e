/**
 * The nodes of an import: those the input lists, those its pods name (made with the address and
 * pod CIDR the pods' status shows), or, when there are neither, two made-up nodes.
 */
import { cidrContains, parseCidr, parseIpv4, type Ipv4 } from '../../engine/net.ts';
import { LIMITS } from '../schema.ts';
import { isDnsSubdomain } from './fields.ts';
import type { IssueLog } from './issues.ts';
import type { NodeDraft } from './readNamespaceAndNode.ts';
import type { PodDraft, PodTemplateDraft } from './readPod.ts';
import type { ObjectId } from './types.ts';

/** Collects the nodes; `placed` lists the pod templates in input order, with the Pod if it is one. */
export function collectNodes(
  nodeDrafts: readonly NodeDraft[],
  placed: readonly { readonly template: PodTemplateDraft; readonly draft: PodDraft | undefined }[],
  log: IssueLog,
): { nodes: NodeDraft[]; created: (ObjectId & { from: string })[] } {
  const created: (ObjectId & { from: string })[] = [];
  const nodes: NodeDraft[] = [];
  const seenNodes = new Set<string>();
  for (const n of nodeDrafts) {
    if (seenNodes.has(n.name)) continue;
    seenNodes.add(n.name);
    nodes.push(n);
  }
  // Nodes the pods name, in order, with their pods: one pass (a Map), so 20,000 pods that each
  // name their own node cost linear time; the node limit is checked before any is made up.
  const podsByNode = new Map<string, PodDraft[]>();
  for (const x of placed) {
    const nodeName = x.template.nodeName;
    if (!nodeName || seenNodes.has(nodeName)) continue;
    const list = podsByNode.get(nodeName) ?? [];
    if (x.draft) list.push(x.draft);
    podsByNode.set(nodeName, list);
  }
  const named = [...podsByNode.keys()];
  const room = Math.max(0, LIMITS.nodes - nodes.length);
  if (named.length > room) {
    log.error(
      `The pods name ${named.length} nodes the input does not list${nodes.length > 0 ? ` besides the ${nodes.length} it lists` : ''}; PodPath simulates at most ${LIMITS.nodes} nodes. Import fewer pods, or pods on fewer nodes.`,
    );
    named.length = room;
  }
  for (const name of named) {
    if (!isDnsSubdomain(name)) {
      log.error(`A pod names the node "${name}", which is not a valid node name.`);
      continue;
    }
    const pods = podsByNode.get(name) ?? [];
    const hostIps = [...new Set(pods.flatMap((p) => (p.hostIp ? [p.hostIp] : [])))];
    const podIps = pods
      .flatMap((p) => (p.ip ? [parseIpv4(p.ip)] : []))
      .filter((ip): ip is Ipv4 => !!ip);
    const cidr = podIps.length > 0 ? parseCidr(`${podIps[0]}/24`) : undefined;
    nodes.push({
      name,
      ...(hostIps.length === 1 ? { ip: hostIps[0] } : {}),
      ...(cidr && podIps.every((ip) => cidrContains(cidr, ip)) ? { podCidr: cidr } : {}),
      labels: { 'kubernetes.io/hostname': name },
      taints: [],
      unschedulable: false,
    });
    seenNodes.add(name);
    created.push({ kind: 'Node', name, from: 'named by pods' });
  }
  if (nodes.length === 0) {
    for (const name of ['node-1', 'node-2']) {
      nodes.push({
        name,
        labels: { 'kubernetes.io/hostname': name },
        taints: [],
        unschedulable: false,
      });
      created.push({ kind: 'Node', name, from: 'no nodes in the input' });
    }
    log.note(
      'Nodes',
      'the input has no Node objects and no pod names a node, so PodPath made node-1 and node-2 and spread the pods over them.',
    );
  } else if (named.length > 0 && nodeDrafts.length === 0) {
    log.note(
      'Nodes',
      `the input has no Node objects; PodPath made the nodes its pods name (${named.join(', ')}).`,
    );
  } else if (named.length > 0) {
    log.warn(
      'Nodes',
      `pods name nodes the input does not list (${named.join(', ')}); PodPath made them.`,
    );
  }
  if (nodes.length > LIMITS.nodes) {
    log.error(
      `The input has ${nodes.length} nodes; PodPath simulates at most ${LIMITS.nodes}. Import fewer nodes.`,
    );
    nodes.length = LIMITS.nodes;
  }
  return { nodes, created };
}
