import { expect, test, type Page } from '@playwright/test';

const SHOTS = process.env.PODPATH_SHOTS ?? 'test-results/shots';

async function openApp(page: Page, path = '/') {
  await page.goto(path);
  await waitReady(page);
}

async function waitReady(page: Page) {
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

const title = (page: Page) => page.getByRole('heading', { level: 1 });
const hops = (page: Page) => page.getByRole('list', { name: 'Hops', exact: true });
const notice = (page: Page) => page.getByLabel('Scenario message');

async function openMenu(page: Page) {
  await page.getByRole('button', { name: 'Scenario', exact: true }).click();
  return page.getByRole('menu', { name: 'Scenario' });
}

/** Sends the default flow, selects a request hop, and returns the share link the dialog shows. */
async function shareAtHop(page: Page, hopNumber: number) {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');
  const hop = hops(page)
    .getByRole('list', { name: 'Request hops' })
    .getByRole('button')
    .nth(hopNumber - 1);
  await hop.click();
  await expect(hop).toHaveAttribute('aria-current', 'step');
  const hopText = (await hop.textContent())!;
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this scenario' });
  await expect(dialog).toBeVisible();
  const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
  return { link, hopText, dialog };
}

/** Drags a canvas element by an offset and returns where it was dropped. */
async function dragElement(page: Page, name: string, dx: number, dy: number) {
  const element = page.getByRole('region', { name: 'Cluster' }).getByRole('group', { name });
  const box = (await element.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
  return element;
}

const layoutOf = (page: Page, key: string) =>
  page.evaluate((k) => window.__podpath!.getDocument().layout[k] ?? null, key);

test('a shared link opens the same flow at the same hop in a fresh browser', async ({
  page,
  browser,
  context,
}) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const { link, hopText, dialog } = await shareAtHop(page, 5);
  await expect(dialog.getByRole('status').first()).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(dialog).toContainText('stopped at the request at');
  // The scenario rides in the fragment, which never reaches a server.
  const url = new URL(link);
  expect(url.pathname).toBe('/');
  expect(url.search).toBe('');
  expect(url.hash).toMatch(/^#pp1\.[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThan(2000);
  await expect(dialog.getByRole('note', { name: 'Long link' })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/podpath-share-dialog.png` });
  const delivered = await page.evaluate(() => window.__podpath!.getTrace()!.deliveredTo);
  const stepId = await page.evaluate(() => window.__podpath!.getSelectedStepId());

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const requests: string[] = [];
  other.on('request', (r) => requests.push(r.url()));
  await other.goto(link);
  await waitReady(other);
  const selected = hops(other).locator('[aria-current="step"]');
  await expect(selected).toHaveCount(1);
  await expect(selected).toHaveText(hopText);
  expect(await other.evaluate(() => window.__podpath!.getSelectedStepId())).toBe(stepId);
  expect(await other.evaluate(() => window.__podpath!.getTrace()!.deliveredTo)).toEqual(delivered);
  await expect(other.getByRole('status', { name: 'Verdict' })).toContainText(
    `to ${delivered!.pod.name}`,
  );
  // The fragment is taken off the address once opened, and no request carried it.
  await expect.poll(() => new URL(other.url()).hash).toBe('');
  expect(requests.filter((r) => r.includes('pp1.'))).toEqual([]);
  await fresh.close();
});

test('opening a link keeps the previous work in Recent', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page);
  // Some work of the visitor's (the first scenario untouched would not be kept).
  await dragElement(page, 'Pod client', 40, 30);
  // Make a link to a gallery scenario.
  await page.getByRole('button', { name: 'Gallery' }).click();
  await page.getByRole('button', { name: 'Open Pod to pod on one node' }).click();
  await waitReady(page);
  const { link } = await shareAtHop(page, 2);
  await page.getByRole('button', { name: 'Done' }).click();

  // Back to the default scenario, edited.
  const menu = await openMenu(page);
  await menu.getByRole('menuitem', { name: /^Pod to a ClusterIP Service/ }).click();
  await waitReady(page);
  await expect(title(page)).toHaveText('Pod to a ClusterIP Service');
  await dragElement(page, 'Pod client', 80, 60);
  const moved = await layoutOf(page, 'Pod/default/client');
  expect(moved).not.toBeNull();

  // Opening the link (the fragment changes in the open page) replaces the scenario...
  await page.goto(link);
  await expect(title(page)).toHaveText('Pod to pod on one node');
  await waitReady(page);
  await expect(notice(page)).toContainText(
    'Your previous work, “Pod to a ClusterIP Service”, is in Recent.',
  );
  await expect(hops(page).locator('[aria-current="step"]')).toHaveCount(1, { timeout: 15_000 });

  // ...and the edited work is one click away.
  const again = await openMenu(page);
  const recent = again.getByRole('group', { name: 'Recent' });
  await expect(recent.getByRole('menuitem', { name: /^Pod to a ClusterIP Service/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/podpath-menu.png` });
  await page.keyboard.press('Escape');
  await notice(page).getByRole('button', { name: 'Reopen previous work' }).click();
  await waitReady(page);
  await expect(title(page)).toHaveText('Pod to a ClusterIP Service');
  expect(await layoutOf(page, 'Pod/default/client')).toEqual(moved);
});

test('a broken link says so and keeps the work', async ({ page }) => {
  await openApp(page);
  await dragElement(page, 'Pod web-2', -60, 40);
  const moved = await layoutOf(page, 'Pod/default/web-2');

  for (const [fragment, message] of [
    ['pp1.zVZJDsIwDPzKPAB6QOLCjTfw', /damaged/],
    ['pp1.<img src=x onerror=alert(1)>', /damaged/],
    ['pp9.abc', /does not hold a PodPath scenario/],
  ] as const) {
    await page.goto(`/#${fragment}`);
    const alert = page.getByRole('alert').filter({ hasText: 'The link could not be opened' });
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('Nothing was changed.');
    await expect(title(page)).toHaveText('Pod to a ClusterIP Service');
    expect(await layoutOf(page, 'Pod/default/web-2')).toEqual(moved);
  }
  // No markup from the link reached the page.
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('a first-time visitor opening a link is not told of earlier work they never had', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await openApp(page);
  await page.getByRole('button', { name: 'Gallery' }).click();
  await page.getByRole('button', { name: 'Open Pod to pod on one node' }).click();
  await waitReady(page);
  const { link } = await shareAtHop(page, 2);

  const fresh = await browser.newContext();
  const visitor = await fresh.newPage();
  await visitor.goto(link);
  await waitReady(visitor);
  await expect(title(visitor)).toHaveText('Pod to pod on one node');
  await expect(notice(visitor)).toContainText('Opened “Pod to pod on one node” from a link.');
  await expect(notice(visitor)).not.toContainText('previous work');
  await expect(notice(visitor).getByRole('button', { name: 'Reopen previous work' })).toHaveCount(
    0,
  );
  const recent = (await openMenu(visitor)).getByRole('group', { name: 'Recent' });
  await expect(recent.getByRole('menuitem')).toHaveCount(0);
  await fresh.close();
});

test('a reload brings back the edited work, and New asks first', async ({ page }) => {
  await openApp(page);
  await dragElement(page, 'Pod client', 120, 40);
  const moved = await layoutOf(page, 'Pod/default/client');
  expect(moved).not.toBeNull();
  await page.waitForTimeout(700); // the save waits for a pause in the edits

  await page.reload();
  await waitReady(page);
  expect(await layoutOf(page, 'Pod/default/client')).toEqual(moved);
  await expect(
    page.getByRole('region', { name: 'Cluster' }).getByRole('group', { name: 'Pod client' }),
  ).toBeVisible();

  const menu = await openMenu(page);
  await menu.getByRole('menuitem', { name: 'New scenario…' }).click();
  const ask = page.getByRole('dialog', { name: 'Start a new scenario?' });
  await expect(ask).toContainText('is kept in Recent');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(title(page)).toHaveText('Pod to a ClusterIP Service');

  await (await openMenu(page)).getByRole('menuitem', { name: 'New scenario…' }).click();
  await page.getByRole('button', { name: 'Empty cluster' }).click();
  await waitReady(page);
  await expect(title(page)).toHaveText('Untitled scenario');
  // Empty means empty: no nodes, and the canvas says what to add first.
  const canvas = page.getByRole('region', { name: 'Cluster' });
  await expect(canvas.getByText('An empty cluster')).toBeVisible();
  await expect(canvas.getByText(/start with a node from the palette/)).toBeVisible();
  expect(await page.evaluate(() => window.__podpath!.getDocument().cluster.nodes.length)).toBe(0);
  await page.waitForTimeout(700);
  await page.reload();
  await waitReady(page);
  await expect(title(page)).toHaveText('Untitled scenario');
  const recent = (await openMenu(page)).getByRole('group', { name: 'Recent' });
  await expect(recent.getByRole('menuitem', { name: /^Pod to a ClusterIP Service/ })).toBeVisible();
});

test('unreadable saved work gives a message, the default scenario, and is kept aside', async ({
  page,
}) => {
  await page.goto('/');
  await page.evaluate(() =>
    localStorage.setItem('podpath.work', '{"format":"podpath-scenario","vers'),
  );
  await page.reload();
  await waitReady(page);
  await expect(page.getByRole('alert').filter({ hasText: 'could not be opened' })).toContainText(
    'podpath.unreadable.work.',
  );
  await expect(title(page)).toHaveText('Pod to a ClusterIP Service');
  const kept = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('podpath.unreadable.'))
      .map((k) => localStorage.getItem(k)),
  );
  expect(kept).toEqual(['{"format":"podpath-scenario","vers']);
});

