/**
 * Which part of the canvas a picture shows and at what size: the whole scenario fitted into a
 * slide (1920 × 1080, 16:9), or the current view at the size it has on screen. Pure arithmetic
 * over React Flow's viewport, so the framing is tested without a browser.
 */
import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/react';

export type PictureArea = 'scenario' | 'view';
export type PictureFormat = 'png' | 'svg' | 'gif';

/** A slide in CSS pixels; PNGs are drawn at twice this so they stay sharp on a large screen. */
export const SLIDE = { width: 1920, height: 1080 } as const;
/** PNG pixels per CSS pixel. */
export const PNG_PIXEL_RATIO = 2;
/** The animation's frames are at most this wide, to keep the file small enough for a slide. */
export const GIF_MAX_WIDTH = 1280;
/** Room left around the scenario in a slide, as a share of its size. */
const SLIDE_PADDING = 0.05;

export interface PictureFrame {
  /** The picture's size in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Where the canvas sits in it: React Flow's pan and zoom. */
  readonly viewport: Viewport;
}

/**
 * The frame for `area`: `bounds` is the box around every element (flow coordinates), `screen`
 * the canvas's size on screen and `current` its pan and zoom there.
 */
export function pictureFrame(
  area: PictureArea,
  bounds: Rect,
  screen: { readonly width: number; readonly height: number },
  current: Viewport,
): PictureFrame {
  if (area === 'view') {
    return {
      width: Math.round(screen.width),
      height: Math.round(screen.height),
      viewport: current,
    };
  }
  // Zoomed in up to 2x so a small scenario fills the slide, and out as far as a large one needs.
  const viewport = getViewportForBounds(bounds, SLIDE.width, SLIDE.height, 0.05, 2, SLIDE_PADDING);
  return { ...SLIDE, viewport };
}

/** Pixels per CSS pixel for `format`: PNGs at twice the size, animation frames at most 1280 wide. */
export function pixelRatioFor(format: PictureFormat, frame: PictureFrame): number {
  if (format === 'png') return PNG_PIXEL_RATIO;
  if (format === 'gif') return Math.min(1, GIF_MAX_WIDTH / frame.width);
  return 1;
}
