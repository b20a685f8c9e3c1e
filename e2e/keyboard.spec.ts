import { expect, test, type Page } from '@playwright/test';

/**
 * Keyboard-only journeys: the focus never falls to the page body when a dialog closes, a menu
 * command runs or a scenario opens, a skip link leads past the header and palette, and the arrow
 * keys follow one rule (they step the packet unless a selected canvas element has the focus).
 */

async function openApp(page: Page) {
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

const cluster = (page: Page) => page.getByRole('region', { name: 'Cluster' });
const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body);

test('a skip link leads from the top of the page to the cluster', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the cluster' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(cluster(page)).toBeFocused();
  // The next stop is an element on the canvas, not the palette.
  await page.keyboard.press('Tab');
  await expect
    .poll(() =>
      page.evaluate(() => !!document.activeElement?.closest('section[aria-label="Cluster"]')),
    )
    .toBe(true);
});

test('dialogs give the focus back; an opened scenario takes it', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  const gallery = page.getByRole('button', { name: 'Gallery', exact: true });

  // Closed with Escape: back on the button that opened it.
  await gallery.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Gallery' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(gallery).toBeFocused();

  // An entry opened: the focus is on the cluster it shows.
  await page.keyboard.press('Enter');
  const open = dialog.getByRole('button', { name: /^Open / }).nth(1);
  await open.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(cluster(page)).toBeFocused();
  expect(await focusIsOnBody(page)).toBe(false);

  // A menu command that opens nothing leaves the focus on the menu button.
  const menuButton = page.getByRole('button', { name: 'Scenario' });
  await menuButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Export scenario file' }).press('Enter');
  await download;
  await expect(menuButton).toBeFocused();

  // Import by keyboard: the report's Done leads to the imported cluster.
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Import…' }).press('Enter');
  const importDialog = page.getByRole('dialog', { name: 'Import' });
  await importDialog
    .getByRole('textbox', { name: 'YAML, scenario JSON or link' })
    .fill(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  containers:\n    - name: app\n      image: nginx\n',
    );
  await importDialog.getByRole('button', { name: 'Import' }).press('Enter');
  const report = page.getByRole('dialog', { name: 'Import report' });
  await report.getByRole('button', { name: 'Done' }).press('Enter');
  await expect(report).toHaveCount(0);
  await expect(cluster(page)).toBeFocused();
  await expect(cluster(page).getByRole('group', { name: 'Pod solo' })).toBeVisible();
});

test('arrows step the packet from a canvas element; a selected element moves', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getTrace()?.verdict))
    .toBe('Delivered');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.keyboard.press('Home');
  const client = cluster(page).getByRole('group', { name: 'Pod client' });
  await client.focus();
  const before = (await client.boundingBox())!;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getSelectedStepId()))
    .toBe('lookup-2');
  expect((await client.boundingBox())!.x).toBeCloseTo(before.x, 0);

  // Selected, the element moves and the packet stays.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await client.boundingBox())!.x).toBeGreaterThan(before.x + 2);
  expect(await page.evaluate(() => window.__podpath!.getSelectedStepId())).toBe('lookup-2');
});

test('the matrix is one tab stop walked with the arrows; the probe bar follows its cell', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page);
  await page.getByRole('button', { name: 'Policies' }).click();
  const grid = page.getByRole('grid', { name: /Who can reach whom/ });
  const first = grid.getByRole('button', {
    name: 'From default/client to default/client: allowed',
  });
  await expect(first).toHaveAttribute('tabindex', '0');
  await expect(grid.locator('button[tabindex="0"]')).toHaveCount(1);
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const cell = grid.getByRole('button', { name: 'From default/web-1 to default/web-2: allowed' });
  await expect(cell).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  // The probe bar now names the same pair, so Send replays what the matrix played.
  const form = page.getByRole('form', { name: 'Send a packet' });
  const chosen = (name: string) => form.getByRole('combobox', { name }).locator('option:checked');
  await expect(chosen('Source')).toHaveText(/^web-1\b/);
  await expect(chosen('Destination')).toHaveText(/^web-2\b/);
  await form.getByRole('button', { name: 'Send', exact: true }).click();
  // The same pair, port and protocol as the matrix played.
  await expect
    .poll(() => page.evaluate(() => JSON.stringify(window.__podpath!.getTrace()?.probe)))
    .toContain('"name":"web-2"');
  await expect(chosen('Destination')).toHaveText(/^web-2\b/);
});