const YAML = `apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: default }
spec:
  replicas: 2
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers:
        - name: shop
          image: nginx
          ports: [{ containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: shop }
spec:
  selector: { app: shop }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: shop-config }
data: { greeting: hello }
`;

test('importing YAML by paste opens it, laid out, with a report of what was skipped', async ({
  page,
}) => {
  await openApp(page);
  await (await openMenu(page)).getByRole('menuitem', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  const box = dialog.getByRole('textbox', { name: 'YAML, scenario JSON or link' });

  // Broken YAML first: a clear message, and nothing changes.
  await box.fill('apiVersion: v1\nkind: Pod\nmetadata: { name: [broken\n');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText('nothing was loaded');
  await expect(title(page)).toHaveText('Pod to a ClusterIP Service');

  await box.fill(YAML);
  await dialog.getByRole('button', { name: 'Import' }).click();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByRole('region', { name: 'Imported' })).toContainText(
    '1 Deployment: shop',
  );
  await expect(report.getByRole('region', { name: 'Imported' })).toContainText('1 Service: shop');
  await expect(report.getByRole('region', { name: 'Added by PodPath' })).toContainText('2 Pods');
  // The untouched first scenario was nobody's work: nothing is said to be in Recent.
  await expect(report).not.toContainText('Your previous work');
  await expect(report).toContainText(/ConfigMap/);
  await page.screenshot({ path: `${SHOTS}/podpath-import-report.png` });
  await report.getByRole('button', { name: 'Done' }).click();

  await waitReady(page);
  await expect(title(page)).toHaveText('Imported Kubernetes YAML');
  const canvas = page.getByRole('region', { name: 'Cluster' });
  await expect(canvas.getByRole('group', { name: 'Service shop' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: /^Pod shop-/ })).toHaveCount(2);
});

