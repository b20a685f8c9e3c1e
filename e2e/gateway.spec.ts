/**
 * Layer 7 in the browser: a request routed through a Gateway hop by hop, a weighted split over
 * "send 20", a redirect answered at the gateway, a route whose backend is not allowed, a
 * Cilium HTTP rule that answers 403 (and its L7 cell in the matrix), and an Ingress converted
 * to the Gateway API.
 */
import { expect as baseExpect, test, type Page } from '@playwright/test';
import type { PodPathTestApi } from '../src/app/testApi.ts';

type Trace = NonNullable<ReturnType<PodPathTestApi['getTrace']>>;

// The engine answers in a worker on a machine that may be busy: give each step room.
const expect = baseExpect.configure({ timeout: 20_000 });

async function openGallery(page: Page, title: string) {
  test.setTimeout(150_000);
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await page.getByRole('button', { name: 'Gallery' }).click();
  await page
    .getByRole('dialog', { name: 'Gallery' })
    .getByRole('button', { name: `Open ${title}` })
    .click();
  await page.waitForFunction(() => window.__podpath?.getTrace() != null);
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

const getTrace = (page: Page) =>
  page.evaluate(() => window.__podpath!.getTrace()) as Promise<Trace>;
const currentStep = (page: Page) => page.evaluate(() => window.__podpath!.getSelectedStepId());
const verdict = (page: Page) => page.getByRole('status', { name: 'Verdict' });
const canvas = (page: Page) => page.getByRole('region', { name: 'Cluster' });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });

test('a request goes through the Gateway hop by hop: the load balancer, Envoy’s rule, the pod', async ({
  page,
}) => {
  await openGallery(page, 'Gateway API: host and path routing');
  await expect(verdict(page)).toContainText('Delivered');
  const trace = await getTrace(page);
  expect(trace.http).toMatchObject({
    gateway: 'default/eg',
    route: 'default/shop',
    rule: 1,
    backend: { namespace: 'default', service: 'api', port: 80 },
  });
  const routed = trace.hops.findIndex(
    (h) => h.location.place === 'GatewayProxy' && h.verdict === 'Translated',
  );
  expect(routed, 'Envoy picks the rule and opens its own connection').toBeGreaterThan(1);

  // Like a debugger: from the first hop, one step at a time, to Envoy's decision.
  await page.getByRole('button', { name: 'First hop' }).click();
  expect(await currentStep(page)).toBe('request-0');
  const packet = page.getByRole('region', { name: 'Packet inspector' });
  await expect(packet.getByLabel('Explanation')).toContainText('load balancer');
  const forward = page.getByRole('button', { name: 'Step forward' });
  for (let i = 0; i < routed; i++) await forward.click();
  expect(await currentStep(page)).toBe(`request-${routed}`);
  await expect(packet.getByLabel('Explanation')).toContainText(
    'rule 1 of HTTPRoute default/shop matches',
  );
  await expect(packet.getByLabel('Explanation')).toContainText('X-Forwarded-For: 198.51.100.7');
  // Envoy connects from its own pod: the source becomes the proxy's address.
  await expect(packet.getByLabel('Source IP changed')).toContainText('198.51.100.7 → 10.244.');
  // Why the other rules did not take it.
  await expect(packet.getByRole('list', { name: 'Decisions' })).toContainText(
    'outranked: rule 2 of default/shop',
  );

  // The last hop of the request is the api pod.
  await page.getByRole('button', { name: 'Last hop' }).click();
  expect(trace.deliveredTo?.pod.name).toMatch(/^api-/);
});

