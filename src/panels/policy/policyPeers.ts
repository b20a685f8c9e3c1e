/** What a NetworkPolicy peer picks, as the policy forms offer it. */
import type { NetworkPolicyPeer } from '../../engine/spec.ts';

export type PeerKind = 'pods' | 'namespaces' | 'podsInNamespaces' | 'ipBlock';

export const peerKindOf = (p: NetworkPolicyPeer): PeerKind =>
  p.ipBlock
    ? 'ipBlock'
    : p.namespaceSelector
      ? p.podSelector
        ? 'podsInNamespaces'
        : 'namespaces'
      : 'pods';
