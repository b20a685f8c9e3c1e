/**
 * Warnings that teach: NetworkPolicy mistakes that look right on paper and fail in a cluster
 * (KUBERNETES-NETWORKING.md sections 2 and 6). Each check is a pure function of the spec, or of
 * the cluster model where it needs the engine's view (system pods, Service endpoints, node IPs).
 */
import { cniProfile } from '../engine/datapath/cni.ts';
import type { ClusterModel, PodModel } from '../engine/model.ts';
import { cidrRange, parseCidr, rangeWithin } from '../engine/net.ts';
import { evaluatePolicy, policiesSelecting, policyNamespace } from '../engine/policy.ts';
import { DNS_NAMESPACE } from '../engine/systemObjects.ts';
import { CNI_PLUGIN_LABELS, type ClusterSpec, type NetworkPolicySpec } from '../engine/spec.ts';

export const PolicyWarningKind = {
  NotEnforced: 'not-enforced',
  EgressBlocksDns: 'egress-blocks-dns',
  NodePortHidesSource: 'nodeport-hides-source',
  IpBlockCoversPods: 'ipblock-covers-pods',
} as const;
export type PolicyWarningKind = (typeof PolicyWarningKind)[keyof typeof PolicyWarningKind];

export interface PolicyRef {
  readonly name: string;
  readonly namespace: string;
}

export interface PolicyWarning {
  readonly kind: PolicyWarningKind;
  /** A stable id for lists (kind plus what it is about). */
  readonly id: string;
  /** A short headline. */
  readonly title: string;
  /** What happens, why, and what to do, in plain words. */
  readonly message: string;
  /** The policies the warning is about. */
  readonly policies: readonly PolicyRef[];
}

const refOf = (p: NetworkPolicySpec): PolicyRef => ({
  name: p.name,
  namespace: policyNamespace(p),
});

const names = (items: readonly string[], max = 4): string =>
  items.length <= max
    ? items.join(', ')
    : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;

/** The CNI accepts the policies but nothing enforces them (Flannel). */
export function lintEnforcement(spec: ClusterSpec): PolicyWarning[] {
  const policies = spec.networkPolicies ?? [];
  if (policies.length === 0 || cniProfile(spec.settings).enforcesPolicy) return [];
  const cni = CNI_PLUGIN_LABELS[spec.settings.cni.plugin];
  const count = policies.length === 1 ? 'this policy' : `these ${policies.length} policies`;
  return [
    {
      kind: 'not-enforced',
      id: 'not-enforced',
      title: `${cni} does not enforce NetworkPolicy`,
      message: `The API server accepts ${count}, but ${cni} has no policy engine: nothing enforces them and every connection is allowed. Choose a CNI that enforces NetworkPolicy (Calico, Cilium, Weave Net or kube-router) in the cluster settings.`,
      policies: policies.map(refOf),
    },
  ];
}

/**
 * Egress isolation with no rule that lets the pod reach CoreDNS on UDP 53: every name lookup
 * fails, even for Services the pod may reach by address.
 */
export function lintEgressDns(model: ClusterModel): PolicyWarning[] {
  const dnsPods = model.pods.filter(
    (p) => p.system && p.namespace === DNS_NAMESPACE && p.labels['k8s-app'] === 'kube-dns',
  );
  if (dnsPods.length === 0) return [];
  const groups = new Map<string, { policies: NetworkPolicySpec[]; pods: PodModel[] }>();
  for (const pod of model.pods) {
    if (pod.hostNetwork || dnsPods.includes(pod)) continue;
    const selecting = policiesSelecting(model, pod, 'Egress');
    if (selecting.length === 0) continue;
    const reachesDns = dnsPods.some(
      (dns) => evaluatePolicy(model, pod, 'Egress', { ip: dns.ip, pod: dns }, 53, 'UDP').allowed,
    );
    if (reachesDns) continue;
    const key = selecting.map((p) => `${policyNamespace(p)}/${p.name}`).join(',');
    const group = groups.get(key) ?? { policies: selecting, pods: [] };
    group.pods.push(pod);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, { policies, pods }]) => {
    const podNames = names(pods.map((p) => p.name));
    const policyNames = names(policies.map((p) => p.name));
    return {
      kind: 'egress-blocks-dns',
      id: `egress-blocks-dns:${key}`,
      title: 'Egress isolation also blocks DNS',
      message: `${policyNames} ${policies.length === 1 ? 'isolates' : 'isolate'} ${podNames} for egress, and no egress rule allows UDP 53 to CoreDNS (k8s-app=kube-dns in ${DNS_NAMESPACE}). Every name lookup from ${pods.length === 1 ? 'this pod' : 'these pods'} fails, even for Services it may reach. Add a rule that allows UDP and TCP 53 to kube-dns (the "Allow DNS" template).`,
      policies: policies.map(refOf),
    };
  });
}

/**
 * A NodePort or LoadBalancer Service with externalTrafficPolicy Cluster in front of pods whose
 * ingress rules name pods: traffic through the node port arrives SNATed to a node's address,
 * which no podSelector or namespaceSelector can match.
 */
