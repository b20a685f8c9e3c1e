/** Helpers for the browser tests of big canvases (folded cards, islands). */
import { expect, type Locator, type Page } from '@playwright/test';
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
