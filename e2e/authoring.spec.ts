import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { lessonFromJson } from '../src/lessons/lessonFile.ts';

/**
 * A teacher makes a lesson without code: from the scenario on screen, with a prediction whose
 * right answer the engine works out and a challenge of checks picked from the probe bar and the
 * reachability matrix; shares it as a link a fresh browser opens (and keeps across a reload),
 * and downloads it as a lesson file that opens again.
 */

test.beforeEach(() => test.setTimeout(150_000));

async function openApp(page: Page, url = '/') {
  await page.goto(url);
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

async function seriousViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const editor = (page: Page) => page.getByRole('region', { name: 'Lesson editor' });
const lessonPanel = (page: Page) => page.getByRole('region', { name: 'Lesson', exact: true });
const sendButton = (page: Page) =>
  page
    .getByRole('form', { name: 'Send a packet' })
    .getByRole('button', { name: 'Send', exact: true });

async function makeLesson(page: Page) {
  await openApp(page);
  await sendButton(page).click();
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getTrace()?.verdict))
    .toBe('Delivered');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: 'Make a lesson from this scenario' }).click();
  const panel = editor(page);
  await expect(panel).toBeVisible();
  // The keyboard lands on the lesson's title.
  await expect(panel.getByLabel('Title', { exact: true })).toBeFocused();
  await panel.getByLabel('Title', { exact: true }).fill('Where does my packet go');
  await panel.getByLabel('Topic').fill('Services');
  await panel.getByLabel('Step 1 text').fill('A **client** calls the `web` Service.');

  await panel
    .getByRole('combobox', { name: 'Question', exact: true })
    .selectOption({ label: 'Which pod receives it?' });
  await panel.getByRole('button', { name: 'Add prediction step' }).click();
  await expect(panel.getByLabel('Step 2 prediction question')).toHaveValue(/Which pod receives/);
  return panel;
}

