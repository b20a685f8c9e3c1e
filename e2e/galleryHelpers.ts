/** Steps the browser tests share: wait for the app, open a gallery scenario (which plays its flow). */
import { expect, test, type Page } from '@playwright/test';

export async function waitReady(page: Page) {
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

export const verdict = (page: Page) => page.getByRole('status', { name: 'Verdict' });

/** Opens the app, then a gallery scenario of a topic, which plays its flow. */
export async function openFromGallery(page: Page, topic: string, title: string) {
  test.setTimeout(90_000);
  await page.goto('/');
  await waitReady(page);
  await page.getByRole('button', { name: 'Gallery' }).click();
  const gallery = page.getByRole('dialog', { name: 'Gallery' });
  await gallery
    .getByRole('region', { name: topic })
    .getByRole('button', { name: `Open ${title}` })
    .click();
  await expect(gallery).toHaveCount(0);
  await waitReady(page);
  await expect(verdict(page)).toBeVisible();
}
