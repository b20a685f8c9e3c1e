/**
 * Browser benchmark for the canvas editor: 20 nodes and 300 pods (ten Deployments behind ten
 * Services, a NetworkPolicy over half of them), one pod dragged from its node to the next.
 * Builds the app into a temporary folder, serves it, drives headless Chromium with Playwright,
 * and prints the frame times while the pointer moves (p50, p95, max) and how long the drop
 * takes until the pod shows its new address.
 *
 *   npm run bench:browser
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type {} from '../src/app/testApi.ts';
import type { PodSpec, ServiceSpec } from '../src/engine/spec.ts';
import { DEFAULT_SETTINGS } from '../src/engine/spec.ts';
import type { ScenarioDocument } from '../src/scenario/scenarioDocument.ts';

const PORT = Number(process.env.BENCH_CANVAS_PORT ?? 4191);
const NODES = 20;
const DEPLOYMENTS = 10;
const REPLICAS = 30;
const POINTER_MOVES = 120;
const DRAGGED = 'app-1-1';

function scenario(): ScenarioDocument {
  const nodes = Array.from({ length: NODES }, (_, i) => ({ name: `node-${i + 1}` }));
  const pods: PodSpec[] = Array.from({ length: DEPLOYMENTS * REPLICAS }, (_, i) => {
    const app = `app-${Math.floor(i / REPLICAS) + 1}`;
    return {
      name: `${app}-${(i % REPLICAS) + 1}`,
      nodeName: nodes[i % NODES].name,
      labels: { app, tier: i % 2 ? 'back' : 'front' },
      ownerRef: `Deployment/${app}`,
      ...(i % 17 === 5 ? { ready: false } : {}),
      containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }],
    };
  });
  const services: ServiceSpec[] = Array.from({ length: DEPLOYMENTS }, (_, i) => ({
    name: `app-${i + 1}`,
    type: i % 3 === 0 ? 'NodePort' : 'ClusterIP',
    selector: { app: `app-${i + 1}` },
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
  }));
  return {
    title: `Benchmark: ${NODES} nodes, ${pods.length} pods`,
    cluster: {
      settings: DEFAULT_SETTINGS,
      nodes,
      pods,
      services,
      networkPolicies: [
        { name: 'back-ingress', podSelector: { matchLabels: { tier: 'back' } }, ingress: [] },
      ],
    },
    layout: {},
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/**
 * Starts recording frame-to-frame times; the returned function stops and returns them. The page
 * code is a string so the bundler's helpers (tsx names functions) do not leak into the page.
 */
