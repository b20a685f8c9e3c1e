import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { courseLesson } from '../src/lessons/course/course.ts';
import { encodeLessonLink } from '../src/lessons/lessonFile.ts';

/**
 * The lesson player as a learner and a teacher meet it: the course list, predictions asked
 * before the packet plays (the trace hidden until answered), challenges checked by the engine
 * with hints from the actual failure, progress kept across a reload, and lesson links (built-in
 * and a teacher's own) that open at a step or say why they cannot.
 */

// Each test plays packets and waits on the engine; a busy machine needs more than the default.
test.beforeEach(() => test.setTimeout(90_000));

async function openApp(page: Page, url = '/') {
  await page.goto(url);
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

const lessonPanel = (page: Page) => page.getByRole('region', { name: 'Lesson', exact: true });
const LB = "LoadBalancer: cloud load balancers and the client's address";

async function pressOn(page: Page, locator: ReturnType<Page['getByRole']>) {
  await locator.focus();
  await page.keyboard.press('Enter');
}

async function startByKeyboard(page: Page, title: string) {
  await pressOn(page, page.getByRole('button', { name: 'Lessons', exact: true }));
  const dialog = page.getByRole('dialog', { name: 'Lessons' });
  await expect(dialog).toBeVisible();
  await pressOn(page, dialog.getByRole('button', { name: `Start ${title}` }));
  await expect(dialog).toBeHidden();
  await expect(lessonPanel(page)).toBeVisible();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .include('section[aria-label="Lesson"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a learner completes a lesson by keyboard alone, and the work before it stays in Recent', async ({
  page,
}) => {
  await openApp(page);
  // The learner's own work: the first scenario, renamed (untouched, it would be nobody's work).
  await page.getByRole('heading', { level: 1 }).getByRole('button').click();
  const details = page.getByRole('dialog', { name: 'Title and description' });
  await details.getByRole('textbox', { name: 'Title' }).fill('My cluster');
  await details.getByRole('textbox', { name: 'Title' }).press('Enter');
  await expect(details).toHaveCount(0);
  const before = await page.evaluate(() => window.__podpath!.getDocument().title);
  expect(before).toBe('My cluster');
  await startByKeyboard(page, LB);
  const panel = lessonPanel(page);
  await expect(panel.getByText('Step 1 of 2')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Scenario message' })).toContainText(
    `Your previous work, “${before}”, is in Recent.`,
  );
  // The prediction comes first: no packet, no trace until the learner answers.
  await expect(panel.getByText('Which source address does the web pod see?')).toBeVisible();
  expect(await page.evaluate(() => window.__podpath!.getTrace())).toBeNull();
  expect(await seriousViolations(page)).toEqual([]);

  await pressOn(page, panel.getByRole('button', { name: "node-1's address" }));
  await expect(panel.getByText(/^Right\. You predicted “node-1's address”/)).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getTrace()?.verdict))
    .toBe('Delivered');
  expect(await seriousViolations(page)).toEqual([]);

  await pressOn(page, panel.getByRole('button', { name: 'Next' }));
  await expect(panel.getByText('Step 2 of 2')).toBeVisible();
  // The challenge: make web see the visitor, on the Service's inspector, by keyboard.
  const service = page.getByRole('region', { name: 'Cluster' }).getByRole('group', {
    name: 'Service web',
  });
  await service.focus();
  await page.keyboard.press('Enter');
  const policy = page.getByRole('combobox', { name: 'External traffic policy' });
  await policy.focus();
  await page.keyboard.press('ArrowDown');
  await expect(policy).toHaveValue('Local');
  await pressOn(page, panel.getByRole('button', { name: 'Check' }));
  await expect(panel.getByText('Every check passes. Well done.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await pressOn(page, panel.getByRole('button', { name: 'Finish' }));
  await expect(panel.getByRole('heading', { name: `You finished “${LB}”` })).toBeVisible();
  await expect(panel.getByText('Predictions right: 1 of 1')).toBeVisible();
  await expect(panel.getByText('Challenges passed: 1 of 1')).toBeVisible();
});

test('a wrong prediction says what the packet did instead, at the hop that decided it', async ({
  page,
}) => {
  await openApp(page);
  await startByKeyboard(page, LB);
  const panel = lessonPanel(page);
  await panel.getByRole('button', { name: "The visitor's address" }).click();
  const feedback = panel.getByText(/^Not quite\. You predicted “The visitor's address”/);
  await expect(feedback).toBeVisible();
  await expect(feedback).toContainText('the backend saw the source');
  await expect(feedback).toContainText('(node-1)');
  await expect(panel.getByText(/^At /)).toBeVisible();
  // The right choice is marked as what the packet did.
  await expect(
    panel.getByRole('button', { name: /node-1's address \(what the packet did\)/ }),
  ).toBeVisible();
});

test('a failed check shows the hint drawn from the failure, never the solution', async ({
  page,
}) => {
  await openApp(page);
  await startByKeyboard(page, LB);
  const panel = lessonPanel(page);
  await panel.getByRole('button', { name: 'Next' }).click();
  await panel.getByRole('button', { name: 'Check' }).click();
  await expect(panel.getByText('0 of 1 checks pass.')).toBeVisible();
  await expect(panel.getByText(/the backend saw the source .* \(node-1\)\./)).toBeVisible();
  await expect(panel).not.toContainText('Local');
});

test('progress and the lesson survive a reload', async ({ page }) => {
  await openApp(page);
  await startByKeyboard(page, LB);
  const panel = lessonPanel(page);
  await panel.getByRole('button', { name: "node-1's address" }).click();
  await expect(panel.getByText(/^Right\./)).toBeVisible();
  await panel.getByRole('button', { name: 'Next' }).click();
  await expect(panel.getByText('Step 2 of 2')).toBeVisible();
  await page.reload();
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await expect(lessonPanel(page).getByText('Step 2 of 2')).toBeVisible();
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Lessons' });
  await expect(dialog.getByRole('button', { name: `Continue ${LB}` })).toBeVisible();
  await expect(dialog.getByRole('listitem').filter({ hasText: LB })).toContainText('Step 2 of 2');
  // Garbage in the stored progress is ignored, never an error.
  await page.evaluate(() => localStorage.setItem('podpath.lessons.v1', '{"x": [1, {'));
  await page.reload();
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  // The lesson the learner was in still reopens, and records progress again from there.
  await expect(dialog.getByRole('button', { name: `Continue ${LB}` })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a lesson link opens at its step in a fresh page', async ({ page }) => {
  await openApp(page, '/?lesson=service-clusterip&step=3');
  const panel = lessonPanel(page);
  await expect(panel.getByText('Step 3 of 4')).toBeVisible();
  const lesson = courseLesson('service-clusterip')!;
  await expect(panel.getByRole('heading', { name: lesson.steps[2].title })).toBeVisible();
  expect(await page.evaluate(() => window.__podpath!.getDocument().title)).toBe(lesson.start.title);
  // The lesson is taken off the address, so a reload shows the work as it is.
  expect(new URL(page.url()).search).toBe('');
});

test("a teacher's own lesson travels in a link", async ({ page }) => {
  const base = courseLesson('service-nodeport')!;
  const own = { ...base, id: 'my-nodeport', title: 'My NodePort lesson' };
  await openApp(page, `/#lesson=${encodeLessonLink(own)}&step=2`);
  const panel = lessonPanel(page);
  await expect(panel.getByText('My NodePort lesson')).toBeVisible();
  await expect(panel.getByText('Step 2 of 3')).toBeVisible();
});

test('a broken lesson link says why and changes nothing', async ({ page }) => {
  await openApp(page);
  const before = await page.evaluate(() => window.__podpath!.getDocument());
  await openApp(page, '/?lesson=no-such-lesson');
  await expect(page.getByRole('alert')).toContainText(
    'The lesson link could not be opened. There is no built-in lesson “no-such-lesson”. Nothing was changed.',
  );
  await expect(lessonPanel(page)).toHaveCount(0);
  expect(await page.evaluate(() => window.__podpath!.getDocument())).toEqual(before);
  await openApp(page, '/#lesson=pl1.AAAA');
  await expect(page.getByRole('alert')).toContainText('The lesson link could not be opened.');
  expect(await page.evaluate(() => window.__podpath!.getDocument())).toEqual(before);
});

test('present mode shows the prediction large; Send reveals it', async ({ page }) => {
  await openApp(page, '/?present&lesson=service-loadbalancer&step=1');
  const prediction = page.getByRole('region', { name: 'Prediction' });
  await expect(prediction).toContainText('Which source address does the web pod see?');
  await expect(prediction).toContainText('Predict, then press Send');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(prediction).toContainText('The packet did this: the backend saw the source');
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getTrace()?.verdict))
    .toBe('Delivered');
});
