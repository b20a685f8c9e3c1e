/**
 * A cluster dump of about 2,000 objects in the Import dialog: the YAML is read by the import
 * worker, not on the page's thread, the dialog says what it is doing while it reads, and the page
 * keeps drawing frames meanwhile; then the import report opens.
 */
import { expect, test } from '@playwright/test';
import { generateCluster } from '../bench/generate.ts';
import { exportKubernetesYaml } from '../src/scenario/kubeYaml/exportKubernetesYaml.ts';

test('a 2,000-object YAML file is read off the main thread, with progress shown', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Every worker the page starts, by script URL, recorded before the app's code runs.
  await page.addInitScript(() => {
    const started: string[] = [];
    (window as unknown as { __workers: string[] }).__workers = started;
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started.push(String(url));
      }
    };
  });
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  const yaml = exportKubernetesYaml(
    generateCluster({ nodes: 50, pods: 1500, services: 300, policies: 150 }),
  );
  expect(yaml.split(/^---$/m).length).toBeGreaterThan(2000);

  await page.getByRole('button', { name: 'Scenario', exact: true }).click();
  await page
    .getByRole('menu', { name: 'Scenario' })
    .getByRole('menuitem', { name: 'Import…' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toBeVisible();
  // What the progress line says, and the frames the page draws, while the file is read.
  await page.evaluate(() => {
    const w = window as unknown as { __said: string[]; __frames: number; __reading: boolean };
    w.__said = [];
    w.__frames = 0;
    w.__reading = true;
    new MutationObserver(() => {
      const line = document.querySelector('[aria-label="Import progress"]')?.textContent;
      if (line && !w.__said.includes(line)) w.__said.push(line);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    const tick = () => {
      if (!w.__reading) return;
      w.__frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await dialog.getByLabel('Scenario or YAML file').setInputFiles({
    name: 'cluster.yaml',
    mimeType: 'text/plain',
    buffer: Buffer.from(yaml),
  });
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toBeVisible({ timeout: 120_000 });
  const seen = await page.evaluate(() => {
    const w = window as unknown as {
      __said: string[];
      __frames: number;
      __reading: boolean;
      __workers: string[];
    };
    w.__reading = false;
    return { said: w.__said, frames: w.__frames, workers: w.__workers };
  });
  expect(seen.workers.some((url) => /import\.worker/.test(url))).toBe(true);
  expect(
    seen.said.some((line) => /^Importing: parsing the YAML \(\d[\d,]* kB\)…$/.test(line)),
  ).toBe(true);
  // The page went on drawing while the worker read the file.
  expect(seen.frames).toBeGreaterThan(1);
  await report.getByRole('button', { name: 'Done' }).click();
  await page.waitForFunction(() => window.__podpath?.ready === true);
  expect(await page.evaluate(() => window.__podpath!.getDocument().cluster.pods.length)).toBe(1500);
});
