import type { Highlight } from './flowTypes.ts';
import type { Kind } from '../ui/kinds.tsx';

/** Ring drawn around the element the selected hop happens at, in the packet's colour. */
export function highlightRing(highlight: Highlight): string {
  switch (highlight) {
    case 'request':
      return 'ring-4 ring-sky-400/80 ring-offset-2';
    case 'reply':
      return 'ring-4 ring-orange-400/80 ring-offset-2';
    case null:
      return '';
    default:
      return highlight satisfies never;
  }
}

/**
 * Packet colours: request and reply differ, and so does the DNS lookup before them. Each carries
 * the packet's white caption at 4.5:1 or more (the raised sky and orange 600 of index.css).
 */
export const PACKET_COLOURS = {
  request: '#007bbb',
  reply: '#cd4900',
  lookup: '#c026d3',
  dropped: '#dc2626',
} as const;

/** A selector under the pointer in the policy workbench picks this element. */
export const POINTED_OUT = 'pp-pointed-out ring-4 ring-violet-500/80 ring-offset-2';

/** Extra emphasis from the selection: replicas of the selected pod's Deployment, pods a selected policy picks. */
export const EMPHASIS_OUTLINE = {
  deployment: 'outline-2 outline-offset-[3px] outline-dashed outline-emerald-500',
  policy: 'outline-2 outline-offset-[3px] outline-dashed outline-rose-500',
} as const;

/** Each card's border and background, near and far (a pod's depend on its readiness). */
export const CARD_TONE = {
  Service: 'border-violet-300 bg-violet-50',
  LoadBalancer: 'border-cyan-300 bg-cyan-50',
  Ingress: 'border-blue-300 bg-blue-50',
  Gateway: 'border-indigo-300 bg-indigo-50',
  HTTPRoute: 'border-sky-300 bg-sky-50',
  ReferenceGrant: 'border-teal-300 bg-teal-50',
  CiliumPolicy: 'border-orange-300 bg-orange-50',
  NetworkPolicy: 'border-rose-300 bg-rose-50',
  Namespace: 'border-slate-300 bg-white',
  Internet: 'border-amber-300 bg-amber-50',
  Laptop: 'border-amber-300 bg-amber-50',
  OutsideService: 'border-amber-300 bg-amber-50',
} as const satisfies Partial<Record<Kind, string>>;

/**
 * Which handles a card has: traffic passes through a Service, Ingress, Gateway or HTTPRoute
 * (edges in and out) and leaves a load balancer; the other cards only describe.
 */
export const CARD_ANCHORS: Partial<Record<Kind, 'through' | 'out'>> = {
  Service: 'through',
  Ingress: 'through',
  Gateway: 'through',
  HTTPRoute: 'through',
  LoadBalancer: 'out',
};

/** The background of the solid badge that names a card's type, for the kinds that have one. */
export const CARD_BADGE = {
  Service: 'bg-violet-700',
  LoadBalancer: 'bg-cyan-800',
  CiliumPolicy: 'bg-orange-800',
  NetworkPolicy: 'bg-rose-800',
  ReferenceGrant: 'bg-teal-800',
  Namespace: 'bg-slate-700',
} as const satisfies Partial<Record<Kind, string>>;
