/**
 * NetworkPolicy at a hop: the CNI's policy engine checks a packet leaving (egress) or entering
 * (ingress) a pod, and the trace says which policy and rule decided, or that the CNI ignores
 * policy altogether.
 */
import type { TraceContext } from '../datapath/context.ts';
import type { Journey } from '../datapath/journey.ts';
import { nodeLocation, nodeOfPod } from '../datapath/paths.ts';
import type { PodModel } from '../model.ts';
import type { Ipv4 } from '../net.ts';
import { evaluatePolicy, policyNamespace, type PolicyDirection } from '../policy.ts';
import type { Location } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { checkCiliumPolicy } from './ciliumCheck.ts';

function policyLocation(ctx: TraceContext, pod: PodModel): Location {
  const node = nodeOfPod(ctx, pod);
  return nodeLocation(node, ctx.cni.plugin === 'cilium' ? Place.Ebpf : Place.Veth, pod.hostVeth);
}

/** Checks NetworkPolicy for one direction at one pod; returns false when the packet is dropped. */
export function checkPolicy(
  ctx: TraceContext,
  j: Journey,
  pod: PodModel,
  direction: PolicyDirection,
  peerIp: Ipv4,
): boolean {
  const cilium = checkCiliumPolicy(ctx, j, pod, direction, peerIp);
  if (cilium !== undefined) return cilium;
  const peerPod = ctx.podByIp.get(peerIp);
  const port = j.packet.dst.port;
  const verdict = evaluatePolicy(
    ctx.model,
    pod,
    direction,
    { ip: peerIp, pod: peerPod },
    port,
    j.packet.protocol,
  );
  if (!verdict.isolated) return true;
  const at = { ...policyLocation(ctx, pod), at: pod.ref };
  const names = verdict.selecting.map((p) => p.name).join(', ');
  const where =
    direction === 'Egress'
      ? `leaving ${pod.name} (egress, on ${pod.node})`
      : `entering ${pod.name} (ingress, on ${pod.node})`;
  if (!ctx.cni.enforcesPolicy) {
    j.step(
      at,
      Verdict.Forwarded,
      `NetworkPolicy ${names} selects ${pod.name}, but ${ctx.cni.title} does not enforce NetworkPolicy: the policy is silently ignored and the packet passes.`,
      {
        decisions: verdict.selecting.map((p) => ({
          kind: 'network-policy' as const,
          summary: `${p.name} selects ${pod.name} but is not enforced by ${ctx.cni.title}`,
          ref: { kind: 'NetworkPolicy' as const, namespace: policyNamespace(p), name: p.name },
          policy: { name: p.name, namespace: policyNamespace(p) },
        })),
      },
    );
    return true;
  }
  const peerText = peerPod ? `${peerPod.namespace}/${peerPod.name} (${peerIp})` : peerIp;
  if (verdict.allowed && verdict.match) {
    const m = verdict.match;
    j.step(
      at,
      Verdict.Allowed,
      `${ctx.cni.policyEngine} checks the packet ${where}: ${direction.toLowerCase()} rule ${m.ruleIndex + 1} of NetworkPolicy ${m.policy.name} allows ${peerText} on ${j.packet.protocol}/${j.packet.dst.port}.`,
      {
        decisions: [
          {
            kind: 'network-policy',
            summary: `${m.policy.name}: ${direction.toLowerCase()} rule ${m.ruleIndex + 1} allows it`,
            ref: { kind: 'NetworkPolicy', namespace: m.namespace, name: m.policy.name },
            policy: { name: m.policy.name, namespace: m.namespace, ruleIndex: m.ruleIndex },
            rules: verdict.reasons,
          },
        ],
      },
    );
    return true;
  }
  if (verdict.allowed) {
    j.step(
      at,
      Verdict.Allowed,
      `${ctx.cni.policyEngine} checks the packet ${where}: it comes from ${peerIp}, an address of ${pod.node} itself, and traffic from a pod's own node is always allowed in (kubelet probes, for one).`,
      {
        decisions: [
          {
            kind: 'network-policy',
            summary: `from the pod's own node: always allowed`,
            rules: verdict.reasons,
          },
        ],
      },
    );
    return true;
  }
  const snatHint =
    !peerPod && ctx.nodeByIp.has(peerIp)
      ? ` The source is the node address ${peerIp} (after SNAT), which no podSelector can match.`
      : '';
  j.drop(
    at,
    DropReason.PolicyDenied,
    `${ctx.cni.policyEngine} drops the packet ${where}: ${names} ${verdict.selecting.length > 1 ? 'select' : 'selects'} ${pod.name} for ${direction.toLowerCase()} and no rule allows ${peerText} on ${j.packet.protocol}/${j.packet.dst.port}.${snatHint}`,
    verdict.selecting.map((p) => ({
      kind: 'network-policy' as const,
      summary: `${p.name} selects ${pod.name} for ${direction.toLowerCase()}; no rule allows it`,
      ref: { kind: 'NetworkPolicy' as const, namespace: policyNamespace(p), name: p.name },
      policy: { name: p.name, namespace: policyNamespace(p) },
      rules: verdict.reasons,
    })),
  );
  return false;
}