test('a teacher makes a lesson from a scenario, shares it as a link, and a fresh browser opens it', async ({
  page,
  browser,
}) => {
  const panel = await makeLesson(page);
  // The engine's answer: the pod the flow on screen reached.
  const reached = await page.evaluate(() => {
    const pod = window.__podpath!.getTrace()?.deliveredTo?.pod;
    return pod ? `${pod.namespace}/${pod.name}` : null;
  });
  expect(reached).toMatch(/^default\/web-/);
  await expect(panel.getByText(`Right answer, worked out by the engine: ${reached}`)).toBeVisible();

  // A challenge from the probe bar's flow and from a matrix cell.
  await panel.getByRole('button', { name: 'Expect it dropped' }).click();
  await panel.getByRole('combobox', { name: 'From', exact: true }).selectOption('default/client');
  await panel.getByRole('combobox', { name: 'To', exact: true }).selectOption(reached!);
  await panel.getByLabel('Port', { exact: true }).fill('80');
  await panel.getByRole('button', { name: 'Expect denied' }).click();
  const checks = panel.getByRole('list', { name: 'Step 3 checks' });
  await expect(checks.getByRole('listitem')).toHaveCount(2);
  await expect(checks).toContainText('default/client → web:80 is dropped');
  await expect(checks).toContainText(
    `default/client cannot open a connection to ${reached} on port 80`,
  );

  // The same cell asked as a prediction: the engine answers from its matrix (no policy here).
  await panel.getByRole('button', { name: 'Ask it as a prediction' }).click();
  await expect(panel.getByLabel('Step 4 prediction question')).toHaveValue(
    `Can default/client open a connection to ${reached} on port 80?`,
  );
  await expect(
    panel.getByText('Right answer, worked out by the engine: Yes, the connection is allowed'),
  ).toBeVisible();
  expect(await seriousViolations(page, 'section[aria-label="Lesson editor"]')).toEqual([]);

  // Bad input gets a clear message and blocks sharing, never the work.
  await panel.getByLabel('Title', { exact: true }).fill('');
  await expect(panel.getByRole('alert')).toContainText('The title must not be empty');
  await expect(panel.getByRole('button', { name: 'Share link' })).toBeDisabled();
  await panel.getByLabel('Title', { exact: true }).fill('Where does my packet go');

  await panel.getByRole('button', { name: 'Share link' }).click();
  const link = await panel.getByLabel("The lesson's link (it holds the whole lesson)").inputValue();
  expect(link).toMatch(/#lesson=pl1\.[A-Za-z0-9_-]+&step=1$/);

  // A fresh browser, with nothing stored, opens the link.
  const context = await browser.newContext();
  const learner = await context.newPage();
  await openApp(learner, link);
  const player = lessonPanel(learner);
  await expect(player.getByText('Where does my packet go')).toBeVisible();
  await expect(player.getByText('Step 1 of 4')).toBeVisible();
  await player.getByRole('button', { name: 'Next' }).click();
  await expect(player.getByText('Which pod receives default/client → web:80?')).toBeVisible();

  // Sending before answering asks for the answer and shows no trace.
  await sendButton(learner).click();
  await expect(learner.getByRole('status', { name: 'Scenario message' })).toContainText(
    'Answer the lesson’s prediction first',
  );
  expect(await learner.evaluate(() => window.__podpath!.getTrace())).toBeNull();

  await player.getByRole('button', { name: 'No pod: it is dropped' }).click();
  await expect(
    player.getByText(/^Not quite\. You predicted “No pod: it is dropped”/),
  ).toBeVisible();
  // The choice the player marks right is the pod the engine delivered to.
  await expect(
    player.getByRole('button', { name: `${reached} (what the packet did)` }),
  ).toBeVisible();
  await expect
    .poll(() =>
      learner.evaluate(() => {
        const pod = window.__podpath!.getTrace()?.deliveredTo?.pod;
        return pod ? `${pod.namespace}/${pod.name}` : null;
      }),
    )
    .toBe(reached);

  await player.getByRole('button', { name: 'Next' }).click();
  await expect(player.getByText('Step 3 of 4')).toBeVisible();
  await player.getByRole('button', { name: 'Check' }).click();
  await expect(player.getByText('0 of 2 checks pass.')).toBeVisible();

  // The lesson from the link is kept: a reload comes back to it, at its step.
  await learner.reload();
  await learner.waitForFunction(() => window.__podpath?.ready === true);
  await expect(lessonPanel(learner).getByText('Where does my packet go')).toBeVisible();
  await expect(lessonPanel(learner).getByText('Step 3 of 4')).toBeVisible();
  await context.close();
});

test('a made lesson downloads as a lesson file that opens again, and previews in the player', async ({
  page,
}) => {
  const panel = await makeLesson(page);
  await panel.getByRole('button', { name: 'Move step 2 up' }).click();
  await expect(panel.getByLabel('Step 1 prediction question')).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('where-does-my-packet-go.podpath-lesson.json');
  const text = await readFile((await download.path())!, 'utf8');
  const restored = lessonFromJson(text);
  expect(restored.ok).toBe(true);
  if (!restored.ok) return;
  expect(restored.lesson.steps.map((s) => s.title)).toEqual(['Predict', 'Look at the cluster']);

  // Preview plays it; closing the player comes back to the editor, the draft intact.
  await panel.getByRole('button', { name: 'Preview' }).click();
  await expect(lessonPanel(page).getByText('Step 1 of 2')).toBeVisible();
  await lessonPanel(page).getByRole('button', { name: 'Close lesson' }).click();
  await expect(editor(page).getByLabel('Title', { exact: true })).toHaveValue(
    'Where does my packet go',
  );

  // The draft survives a reload too.
  await page.reload();
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await expect(editor(page).getByLabel('Step 1 prediction question')).toBeVisible();

  // The file opens from the Lessons dialog; a broken file says why.
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Lessons' });
  await dialog.getByLabel('Open a lesson file…').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"podpath-lesson","version":1,"lesson":{}}'),
  });
  await expect(dialog.getByRole('alert')).toContainText('“broken.json” could not be opened.');
  await dialog.getByLabel('Open a lesson file…').setInputFiles({
    name: 'lesson.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(lessonPanel(page).getByText('Where does my packet go')).toBeVisible();
  await expect(lessonPanel(page).getByText('Step 1 of 2')).toBeVisible();
});