test('a YAML file dropped on the canvas is imported', async ({ page }) => {
  await openApp(page);
  const drop = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'shop.yaml', { type: 'application/yaml' }));
    return data;
  }, YAML);
  const canvas = page.getByRole('region', { name: 'Cluster' });
  const target = canvas.getByRole('group', { name: 'Node node-1' });
  await target.dispatchEvent('dragover', { dataTransfer: drop });
  await expect(canvas).toContainText('Drop Kubernetes YAML');
  await target.dispatchEvent('drop', { dataTransfer: drop });
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('Imported from shop');
  await report.getByRole('button', { name: 'Done' }).click();
  await expect(title(page)).toHaveText('Imported from shop');
});

test('the gallery opens a scenario by topic and plays its flow', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Gallery' }).click();
  const gallery = page.getByRole('dialog', { name: 'Gallery' });
  for (const topic of ['Services', 'Pods', 'CNI', 'Ingress', 'DNS', 'NetworkPolicy']) {
    await expect(gallery.getByRole('region', { name: topic })).toBeVisible();
  }
  await page.screenshot({ path: `${SHOTS}/podpath-gallery.png` });
  const policy = gallery.getByRole('region', { name: 'NetworkPolicy' });
  await policy.getByRole('button', { name: /^Open Default deny/ }).click();
  await expect(gallery).toHaveCount(0);
  await waitReady(page);
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Dropped');
  await expect(notice(page)).toContainText('from the gallery');
});

