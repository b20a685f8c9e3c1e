/** Nodes: their addresses and pod CIDRs, given or allocated out of the cluster CIDR. */
import type { Diagnostic, NodeModel, ResolvedSettings } from '../model.ts';
import {
  cidrContains,
  cidrRange,
  cidrsOverlap,
  ipv4ToInt,
  nthAddress,
  parseCidr,
  parseIpv4,
  subnetOf,
  widenCidr,
  type Cidr,
  type Ipv4,
} from '../net.ts';
import type { ClusterSpec } from '../spec.ts';
import type { ObjectRef } from '../trace.ts';
import { givenIpv4 } from './givenAddress.ts';
import { RANGE_LIMITS } from './settings.ts';

/** Why a node's own pod CIDR cannot be used, or undefined when it can. */
function podCidrProblem(c: Cidr): string | undefined {
  const { prefix } = cidrRange(c);
  const { narrowest, widest } = RANGE_LIMITS.podCidr;
  if (prefix > narrowest)
    return `Pod CIDR ${c} is too small: a node's pod range holds the gateway at .1 and its pods, so it must be /${narrowest} or wider; another range is allocated.`;
  if (prefix < widest)
    return `Pod CIDR ${c} is too large for one node's pods (at most /${widest}); another range is allocated.`;
  return undefined;
}

/** A node's own pod CIDR when it parses and fits a node, else undefined. */
export function usablePodCidr(text: unknown): Cidr | undefined {
  const c = typeof text === 'string' ? parseCidr(text) : undefined;
  return c && !podCidrProblem(c) ? c : undefined;
}

/**
 * The first subnet of the given size at or after `from` that overlaps none of `used`. Each step
 * jumps past the range in the way, so the search takes at most used.length + 1 steps whatever
 * the size of the parent range.
 */
function firstFreeSubnet(
  parent: Cidr,
  mask: number,
  from: number,
  used: readonly Cidr[],
): { cidr: Cidr; index: number } | undefined {
  const { base } = cidrRange(parent);
  const step = 2 ** (32 - mask);
  let index = from;
  for (;;) {
    const candidate = subnetOf(parent, mask, index);
    if (!candidate) return undefined;
    const blocker = used.find((c) => cidrsOverlap(c, candidate));
    if (!blocker) return { cidr: candidate, index };
    const b = cidrRange(blocker);
    index = Math.max(index + 1, Math.floor((b.base + b.size - base) / step));
  }
}

