/**
 * The NetworkPolicy reachability matrix: for every pair of pods, whether a new connection from
 * one to the other on one port is allowed, the way a pod-to-pod probe would find it: egress at
 * the source AND ingress at the destination (KUBERNETES-NETWORKING.md section 6), ingress from
 * the pod's own node always allowed, nothing enforced on a CNI that ignores policy (section 2),
 * and a pod always reaching itself. Where Cilium enforces its own policies, ciliumReachability
 * decides each pair.
 *
 * Pods that no selector can tell apart behave the same, so the work is done once per group of
 * pods with the same namespace, the same labels as far as any selector reads them, the same
 * named ports and the same ipBlock matches: each rule's peers become a bitset of groups, each
 * group's allowed sources and destinations a union of those, and the result is spread over
 * the pods at the end.
 */
import { enforcesCiliumPolicies } from './cilium/ciliumSpec.ts';
import { ciliumReachability } from './ciliumReachability.ts';
import { indexCluster } from './datapath/context.ts';
import type { ClusterModel, PodModel } from './model.ts';
import { cidrRange, ipv4ToInt, parseCidr, type CidrRange, type Protocol } from './net.ts';
import {
  compiledSelecting,
  namedPort,
  peerMatches,
  portsMatch,
  type CompiledPolicy,
  type CompiledRule,
  type PolicyPeerAddress,
} from './policy.ts';
import {
  everyoneReachesEveryone,
  hasBit,
  rowWords,
  setBit,
  type ReachabilityMatrix,
} from './reachabilityMatrix.ts';
import type { LabelSelector, NetworkPolicyPeer, NetworkPolicyPort } from './spec.ts';

export type { ReachabilityMatrix } from './reachabilityMatrix.ts';

export interface ReachabilityQuery {
  /** The destination pod's port, as policies see it (after any Service DNAT). */
  readonly port: number;
  /** TCP when omitted. */
  readonly protocol?: Protocol;
}

interface Group {
  readonly rep: PodModel;
  readonly members: number[];
  readonly egress: readonly CompiledPolicy[];
  readonly ingress: readonly CompiledPolicy[];
  /** The address a peer sees (pod IP, or the node IP of a hostNetwork pod). */
  readonly asPeer: PolicyPeerAddress;
}

/** Computes who may open a connection to whom on one port, for every pair of pods. */
export function computeReachability(
  model: ClusterModel,
  query: ReachabilityQuery,
): ReachabilityMatrix {
  const protocol = query.protocol ?? 'TCP';
  const port = query.port;
  const pods = model.pods;
  const P = pods.length;
  const keys = pods.map((p) => `${p.namespace}/${p.name}`);
  const index = indexCluster(model);
  if (enforcesCiliumPolicies(index.cni.plugin) && model.ciliumPolicies.length > 0) {
    return { pods: keys, ...ciliumReachability(index, port, protocol) };
  }
  const enforced = index.cni.enforcesPolicy && model.networkPolicies.length > 0;
  if (!enforced) return everyoneReachesEveryone(keys);

  const { groups, groupOf } = groupPods(model, protocol);
  const G = groups.length;
  const W = (G + 31) >>> 5;
  const has = hasBit;
  const add = setBit;

  // Each rule's peers as the set of groups they match (no peers: every group).
  const peerSets = new Map<CompiledRule, Uint32Array>();
  const peerSet = (policy: CompiledPolicy, rule: CompiledRule): Uint32Array => {
    let set = peerSets.get(rule);
    if (!set) {
      set = new Uint32Array(W);
      const peers = rule.peers;
      for (let g = 0; g < G; g++) {
        if (
          !peers ||
          peers.length === 0 ||
          peers.some((p) => peerMatches(model, policy.namespace, p, groups[g].asPeer))
        ) {
          add(set, g);
        }
      }
      peerSets.set(rule, set);
    }
    return set;
  };
  const namedPorts = (ports: readonly NetworkPolicyPort[] | undefined) =>
    (ports ?? []).some((p) => typeof p.port === 'string' && !/^\d+$/.test(p.port));

  // Who may connect in, per destination group (null: not isolated, everyone).
  const ingressFrom: (Uint32Array | null)[] = groups.map((dst) => {
    if (dst.ingress.length === 0) return null;
    const from = new Uint32Array(W);
    for (const policy of dst.ingress) {
      for (const rule of policy.ingressRules) {
        if (!portsMatch(rule.ports, port, protocol, dst.rep)) continue;
        const set = peerSet(policy, rule);
        for (let w = 0; w < W; w++) from[w] |= set[w];
      }
    }
    return from;
  });
  // Where a group may connect to (null: not isolated for egress, anywhere).
  const egressTo: (Uint32Array | null)[] = groups.map((src) => {
    if (src.egress.length === 0) return null;
    const to = new Uint32Array(W);
    for (const policy of src.egress) {
      for (const rule of policy.egressRules) {
        const set = peerSet(policy, rule);
        if (!namedPorts(rule.ports)) {
          if (!portsMatch(rule.ports, port, protocol, undefined)) continue;
          for (let w = 0; w < W; w++) to[w] |= set[w];
          continue;
        }
        // Named ports resolve on each destination.
        for (let d = 0; d < G; d++) {
          if (has(set, d) && portsMatch(rule.ports, port, protocol, groups[d].asPeer.pod)) {
            add(to, d);
          }
        }
      }
    }
    return to;
  });

  // Each source group's row over the pods; its members share it when they reach each other.
  const rows: Uint32Array[] = [];
  const rowOf = new Int32Array(P);
  const byGroup = new Uint8Array(G);
  const PW = rowWords(P);
  for (let s = 0; s < G; s++) {
    const src = groups[s];
    const out = egressTo[s];
    for (let d = 0; d < G; d++) {
      const inn = ingressFrom[d];
      byGroup[d] = (out === null || has(out, d)) && (inn === null || has(inn, s)) ? 1 : 0;
    }
    const row = new Uint32Array(PW);
    // A hostNetwork source is its node's address, always allowed into pods on that node.
    const node = src.rep.hostNetwork ? src.rep.node : null;
    for (let q = 0; q < P; q++) {
      if (byGroup[groupOf[q]] === 1 || (node !== null && pods[q].node === node)) add(row, q);
    }
    if (byGroup[s] === 1 || src.members.length === 1 || node !== null) {
      // Members reach each other (or there is one): one row serves them all.
      for (const m of src.members) add(row, m);
      for (const m of src.members) rowOf[m] = rows.length;
      rows.push(row);
    } else {
      // Each member reaches itself only: a row of its own.
      for (const m of src.members) {
        const own = row.slice();
        add(own, m);
        rowOf[m] = rows.length;
        rows.push(own);
      }
    }
  }
  return { pods: keys, rowOf, rows };
}

