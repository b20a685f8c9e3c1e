/**
 * Browser benchmark for the packet animation: frame times with 200 packets in flight over a
 * 300-pod scenario, and for the same canvas with none. Builds the app into a temporary folder,
 * serves it, drives headless Chromium with Playwright, and prints p50 and p95 frame times and
 * the main thread's work per frame (script, style and layout, from Chromium's own counters).
 *
 *   npm run bench:browser
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import type {} from '../src/app/testApi.ts';
import type { ContainerSpec, PodSpec } from '../src/engine/spec.ts';
import { DEFAULT_SETTINGS } from '../src/engine/spec.ts';
import type { ScenarioDocument } from '../src/scenario/scenarioDocument.ts';

// Not 4190: fetch refuses it (a "bad port" in the Fetch standard).
const PORT = Number(process.env.BENCH_PORT ?? 4391);
const PACKETS = 200;
const NODES = 10;
const PODS = 300;
const MEASURE_MS = 4000;
/** A frame at 60 Hz; p95 beyond 1.5 frames is visible stutter. */
const FRAME_BUDGET_MS = 1000 / 60;

/** 300 pods on 10 nodes: a client and 299 replicas of web behind one Service. */
function scenario(): ScenarioDocument {
  const web: ContainerSpec = {
    name: 'web',
    image: 'nginx',
    ports: [{ name: 'http', containerPort: 8080 }],
  };
  const nodes = Array.from({ length: NODES }, (_, i) => ({ name: `node-${i + 1}` }));
  const pods: PodSpec[] = [
    {
      name: 'client',
      nodeName: 'node-1',
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
      containers: [web],
    });
  }
  return {
    title: `Benchmark: ${PODS} pods on ${NODES} nodes`,
    cluster: {
      settings: DEFAULT_SETTINGS,
      nodes,
      pods,
      services: [
        {
          name: 'web',
          selector: { app: 'web' },
          ports: [{ name: 'http', port: 80, targetPort: 8080 }],
        },
      ],
    },
    layout: {},
    flow: {
      from: { kind: 'pod', namespace: 'default', name: 'client' },
      to: { kind: 'name', name: 'web' },
      port: 80,
      protocol: 'TCP',
      seed: 1,
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Frame-to-frame times for `ms` of requestAnimationFrame in the page. */
async function measureFrames(page: Page, ms: number): Promise<number[]> {
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  return page.evaluate(`new Promise((resolve) => {
    const times = [];
    let last = -1;
    let end = -1;
    const frame = (now) => {
      if (last >= 0) times.push(now - last);
      else end = now + ${ms};
      last = now;
      if (now < end || end < 0) requestAnimationFrame(frame);
      else resolve(times);
    };
    requestAnimationFrame(frame);
  })`);
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  let last = '';
  while (Date.now() - start < timeoutMs) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch (error) {
      // Not up yet.
      last = String((error as { cause?: unknown }).cause ?? error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The preview server at ${url} did not start (${last}).`);
}

type Metrics = Record<string, number>;

/** Cumulative main-thread time (s) Chromium spent on script, style and layout, via CDP. */
async function mainThreadSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const m: Metrics = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return (m.ScriptDuration ?? 0) + (m.RecalcStyleDuration ?? 0) + (m.LayoutDuration ?? 0);
}

/** Frame times, and the main thread's work per frame (robust to a busy machine). */
async function measure(page: Page, cdp: CDPSession, label: string) {
  const before = await mainThreadSeconds(cdp);
  const times = await measureFrames(page, MEASURE_MS);
  const work = ((await mainThreadSeconds(cdp)) - before) * 1000;
  return { ...report(label, times, work / Math.max(1, times.length)) };
}

function report(label: string, times: readonly number[], workPerFrame: number) {
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const max = sorted.at(-1) ?? NaN;
  const fps = times.length / (times.reduce((a, b) => a + b, 0) / 1000);
  const cells = [p50, p95, max].map((n) => n.toFixed(1).padStart(8)).join(' ');
  console.log(
    `${label.padEnd(26)} ${String(times.length).padStart(6)} ${cells} ${fps.toFixed(0).padStart(5)} ${workPerFrame.toFixed(2).padStart(9)}`,
  );
  return { p50, p95, workPerFrame };
}

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'podpath-bench-'));
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  try {
    console.log('Building the app…');
    const build = spawnSync(
      'npx',
      [
        'vite',
        'build',
        '--mode',
        'e2e',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      { stdio: 'inherit' },
    );
    if (build.status !== 0) throw new Error('vite build failed');
    server = spawn(
      'npx',
      [
        'vite',
        'preview',
        '--outDir',
        outDir,
        '--host',
        '127.0.0.1',
        '--port',
        String(PORT),
        '--strictPort',
      ],
      // Its own process group, so stopping it stops npx's children too.
      { stdio: 'ignore', detached: true },
    );
    await waitForServer(`http://127.0.0.1:${PORT}/`, 60_000);
    const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
      existsSync(p),
    );
    browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    await run(browser);
  } finally {
    await browser?.close();
    stopServer(server);
    rmSync(outDir, { recursive: true, force: true });
  }
}

function stopServer(server: ChildProcess | null) {
  if (!server?.pid) return;
  try {
    process.kill(-server.pid);
  } catch {
    server.kill();
  }
}

async function run(browser: Browser) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => console.error(`Page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForFunction(() => window.__podpath?.ready === true, null, { timeout: 60_000 });
  const doc = scenario();
  await page.evaluate((d) => window.__podpath!.loadScenario(d, { play: false }), doc);
  await page.waitForFunction(
    (title) => window.__podpath?.ready === true && window.__podpath.getDocument().title === title,
    doc.title,
    { timeout: 90_000 },
  );
  const model = await page.evaluate(() => window.__podpath!.getModel());
  console.log(
    `Scenario: ${model?.pods.length} pods (${PODS} placed, plus system pods) on ${model?.nodes.length} nodes.`,
  );
  // Let the first layout and fit settle.
  await page.waitForTimeout(1500);

  console.log(
    `\n${'frame times (ms)'.padEnd(26)} ${'frames'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)} ${'fps'.padStart(5)} ${'work/frame'.padStart(9)}`,
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const idle = await measure(page, cdp, 'no packets');

  await page.evaluate((n) => void window.__podpath!.sendBatch(n), PACKETS);
  await page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid="crowd"]')?.getAttribute('data-count') === String(n) &&
      document.querySelector('[data-testid="crowd"]')?.getAttribute('data-flying') === 'true',
    PACKETS,
    { timeout: 60_000 },
  );
  const flying = await measure(page, cdp, `${PACKETS} packets in flight`);
  const stillFlying = await page.evaluate(
    () => document.querySelector('[data-testid="crowd"]')?.getAttribute('data-flying') === 'true',
  );
  console.log(
    `\n${stillFlying ? 'The packets were in flight for the whole measurement.' : 'Warning: the packets landed before the measurement ended.'}`,
  );
  // Frame times depend on how busy the machine is; the main thread's own work per frame does
  // not, so smoothness is judged on both: frames on time, or work well inside a frame.
  const smooth = flying.p95 <= FRAME_BUDGET_MS * 1.5 || flying.workPerFrame <= FRAME_BUDGET_MS / 2;
  console.log(
    `p95 with ${PACKETS} packets: ${flying.p95.toFixed(1)} ms (idle ${idle.p95.toFixed(1)} ms); main-thread work ${flying.workPerFrame.toFixed(2)} ms per frame (idle ${idle.workPerFrame.toFixed(2)} ms): ${smooth ? 'smooth' : 'NOT smooth'}.`,
  );
  console.log(
    `Machine load average: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')} on ${cpus().length} CPUs (frame times suffer on a busy machine).`,
  );
  process.exitCode = smooth ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
