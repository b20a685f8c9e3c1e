/**
 * A cluster of 241 pods in two namespaces, seen from far away: each namespace is one island
 * with its counts, and the node frames left empty are one strip that opens into them; a click
 * opens an island into its node frames (shrunk around its cards) and a card into its pods;
 * zooming in opens everything and zooming out folds it again; "Find pod" opens the island and
 * the card holding the pod; a packet to a folded pod flies to its island.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { PodSpec } from '../src/engine/spec.ts';
import type { ScenarioDocument } from '../src/scenario/scenarioDocument.ts';
import { appsScenario, expectPacketReaches, openScenario } from './bigCanvas.ts';

const NODES = 4;
const PER_APP = 80;

/** A client in shop; 80 replicas each of web (shop), api (shop) and pay (pay), on 4 nodes. */
function scenario(): ScenarioDocument {
  const nodes = Array.from({ length: NODES }, (_, i) => ({ name: `node-${i + 1}` }));
  const pods: PodSpec[] = [
    {
      name: 'client',
      namespace: 'shop',
      nodeName: 'node-1',
      labels: { app: 'client' },
      containers: [{ name: 'curl', image: 'curlimages/curl' }],
    },
  ];
  const apps = [
    { name: 'web', namespace: 'shop' },
    { name: 'api', namespace: 'shop' },
    { name: 'pay', namespace: 'pay' },
  ];
  for (const app of apps) {
    for (let i = 0; i < PER_APP; i++) {
      pods.push({
        name: `${app.name}-${i}`,
        namespace: app.namespace,
        nodeName: nodes[i % NODES].name,
        labels: { app: app.name },
        ownerRef: `Deployment/${app.name}`,
        containers: [{ name: app.name, image: 'nginx', ports: [{ containerPort: 8080 }] }],
      });
    }
  }
  return appsScenario({
    title: 'Islands: 241 pods',
    nodes,
    pods,
    apps,
    from: { namespace: 'shop', name: 'client' },
    to: { namespace: 'pay', name: 'pay-42' },
  });
}

const island = (page: Page, ns: string) =>
  page.locator(`.react-flow__node[data-id="Island/${ns}"]`);
const card = (page: Page, node: string, ns: string, app: string) =>
  page.locator(`.react-flow__node[data-id="PodGroup/${node}/${ns}/Deployment/${app}"]`);
const podNode = (page: Page, ns: string, name: string) =>
  page.locator(`.react-flow__node[data-id="Pod/${ns}/${name}"]`);
const islands = (page: Page) => page.locator('.react-flow__node-island');
const strip = (page: Page) => page.locator('.react-flow__node-nodeStrip');

const open = (page: Page, play: boolean) => openScenario(page, scenario(), play);

/** Presses a zoom button until the locator has the count wanted. */
async function zoomUntil(page: Page, button: 'Zoom in' | 'Zoom out', what: Locator, count: number) {
  const zoom = page.getByRole('button', { name: button });
  for (let i = 0; i < 30 && (await what.count()) !== count; i++) {
    await zoom.click();
    await page.waitForTimeout(50);
  }
  await expect(what).toHaveCount(count);
}

test('zoomed out far, each namespace is an island; clicks open islands and cards', async ({
  page,
}) => {
  await open(page, false);
  await zoomUntil(page, 'Zoom out', islands(page), 2);
  await expect(island(page, 'shop')).toContainText('161 pods · 8 groups · 2 Services');
  await expect(island(page, 'pay')).toContainText('80 pods · 4 groups · 1 Service');
  // Nothing of either namespace is drawn apart from its island.
  await expect(page.locator('.react-flow__node-pod')).toHaveCount(0);
  await expect(page.locator('.react-flow__node-podGroup')).toHaveCount(0);
  await expect(page.locator('.react-flow__node-service')).toHaveCount(0);
  // The node frames, left empty, are one strip saying how many nodes, with no links between them.
  await expect(page.locator('.react-flow__node-frame')).toHaveCount(0);
  await expect(strip(page)).toContainText('4 nodes · node-1 … node-4');
  await expect(page.getByTestId('tunnel-links')).toHaveCount(0);

  await island(page, 'pay').click();
  await expect(island(page, 'pay')).toHaveCount(0);
  await expect(island(page, 'shop')).toBeAttached();
  // Pay's pods run on every node: the frames are back and the strip is gone.
  await expect(page.locator('.react-flow__node-frame')).toHaveCount(NODES);
  await expect(strip(page)).toHaveCount(0);
  // Pay's pods are folded into one card per node, in a frame shrunk around it.
  await expect(page.locator('.react-flow__node-podGroup')).toHaveCount(NODES);
  const frame = page.locator('.react-flow__node[data-id="Node/node-2"]');
  const groupCard = card(page, 'node-2', 'pay', 'pay');
  const [frameBox, cardBox] = await Promise.all([frame.boundingBox(), groupCard.boundingBox()]);
  expect(frameBox!.height).toBeLessThan(cardBox!.height * 3);

  await groupCard.click();
  await expect(groupCard).toHaveCount(0);
  await expect(podNode(page, 'pay', 'pay-1')).toBeAttached();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);

  // Zooming in opens the remaining island; zooming out folds it again.
  await zoomUntil(page, 'Zoom in', islands(page), 0);
  await expect(card(page, 'node-1', 'shop', 'web')).toBeAttached();
  await zoomUntil(page, 'Zoom out', island(page, 'shop'), 1);
});

test('the strip of folded nodes opens into the node frames and their links', async ({ page }) => {
  await open(page, false);
  await zoomUntil(page, 'Zoom out', islands(page), 2);
  await expect(page.locator('.react-flow__node-frame')).toHaveCount(0);
  await strip(page).click();
  await expect(strip(page)).toHaveCount(0);
  await expect(page.locator('.react-flow__node-frame')).toHaveCount(NODES);
  await expect(page.locator('.react-flow__node[data-id="Node/node-3"]')).toBeVisible();
  await expect(page.getByTestId('tunnel-links').locator('[data-link]')).toHaveCount(NODES - 1);
  // Both islands stay folded, and nothing was selected by opening the strip.
  await expect(islands(page)).toHaveCount(2);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);
});

test('Find pod opens the island and the card holding the pod', async ({ page }) => {
  await open(page, false);
  await zoomUntil(page, 'Zoom out', islands(page), 2);
  const find = page.getByRole('searchbox', { name: 'Find pod' });
  await find.fill('api-13');
  await find.press('Enter');
  await expect(podNode(page, 'shop', 'api-13')).toHaveClass(/selected/);
  await expect(island(page, 'shop')).toHaveCount(0);
  await expect(island(page, 'pay')).toBeAttached();
  // api-13 runs on node-2 (13 mod 4 = 1): that card is open, the others stay folded.
  await expect(card(page, 'node-2', 'shop', 'api')).toHaveCount(0);
  await expect(card(page, 'node-3', 'shop', 'api')).toBeAttached();
});

test('a packet to a pod inside an island flies to the island', async ({ page }) => {
  await open(page, false);
  await zoomUntil(page, 'Zoom out', islands(page), 2);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const target = island(page, 'pay');
  await expectPacketReaches(page, target);
  const trace = await page.evaluate(() => window.__podpath!.getTrace());
  expect(trace?.verdict).toBe('Delivered');
});
