import { expect, test, type Page } from '@playwright/test';
import type { Trace } from '../src/engine/trace.ts';

const SHOTS = process.env.PODPATH_SHOTS ?? 'test-results/shots';

const verdict = (page: Page) => page.getByRole('status', { name: 'Verdict' });

test('a pod calls the API server: kubernetes.default, 10.96.0.1:443, the API server on 6443', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await page.getByRole('button', { name: 'Gallery' }).click();
  const gallery = page.getByRole('dialog', { name: 'Gallery' });
  await gallery
    .getByRole('region', { name: 'Control plane' })
    .getByRole('button', { name: 'Open A pod calls the API server' })
    .click();
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await expect(verdict(page)).toContainText('to kube-apiserver-node-1 at 192.168.49.2:6443');

  const trace = (await page.evaluate(() => window.__podpath!.getTrace())) as Trace;
  const dnat = trace.hops.findIndex((h) => h.location.place === 'KubeProxy');
  expect(trace.hops[dnat].before.dst).toEqual({ ip: '10.96.0.1', port: 443 });

  // The control plane is drawn with the system objects.
  const cluster = page.getByRole('region', { name: 'Cluster' });
  await expect(cluster.getByRole('group', { name: 'Service kubernetes' })).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'System pods' }).check();
  await expect(cluster.getByRole('group', { name: 'Pod kube-apiserver-node-1' })).toBeVisible();
  await expect(cluster.getByRole('group', { name: 'Service kubernetes' })).toBeVisible();

  // Paused on the DNAT: the inspector shows the ClusterIP turned into the API server's address.
  const requestHops = page.getByRole('list', { name: 'Request hops' });
  await requestHops.getByRole('button').nth(dnat).click();
  const inspector = page.getByRole('region', { name: 'Packet inspector' });
  await expect(inspector.getByLabel('Destination IP changed')).toHaveText(
    '10.96.0.1 → 192.168.49.2',
  );
  await page.screenshot({ path: `${SHOTS}/podpath-api-server.png` });
});
