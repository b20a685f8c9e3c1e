import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * axe-core on every view a person meets: no serious or critical violation of WCAG 2.1 A and AA
 * (contrast, names, roles, focus). Each view is checked paused on a hop, so the trace, the
 * packet's caption and the stand-ins are on screen too.
 */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      elements: v.nodes.map((n) => `${n.target.join(' ')} :: ${n.failureSummary ?? ''}`),
    }));
}

async function openApp(page: Page, url = '/') {
  await page.goto(url);
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

/** Sends the flow, pauses on a hop in the middle of the request. */
async function sendAndPause(page: Page) {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getTrace()?.verdict))
    .toBe('Delivered');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('End');
  await page.waitForTimeout(600);
}

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
] as const;

for (const viewport of SIZES) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('the main page has no serious or critical accessibility violation', async ({ page }) => {
      test.setTimeout(120_000);
      const phone = viewport.width < 768;
      await openApp(page);
      expect(await seriousViolations(page)).toEqual([]);
      await sendAndPause(page);
      expect(await seriousViolations(page)).toEqual([]);
      // The inspector of a selected pod (on a phone, in the Details sheet).
      await page
        .getByRole('region', { name: 'Cluster' })
        .getByRole('group', { name: 'Pod web-1' })
        .click();
      if (phone) await page.getByRole('button', { name: 'Details', exact: true }).click();
      expect(await seriousViolations(page)).toEqual([]);
      if (phone) {
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        expect(await seriousViolations(page)).toEqual([]);
      }
    });
  });
}

test('the gallery has no serious or critical accessibility violation', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Gallery', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the policy workbench has no serious or critical accessibility violation', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page);
  await page.getByRole('button', { name: 'Policies' }).click();
  const workbench = page.getByRole('region', { name: 'NetworkPolicy workbench' });
  await workbench.getByRole('button', { name: 'New policy' }).click();
  await page.getByRole('menuitem').first().click();
  await expect(workbench.getByRole('combobox', { name: 'Policy' })).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getReachability() !== null))
    .toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
});

test('presenter mode has no serious or critical accessibility violation', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  await sendAndPause(page);
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(page.getByRole('region', { name: 'Caption' })).toBeVisible();
  await page.waitForTimeout(800);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the embed has no serious or critical accessibility violation', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?embed');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await expect.poll(() => page.evaluate(() => window.__podpath!.getTrace() !== null)).toBe(true);
  await page.waitForTimeout(1500);
  expect(await seriousViolations(page)).toEqual([]);
});
