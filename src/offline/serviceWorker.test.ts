/**
 * The offline service worker on a fake scope: it stores every file of the build when it
 * installs, answers page loads and the build's files from that store with the network off,
 * leaves other requests alone, drops older versions once active, and takes over only when the
 * page asks (the Service Worker spec's waiting state; the page offers a reload).
 */
import { describe, expect, it } from 'vitest';
import { OFFLINE_NAMES, runServiceWorker } from './serviceWorker.ts';
import { fakeWorkerScope } from './testing/fakeWorkerScope.ts';

const ORIGIN = 'https://podpath.example/app/';
const FILES = ['index.html', 'assets/index-1.js', 'assets/simulation.worker-2.js', 'favicon.svg'];

function served(version = 'v1', files = FILES) {
  const fake = fakeWorkerScope(`${ORIGIN}sw.js`);
  for (const f of files) fake.network.set(ORIGIN + f, `${version}:${f}`);
  runServiceWorker(fake.scope, { ...OFFLINE_NAMES, files, version });
  return fake;
}

describe('the offline service worker', () => {
  it('stores every file of the build when it installs', async () => {
    const fake = served();
    await fake.install();
    expect(fake.fetched.sort()).toEqual(FILES.map((f) => ORIGIN + f).sort());
    expect([...fake.caches.keys()]).toEqual(['podpath-v1']);
    expect([...fake.caches.get('podpath-v1')!.entries.keys()]).toHaveLength(FILES.length);
  });

  it('opens the app, a link and the embed with the network off', async () => {
    const fake = served();
    await fake.install();
    await fake.activate();
    fake.online = false;
    expect(await fake.request(ORIGIN, 'navigate')).toBe('v1:index.html');
    expect(await fake.request(`${ORIGIN}#pp1.abc`, 'navigate')).toBe('v1:index.html');
    expect(await fake.request(`${ORIGIN}?embed#pp1.abc`, 'navigate')).toBe('v1:index.html');
    expect(await fake.request(`${ORIGIN}assets/simulation.worker-2.js`)).toBe(
      'v1:assets/simulation.worker-2.js',
    );
  });

  it('leaves requests that are not files of the build to the browser', async () => {
    const fake = served();
    await fake.install();
    expect(await fake.request(`${ORIGIN}assets/other.js`)).toBeUndefined();
    expect(await fake.request('https://elsewhere.example/x.js')).toBeUndefined();
    expect(await fake.request('https://elsewhere.example/', 'navigate')).toBeUndefined();
  });

  it('does not install a version whose files cannot all be had', async () => {
    const fake = served();
    fake.network.delete(`${ORIGIN}assets/index-1.js`);
    await expect(fake.install()).rejects.toThrow(/index-1\.js: 404/);
  });

  it('drops the caches of other versions once active, and keeps what is not its own', async () => {
    const fake = served('v2');
    await (await fake.scope.caches.open('podpath-v1')).put(`${ORIGIN}index.html`, new Response());
    await fake.scope.caches.open('someone-else');
    await fake.install();
    await fake.activate();
    expect([...fake.caches.keys()].sort()).toEqual(['podpath-v2', 'someone-else']);
  });

  it('takes over only when the page asks', async () => {
    const fake = served();
    await fake.install();
    expect(fake.skippedWaiting).toBe(false);
    fake.message('hello');
    expect(fake.skippedWaiting).toBe(false);
    fake.message(OFFLINE_NAMES.takeOverMessage);
    expect(fake.skippedWaiting).toBe(true);
  });
});