test('embed mode shows the canvas and the hops, plays the flow, and cannot be edited', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await openApp(page);
  const { link } = await shareAtHop(page, 3);

  const fresh = await browser.newContext({ viewport: { width: 960, height: 540 } });
  const embed = await fresh.newPage();
  const url = new URL(link);
  await embed.goto(`/?embed${url.hash}`);
  await waitReady(embed);
  await expect(embed.getByRole('heading', { level: 1 })).toHaveText('Pod to a ClusterIP Service');
  await expect(hops(embed).locator('[aria-current="step"]')).toHaveCount(1);
  await expect(embed.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');
  for (const name of ['Scenario', 'Share', 'Gallery', 'Send']) {
    await expect(embed.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
  await expect(embed.getByRole('form', { name: 'Send a packet' })).toHaveCount(0);
  await expect(embed.getByRole('link', { name: /Open in PodPath/ })).toHaveAttribute(
    'href',
    `/${url.hash}`,
  );
  // Dragging does not move anything, and nothing is saved in the visitor's browser.
  const pod = embed.getByRole('group', { name: 'Pod client' });
  const before = (await pod.boundingBox())!;
  await dragElement(embed, 'Pod client', 120, 80);
  const after = (await pod.boundingBox())!;
  expect(after.x).toBeCloseTo(before.x, 0);
  expect(after.y).toBeCloseTo(before.y, 0);
  expect(await embed.evaluate(() => window.__podpath!.getDocument().layout)).toEqual({});
  await embed.waitForTimeout(600);
  expect(await embed.evaluate(() => localStorage.getItem('podpath.work'))).toBeNull();
  // The fragment stays: a slide deck can reload it.
  expect(new URL(embed.url()).hash).toBe(url.hash);
  await embed.screenshot({ path: `${SHOTS}/podpath-embed.png` });
  await fresh.close();
});

test('two tabs: work one tab saves over keeps the other tab’s work in Recent', async ({
  context,
}) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await openApp(first);
  await openApp(second);

  await (await openMenu(first)).getByRole('menuitem', { name: 'New scenario…' }).click();
  await first.getByRole('button', { name: 'Empty cluster' }).click();
  await expect(title(first)).toHaveText('Untitled scenario');
  await first.waitForTimeout(700);

  // The second tab still shows the default scenario; its edit is saved over the first tab's.
  await dragElement(second, 'Pod web-1', 40, 60);
  await second.waitForTimeout(700);

  await first.reload();
  await waitReady(first);
  await expect(title(first)).toHaveText('Pod to a ClusterIP Service');
  const recent = (await openMenu(first)).getByRole('group', { name: 'Recent' });
  await expect(recent.getByRole('menuitem', { name: /^Untitled scenario/ })).toBeVisible();
});

test('a link too long to paste comfortably offers the scenario file instead', async ({ page }) => {
  await openApp(page);
  await (await openMenu(page)).getByRole('menuitem', { name: 'Import…' }).click();
  const big = YAML.replace('replicas: 2', 'replicas: 400');
  await page.getByRole('textbox', { name: 'YAML, scenario JSON or link' }).fill(big);
  await page
    .getByRole('dialog', { name: 'Import' })
    .getByRole('button', { name: 'Import' })
    .click();
  await page
    .getByRole('dialog', { name: 'Import report' })
    .getByRole('button', { name: 'Done' })
    .click();
  await waitReady(page);

  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this scenario' });
  const note = dialog.getByRole('note', { name: 'Long link' });
  await expect(note).toContainText('longer than 2,000 characters');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    note.getByRole('button', { name: 'Export scenario file' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('imported-kubernetes-yaml.podpath.json');
  const saved = JSON.parse(
    await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        let text = '';
        stream.on('data', (chunk) => (text += chunk));
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      });
    }),
  );
  expect(saved).toMatchObject({ format: 'podpath-scenario', version: 1 });
  expect(saved.scenario.cluster.pods).toHaveLength(400);
});

test('a scenario file exported from the menu opens again from the file picker, at its hop', async ({
  page,
}) => {
  await openApp(page);
  await shareAtHop(page, 4);
  await page.getByRole('button', { name: 'Done' }).click();
  const stepId = await page.evaluate(() => window.__podpath!.getSelectedStepId());
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (await openMenu(page)).getByRole('menuitem', { name: 'Export scenario file' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('pod-to-a-clusterip-service.podpath.json');
  const file = await download.path();

  const [yamlDownload] = await Promise.all([
    page.waitForEvent('download'),
    (await openMenu(page)).getByRole('menuitem', { name: 'Export manifests' }).click(),
  ]);
  expect(yamlDownload.suggestedFilename()).toBe('pod-to-a-clusterip-service.yaml');

  await (await openMenu(page)).getByRole('menuitem', { name: 'New scenario…' }).click();
  await page.getByRole('button', { name: 'Empty cluster' }).click();
  await expect(title(page)).toHaveText('Untitled scenario');

  await (await openMenu(page)).getByRole('menuitem', { name: 'Import…' }).click();
  await page.getByLabel('Scenario or YAML file').setInputFiles(file);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report.getByRole('region', { name: 'Imported' })).toContainText('3 Pods');
  await report.getByRole('button', { name: 'Done' }).click();
  await expect(title(page)).toHaveText('Pod to a ClusterIP Service');
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getSelectedStepId()), { timeout: 15_000 })
    .toBe(stepId);
});