export function lintNodePortSource(model: ClusterModel): PolicyWarning[] {
  const out: PolicyWarning[] = [];
  for (const svc of model.services) {
    if (svc.system || svc.externalTrafficPolicy !== 'Cluster') continue;
    const viaNodePort =
      svc.type === 'NodePort' ||
      (svc.type === 'LoadBalancer' &&
        (svc.loadBalancerMode === 'nodeport' || svc.loadBalancerMode === 'proxy'));
    if (!viaNodePort) continue;
    const dropping = new Map<string, NetworkPolicySpec>();
    const pods = new Set<string>();
    let example: string | undefined;
    svc.ports.forEach((port, portIndex) => {
      for (const ep of svc.endpoints[portIndex] ?? []) {
        const pod = ep.pod;
        // The SNAT address is another node's when the connection came in elsewhere; a pod's
        // own node is always allowed in, so one node alone cannot show the problem.
        const otherNode = model.nodes.find((n) => n.name !== pod.node);
        if (!otherNode) continue;
        const naming = policiesSelecting(model, pod, 'Ingress').filter((p) =>
          (p.ingress ?? []).some((r) =>
            (r.from ?? []).some(
              (peer) => !peer.ipBlock && (peer.podSelector || peer.namespaceSelector),
            ),
          ),
        );
        if (naming.length === 0) continue;
        const peer = { ip: otherNode.ip };
        if (evaluatePolicy(model, pod, 'Ingress', peer, ep.port, port.protocol).allowed) continue;
        for (const p of naming) dropping.set(`${policyNamespace(p)}/${p.name}`, p);
        pods.add(pod.name);
        example ??= otherNode.ip;
      }
    });
    if (dropping.size === 0) continue;
    const policies = [...dropping.values()];
    const policyNames = names(policies.map((p) => p.name));
    out.push({
      kind: 'nodeport-hides-source',
      id: `nodeport-hides-source:${svc.namespace}/${svc.name}`,
      title: `Traffic through NodePort ${svc.name} arrives with a node’s IP`,
      message: `Service ${svc.name} is a ${svc.type} with externalTrafficPolicy: Cluster, so a connection through its node port reaches ${names([...pods])} SNATed to a node's address (for example ${example}). The pod and namespace selectors in ${policyNames} cannot match a node address, so ${policies.length === 1 ? 'the policy drops' : 'the policies drop'} it. Allow the node network with an ipBlock (${model.settings.nodeNetwork}), or set externalTrafficPolicy: Local to keep the client's address.`,
      policies: policies.map(refOf),
    });
  }
  return out;
}

/**
 * An ipBlock that covers pod addresses. ipBlock is meant for addresses outside the cluster;
 * whether it matches pod traffic depends on the CNI, and pod addresses change anyway.
 */
export function lintIpBlocks(spec: ClusterSpec): PolicyWarning[] {
  const podCidrs = [spec.settings.clusterCidr, ...spec.nodes.flatMap((n) => n.podCidr ?? [])]
    .map(parseCidr)
    .filter((c) => c !== undefined);
  const out: PolicyWarning[] = [];
  for (const policy of spec.networkPolicies ?? []) {
    const rules = [
      ...(policy.ingress ?? []).map((r, i) => ({ peers: r.from, where: `ingress rule ${i + 1}` })),
      ...(policy.egress ?? []).map((r, i) => ({ peers: r.to, where: `egress rule ${i + 1}` })),
    ];
    for (const { peers, where } of rules) {
      for (const peer of peers ?? []) {
        if (!peer.ipBlock) continue;
        const block = parseCidr(peer.ipBlock.cidr);
        if (!block) continue;
        const range = cidrRange(block);
        const except = (peer.ipBlock.except ?? [])
          .map(parseCidr)
          .filter((c) => c !== undefined)
          .map(cidrRange);
        const covered = podCidrs.find((pc) => {
          const pod = cidrRange(pc);
          const overlaps = range.base < pod.base + pod.size && pod.base < range.base + range.size;
          return overlaps && !except.some((e) => rangeWithin(pod, e));
        });
        if (!covered) continue;
        out.push({
          kind: 'ipblock-covers-pods',
          id: `ipblock-covers-pods:${policyNamespace(policy)}/${policy.name}:${where}:${peer.ipBlock.cidr}`,
          title: 'An ipBlock covers pod addresses',
          message: `ipBlock ${peer.ipBlock.cidr} in ${policy.name} (${where}) overlaps the pod network ${covered}. ipBlock is meant for addresses outside the cluster: whether it matches pods depends on the CNI, and pod IPs change when pods are recreated. Select pods with podSelector or namespaceSelector, or add ${covered} to except.`,
          policies: [refOf(policy)],
        });
      }
    }
  }
  return out;
}

/** Every warning about the cluster's NetworkPolicies, the most fundamental first. */
export function lintPolicies(spec: ClusterSpec, model: ClusterModel): PolicyWarning[] {
  if ((spec.networkPolicies ?? []).length === 0) return [];
  return [
    ...lintEnforcement(spec),
    ...lintEgressDns(model),
    ...lintNodePortSource(model),
    ...lintIpBlocks(spec),
  ];
}
