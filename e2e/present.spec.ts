import { expect, test, type Page } from '@playwright/test';

// A projector: 1280 by 720.
test.use({ viewport: { width: 1280, height: 720 } });

const stage = (page: Page) => page.getByRole('region', { name: 'Cluster' });
const caption = (page: Page) => page.getByRole('region', { name: 'Caption' });

/** The canvas zoom React Flow applies (the viewport's scale). */
const zoomOf = (page: Page) =>
  page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);

/** On-screen size (px) of every piece of text on the canvas cards inside the stage. */
function renderedTextSizes(page: Page) {
  return page.evaluate(() => {
    const stageBox = document
      .querySelector('section[aria-label="Cluster"]')!
      .getBoundingClientRect();
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const sizes: { text: string; px: number }[] = [];
    const walker = document.createTreeWalker(viewport, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || !parent.closest('.react-flow__node')) continue;
      const box = parent.getBoundingClientRect();
      const inside =
        box.width > 0 &&
        box.left >= stageBox.left &&
        box.right <= stageBox.right &&
        box.top >= stageBox.top &&
        box.bottom <= stageBox.bottom;
      if (!inside || getComputedStyle(parent).visibility === 'hidden') continue;
      sizes.push({ text, px: parseFloat(getComputedStyle(parent).fontSize) * zoom });
    }
    return sizes;
  });
}

test('a link opens presenter mode; Send, Space and the arrows work there', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?present');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await expect(caption(page)).toContainText('Press Send (or Space)');
  // Focus starts on the stage's heading, not the page body.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // Space sends the scenario's flow before anything was sent, then plays and pauses.
  await page.keyboard.press('Space');
  await expect.poll(() => page.evaluate(() => window.__podpath!.getPlayback().playing)).toBe(true);
  // While it plays, the narration is one short line, not a hop every half second.
  const narration = page.getByRole('status', { name: 'Narration' });
  await expect(narration).toHaveText(/^Playing \d+ hops, Delivered\. Pause to hear each hop\.$/);
  await page.keyboard.press('Space');
  await expect.poll(() => page.evaluate(() => window.__podpath!.getPlayback().playing)).toBe(false);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(caption(page)).toContainText('DNS lookup, hop 2 of');
  await expect(narration).toHaveText(await caption(page).innerText());

  // Play again starts from the first hop.
  await page.getByRole('button', { name: 'Play again' }).click();
  await expect.poll(() => page.evaluate(() => window.__podpath!.getPlayback().playing)).toBe(true);
  await page.getByRole('button', { name: 'Pause' }).click();

  // Leaving gives the focus to the Present button.
  await page.keyboard.press('Escape');
  await expect(caption(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Present' })).toBeFocused();
});

test('presenter mode follows the packet with canvas text at least 16 px at 1280x720', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/?present');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getPlayback().steps))
    .toBeGreaterThan(5);
  await page.getByRole('button', { name: 'Pause' }).click();
  // Step onto the request's hop in the web pod's node, then let the camera arrive.
  const trace = await page.evaluate(() => window.__podpath!.getTrace()!);
  const last = trace.hops.length - 1;
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('End');
  for (let i = 0; i < trace.reply.length; i++) await page.keyboard.press('ArrowLeft');
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getSelectedStepId()))
    .toBe(`request-${last}`);
  await expect.poll(() => zoomOf(page), { timeout: 10_000 }).toBeCloseTo(1.4, 2);

  // The packet is on the stage, near its middle.
  const stageBox = (await stage(page).boundingBox())!;
  await expect
    .poll(async () => {
      const dot = (await page.getByTestId('packet').locator('.pp-packet-dot').boundingBox())!;
      return Math.hypot(
        dot.x + dot.width / 2 - (stageBox.x + stageBox.width / 2),
        dot.y + dot.height / 2 - (stageBox.y + stageBox.height / 2),
      );
    })
    .toBeLessThan(40);

  const sizes = await renderedTextSizes(page);
  expect(sizes.length, 'cards are readable on the stage').toBeGreaterThan(5);
  const small = sizes.filter((s) => s.px < 16);
  expect(small, 'no canvas text under 16 px on screen').toEqual([]);
  // The pod the packet reached and its address are among them.
  const delivered = trace.deliveredTo!;
  expect(sizes.map((s) => s.text)).toContain(delivered.ip);
  await page.screenshot({ path: test.info().outputPath('present-1280.png') });
});

test('at 1280x720 the playback bar shows Present and the comparison whole, nothing under the side panel', async ({
  page,
}) => {
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');
  const bar = page.getByRole('toolbar', { name: 'Playback' });
  const barBox = (await bar.boundingBox())!;
  const side = (await page.getByRole('complementary', { name: 'Side panel' }).boundingBox())!;
  // The bar's content fits it: nothing runs on under the side panel.
  expect(await bar.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  for (const name of ['Present', 'Compare with another CNI…']) {
    const button = bar.getByRole('button', { name, exact: true });
    await expect(button).toBeInViewport({ ratio: 1 });
    const box = (await button.boundingBox())!;
    expect(box.x, name).toBeGreaterThanOrEqual(barBox.x);
    expect(box.x + box.width, name).toBeLessThanOrEqual(barBox.x + barBox.width);
    expect(box.x + box.width, name).toBeLessThanOrEqual(side.x);
  }
});
