/**
 * Draws the canvas as a picture: a PNG or an SVG of one moment, or an animated GIF of a flow with
 * one frame per hop. The canvas's own DOM is rendered (modern-screenshot, which also carries the
 * styles of the SVG inside it: edges, tunnels, markers) with the frame's pan and
 * zoom, so nodes, edges, the packet and its caption look as on screen; the legend, toolbar, mini
 * map and zoom buttons are left out. The rasteriser and the GIF encoder are loaded on first use,
 * not with the page.
 */
import type { Options } from 'modern-screenshot';
import { pixelRatioFor, type PictureFormat, type PictureFrame } from './pictureFrame.ts';

/** Chrome around the canvas that a picture leaves out. */
const LEFT_OUT = ['react-flow__panel', 'react-flow__minimap', 'react-flow__controls'];

/** How long each hop stays in the animation, and the last one (the outcome) before it loops. */
export const HOP_DELAY_MS = 1200;
export const LAST_HOP_DELAY_MS = 3000;

/** The colour behind the canvas: the first opaque background from the canvas up. */
function backgroundOf(element: Element): string {
  for (let at: Element | null = element; at; at = at.parentElement) {
    const colour = getComputedStyle(at).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return document.documentElement.classList.contains('dark') ? '#0f172a' : '#ffffff';
}

function optionsFor(flow: HTMLElement, frame: PictureFrame, scale: number): Options {
  const { x, y, zoom } = frame.viewport;
  // The pixel ratio goes into the pan and zoom, so the canvas is drawn at full size, not enlarged.
  const width = Math.round(frame.width * scale);
  const height = Math.round(frame.height * scale);
  return {
    width,
    height,
    backgroundColor: backgroundOf(flow),
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${x * scale}px, ${y * scale}px) scale(${zoom * scale})`,
      transformOrigin: '0 0',
    },
    filter: (node) =>
      !(node instanceof Element && LEFT_OUT.some((name) => node.classList.contains(name))),
    // The page uses system fonts: nothing to embed, and no stylesheet to fetch again.
    font: false,
  };
}

function viewportOf(flow: HTMLElement): HTMLElement {
  const viewport = flow.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('The canvas is not on the page.');
  return viewport;
}

/** One moment of the canvas as a PNG or SVG file. */
export async function captureStill(
  flow: HTMLElement,
  frame: PictureFrame,
  format: Exclude<PictureFormat, 'gif'>,
): Promise<Blob> {
  const { domToBlob, domToForeignObjectSvg } = await import('modern-screenshot');
  const options = optionsFor(flow, frame, pixelRatioFor(format, frame));
  if (format === 'png') return domToBlob(viewportOf(flow), { ...options, type: 'image/png' });
  const svg = await domToForeignObjectSvg(viewportOf(flow), options);
  const text = new XMLSerializer().serializeToString(svg);
  return new Blob([text], { type: 'image/svg+xml' });
}

/** What the animation asks of the page: move the packet to a hop and wait until it rests there. */
export interface FlowPlayer {
  readonly hops: number;
  readonly showHop: (index: number) => Promise<void>;
}

/**
 * The flow as an animated GIF that loops: the packet at each hop in turn, each frame drawn once
 * the packet rests there. `progress` hears which hop is being drawn.
 */
export async function captureFlowGif(
  flow: HTMLElement,
  frame: PictureFrame,
  player: FlowPlayer,
  progress: (hop: number) => void,
): Promise<Blob> {
  const [{ domToCanvas }, { GIFEncoder, applyPalette, quantize }] = await Promise.all([
    import('modern-screenshot'),
    import('gifenc'),
  ]);
  const options = optionsFor(flow, frame, pixelRatioFor('gif', frame));
  const gif = GIFEncoder();
  for (let hop = 0; hop < player.hops; hop++) {
    progress(hop);
    await player.showHop(hop);
    const canvas = await domToCanvas(viewportOf(flow), options);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('The browser could not draw the animation.');
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    const palette = quantize(data, 256);
    gif.writeFrame(applyPalette(data, palette), width, height, {
      palette,
      delay: hop === player.hops - 1 ? LAST_HOP_DELAY_MS : HOP_DELAY_MS,
    });
  }
  gif.finish();
  return new Blob([gif.bytes()], { type: 'image/gif' });
}