/** Gives each node an IP on its subnet and a pod CIDR: its own, its pods' block, or a free one. */
export function buildNodes(
  spec: ClusterSpec,
  settings: ResolvedSettings,
  diagnostics: Diagnostic[],
): NodeModel[] {
  const usedIps = new Set<number>();
  const usedCidrs: Cidr[] = [];
  const explicit = spec.nodes.map((n) => {
    const ref: ObjectRef = { kind: 'Node', name: n.name };
    const ip = n.ip === undefined ? undefined : givenIpv4(n.ip, 'Node IP', ref, 'ip', diagnostics);
    if (ip) {
      if (usedIps.has(ipv4ToInt(ip))) {
        diagnostics.push({
          severity: 'error',
          message: `Node IP ${ip} is used twice.`,
          ref,
          field: 'ip',
        });
      }
      usedIps.add(ipv4ToInt(ip));
    }
    const given = n.podCidr === undefined ? undefined : parseCidr(n.podCidr);
    if (n.podCidr !== undefined && !given) {
      diagnostics.push({
        severity: 'error',
        message: `Pod CIDR "${n.podCidr}" is not valid.`,
        ref,
        field: 'podCidr',
      });
    }
    const problem = given && podCidrProblem(given);
    if (problem) diagnostics.push({ severity: 'error', message: problem, ref, field: 'podCidr' });
    const podCidr = problem ? undefined : given;
    if (podCidr) {
      if (usedCidrs.some((c) => cidrsOverlap(c, podCidr))) {
        diagnostics.push({
          severity: 'error',
          message: `Pod CIDR ${podCidr} overlaps another node's.`,
          ref,
          field: 'podCidr',
        });
      }
      usedCidrs.push(podCidr);
    }
    const subnet = n.subnet === undefined ? undefined : parseCidr(n.subnet);
    if (n.subnet !== undefined && !subnet) {
      diagnostics.push({
        severity: 'error',
        message: `Subnet "${n.subnet}" is not a CIDR; the node is taken to be on the node network.`,
        ref,
        field: 'subnet',
      });
    }
    if (ip && subnet && !cidrContains(subnet, ip)) {
      diagnostics.push({
        severity: 'error',
        message: `Node IP ${ip} is not in the node's subnet ${subnet}.`,
        ref,
        field: 'subnet',
      });
    }
    return { ip, podCidr, subnet };
  });

  const mask = settings.nodeCidrMaskSize ?? 24;
  // A node without a pod CIDR whose pods have addresses (a dump of a real cluster) gets the
  // block those addresses come from, when it is free.
  const explicitPodIps = new Map<string, Ipv4[]>();
  for (const p of spec.pods) {
    const ip = !p.hostNetwork && typeof p.ip === 'string' ? parseIpv4(p.ip) : undefined;
    if (!ip || !cidrContains(settings.clusterCidrParsed, ip)) continue;
    const list = explicitPodIps.get(p.nodeName) ?? [];
    list.push(ip);
    explicitPodIps.set(p.nodeName, list);
  }
  const blockOfExplicitPods = (node: string): Cidr | undefined => {
    for (const ip of explicitPodIps.get(node) ?? []) {
      const block = widenCidr(`${ip}/32` as Cidr, mask);
      if (!usedCidrs.some((c) => cidrsOverlap(c, block))) return block;
    }
    return undefined;
  };
  const derived = spec.nodes.map((n, i) => {
    if (explicit[i].podCidr) return undefined;
    const block = blockOfExplicitPods(n.name);
    if (block) usedCidrs.push(block);
    return block;
  });

  const seen = new Set<string>();
  // .1 of each subnet is its router; hosts are numbered from .2, per subnet.
  const nextHostIn = new Map<string, number>();
  let nextSubnet = 1; // node i gets 10.244.i.0/24 (kubeadm + flannel style)
  return spec.nodes.map((n, index) => {
    const ref: ObjectRef = { kind: 'Node', name: n.name };
    if (seen.has(n.name)) {
      diagnostics.push({
        severity: 'error',
        message: `Two nodes are named ${n.name}.`,
        ref,
        field: 'name',
      });
    }
    seen.add(n.name);
    const subnet = explicit[index].subnet ?? settings.nodeNetworkParsed;
    let ip = explicit[index].ip;
    if (!ip) {
      const { size } = cidrRange(subnet);
      let nextHost = nextHostIn.get(subnet) ?? 2;
      while (nextHost < size - 1 && usedIps.has(ipv4ToInt(nthAddress(subnet, nextHost)))) {
        nextHost++;
      }
      ip = nthAddress(subnet, Math.min(nextHost, size - 1));
      usedIps.add(ipv4ToInt(ip));
      nextHostIn.set(subnet, nextHost + 1);
    }
    let podCidr = explicit[index].podCidr ?? derived[index];
    if (!podCidr) {
      const free = firstFreeSubnet(settings.clusterCidrParsed, mask, nextSubnet, usedCidrs);
      let candidate = free?.cidr;
      if (free) nextSubnet = free.index;
      if (!candidate) {
        diagnostics.push({
          severity: 'error',
          message: `The cluster CIDR ${settings.clusterCidrParsed} has no /${mask} left for node ${n.name}.`,
          ref,
        });
        candidate = subnetOf(
          settings.clusterCidrParsed,
          Math.max(mask, cidrRange(settings.clusterCidrParsed).prefix),
          0,
        ) as Cidr;
      }
      podCidr = candidate;
      usedCidrs.push(podCidr);
      nextSubnet++;
    }
    return {
      ref,
      name: n.name,
      index,
      ip,
      subnet,
      podCidr,
      gateway: nthAddress(podCidr, 1),
      labels: { 'kubernetes.io/hostname': n.name, ...(n.labels ?? {}) },
    };
  });
}
