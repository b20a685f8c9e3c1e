import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

async function waitReady(page: Page) {
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const titleButton = (page: Page) => heading(page).getByRole('button');
const detailsDialog = (page: Page) => page.getByRole('dialog', { name: 'Title and description' });

test('a teacher names the scenario: header, share, embed and export show it; bad input says why; Esc and undo keep the old one', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await waitReady(page);
  await expect(heading(page)).toHaveText('Pod to a ClusterIP Service');

  // Escape cancels, and the focus goes back to the title.
  await titleButton(page).click();
  const dialog = detailsDialog(page);
  const title = dialog.getByRole('textbox', { name: 'Title' });
  const description = dialog.getByRole('textbox', { name: 'Description' });
  await expect(title).toBeFocused();
  await expect(title).toHaveValue('Pod to a ClusterIP Service');
  await title.fill('Thrown away');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(heading(page)).toHaveText('Pod to a ClusterIP Service');
  await expect(titleButton(page)).toBeFocused();

  // An empty title is refused with the reason; what was typed stays.
  await page.keyboard.press('Enter');
  await description.fill('How a ClusterIP reaches one of two web pods.');
  await title.fill('   ');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The title cannot be empty.');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(description).toHaveValue('How a ClusterIP reaches one of two web pods.');

  // Enter in the title saves.
  await title.fill('Week 3: Services');
  await title.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(heading(page)).toHaveText('Week 3: Services');
  await expect(titleButton(page)).toBeFocused();

  // The share dialog and the embed show both.
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const share = page.getByRole('dialog', { name: 'Share this scenario' });
  await expect(share).toContainText('The link opens Week 3: Services');
  await expect(share).toContainText('How a ClusterIP reaches one of two web pods.');
  const link = await share.getByRole('textbox', { name: 'Link' }).inputValue();
  await share.getByRole('button', { name: 'Done' }).click();

  const fresh = await browser.newContext({ viewport: { width: 960, height: 540 } });
  const embed = await fresh.newPage();
  await embed.goto(`/?embed${new URL(link).hash}`);
  await waitReady(embed);
  await expect(embed.getByRole('heading', { level: 1 })).toHaveText('Week 3: Services');
  await expect(embed.getByText('How a ClusterIP reaches one of two web pods.')).toBeVisible();
  await fresh.close();

  // The manifests start with the title and the description as comments.
  await page.getByRole('button', { name: 'Scenario', exact: true }).click();
  const [manifests] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export manifests' }).click(),
  ]);
  expect(manifests.suggestedFilename()).toBe('week-3-services.yaml');
  const lines = (await readFile((await manifests.path())!, 'utf8')).split('\n');
  expect(lines[0]).toMatch(/^# Week 3: Services: manifests exported by PodPath/);
  expect(lines[1]).toBe('# How a ClusterIP reaches one of two web pods.');

  // One undo step brings the old title back.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(heading(page)).toHaveText('Pod to a ClusterIP Service');
});
