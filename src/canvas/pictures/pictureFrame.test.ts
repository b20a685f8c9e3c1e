import { describe, expect, it } from 'vitest';
import { pictureFrame, pixelRatioFor, SLIDE } from './pictureFrame.ts';

const screen = { width: 1000, height: 640 };
const current = { x: 12, y: -30, zoom: 0.8 };

describe('pictureFrame', () => {
  it('draws the current view at its size on screen, panned and zoomed as it is', () => {
    const frame = pictureFrame('view', { x: 0, y: 0, width: 5000, height: 5000 }, screen, current);
    expect(frame).toEqual({ width: 1000, height: 640, viewport: current });
  });

  it('fits the whole scenario into a 16:9 slide, centred, with room around it', () => {
    const bounds = { x: 100, y: 50, width: 1600, height: 600 };
    const frame = pictureFrame('scenario', bounds, screen, current);
    expect([frame.width, frame.height]).toEqual([SLIDE.width, SLIDE.height]);
    const { x, y, zoom } = frame.viewport;
    // Every corner of the scenario lands inside the slide.
    for (const [bx, by] of [
      [bounds.x, bounds.y],
      [bounds.x + bounds.width, bounds.y + bounds.height],
    ]) {
      expect(bx * zoom + x).toBeGreaterThan(0);
      expect(bx * zoom + x).toBeLessThan(SLIDE.width);
      expect(by * zoom + y).toBeGreaterThan(0);
      expect(by * zoom + y).toBeLessThan(SLIDE.height);
    }
    // Width decides here, and the scenario is centred across it.
    const left = bounds.x * zoom + x;
    const right = SLIDE.width - ((bounds.x + bounds.width) * zoom + x);
    expect(left).toBeCloseTo(right, 5);
    expect(bounds.width * zoom).toBeGreaterThan(SLIDE.width * 0.85);
  });

  it('zooms a small scenario in no further than twice', () => {
    const frame = pictureFrame('scenario', { x: 0, y: 0, width: 100, height: 60 }, screen, current);
    expect(frame.viewport.zoom).toBe(2);
  });

  it('draws PNGs at twice the size and keeps animation frames at most 1280 wide', () => {
    const slide = pictureFrame(
      'scenario',
      { x: 0, y: 0, width: 800, height: 400 },
      screen,
      current,
    );
    expect(pixelRatioFor('png', slide)).toBe(2);
    expect(pixelRatioFor('svg', slide)).toBe(1);
    expect(pixelRatioFor('gif', slide) * slide.width).toBe(1280);
    const view = pictureFrame('view', { x: 0, y: 0, width: 1, height: 1 }, screen, current);
    expect(pixelRatioFor('gif', view)).toBe(1);
  });
});
