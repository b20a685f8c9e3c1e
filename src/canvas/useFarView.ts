import { useStore } from '@xyflow/react';

/** Below this zoom a card's small print is unreadable, so cards show their name only, large. */
export const FAR_ZOOM = 0.45;

/**
 * True when the canvas is zoomed out so far that cards draw as simple shapes. A card re-renders
 * only when the zoom crosses the threshold, not on every zoom step. Drawing 300 full cards at a
 * tenth of their size costs the rasteriser more than anything else on a big cluster.
 */
export function useFarView(): boolean {
  return useStore((s) => s.transform[2] < FAR_ZOOM);
}