test('a canary split 90/10 shows over 20 requests', async ({ page }) => {
  await openGallery(page, 'Gateway API: a canary split 90/10');
  await page.getByRole('button', { name: '20 at once' }).click();
  const spread = page.getByRole('region', { name: 'Spread over endpoints' });
  await expect(spread).toContainText('Envoy splits the rule’s requests by backend weight');
  const rows = spread.getByRole('list', { name: 'Requests per endpoint' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  const traces = (await page.evaluate(() => window.__podpath!.getBatchTraces())) as Trace[];
  const canary = traces.filter((t) => t.http?.backend?.service === 'app-canary').length;
  expect(traces).toHaveLength(20);
  expect(canary).toBeGreaterThan(0);
  expect(canary).toBeLessThan(8);
  await expect(rows.filter({ hasText: 'app-canary-1' })).toHaveAttribute(
    'aria-label',
    `app-canary-1: ${canary} of 20`,
  );
});

test('a plain-HTTP request is redirected at the gateway and goes no further', async ({ page }) => {
  await openGallery(page, 'Gateway API: redirect HTTP to HTTPS');
  const trace = await getTrace(page);
  expect(trace.http?.status).toBe(301);
  expect(trace.deliveredTo?.pod.namespace).toBe('envoy-gateway-system');
  const last = trace.hops.at(-1)!;
  expect(last.location.place).toBe('GatewayProxy');
  expect(trace.reply[0].explanation).toContain('Location: https://shop.example.com/cart');
});

test('a backend in another namespace without a ReferenceGrant: 500, and the route says why', async ({
  page,
}) => {
  await openGallery(page, 'Gateway API: a backend in another namespace, no ReferenceGrant');
  await expect(verdict(page)).toContainText('Dropped');
  expect((await getTrace(page)).http?.status).toBe(500);
  await canvas(page)
    .getByRole('group', { name: 'HTTPRoute store', exact: true })
    .click({ position: { x: 60, y: 14 } });
  const status = inspector(page).getByRole('list', { name: 'Route status' });
  await expect(status).toContainText('ResolvedRefs False (RefNotPermitted)');
  await expect(status).toContainText('no ReferenceGrant in payments lets HTTPRoutes from store');
});

test('a Cilium HTTP rule answers 403, and the matrix marks the connection L7', async ({ page }) => {
  await openGallery(page, 'Cilium: an HTTP-aware policy answers 403');
  const trace = await getTrace(page);
  expect(trace).toMatchObject({ verdict: 'Dropped', reason: 'HttpDenied' });
  expect(trace.http?.status).toBe(403);

  await page.getByRole('button', { name: 'Policies' }).click();
  const workbench = page.getByRole('region', { name: 'NetworkPolicy workbench' });
  // The why panel names the Cilium rule that let the connection in and the 403 at layer 7.
  const why = workbench.getByRole('region', { name: 'Why' });
  await expect(why).toContainText('Allowed by CiliumNetworkPolicy web-read-only, ingress rule 1');
  await expect(why.getByLabel('Layer 7')).toContainText('HTTP request denied with 403');

  // The matrix on TCP 8080: the client is kept out, Envoy's connection goes through L7 rules.
  await workbench.getByRole('button', { name: 'TCP 8080' }).click();
  await expect(
    workbench.getByRole('button', { name: 'From default/client to default/web-1: denied' }),
  ).toBeVisible();
  await page.getByRole('checkbox', { name: 'System pods' }).check();
  const l7 = workbench.getByRole('button', {
    name: /^From envoy-gateway-system\/.* to default\/web-1: allowed, each HTTP request checked by Cilium \(L7\)$/,
  });
  await expect(l7).toHaveText('L7');
  await page.waitForFunction(() => window.__podpath?.getReachability() != null);

  // The workbench edits the Cilium policy as YAML.
  await workbench
    .getByRole('combobox', { name: 'Policy' })
    .selectOption({ label: 'CNP web-read-only' });
  await expect(workbench.getByLabel('What the policy does')).toContainText('enforced by Cilium');
});

test('an Ingress converted to the Gateway API takes the same request to the same Service', async ({
  page,
}) => {
  await openGallery(page, 'Ingress with host and path rules and TLS');
  const before = await getTrace(page);
  expect(before.deliveredTo?.pod.name).toMatch(/^api/);
  await canvas(page)
    .getByRole('group', { name: 'Ingress shop', exact: true })
    .click({ position: { x: 60, y: 14 } });
  const offer = inspector(page).getByRole('region', { name: 'Convert to Gateway API' });
  await expect(offer).toContainText('retired ingress-nginx');
  await expect(offer).toContainText('HTTPRoute default/shop-shop-example-com');
  await offer.getByRole('button', { name: 'Convert to Gateway API' }).click();
  await expect(
    canvas(page).getByRole('group', { name: 'Gateway nginx', exact: true }),
  ).toBeVisible();
  await page.waitForFunction(() => window.__podpath?.getTrace()?.http?.gateway === 'default/nginx');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  const after = await getTrace(page);
  expect(after.http).toMatchObject({ route: 'default/shop-shop-example-com', rule: 1 });
  expect(after.deliveredTo?.pod.name).toMatch(/^api/);
  // The Ingress stays, to compare.
  await expect(
    canvas(page).getByRole('group', { name: 'Ingress shop', exact: true }),
  ).toBeVisible();
});
