/**
 * A canvas of 400 pods, as a cluster dump brings: zoomed out, each Deployment's pods on a node
 * are one card with a count; a click opens a card; a packet to a collapsed pod still flies, to
 * its card; "Find pod" opens the card holding the pod and selects it; zooming in opens them all.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SETTINGS, type PodSpec } from '../src/engine/spec.ts';
import type { ScenarioDocument } from '../src/scenario/scenarioDocument.ts';
import { expectPacketReaches, openScenario } from './bigCanvas.ts';

const NODES = 8;
const PODS = 400;

/** A client and 399 replicas of web on 8 nodes (web-i runs on node-(i mod 8 + 1)). */
function scenario(): ScenarioDocument {
  const nodes = Array.from({ length: NODES }, (_, i) => ({ name: `node-${i + 1}` }));
  const pods: PodSpec[] = [
    {
      name: 'client',
      nodeName: 'node-2',
      labels: { app: 'client' },
      containers: [{ name: 'curl', image: 'curlimages/curl' }],
    },
  ];
  for (let i = 1; i < PODS; i++) {
    pods.push({
      name: `web-${i}`,
      nodeName: nodes[i % NODES].name,
      labels: { app: 'web' },
      ownerRef: 'Deployment/web',
      containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 8080 }] }],
    });
  }
  return {
    title: 'Scale: 400 pods',
    cluster: {
      settings: DEFAULT_SETTINGS,
      nodes,
      pods,
      services: [
        { name: 'web', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      ],
    },
    layout: {},
    flow: {
      from: { kind: 'pod', namespace: 'default', name: 'client' },
      to: { kind: 'pod', namespace: 'default', name: 'web-200' },
      port: 8080,
      protocol: 'TCP',
      seed: 1,
    },
  };
}

const card = (page: Page, node: string) =>
  page.locator(`.react-flow__node[data-id="PodGroup/${node}/default/Deployment/web"]`);
const podNode = (page: Page, name: string) =>
  page.locator(`.react-flow__node[data-id="Pod/default/${name}"]`);

const open = (page: Page, play: boolean) => openScenario(page, scenario(), play);

test('zoomed out, replicas are cards with counts; a click opens one', async ({ page }) => {
  await open(page, false);
  // 399 replicas on 8 nodes: 49 on node-1 (web-8, web-16, ..., web-392), 50 on each other one.
  await expect(card(page, 'node-1')).toContainText('web×49');
  await expect(card(page, 'node-8')).toContainText('web×50');
  await expect(page.locator('.react-flow__node-podGroup')).toHaveCount(NODES);
  // Only the lone client is drawn as a pod.
  await expect(page.locator('.react-flow__node-pod')).toHaveCount(1);
  await expect(podNode(page, 'client')).toBeVisible();

  await card(page, 'node-3').click();
  await expect(card(page, 'node-3')).toHaveCount(0);
  await expect(podNode(page, 'web-2')).toBeAttached();
  await expect(page.locator('.react-flow__node-podGroup')).toHaveCount(NODES - 1);
  // Nothing was selected by opening a card.
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);
});

test('a packet to a collapsed pod flies to its card', async ({ page }) => {
  await open(page, true);
  const packet = page.getByTestId('packet');
  await expect(packet).toHaveAttribute('data-moving', 'true');
  // web-200 runs on node-1 and stays inside its card: on its way the packet reaches the card.
  await expect(podNode(page, 'web-200')).toHaveCount(0);
  const target = card(page, 'node-1');
  await expectPacketReaches(page, target);
  const trace = await page.evaluate(() => window.__podpath!.getTrace());
  expect(trace?.verdict).toBe('Delivered');
});

test('Find pod opens the card holding the pod and selects it', async ({ page }) => {
  await open(page, false);
  const find = page.getByRole('searchbox', { name: 'Find pod' });
  await find.fill('no-such-pod');
  await find.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'No pod is named like' })).toBeVisible();

  await find.fill('web-333');
  await find.press('Enter');
  // web-333 runs on node-6 (333 mod 8 = 5).
  await expect(podNode(page, 'web-333')).toHaveClass(/selected/);
  await expect(card(page, 'node-6')).toHaveCount(0);
  await expect(card(page, 'node-5')).toBeAttached();
});

test('zooming in opens every card', async ({ page }) => {
  await open(page, false);
  await expect(page.locator('.react-flow__node-podGroup')).toHaveCount(NODES);
  const zoomIn = page.getByRole('button', { name: 'Zoom in' });
  for (let i = 0; i < 20; i++) {
    if ((await page.locator('.react-flow__node-podGroup').count()) === 0) break;
    await zoomIn.click();
  }
  await expect(page.locator('.react-flow__node-podGroup')).toHaveCount(0);
  expect(await page.locator('.react-flow__node-pod').count()).toBeGreaterThan(0);
});
