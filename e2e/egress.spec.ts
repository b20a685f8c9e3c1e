import { expect, test, type Page } from '@playwright/test';
import type { Trace } from '../src/engine/trace.ts';
import { openFromGallery, verdict } from './galleryHelpers.ts';

const SHOTS = process.env.PODPATH_SHOTS ?? 'test-results/shots';

const getTrace = (page: Page) =>
  page.evaluate(() => window.__podpath!.getTrace()) as Promise<Trace>;
const inspector = (page: Page) => page.getByRole('region', { name: 'Packet inspector' });

/** Pauses on the request hop `index` (0-based) by stepping from the first one. */
async function pauseAtHop(page: Page, index: number) {
  await page.getByRole('button', { name: 'First hop' }).click();
  const forward = page.getByRole('button', { name: 'Step forward' });
  for (let i = 0; i < index; i++) await forward.click();
  await expect(inspector(page).getByRole('heading', { level: 2 })).toContainText(
    `Hop ${index + 1} of`,
  );
}

test('a pod calls an API outside the cluster: default route, masquerade, the API sees the node', async ({
  page,
}) => {
  await openFromGallery(page, 'Leaving the cluster', 'A pod calls an API outside the cluster');
  await expect(verdict(page)).toContainText(
    'outside the cluster, to payments-api at 198.51.100.80:443',
  );
  const cluster = page.getByRole('region', { name: 'Cluster' });
  await expect(cluster.getByRole('group', { name: 'Outside service payments-api' })).toContainText(
    'https 443/TCP',
  );

  const trace = await getTrace(page);
  const masq = trace.hops.findIndex((h) => h.verdict === 'Translated');
  expect(masq).toBeGreaterThan(0);
  const { before, after } = trace.hops[masq];
  await pauseAtHop(page, masq);
  await expect(inspector(page).getByLabel('Source IP changed')).toHaveText(
    `${before.src.ip} → ${after.src.ip}`,
  );
  await expect(inspector(page).getByRole('list', { name: 'Decisions' })).toContainText(
    'FLANNEL-POSTRTG',
  );
  await expect(inspector(page).getByLabel('Explanation')).toContainText('--ip-masq');
  await page.screenshot({ path: `${SHOTS}/podpath-egress-masquerade.png` });

  // The reply comes back through conntrack to the pod.
  expect(trace.reply.some((h) => h.decisions?.some((d) => d.kind === 'conntrack'))).toBe(true);
  expect(trace.seenSource).toBe(after.src.ip);
});

test('an egress policy stops the same call at the pod and names the rule', async ({ page }) => {
  await openFromGallery(page, 'Leaving the cluster', 'An egress policy stops it at the pod');
  await expect(verdict(page)).toContainText('Dropped');
  await expect(verdict(page)).toContainText('a NetworkPolicy does not allow it');
  await page.getByRole('button', { name: 'Last hop' }).click();
  await expect(inspector(page).getByLabel('Explanation')).toContainText('test-network-policy');
  await expect(inspector(page).getByLabel('Explanation')).toContainText('egress');
  const trace = await getTrace(page);
  expect(trace.reason).toBe('PolicyDenied');
  expect(trace.hops.some((h) => h.location.device === 'routing table')).toBe(false);
});

test('the ExternalName flow shows the TCP connection leaving the pod after the CNAME', async ({
  page,
}) => {
  await openFromGallery(page, 'Services', 'An ExternalName Service');
  await expect(verdict(page)).toContainText('outside the cluster, to api.payments.example.com');
  const trace = await getTrace(page);
  expect(trace.lookup?.verdict).toBe('Delivered');
  // Every hop of the connection has its own TCP headers, on to the node's masquerade.
  for (const h of trace.hops) {
    expect(h.before.protocol).toBe('TCP');
    expect(h.before.dst.port).toBe(443);
  }
  expect(trace.hops.some((h) => h.verdict === 'Translated')).toBe(true);
  const requestHops = page.getByRole('list', { name: 'Request hops' });
  await requestHops.getByRole('button').first().click();
  await expect(inspector(page).getByLabel('Explanation')).toContainText('CNAME');
  await expect(inspector(page).getByLabel('Explanation')).toContainText('TCP connection');
});

test('an outside service is a destination in the probe bar', async ({ page }) => {
  await openFromGallery(page, 'Leaving the cluster', 'The database the policy allows');
  await expect(verdict(page)).toContainText('to orders-db at 10.0.0.5:5978');
  await page
    .getByRole('combobox', { name: 'Destination' })
    .selectOption({ label: 'payments-api (outside) — 198.51.100.80:443' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(verdict(page)).toContainText('Dropped');
  await page
    .getByRole('combobox', { name: 'Destination' })
    .selectOption({ label: 'payments-api — api.payments.example.com' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(verdict(page)).toContainText('Dropped');
  // The policy allows only 10.0.0.0/24 on TCP 5978, so even the DNS lookup is dropped.
  const trace = await getTrace(page);
  expect(trace.lookup?.reason).toBe('PolicyDenied');
});
