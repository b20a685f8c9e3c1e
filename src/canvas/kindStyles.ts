import type { Highlight } from './flowTypes.ts';

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
