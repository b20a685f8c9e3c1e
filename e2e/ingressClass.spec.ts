import { expect, test, type Page } from '@playwright/test';
import type { Trace } from '../src/engine/trace.ts';
import { openFromGallery, verdict } from './galleryHelpers.ts';

const getTrace = (page: Page) =>
  page.evaluate(() => window.__podpath!.getTrace()) as Promise<Trace>;
const requestHops = (page: Page) =>
  page.getByRole('list', { name: 'Hops', exact: true }).getByRole('list', { name: 'Request hops' });

test('an Ingress of another class: the controller answers 404 and says which Ingress it skipped', async ({
  page,
}) => {
  await openFromGallery(page, 'Ingress', 'An Ingress of another class gets the 404');
  await expect(verdict(page)).toContainText('Dropped');
  const last = requestHops(page).getByRole('listitem').last();
  await expect(last).toContainText('answers 404 Not Found');
  await expect(last).toContainText('Ingress blog would match');
  await expect(last).toContainText('has class traefik');
  const trace = await getTrace(page);
  expect(trace.reason).toBe('NoIngressRule');
  expect(trace.http?.status).toBe(404);
});

test('plain HTTP to a host with TLS: ingress-nginx answers 308 to https, no backend hop', async ({
  page,
}) => {
  await openFromGallery(page, 'Ingress', 'Plain HTTP to a host with TLS gets a 308');
  const last = requestHops(page).getByRole('listitem').last();
  await expect(last).toContainText(
    '308 Permanent Redirect with Location: https://shop.example.com/cart',
  );
  const trace = await getTrace(page);
  expect(trace.http).toMatchObject({ status: 308, location: 'https://shop.example.com/cart' });
  expect(trace.hops.at(-1)!.location.place).toBe('IngressController');
  expect(trace.hops.some((h) => h.location.at?.name === 'web')).toBe(false);
});
