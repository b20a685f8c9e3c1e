/**
 * The production build as a visitor downloads it: built once with the repository's Vite config,
 * then read file by file. Browser tests run a build made for them (mode e2e); these checks are
 * about the one that ships.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../build/contentSecurityPolicy.ts';
import { OFFLINE_NAMES } from '../offline/serviceWorker.ts';
import { fakeWorkerScope } from '../offline/testing/fakeWorkerScope.ts';

const outDir = mkdtempSync(join(tmpdir(), 'podpath-production-'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

beforeAll(async () => {
  await build({
    configFile: join(import.meta.dirname, '../../vite.config.ts'),
    mode: 'production',
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
}, 240_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the production build', () => {
  it('carries no test hook on window', () => {
    const scripts = filesUnder(outDir).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const hooked = scripts.filter((f) => readFileSync(f, 'utf8').includes('__podpath'));
    expect(hooked.map((f) => relative(outDir, f))).toEqual([]);
  });

  it('runs under its Content-Security-Policy: declared before any script, nothing inline', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const policy = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(policy).toBeGreaterThan(0);
    expect(policy).toBeLessThan(html.indexOf('<script'));
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|\*/);
    // Every script is a file of the site; no inline code, no inline handlers.
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/ src="\//);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/ on[a-z]+=/);
  });

  it('is installable: a manifest with a name, a start page and icons that exist', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"');
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.webmanifest'), 'utf8'));
    expect(manifest).toMatchObject({ name: expect.any(String), start_url: './' });
    expect(manifest.display).toBe('standalone');
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect(filesUnder(outDir)).toContain(join(outDir, icon.src));
  });

  it('ships a service worker that stores every file and opens the app with the network off', async () => {
    const files = filesUnder(outDir)
      .map((f) => relative(outDir, f))
      .filter((f) => f !== 'sw.js');
    const origin = 'https://podpath.example/';
    const fake = fakeWorkerScope(`${origin}sw.js`);
    for (const f of files) fake.network.set(origin + f, readFileSync(join(outDir, f), 'utf8'));
    // The file as the browser runs it: a classic script with `self` as its global.
    runInNewContext(readFileSync(join(outDir, 'sw.js'), 'utf8'), {
      self: fake.scope,
      URL,
      Request,
      Promise,
      Set,
      Error,
    });
    await fake.install();
    expect(fake.fetched.sort()).toEqual(files.map((f) => origin + f).sort());
    expect(files.some((f) => /simulation\.worker-.*\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /import\.worker-.*\.js$/.test(f))).toBe(true);
    await fake.activate();
    fake.online = false;
    const page = await fake.request(`${origin}?embed#pp1.x`, 'navigate');
    expect(page).toBe(readFileSync(join(outDir, 'index.html'), 'utf8'));
    const entry = /src="\/(assets\/index-[^"]+\.js)"/.exec(page!)![1];
    expect(await fake.request(origin + entry)).toBe(readFileSync(join(outDir, entry), 'utf8'));
    fake.message(OFFLINE_NAMES.takeOverMessage);
    expect(fake.skippedWaiting).toBe(true);
  });
});
