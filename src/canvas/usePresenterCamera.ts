import { useReactFlow, useStoreApi, type XYPosition } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { usePrefersReducedMotion } from './playback/usePrefersReducedMotion.ts';

/**
 * Presenter mode's zoom. The smallest print on a card is 12 px there (presenter styles lift
 * anything smaller), so at 1.4 every card's text is at least 16.8 px on screen, readable from
 * the back of a room; at 1280x720 the stage still shows the hop and the cards around it.
 */
export const PRESENT_ZOOM = 1.4;
/** Share of the remaining way the camera covers each frame: a glide, not a jump. */
const EASE = 0.14;

/**
 * A camera that follows the explained packet: returns the callback PacketLayer calls with the
 * packet's position each frame. The view glides to keep the packet in the middle of the stage
 * at PRESENT_ZOOM; once it arrives it lets go, so the presenter can still pan by hand until the
 * packet moves again. With reduced motion it cuts instead of gliding.
 */
export function usePresenterCamera(
  active: boolean,
): ((point: XYPosition | null) => void) | undefined {
  const { setViewport, getViewport } = useReactFlow();
  const store = useStoreApi();
  const reduceMotion = usePrefersReducedMotion();
  const goal = useRef<XYPosition | null>(null);
  const frame = useRef(0);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const follow = useCallback(
    (point: XYPosition | null) => {
      const last = goal.current;
      if (!point || (last && last.x === point.x && last.y === point.y)) return;
      goal.current = point;
      if (frame.current) return;
      const glide = () => {
        frame.current = 0;
        const target = goal.current;
        if (!target) return;
        const { width, height } = store.getState();
        const want = {
          x: width / 2 - target.x * PRESENT_ZOOM,
          y: height / 2 - target.y * PRESENT_ZOOM,
          zoom: PRESENT_ZOOM,
        };
        const now = getViewport();
        const t = reduceMotion ? 1 : EASE;
        const next = {
          x: now.x + (want.x - now.x) * t,
          y: now.y + (want.y - now.y) * t,
          zoom: now.zoom + (want.zoom - now.zoom) * t,
        };
        const arrived =
          Math.abs(want.x - next.x) < 0.5 &&
          Math.abs(want.y - next.y) < 0.5 &&
          Math.abs(want.zoom - next.zoom) < 0.002;
        void setViewport(arrived ? want : next);
        if (!arrived) frame.current = requestAnimationFrame(glide);
      };
      frame.current = requestAnimationFrame(glide);
    },
    [store, getViewport, setViewport, reduceMotion],
  );
  return active ? follow : undefined;
}
