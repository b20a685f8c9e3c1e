import { expect, test, type Page } from '@playwright/test';
import type { PodPathTestApi } from '../src/app/testApi.ts';

type Model = NonNullable<ReturnType<PodPathTestApi['getModel']>>;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function openApp(page: Page): Promise<Model> {
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  const model = await page.evaluate(() => window.__podpath?.getModel() ?? null);
  expect(model, 'the test API returns the model').not.toBeNull();
  return model as Model;
}

test('sends a packet from client to the web Service and explains every hop', async ({ page }) => {
  test.setTimeout(90_000);
  const model = await openApp(page);
  const client = model.pods.find((p) => p.name === 'client');
  const web = model.services.find((s) => s.name === 'web');
  const webPods = model.pods.filter((p) => p.labels.app === 'web');
  expect(client).toBeDefined();
  expect(web?.clusterIP).toBeTruthy();
  expect(webPods).toHaveLength(2);
  const clusterIP = escape(web!.clusterIP!);
  const webIPs = webPods.map((p) => escape(p.ip)).join('|');

  await expect(page.getByRole('heading', { name: 'Pod to a ClusterIP Service' })).toBeVisible();
  await expect(page.getByText('PodPath', { exact: true })).toBeVisible();

  const canvas = page.getByRole('region', { name: 'Cluster' });
  await expect(canvas.getByRole('group', { name: 'Node node-1' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Node node-2' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Pod client' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Pod web-1' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Pod web-2' })).toBeVisible();
  const service = canvas.getByRole('group', { name: 'Service web' });
  await expect(service).toBeVisible();
  await expect(service).toContainText(web!.clusterIP!);

  await page.getByRole('combobox', { name: 'Source' }).selectOption({
    label: `client — ${client!.ip}`,
  });
  await page.getByRole('combobox', { name: 'Destination' }).selectOption({
    label: `web — ${web!.clusterIP}`,
  });
  await expect(page.getByRole('spinbutton', { name: 'Port' })).toHaveValue('80');
  await page.getByRole('button', { name: 'Send' }).click();

  const hops = page.getByRole('list', { name: 'Hops', exact: true });
  await expect(hops).toBeVisible();
  // kube-proxy rewrites the ClusterIP to one of the two web pods (DNAT)...
  await expect(hops.getByRole('list', { name: 'Request hops' })).toContainText(
    new RegExp(`destination ${clusterIP}:80 → (${webIPs}):8080`),
  );
  // ...and conntrack rewrites the reply's source back to the ClusterIP.
  await expect(hops.getByRole('list', { name: 'Reply hops' })).toContainText(
    new RegExp(`source (${webIPs}):8080 → ${clusterIP}:80`),
  );
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');

  const trace = await page.evaluate(() => window.__podpath?.getTrace() ?? null);
  expect(trace?.verdict).toBe('Delivered');
  expect(webPods.map((p) => p.ip)).toContain(trace?.deliveredTo?.ip);

  // Let the packet finish its journey (it rests on the reply's last hop) before the picture.
  await expect(page.getByTestId('packet')).toHaveAttribute(
    'data-step',
    `reply-${trace!.reply.length - 1}`,
    { timeout: 45_000 },
  );
  await page.screenshot({ path: test.info().outputPath('skeleton.png') });
});

test('keeps working in the page when the simulation worker cannot start', async ({ page }) => {
  await page.route(/simulation\.worker/, (route) => route.abort());
  const model = await openApp(page);
  expect(model.nodes).toHaveLength(2);

  await expect(page.getByRole('alert')).toContainText(
    'Simulation worker failed: running in the page instead',
  );
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');
});
