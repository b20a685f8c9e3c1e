/** Pods: their addresses on their node's pod CIDR, host-side veth names and container ports. */
import { fnv1a, hex } from '../hash.ts';
import type { Diagnostic, NodeModel, PodModel, ResolvedSettings } from '../model.ts';
import { cidrContains, cidrRange, ipv4ToInt, nthAddress, type Ipv4 } from '../net.ts';
import {
  DEFAULT_NAMESPACE,
  type ClusterSettings,
  type ClusterSpec,
  type PodSpec,
} from '../spec.ts';
import { SYSTEM_NAMESPACES } from '../systemObjects.ts';
import type { ObjectRef } from '../trace.ts';
import { givenIpv4 } from './givenAddress.ts';

export function hostVethName(settings: ClusterSettings, namespace: string, name: string): string {
  const h = fnv1a(`${namespace}/${name}`);
  const h2 = fnv1a(`${name}/${namespace}`);
  switch (settings.cni.plugin) {
    case 'calico':
      return `cali${hex(h, 8)}${hex(h2, 3)}`;
    case 'cilium':
      return `lxc${hex(h, 8)}${hex(h2, 4)}`;
    case 'weave':
      return `vethwepl${hex(h, 7)}`;
    case 'flannel':
    case 'kube-router':
      // Both attach pods with the bridge CNI plugin, which names the host end veth + 8 hex.
      return `veth${hex(h, 8)}`;
    default: {
      const never: never = settings.cni.plugin;
      return `veth${String(never)}`;
    }
  }
}

/** Places each pod on its node with its own IP or the next free one of the node's pod CIDR. */
export function buildPods(
  spec: ClusterSpec,
  settings: ResolvedSettings,
  nodes: readonly NodeModel[],
  diagnostics: Diagnostic[],
): PodModel[] {
  const nodeByName = new Map(nodes.map((n) => [n.name, n]));
  const taken = new Map<number, string>();
  for (const n of nodes) taken.set(ipv4ToInt(n.gateway), `${n.name}'s bridge`);

  const refOf = (p: PodSpec): ObjectRef => ({
    kind: 'Pod',
    namespace: p.namespace ?? DEFAULT_NAMESPACE,
    name: p.name,
  });
  const names = new Set<string>();
  const explicitIps = new Map<PodSpec, Ipv4>();
  for (const p of spec.pods) {
    const ref = refOf(p);
    const key = `${ref.namespace}/${ref.name}`;
    if (names.has(key)) {
      diagnostics.push({
        severity: 'error',
        message: `Two pods are named ${key}.`,
        ref,
        field: 'name',
      });
    }
    names.add(key);
    checkContainerPorts(p, ref, diagnostics);
    if (p.hostNetwork || p.ip === undefined) continue;
    const ip = givenIpv4(p.ip, 'Pod IP', ref, 'ip', diagnostics);
    if (!ip) continue;
    const owner = taken.get(ipv4ToInt(ip));
    if (owner) {
      diagnostics.push({
        severity: 'error',
        message: `Pod IP ${ip} is already used by ${owner}.`,
        ref,
        field: 'ip',
      });
      continue;
    }
    const node = nodeByName.get(p.nodeName);
    if (node && !cidrContains(node.podCidr, ip)) {
      diagnostics.push({
        severity: 'warning',
        message: `Pod IP ${ip} is outside ${node.name}'s pod CIDR ${node.podCidr}.`,
        ref,
        field: 'ip',
      });
    }
    taken.set(ipv4ToInt(ip), `pod ${key}`);
    explicitIps.set(p, ip);
  }

  const nextIndex = new Map<string, number>();
  const pods: PodModel[] = [];
  for (const p of spec.pods) {
    const ref = refOf(p);
    const node = nodeByName.get(p.nodeName);
    if (!node) {
      diagnostics.push({
        severity: 'error',
        message: `Pod ${ref.namespace}/${p.name} is on node "${p.nodeName}", which does not exist; it stays Pending.`,
        ref,
        field: 'nodeName',
      });
      continue;
    }
    let ip: Ipv4 | undefined = p.hostNetwork ? node.ip : explicitIps.get(p);
    if (!ip) {
      const { size } = cidrRange(node.podCidr);
      let i = nextIndex.get(node.name) ?? 2;
      while (i < size - 1 && taken.has(ipv4ToInt(nthAddress(node.podCidr, i)))) i++;
      if (i >= size - 1) {
        diagnostics.push({
          severity: 'error',
          message: `Node ${node.name}'s pod CIDR ${node.podCidr} has no address left for ${ref.namespace}/${p.name}.`,
          ref,
        });
        continue;
      }
      ip = nthAddress(node.podCidr, i);
      taken.set(ipv4ToInt(ip), `pod ${ref.namespace}/${p.name}`);
      nextIndex.set(node.name, i + 1);
    }
    pods.push({
      ref,
      name: p.name,
      namespace: ref.namespace as string,
      labels: p.labels ?? {},
      node: node.name,
      ip,
      ready: p.ready ?? true,
      containers: p.containers,
      hostname: p.hostname,
      subdomain: p.subdomain,
      hostNetwork: p.hostNetwork ?? false,
      dnsPolicy: p.dnsPolicy ?? 'ClusterFirst',
      ...(p.dnsConfig ? { dnsConfig: p.dnsConfig } : {}),
      enableServiceLinks: p.enableServiceLinks ?? true,
      ...(p.creationTimestamp ? { creationTimestamp: p.creationTimestamp } : {}),
      hostVeth: p.hostNetwork ? 'eth0' : hostVethName(settings, ref.namespace as string, p.name),
      system: isSystemPod(p),
      ownerRef: p.ownerRef,
    });
  }
  return pods;
}

function isSystemPod(p: PodSpec): boolean {
  return SYSTEM_NAMESPACES.includes(p.namespace ?? DEFAULT_NAMESPACE);
}

function checkContainerPorts(p: PodSpec, ref: ObjectRef, diagnostics: Diagnostic[]): void {
  const ports = new Map<string, string>();
  const names = new Set<string>();
  p.containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      const key = `${port.protocol ?? 'TCP'}/${port.containerPort}`;
      const field = `containers[${ci}].ports[${pi}]`;
      const owner = ports.get(key);
      if (owner !== undefined) {
        diagnostics.push({
          severity: 'error',
          message: `Containers ${owner} and ${c.name} both bind ${key}; containers of a pod share one network namespace and its ports.`,
          ref,
          field,
        });
      }
      ports.set(key, c.name);
      if (port.name) {
        if (names.has(port.name)) {
          diagnostics.push({
            severity: 'error',
            message: `Port name ${port.name} is used twice in the pod.`,
            ref,
            field,
          });
        }
        names.add(port.name);
      }
    });
  });
}
