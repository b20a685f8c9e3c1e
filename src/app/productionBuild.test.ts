/**
 * The production build as a visitor downloads it: built once with the repository's Vite config,
 * then read file by file. Browser tests run a build made for them (mode e2e); these checks are
 * about the one that ships.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';

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
});
