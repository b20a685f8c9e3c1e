/** Reader for networking.k8s.io/v1 NetworkPolicy. */
import { parseCidr } from '../../engine/net.ts';
import type { NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from '../../engine/spec.ts';
import type { Fields } from './fields.ts';
import {
  checkObjectKeys,
  optional,
  readLabelSelector,
  readMeta,
  readProtocol,
} from './readCommonFields.ts';

function readPeer(
  p: { value: Record<string, unknown>; path: string },
  f: Fields,
): NetworkPolicyPeer | undefined {
  f.checkKeys(p.value, p.path, { podSelector: 'read', namespaceSelector: 'read', ipBlock: 'read' });
  const podSelector = readLabelSelector(p.value, 'podSelector', p.path, f);
  const namespaceSelector = readLabelSelector(p.value, 'namespaceSelector', p.path, f);
  const block = f.rec(p.value, 'ipBlock', p.path);
  let ipBlock: NetworkPolicyPeer['ipBlock'];
  if (block) {
    const at = `${p.path}.ipBlock`;
    f.checkKeys(block, at, { cidr: 'read', except: 'read' });
    const cidr = f.str(block, 'cidr', at);
    if (!cidr) {
      f.reject(`${at}.cidr`, 'is missing.');
      return undefined;
    }
    if (!parseCidr(cidr)) {
      if (cidr.includes(':'))
        f.warn(
          `${at}.cidr`,
          `${cidr} is IPv6; PodPath simulates IPv4 only, so this peer never matches.`,
        );
      else {
        f.reject(`${at}.cidr`, `"${cidr}" is not a CIDR.`);
        return undefined;
      }
    }
    const except = f.strings(block, 'except', at);
    ipBlock = { cidr, ...optional('except', except) };
    if (podSelector || namespaceSelector) {
      f.reject(
        p.path,
        'ipBlock cannot be combined with podSelector or namespaceSelector in one peer.',
      );
      return undefined;
    }
  }
  if (!podSelector && !namespaceSelector && !ipBlock) {
    f.reject(p.path, 'a peer needs podSelector, namespaceSelector or ipBlock.');
    return undefined;
  }
  return {
    ...optional('podSelector', podSelector),
    ...optional('namespaceSelector', namespaceSelector),
    ...optional('ipBlock', ipBlock),
  };
}

function readPolicyPorts(
  rule: Record<string, unknown>,
  path: string,
  f: Fields,
): NetworkPolicyPort[] | undefined {
  if (rule.ports === undefined) return undefined;
  return f.records(rule, 'ports', path).flatMap((p) => {
    f.checkKeys(p.value, p.path, { protocol: 'read', port: 'read', endPort: 'read' });
    const protocol = readProtocol(p.value, p.path, f);
    if (protocol === null) return [];
    const port = f.portOrName(p.value, 'port', p.path);
    const endPort = f.port(p.value, 'endPort', p.path);
    if (endPort !== undefined && typeof port !== 'number') {
      f.reject(`${p.path}.endPort`, 'needs port to be a number.');
      return [];
    }
    if (endPort !== undefined && typeof port === 'number' && endPort < port) {
      f.reject(`${p.path}.endPort`, `${endPort} is below port ${port}.`);
      return [];
    }
    return [
      {
        ...optional('protocol', protocol),
        ...optional('port', port),
        ...optional('endPort', endPort),
      },
    ];
  });
}

/** The ingress (peers under `from`) or egress (under `to`) rules; undefined when absent. */
function readRules<P extends 'from' | 'to'>(
  spec: Record<string, unknown>,
  key: 'ingress' | 'egress',
  peers: P,
  f: Fields,
): ({ [K in P]?: NetworkPolicyPeer[] } & { ports?: NetworkPolicyPort[] })[] | undefined {
  if (spec[key] === undefined) return undefined;
  return f.records(spec, key, 'spec').map((r) => {
    f.checkKeys(r.value, r.path, { [peers]: 'read', ports: 'read' });
    const list =
      r.value[peers] === undefined
        ? undefined
        : f.records(r.value, peers, r.path).flatMap((p) => readPeer(p, f) ?? []);
    return {
      ...optional(peers, list),
      ...optional('ports', readPolicyPorts(r.value, r.path, f)),
    } as { [K in P]?: NetworkPolicyPeer[] } & { ports?: NetworkPolicyPort[] };
  });
}

export function readNetworkPolicy(
  obj: Record<string, unknown>,
  f: Fields,
): NetworkPolicySpec | undefined {
  checkObjectKeys(obj, f, { spec: 'read', status: 'ignore' });
  const meta = readMeta(obj, f, { namespaced: true });
  if (!meta) return undefined;
  const droppedBefore = f.dropped;
  const spec = f.rec(obj, 'spec', '');
  if (!spec) {
    f.reject('spec', 'is missing.');
    return undefined;
  }
  f.checkKeys(spec, 'spec', {
    podSelector: 'read',
    policyTypes: 'read',
    ingress: 'read',
    egress: 'read',
  });
  const podSelector = readLabelSelector(spec, 'podSelector', 'spec', f) ?? {};
  const policyTypesRaw = f.strings(spec, 'policyTypes', 'spec');
  const policyTypes = policyTypesRaw?.filter((t): t is 'Ingress' | 'Egress' => {
    if (t === 'Ingress' || t === 'Egress') return true;
    f.reject('spec.policyTypes', `"${t}" is not Ingress or Egress.`);
    return false;
  });
  const ingress = readRules(spec, 'ingress', 'from', f);
  const egress = readRules(spec, 'egress', 'to', f);
  // A peer or port left out of a rule would widen what it allows, so a policy with any part that
  // could not be read is skipped whole, as the API server (with strict field validation) would.
  if (f.dropped > droppedBefore && !f.invalid) {
    f.reject(
      'spec',
      'has fields PodPath could not read (see the warnings); reading the rest would allow more than the policy means, so the policy is skipped.',
    );
  }
  if (f.invalid) return undefined;
  return {
    name: meta.name,
    ...optional('namespace', meta.namespace),
    podSelector,
    ...optional('policyTypes', policyTypes),
    ...optional('ingress', ingress),
    ...optional('egress', egress),
  };
}
