import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';

async function openApp(page: Page) {
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

async function openMenu(page: Page) {
  await page.getByRole('button', { name: 'Scenario', exact: true }).click();
  return page.getByRole('menu', { name: 'Scenario' });
}

async function bytesOf(download: Download): Promise<Buffer> {
  return readFile((await download.path())!);
}

test('manifests download as Deployments without node pins, the snapshot with nodes', async ({
  page,
}) => {
  await openApp(page);
  const [manifests] = await Promise.all([
    page.waitForEvent('download'),
    (await openMenu(page)).getByRole('menuitem', { name: 'Export manifests' }).click(),
  ]);
  expect(manifests.suggestedFilename()).toBe('pod-to-a-clusterip-service.yaml');
  const text = (await bytesOf(manifests)).toString('utf8');
  expect(text).toContain('kind: Deployment');
  expect(text).not.toMatch(/nodeName|kind: Node\b/);

  const [snapshot] = await Promise.all([
    page.waitForEvent('download'),
    (await openMenu(page)).getByRole('menuitem', { name: 'Export cluster snapshot' }).click(),
  ]);
  expect(snapshot.suggestedFilename()).toBe('pod-to-a-clusterip-service.snapshot.yaml');
  const snapshotText = (await bytesOf(snapshot)).toString('utf8');
  expect(snapshotText).toMatch(/kind: Node\b/);
  expect(snapshotText).toContain('nodeName');
});

/** Sends the scenario's flow and parks the packet on a request hop, resting with its caption. */
async function parkPacket(page: Page) {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');
  const hop = page.getByRole('list', { name: 'Request hops' }).getByRole('button').nth(3);
  await hop.click();
  const packet = page.getByTestId('packet');
  await expect(packet).toHaveAttribute('data-moving', 'false', { timeout: 15_000 });
  return (await packet.textContent()) ?? '';
}

async function savePicture(
  page: Page,
  choices: { format: string; area: string; theme: string },
  timeout = 30_000,
): Promise<Download> {
  const dialog = page.getByRole('dialog', { name: 'Export picture' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Picture' }).click();
  await dialog.getByRole('group', { name: 'Format' }).getByLabel(choices.format).check();
  await dialog.getByRole('group', { name: 'Area' }).getByLabel(choices.area).check();
  await dialog.getByRole('group', { name: 'Theme' }).getByLabel(choices.theme).check();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout }),
    dialog.getByRole('button', { name: 'Save picture' }).click(),
  ]);
  await expect(dialog.getByRole('status')).toContainText('Saved');
  return download;
}

/**
 * The frames of a GIF, read block by block as the GIF89a specification lays them out: the
 * header and logical screen (with its global colour table), then extensions (0x21) and images
 * (0x2C, each with its own colour table and data sub-blocks) until the trailer (0x3B).
 */
function gifFrames(gif: Buffer) {
  const frames: { width: number; height: number; delayMs: number }[] = [];
  const tableSize = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  const skipSubBlocks = (at: number) => {
    while (gif[at] !== 0) at += gif[at] + 1;
    return at + 1;
  };
  let at = 13 + tableSize(gif[10]);
  let delayMs = 0;
  while (gif[at] !== 0x3b) {
    if (gif[at] === 0x21) {
      // A graphic control extension holds the next image's delay in hundredths of a second.
      if (gif[at + 1] === 0xf9) delayMs = gif.readUInt16LE(at + 4) * 10;
      at = skipSubBlocks(at + 2);
    } else if (gif[at] === 0x2c) {
      frames.push({ width: gif.readUInt16LE(at + 5), height: gif.readUInt16LE(at + 7), delayMs });
      at = skipSubBlocks(at + 10 + tableSize(gif[at + 9]) + 1);
    } else {
      throw new Error(`not a GIF block at byte ${at}`);
    }
  }
  return frames;
}

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];

test('pictures of the canvas: a slide-size PNG and an SVG, light and dark, with the packet at its hop', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  const caption = await parkPacket(page);
  expect(caption.length).toBeGreaterThan(0);

  const png = await savePicture(page, { format: 'PNG', area: 'Whole scenario', theme: 'Light' });
  expect(png.suggestedFilename()).toBe('pod-to-a-clusterip-service.png');
  const pngBytes = await bytesOf(png);
  expect(pngBytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  // A 1920 × 1080 slide drawn at twice the size.
  expect(pngSize(pngBytes)).toEqual([3840, 2160]);
  expect(pngBytes.length).toBeGreaterThan(50_000);
  await png.saveAs(test.info().outputPath('scenario-light.png'));

  const darkPng = await savePicture(page, { format: 'PNG', area: 'Current view', theme: 'Dark' });
  const flow = (await page.locator('.react-flow').boundingBox())!;
  expect(pngSize(await bytesOf(darkPng))).toEqual([
    Math.round(flow.width) * 2,
    Math.round(flow.height) * 2,
  ]);
  await darkPng.saveAs(test.info().outputPath('view-dark.png'));
  // The page went back to the theme it had.
  await expect(page.locator('html')).not.toHaveClass(/dark/);

  const svg = await savePicture(page, { format: 'SVG', area: 'Whole scenario', theme: 'Dark' });
  expect(svg.suggestedFilename()).toBe('pod-to-a-clusterip-service.svg');
  const svgText = (await bytesOf(svg)).toString('utf8');
  const root = svgText.slice(0, svgText.indexOf('>') + 1);
  expect(root).toMatch(/^<svg /);
  expect(root).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(root).toMatch(/ width="1920"/);
  expect(root).toMatch(/ height="1080"/);
  // The packet and its caption, and the pods, are in the picture.
  expect(svgText).toContain(caption);
  expect(svgText).toContain('client');
  await svg.saveAs(test.info().outputPath('scenario-dark.svg'));
});

test('an animated GIF of the flow, one frame per hop, and the journey copied as Markdown', async ({
  page,
  context,
}) => {
  test.setTimeout(420_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await parkPacket(page);
  const { steps } = await page.evaluate(() => window.__podpath!.getPlayback());

  const gif = await savePicture(
    page,
    { format: 'Animated GIF', area: 'Whole scenario', theme: 'Light' },
    360_000,
  );
  expect(gif.suggestedFilename()).toBe('pod-to-a-clusterip-service.gif');
  const bytes = await bytesOf(gif);
  expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  // Logical screen: the slide at 1280 × 720.
  expect([bytes.readUInt16LE(6), bytes.readUInt16LE(8)]).toEqual([1280, 720]);
  // It loops, and each hop is a frame (a graphic control extension with its delay).
  expect(bytes.includes(Buffer.from('NETSCAPE2.0', 'latin1'))).toBe(true);
  const frames = gifFrames(bytes);
  expect(frames.map((f) => [f.width, f.height])).toEqual(Array(steps).fill([1280, 720]));
  // Each hop shows for 1.2 s, the last (the outcome) for 3 s before the loop starts again.
  expect(frames.map((f) => f.delayMs)).toEqual([...Array(steps - 1).fill(1200), 3000]);
  await gif.saveAs(test.info().outputPath('flow.gif'));

  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  const lines = markdown.split('\n');
  expect(lines[0]).toBe('## Pod to a ClusterIP Service');
  expect(lines).toContain('**Verdict:** Delivered');
  expect(lines).toContain('| # | Part | Place | Verdict | Addresses | Why |');
  const rows = lines.filter((l) => /^\| \d+ \|/.test(l));
  expect(rows).toHaveLength(steps);
  expect(markdown).toMatch(/\| Request \| kube-proxy \(node-\d[^|]*\| Translated \| TCP /);
});
