/**
 * Automatic layout: nodes side by side, each node's pods stacked inside its frame, Services in
 * a row above the pods they select. Every size is computed here (not measured), so frames can
 * hold their pods before anything renders and positions are the same on every machine.
 * A position saved in the document wins over the computed one; pod positions are relative to
 * their node frame, everything else is absolute.
 */
import type {
  ModelSummary,
  PodSummary,
  Position,
  ScenarioDocument,
  ServiceSummary,
} from '../store/viewTypes.ts';

export const POD_WIDTH = 248;
export const SERVICE_WIDTH = 248;
export const CLIENT_WIDTH = 200;
export const FRAME_PADDING = 16;
export const FRAME_HEADER = 66;
export const FRAME_FOOTER = 40;
const POD_GAP = 14;
const FRAME_GAP = 56;
const SERVICE_GAP = 28;
const SERVICE_ROW_GAP = 64;
export const FRAME_WIDTH = POD_WIDTH + 2 * FRAME_PADDING;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ClusterLayout {
  /** Keyed by refKey. Pod boxes are relative to their node frame. */
  readonly boxes: ReadonlyMap<string, Box>;
}

// Chip widths for label rows, in px at the card's 11px mono type.
const CHAR_WIDTH = 6.7;
const CHIP_CHROME = 14;
const CHIP_GAP = 4;
const CARD_INNER_WIDTH = POD_WIDTH - 24;

/** How many rows of chips (labels, ports) a card needs when they wrap at the given width. */
export function countChipRows(
  texts: readonly string[],
  width = CARD_INNER_WIDTH,
  chrome = CHIP_CHROME,
  gap = CHIP_GAP,
): number {
  if (texts.length === 0) return 0;
  let rows = 1;
  let used = 0;
  for (const text of texts) {
    const chip = Math.min(width, text.length * CHAR_WIDTH + chrome);
    if (used > 0 && used + gap + chip > width) {
      rows += 1;
      used = chip;
    } else {
      used += (used > 0 ? gap : 0) + chip;
    }
  }
  return rows;
}

/** A container port as the pod card writes it: `:8080/TCP http`. */
export const portText = (p: { containerPort: number; protocol?: string; name?: string }) =>
  `:${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` ${p.name}` : ''}`;

export const labelTexts = (labels: Readonly<Record<string, string>>): string[] =>
  Object.entries(labels).map(([k, v]) => `${k}=${v}`);

export function podHeight(pod: PodSummary): number {
  const labelRows = countChipRows(labelTexts(pod.labels));
  // Port lines are indented under the container name (20px) and spaced 8px apart.
  const containerRows = pod.containers.reduce(
    (sum, c) => sum + 1 + countChipRows((c.ports ?? []).map(portText), CARD_INNER_WIDTH - 20, 0, 8),
    0,
  );
  // padding + name row + address row + labels + "containers" rows
  return 12 + 22 + 20 + (labelRows ? 6 + labelRows * 22 : 0) + 14 + containerRows * 19 + 12;
}

export function serviceHeight(service: ServiceSummary): number {
  const selectorRows = service.selector ? countChipRows(labelTexts(service.selector)) : 0;
  return (
    12 + 22 + 20 + service.ports.length * 20 + (selectorRows ? 6 + selectorRows * 22 : 0) + 26 + 12
  );
}

export const CLIENT_HEIGHT = 70;

export function layoutCluster(
  model: ModelSummary,
  layout: ScenarioDocument['layout'],
  visible: { readonly pods: readonly PodSummary[]; readonly services: readonly ServiceSummary[] },
): ClusterLayout {
  const boxes = new Map<string, Box>();
  const saved = (key: string): Position | undefined => layout[key];

  const serviceRowHeight = visible.services.reduce((h, s) => Math.max(h, serviceHeight(s)), 0);
  const framesTop = visible.services.length > 0 ? serviceRowHeight + SERVICE_ROW_GAP : 0;

  model.nodes.forEach((node, index) => {
    let y = FRAME_HEADER;
    let bottom = FRAME_HEADER;
    for (const pod of visible.pods.filter((p) => p.node === node.name)) {
      const height = podHeight(pod);
      const at = saved(pod.key) ?? { x: FRAME_PADDING, y };
      boxes.set(pod.key, { x: at.x, y: at.y, width: POD_WIDTH, height });
      y += height + POD_GAP;
      bottom = Math.max(bottom, at.y + height + POD_GAP);
    }
    const at = saved(node.key) ?? { x: index * (FRAME_WIDTH + FRAME_GAP), y: framesTop };
    boxes.set(node.key, {
      x: at.x,
      y: at.y,
      width: FRAME_WIDTH,
      height: Math.max(bottom - POD_GAP + 16, FRAME_HEADER + 40) + FRAME_FOOTER,
    });
  });

  // Services sit over the middle of the pods they select, pushed apart so none overlap.
  const frameKeyOf = new Map(model.nodes.map((n) => [n.name, n.key]));
  const centreOf = (key: string): number | undefined => {
    const pod = visible.pods.find((p) => p.key === key);
    const podBox = boxes.get(key);
    const frameKey = pod && frameKeyOf.get(pod.node);
    const frame = frameKey ? boxes.get(frameKey) : undefined;
    return podBox && frame ? frame.x + podBox.x + podBox.width / 2 : undefined;
  };
  const wanted = visible.services.map((service, index) => {
    const centres = service.selectedPods.map(centreOf).filter((c): c is number => c !== undefined);
    const centre =
      centres.length > 0
        ? centres.reduce((a, b) => a + b, 0) / centres.length
        : index * (SERVICE_WIDTH + SERVICE_GAP) + SERVICE_WIDTH / 2;
    return { service, x: centre - SERVICE_WIDTH / 2 };
  });
  wanted.sort((a, b) => a.x - b.x);
  let nextFree = -Infinity;
  for (const { service, x } of wanted) {
    const auto = { x: Math.max(x, nextFree), y: serviceRowHeight - serviceHeight(service) };
    const at = saved(service.key) ?? auto;
    boxes.set(service.key, {
      x: at.x,
      y: at.y,
      width: SERVICE_WIDTH,
      height: serviceHeight(service),
    });
    nextFree = Math.max(x, nextFree) + SERVICE_WIDTH + SERVICE_GAP;
  }

  // Clients outside the cluster stand to its left.
  model.externalClients.forEach((client, index) => {
    const at = saved(client.key) ?? {
      x: -(CLIENT_WIDTH + FRAME_GAP + 24),
      y: framesTop + index * (CLIENT_HEIGHT + POD_GAP),
    };
    boxes.set(client.key, { x: at.x, y: at.y, width: CLIENT_WIDTH, height: CLIENT_HEIGHT });
  });

  return { boxes };
}
