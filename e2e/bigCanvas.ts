/** Helpers for the browser tests of big canvases (folded cards, islands). */
import { expect, type Locator, type Page } from '@playwright/test';
import { DEFAULT_SETTINGS, type PodSpec } from '../src/engine/spec.ts';
import type { ScenarioDocument } from '../src/scenario/scenarioDocument.ts';

/** Opens the app and loads the scenario, playing its packet or not. */
export async function openScenario(page: Page, doc: ScenarioDocument, play: boolean) {
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await page.evaluate(({ d, p }) => window.__podpath!.loadScenario(d, { play: p }), {
    d: doc,
    p: play,
  });
  await page.waitForFunction(
    (title) => window.__podpath?.ready === true && window.__podpath.getDocument().title === title,
    doc.title,
  );
}

/** Waits until the packet's dot is inside the target's box at some moment of its flight. */
export async function expectPacketReaches(page: Page, target: Locator) {
  const dot = page.locator('.pp-packet-dot');
  await expect
    .poll(
      async () => {
        const [box, at] = await Promise.all([target.boundingBox(), dot.boundingBox()]);
        if (!box || !at) return false;
        const x = at.x + at.width / 2;
        const y = at.y + at.height / 2;
        return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
      },
      { intervals: [40], timeout: 60_000 },
    )
    .toBe(true);
}

/**
 * A cluster of `pods` pods in `namespaces` namespaces on `nodes` nodes: apps of ten replicas as
 * Deployments behind a Service each, app-i in namespace ns-(i mod namespaces), replicas spread
 * round the nodes. The packet goes from the first pod to the last.
 */
export function bigScenario(size: {
  readonly pods: number;
  readonly namespaces: number;
  readonly nodes: number;
}): ScenarioDocument {
  const nodes = Array.from({ length: size.nodes }, (_, i) => ({ name: `node-${i + 1}` }));
  const apps = Array.from({ length: Math.max(1, Math.ceil(size.pods / 10)) }, (_, i) => ({
    name: `app-${i}`,
    namespace: `ns-${i % size.namespaces}`,
  }));
  const pods: PodSpec[] = Array.from({ length: size.pods }, (_, i) => {
    const app = apps[i % apps.length];
    return {
      name: `${app.name}-${Math.floor(i / apps.length)}`,
      namespace: app.namespace,
      nodeName: nodes[i % nodes.length].name,
      labels: { app: app.name },
      ownerRef: `Deployment/${app.name}`,
      containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 8080 }] }],
    };
  });
  const from = pods[0];
  const to = pods[pods.length - 1];
  return appsScenario({
    title: `Big canvas: ${size.pods} pods in ${size.namespaces} namespaces`,
    nodes,
    pods,
    apps,
    from: { namespace: from.namespace!, name: from.name },
    to: { namespace: to.namespace!, name: to.name },
  });
}

type PodRef = { readonly namespace: string; readonly name: string };

/** A scenario of apps each behind a Service of its name (port 80 to 8080), the packet from one pod to another. */
export function appsScenario(parts: {
  readonly title: string;
  readonly nodes: readonly { readonly name: string }[];
  readonly pods: readonly PodSpec[];
  readonly apps: readonly PodRef[];
  readonly from: PodRef;
  readonly to: PodRef;
}): ScenarioDocument {
  return {
    title: parts.title,
    cluster: {
      settings: DEFAULT_SETTINGS,
      nodes: [...parts.nodes],
      pods: [...parts.pods],
      services: parts.apps.map((app) => ({
        name: app.name,
        namespace: app.namespace,
        selector: { app: app.name },
        ports: [{ port: 80, targetPort: 8080 }],
      })),
    },
    layout: {},
    flow: {
      from: { kind: 'pod', ...parts.from },
      to: { kind: 'pod', ...parts.to },
      port: 8080,
      protocol: 'TCP',
      seed: 1,
    },
  };
}
