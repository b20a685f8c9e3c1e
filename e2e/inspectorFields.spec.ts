import { expect, test, type Page } from '@playwright/test';
import type { PodPathTestApi } from '../src/app/testApi.ts';
import { DEFAULT_SETTINGS } from '../src/engine/spec.ts';

type Document = ReturnType<PodPathTestApi['getDocument']>;

const SCENARIO: Document = {
  title: 'Inspector fields',
  cluster: {
    settings: DEFAULT_SETTINGS,
    nodes: [{ name: 'node-1' }],
    pods: [
      {
        name: 'web',
        nodeName: 'node-1',
        labels: { app: 'web' },
        containers: [{ name: 'app', ports: [{ containerPort: 8080 }] }],
      },
    ],
    services: [
      {
        name: 'web',
        type: 'LoadBalancer',
        selector: { app: 'web' },
        ports: [{ port: 80, targetPort: 8080 }],
      },
    ],
  },
  layout: {},
};

const settle = (page: Page) => page.waitForFunction(() => window.__podpath?.ready === true);
const documentOf = (page: Page) =>
  page.evaluate(() => window.__podpath!.getDocument()) as Promise<Document>;
const inspectorOf = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const undo = (page: Page) =>
  page
    .getByRole('region', { name: 'Cluster' })
    .getByRole('toolbar', { name: 'Canvas tools' })
    .getByRole('button', { name: 'Undo' })
    .click();

async function open(page: Page, element: string) {
  await page.goto('/');
  await settle(page);
  await page.evaluate((doc) => window.__podpath?.loadScenario(doc, { play: false }), SCENARIO);
  await settle(page);
  await page
    .getByRole('region', { name: 'Cluster' })
    .getByRole('group', { name: element, exact: true })
    .click({ position: { x: 60, y: 14 } });
}

test('a Service: publish not-ready addresses and allocate node ports, each one undo step', async ({
  page,
}) => {
  await open(page, 'Service web');
  const inspector = inspectorOf(page);
  const publish = inspector.getByRole('checkbox', { name: 'Publish not-ready addresses' });
  await expect(publish).not.toBeChecked();
  await expect(inspector.getByText('DNS publishes them and traffic reaches them')).toBeVisible();
  await publish.check();
  await settle(page);
  expect((await documentOf(page)).cluster.services[0].publishNotReadyAddresses).toBe(true);
  await undo(page);
  await settle(page);
  expect((await documentOf(page)).cluster.services[0].publishNotReadyAddresses).toBeUndefined();

  const allocate = inspector.getByRole('checkbox', { name: 'Allocate node ports' });
  await expect(allocate).toBeChecked();
  await allocate.uncheck();
  await settle(page);
  expect((await documentOf(page)).cluster.services[0].allocateLoadBalancerNodePorts).toBe(false);
  await undo(page);
  await settle(page);
  expect(
    (await documentOf(page)).cluster.services[0].allocateLoadBalancerNodePorts,
  ).toBeUndefined();
});

test('a Pod: service links off leaves only the KUBERNETES_* variables, one undo step', async ({
  page,
}) => {
  await open(page, 'Pod web');
  const inspector = inspectorOf(page);
  const links = inspector.getByRole('checkbox', { name: 'Service links' });
  await expect(links).toBeChecked();
  await expect(inspector.getByText('only the KUBERNETES_* variables')).toBeVisible();
  await links.uncheck();
  await settle(page);
  expect((await documentOf(page)).cluster.pods[0].enableServiceLinks).toBe(false);
  await undo(page);
  await settle(page);
  expect((await documentOf(page)).cluster.pods[0].enableServiceLinks).toBeUndefined();
  await expect(links).toBeChecked();
});
