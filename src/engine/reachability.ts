/**
 * The NetworkPolicy reachability matrix: for every pair of pods, whether a new connection from
 * one to the other on one port is allowed, the way a pod-to-pod probe would find it: egress at
 * the source AND ingress at the destination (KUBERNETES-NETWORKING.md section 6), nothing
 * enforced on a CNI that ignores policy (section 2), a pod always reaching itself.
 *
 * Pods that no selector can tell apart behave the same, so the work is done once per group of
 * pods with the same namespace, the same labels as far as any selector reads them, the same
 * named ports and the same ipBlock matches; then spread over the pods.
 */
import { indexCluster } from './datapath/context.ts';
import type { ClusterModel, PodModel } from './model.ts';
import type { Protocol } from './net.ts';
import {
  compiledSelecting,
  firstAllowingRule,
  ipBlockMatches,
  namedPort,
  type CompiledPolicy,
  type PolicyPeerAddress,
} from './policy.ts';
import type { LabelSelector, NetworkPolicyPeer } from './spec.ts';

export interface ReachabilityQuery {
  readonly port: number;
  /** TCP when omitted. */
  readonly protocol?: Protocol;
}

export interface ReachabilityMatrix {
  /** Every pod of the model, as "namespace/name", in model order. */
  readonly pods: string[];
  /**
   * allowed[from][to]. Pods that reach exactly the same set share one row object: read it,
   * do not change it.
   */
  readonly allowed: Record<string, Record<string, boolean>>;
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
  const pods = model.pods;
  const keys = pods.map((p) => `${p.namespace}/${p.name}`);
  const enforced = indexCluster(model).cni.enforcesPolicy && model.networkPolicies.length > 0;
  if (!enforced) {
    const everyone: Record<string, boolean> = {};
    for (const k of keys) everyone[k] = true;
    const allowed: Record<string, Record<string, boolean>> = {};
    for (const k of keys) allowed[k] = everyone;
    return { pods: keys, allowed };
  }

  const { groups, groupOf } = groupPods(model, protocol);
  const G = groups.length;
  // verdict[s * G + d]: may a pod of group s open a connection to a pod of group d?
  const verdict = new Uint8Array(G * G);
  for (let s = 0; s < G; s++) {
    const src = groups[s];
    for (let d = 0; d < G; d++) {
      const dst = groups[d];
      const egressOk =
        src.egress.length === 0 ||
        firstAllowingRule(
          model,
          src.egress,
          'Egress',
          src.rep,
          dst.asPeer,
          query.port,
          protocol,
        ) !== undefined;
      const ingressOk =
        egressOk &&
        (dst.ingress.length === 0 ||
          firstAllowingRule(
            model,
            dst.ingress,
            'Ingress',
            dst.rep,
            src.asPeer,
            query.port,
            protocol,
          ) !== undefined);
      verdict[s * G + d] = ingressOk ? 1 : 0;
    }
  }

  const allowed: Record<string, Record<string, boolean>> = {};
  const P = pods.length;
  for (let s = 0; s < G; s++) {
    const src = groups[s];
    const base = s * G;
    // A hostNetwork source is its node's address, always allowed into pods on that node.
    const ownNode = src.rep.hostNetwork ? src.rep.node : undefined;
    const fill = (row: Record<string, boolean>) => {
      for (let q = 0; q < P; q++) {
        row[keys[q]] =
          verdict[base + groupOf[q]] === 1 || (ownNode !== undefined && pods[q].node === ownNode);
      }
      return row;
    };
    if (verdict[base + s] === 1 || src.members.length === 1) {
      const row = fill({});
      for (const m of src.members) row[keys[m]] = true;
      for (const m of src.members) allowed[keys[m]] = row;
    } else {
      for (const m of src.members) {
        const row = fill({});
        row[keys[m]] = true;
        allowed[keys[m]] = row;
      }
    }
  }
  return { pods: keys, allowed };
}

/** Groups pods that every policy treats alike. */
function groupPods(
  model: ClusterModel,
  protocol: Protocol,
): { groups: Group[]; groupOf: Int32Array } {
  const labelKeys = new Set<string>();
  const portNames = new Set<string>();
  const blocks: NonNullable<NetworkPolicyPeer['ipBlock']>[] = [];
  const blockKeys = new Set<string>();
  const readSelector = (sel: LabelSelector | undefined) => {
    for (const k of Object.keys(sel?.matchLabels ?? {})) labelKeys.add(k);
    for (const e of sel?.matchExpressions ?? []) labelKeys.add(e.key);
  };
  for (const p of model.networkPolicies) {
    readSelector(p.podSelector);
    for (const rule of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
      const peers = 'from' in rule ? rule.from : 'to' in rule ? rule.to : undefined;
      for (const peer of peers ?? []) {
        readSelector(peer.podSelector);
        if (peer.ipBlock) {
          const key = JSON.stringify(peer.ipBlock);
          if (!blockKeys.has(key)) {
            blockKeys.add(key);
            blocks.push(peer.ipBlock);
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
    for (const b of blocks) key += ipBlockMatches(model, b, pod.ip) ? '1' : '0';
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
