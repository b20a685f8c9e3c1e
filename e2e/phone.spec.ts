import { expect, test, type Page } from '@playwright/test';

// An upright phone: 390 by 844 CSS pixels, touch only.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

async function openApp(page: Page) {
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

/** The canvas viewport's transform (pan and zoom), as React Flow applies it. */
const viewportTransform = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);

test('on a phone the cluster fills the width, nothing is wider than the screen', async ({
  page,
}) => {
  await openApp(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  const canvas = await page.getByRole('region', { name: 'Cluster' }).boundingBox();
  expect(canvas?.width).toBeGreaterThanOrEqual(380);
  expect(canvas?.height).toBeGreaterThanOrEqual(300);
  await expect(
    page.getByRole('region', { name: 'Cluster' }).getByRole('group', { name: 'Pod client' }),
  ).toBeVisible();
  // Every element of the page stays within the screen's width.
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('.react-flow__viewport'))
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.right > 391 || box.left < -1);
      })
      .map((el) => el.tagName + '.' + String(el.className).slice(0, 40)),
  );
  expect(overflowing).toEqual([]);
});

test('on a phone a tap sends the flow and the packet moves over the cluster', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  await page.getByRole('button', { name: 'Send', exact: true }).tap();
  const packet = page.getByTestId('packet');
  const dot = packet.locator('.pp-packet-dot');
  await expect(packet).toHaveAttribute('data-step', /^(lookup|request)-/);
  await expect(dot).toBeVisible();
  const first = await dot.boundingBox();
  const trace = await page.evaluate(() => window.__podpath?.getTrace() ?? null);
  expect(trace?.verdict).toBe('Delivered');
  // The flow is a round trip: the reply ends where the request began, so the packet's movement
  // is the farthest it gets from where it was first seen, sampled while it flies.
  let farthest = 0;
  const lastStep = `reply-${trace!.reply.length - 1}`;
  await expect(async () => {
    const box = await dot.boundingBox();
    if (first && box) farthest = Math.max(farthest, Math.hypot(box.x - first.x, box.y - first.y));
    await expect(packet).toHaveAttribute('data-step', lastStep, { timeout: 50 });
  }).toPass({ timeout: 45_000, intervals: [50] });
  const last = await dot.boundingBox();
  expect(first && last).toBeTruthy();
  expect(farthest).toBeGreaterThan(10);
  // The packet travels inside the canvas, on screen.
  const canvas = await page.getByRole('region', { name: 'Cluster' }).boundingBox();
  expect(last!.x).toBeGreaterThanOrEqual(canvas!.x);
  expect(last!.x).toBeLessThanOrEqual(canvas!.x + canvas!.width);

  // The trace is a sheet away.
  await page.getByRole('button', { name: 'Details' }).tap();
  await expect(page.getByRole('list', { name: 'Hops', exact: true })).toBeVisible();
});

test('on a phone a finger pans and pinches the canvas and a tap selects', async ({ page }) => {
  await openApp(page);
  const cdp = await page.context().newCDPSession(page);
  const canvas = (await page.getByRole('region', { name: 'Cluster' }).boundingBox())!;
  // A one-finger drag on empty canvas pans.
  const before = await viewportTransform(page);
  const start = { x: canvas.x + canvas.width - 90, y: canvas.y + canvas.height - 60 };
  const touch = (type: string, points: { x: number; y: number }[]) =>
    cdp.send('Input.dispatchTouchEvent', {
      type: type as 'touchStart',
      touchPoints: points.map((p) => ({ ...p, id: 1 })),
    });
  await touch('touchStart', [start]);
  for (let i = 1; i <= 8; i++)
    await touch('touchMove', [{ x: start.x + i * 10, y: start.y - i * 5 }]);
  await touch('touchEnd', []);
  await expect.poll(() => viewportTransform(page)).not.toBe(before);

  // Two fingers pinching out zoom in.
  const zoomOf = async () =>
    Number((await viewportTransform(page)).match(/matrix\(([^,]+)/)?.[1] ?? 'NaN');
  const zoomBefore = await zoomOf();
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height - 90 };
  const fingers = (spread: number) => [
    { x: centre.x - spread, y: centre.y, id: 1 },
    { x: centre.x + spread, y: centre.y, id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
  for (let i = 1; i <= 8; i++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: fingers(20 + i * 10),
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect.poll(zoomOf).toBeGreaterThan(zoomBefore * 1.1);

  // A tap on a pod selects it; the inspector shows it in the details sheet.
  await page.getByRole('button', { name: 'Fit view' }).tap();
  await page
    .getByRole('region', { name: 'Cluster' })
    .getByRole('group', { name: 'Pod web-1' })
    .tap();
  await page.getByRole('button', { name: 'Details' }).tap();
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('textbox', { name: 'Name' }).first()).toHaveValue('web-1');
});
