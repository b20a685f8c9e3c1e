/**
 * The reachability matrix where Cilium enforces its own policies: each pair is decided the way
 * a probe between the two pods decides it (flows/ciliumCheck.ts ciliumRuling): egress at the
 * source and ingress at the destination, each by Cilium's policies joined with NetworkPolicy,
 * or by NetworkPolicy alone where no Cilium policy puts the pod in default deny. A pair whose
 * connection is allowed only through an HTTP rule is marked: Cilium's Envoy then reads each
 * request on it and answers 403 to one no rule allows.
 */
import { ciliumRuling } from './flows/ciliumCheck.ts';
import type { ClusterIndex } from './datapath/context.ts';
import type { PodModel } from './model.ts';
import type { Protocol } from './net.ts';
import { evaluatePolicy, type PolicyDirection } from './policy.ts';
import { rowWords, setBit } from './reachabilityMatrix.ts';

export interface CiliumReachability {
  /** As in ReachabilityMatrix: each pod's row of the pods it may connect to. */
  readonly rowOf: Int32Array;
  readonly rows: readonly Uint32Array[];
  /** l7[from][to]: allowed as a connection, each HTTP request checked by Cilium's Envoy. */
  readonly l7: Record<string, Record<string, true>>;
}

/** Decides every pair of pods on one port with Cilium's policies and NetworkPolicy. */
export function ciliumReachability(
  index: ClusterIndex,
  port: number,
  protocol: Protocol,
): CiliumReachability {
  const pods = index.model.pods;
  const keys = pods.map((p) => `${p.namespace}/${p.name}`);
  const side = (pod: PodModel, direction: PolicyDirection, peer: PodModel) => {
    const ruling = ciliumRuling(index, pod, direction, peer.ip, port, protocol);
    if (ruling.kind === 'allowed') return { allowed: true, l7: ruling.http !== undefined };
    if (ruling.kind === 'denied') return { allowed: false, l7: false };
    if (!index.cni.enforcesPolicy) return { allowed: true, l7: false };
    const k8s = evaluatePolicy(
      index.model,
      pod,
      direction,
      { ip: peer.ip, pod: peer.hostNetwork ? undefined : peer },
      port,
      protocol,
    );
    return { allowed: k8s.allowed, l7: false };
  };
  const l7: Record<string, Record<string, true>> = {};
  const rows = pods.map((src, s) => {
    const row = new Uint32Array(rowWords(pods.length));
    pods.forEach((dst, d) => {
      if (s === d) {
        setBit(row, d);
        return;
      }
      const out = side(src, 'Egress', dst);
      const inn = out.allowed ? side(dst, 'Ingress', src) : { allowed: false, l7: false };
      if (!out.allowed || !inn.allowed) return;
      setBit(row, d);
      if (out.l7 || inn.l7) (l7[keys[s]] ??= {})[keys[d]] = true;
    });
    return row;
  });
  return { rowOf: Int32Array.from(pods, (_, i) => i), rows, l7 };
}
