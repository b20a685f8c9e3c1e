import { useMemo, useState } from 'react';
import type { CanvasNode } from './flowTypes.ts';

/**
 * Remembers each element's last object and what it looked like. `signatureOf` says what a node
 * looks like, or null for a node that is always passed through as it is.
 */
export class NodeCache {
  private byId = new Map<string, { node: CanvasNode; sig: string }>();

  constructor(private readonly signatureOf: (node: CanvasNode) => string | null) {}

  /** The nodes, with each one that did not change replaced by its previous object. */
  stabilize(nodes: readonly CanvasNode[]): readonly CanvasNode[] {
    const next = new Map<string, { node: CanvasNode; sig: string }>();
    const output = nodes.map((node) => {
      const sig = this.signatureOf(node);
      if (sig === null) return node;
      const old = this.byId.get(node.id);
      const kept = old && old.sig === sig ? old.node : node;
      next.set(node.id, { node: kept, sig });
      return kept;
    });
    this.byId = next;
    return output;
  }
}

/**
 * Keeps each element's object from the previous build when nothing about it changed, so React
 * Flow (which compares by identity) redraws only what an edit touched, not all 300 pods.
 */
export function useStableNodes(nodes: readonly CanvasNode[]): readonly CanvasNode[] {
  const [cache] = useState(() => new NodeCache(signature));
  return useMemo(() => cache.stabilize(nodes), [cache, nodes]);
}

function signature(node: CanvasNode): string {
  return JSON.stringify([
    node.type,
    node.parentId,
    node.position.x,
    node.position.y,
    node.width,
    node.height,
    node.draggable,
    node.data,
  ]);
}