/** Groups pods that every policy treats alike. */
function groupPods(
  model: ClusterModel,
  protocol: Protocol,
): { groups: Group[]; groupOf: Int32Array } {
  const labelKeys = new Set<string>();
  const portNames = new Set<string>();
  const blocks: { cidr: CidrRange | null; except: CidrRange[] }[] = [];
  const blockKeys = new Set<string>();
  const readSelector = (sel: LabelSelector | undefined) => {
    for (const k of Object.keys(sel?.matchLabels ?? {})) labelKeys.add(k);
    for (const e of sel?.matchExpressions ?? []) labelKeys.add(e.key);
  };
  const range = (text: string): CidrRange | null => {
    const c = typeof text === 'string' ? parseCidr(text) : undefined;
    return c ? cidrRange(c) : null;
  };
  for (const p of model.networkPolicies) {
    readSelector(p.podSelector);
    for (const rule of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
      const peers: readonly NetworkPolicyPeer[] | undefined =
        'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
      for (const peer of peers ?? []) {
        readSelector(peer.podSelector);
        if (peer.ipBlock) {
          const key = JSON.stringify(peer.ipBlock);
          if (!blockKeys.has(key)) {
            blockKeys.add(key);
            blocks.push({
              cidr: range(peer.ipBlock.cidr),
              except: (peer.ipBlock.except ?? []).map(range).filter((r) => r !== null),
            });
          }
        }
      }
      for (const port of rule.ports ?? []) {
        if (typeof port.port === 'string' && !/^\d+$/.test(port.port)) portNames.add(port.port);
      }
    }
  }
  const sortedKeys = [...labelKeys].sort();
  const names = [...portNames].sort();
  const inRange = (r: CidrRange, n: number) => n >= r.base && n < r.base + r.size;

  const byKey = new Map<string, number>();
  const groups: Group[] = [];
  const groupOf = new Int32Array(model.pods.length);
  model.pods.forEach((pod, i) => {
    let key = `${pod.namespace}\u0000${pod.hostNetwork ? `host:${pod.node}` : ''}`;
    for (const k of sortedKeys) {
      const v = pod.labels[k];
      key += v === undefined ? '\u0001' : `\u0002${v}`;
    }
    key += '\u0000';
    for (const n of names) key += `${namedPort(pod, n, protocol) ?? ''},`;
    key += '\u0000';
    if (blocks.length > 0) {
      const ip = ipv4ToInt(pod.ip);
      for (const b of blocks) {
        key += b.cidr && inRange(b.cidr, ip) && !b.except.some((e) => inRange(e, ip)) ? '1' : '0';
      }
    }
    let g = byKey.get(key);
    if (g === undefined) {
      g = groups.length;
      byKey.set(key, g);
      groups.push({
        rep: pod,
        members: [],
        egress: compiledSelecting(model, pod, 'Egress'),
        ingress: compiledSelecting(model, pod, 'Ingress'),
        asPeer: { ip: pod.ip, pod: pod.hostNetwork ? undefined : pod },
      });
    }
    groups[g].members.push(i);
    groupOf[i] = g;
  });
  return { groups, groupOf };
}