async function recordFrames(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = -1;
    const frame = (now) => {
      if (last >= 0) window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
  return () =>
    page.evaluate(`(() => {
      window.__recording = false;
      return window.__frames;
    })()`) as Promise<number[]>;
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The preview server at ${url} did not start.`);
}

const podIp = (page: Page, name: string) =>
  page.evaluate((n) => window.__podpath?.getModel()?.pods.find((p) => p.name === n)?.ip, name);

/** Drags a pod by its title onto the bottom of a node, one pointer move a step, measuring frames. */
async function dragAndMeasure(page: Page, podName: string, nodeName: string) {
  const canvas = page.getByRole('region', { name: 'Cluster' });
  const pod = canvas.getByRole('group', { name: `Pod ${podName}`, exact: true });
  const target = canvas.getByRole('group', { name: `Node ${nodeName}`, exact: true });
  const area = (await canvas.boundingBox())!;
  const from = (await pod.boundingBox())!;
  const to = (await target.boundingBox())!;
  const before = await podIp(page, podName);
  const zoom = await page.evaluate(() => {
    const t = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
    return Number(/scale\(([\d.]+)\)/.exec(t)?.[1] ?? NaN).toFixed(2);
  });
  const start = {
    x: from.x + Math.min(24, from.width / 3),
    y: from.y + Math.min(8, from.height / 5),
  };
  // The bottom of the node, kept away from the canvas's edges (where the view would auto-pan).
  const margin = 100;
  const end = {
    x: Math.min(Math.max(to.x + to.width / 2, area.x + margin), area.x + area.width - margin),
    y: Math.min(to.y + to.height - 14, area.y + area.height - margin),
  };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const stop = await recordFrames(page);
  const began = performance.now();
  for (let i = 1; i <= POINTER_MOVES; i++) {
    const t = i / POINTER_MOVES;
    await page.mouse.move(start.x + (end.x - start.x) * t, start.y + (end.y - start.y) * t);
  }
  const dragMs = performance.now() - began;
  const frames = await stop();
  const dropped = performance.now();
  await page.mouse.up();
  await page.waitForFunction(
    ({ name, old }) => {
      const ip = window.__podpath?.getModel()?.pods.find((p) => p.name === name)?.ip;
      return window.__podpath?.ready === true && ip !== undefined && ip !== old;
    },
    { name: podName, old: before },
    { timeout: 30_000 },
  );
  const dropMs = performance.now() - dropped;
  const after = await podIp(page, podName);
  const sorted = [...frames].sort((a, b) => a - b);
  const summary =
    `${POINTER_MOVES} pointer moves in ${dragMs.toFixed(0)} ms, ${frames.length} frames: ` +
    `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, ` +
    `max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms; drop to new address ${dropMs.toFixed(0)} ms ` +
    `(${podName} ${before} -> ${after})`;
  return { zoom, summary, after };
}

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'podpath-canvas-bench-'));
  console.log('Building the app…');
  const build = spawnSync(
    'npx',
    ['vite', 'build', '--mode', 'e2e', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    { stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('vite build failed');
  const server: ChildProcess = spawn(
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
    { stdio: 'ignore', detached: true },
  );
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
    existsSync(p),
  );
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`, 60_000);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => window.__podpath?.ready === true);
    const doc = scenario();
    await page.evaluate((d) => window.__podpath!.loadScenario(d, { play: false }), doc);
    await page.waitForFunction(
      (title) => window.__podpath?.ready === true && window.__podpath.getDocument().title === title,
      doc.title,
    );
    // Let the first layout and fit settle.
    await page.waitForTimeout(1500);
    const canvas = page.getByRole('region', { name: 'Cluster' });
    const drawn = await page.locator('.react-flow__node').count();
    console.log(
      `Scenario: ${NODES} nodes, ${DEPLOYMENTS * REPLICAS} pods, ${DEPLOYMENTS} Services; ${drawn} elements drawn.`,
    );

    const far = await dragAndMeasure(page, DRAGGED, 'node-2');
    console.log(`\nZoomed out to fit (${far.zoom}): ${far.summary}`);
    if (!far.after?.startsWith('10.244.2.')) {
      throw new Error(`${DRAGGED} did not move to node-2 (address ${far.after})`);
    }

    // Zoomed in to where every card shows its details, drag a pod from node-3 to node-2.
    const node3 = (await canvas
      .getByRole('group', { name: 'Node node-3', exact: true })
      .boundingBox())!;
    for (let i = 0; i < 10; i++) {
      await page.mouse.move(node3.x - 4, node3.y + node3.height / 3);
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(500);
    // A pod of node-3 well inside the view, so the drag does not start by auto-panning.
    const area = (await canvas.boundingBox())!;
    const candidates = doc.cluster.pods.filter((p) => p.nodeName === 'node-3').map((p) => p.name);
    let chosen: string | null = null;
    for (const name of candidates) {
      const box = await canvas
        .getByRole('group', { name: `Pod ${name}`, exact: true })
        .boundingBox();
      if (
        box &&
        box.y > area.y + 100 &&
        box.x > area.x + 100 &&
        box.y < area.y + area.height - 200
      ) {
        chosen = name;
        break;
      }
    }
    if (!chosen) throw new Error('No pod of node-3 is in view');
    const near = await dragAndMeasure(page, chosen, 'node-2');
    console.log(`Zoomed in (${near.zoom}): ${near.summary}`);
  } finally {
    await browser.close();
    if (server.pid) {
      try {
        process.kill(-server.pid);
      } catch {
        // already gone
      }
    }
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
