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
