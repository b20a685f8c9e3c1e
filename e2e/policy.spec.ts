/**
 * The NetworkPolicy workbench as a learner uses it: write a default deny and one exception with
 * the form, watch who can reach whom change, read the YAML, click a denied flow to see which
 * policy dropped it, and find out that Flannel enforces none of it.
 */
import { expect, test, type Page } from '@playwright/test';
import type { PodPathTestApi } from '../src/app/testApi.ts';
import { DEFAULT_SETTINGS, type NetworkPolicySpec } from '../src/engine/spec.ts';
import type { ScenarioDocument } from '../src/scenario/scenarioDocument.ts';

type Trace = NonNullable<ReturnType<PodPathTestApi['getTrace']>>;

const curl = { name: 'curl', image: 'curlimages/curl' };
const redis = { name: 'redis', image: 'redis', ports: [{ name: 'redis', containerPort: 6379 }] };

const denyIngress: NetworkPolicySpec = {
  name: 'default-deny-ingress',
  podSelector: {},
  policyTypes: ['Ingress'],
};
const allowFrontend: NetworkPolicySpec = {
  name: 'allow-frontend-to-db',
  podSelector: { matchLabels: { role: 'db' } },
  policyTypes: ['Ingress'],
  ingress: [
    {
      from: [{ podSelector: { matchLabels: { role: 'frontend' } } }],
      ports: [{ protocol: 'TCP', port: 6379 }],
    },
  ],
};

/** frontend, other and db on two nodes, with Calico enforcing policy. */
function scenario(networkPolicies: NetworkPolicySpec[] = []): ScenarioDocument {
  return {
    title: `Policies: ${networkPolicies.map((p) => p.name).join(', ') || 'none'}`,
    cluster: {
      settings: { ...DEFAULT_SETTINGS, cni: { plugin: 'calico', mode: 'bgp' } },
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
      pods: [
        { name: 'frontend', nodeName: 'node-1', labels: { role: 'frontend' }, containers: [curl] },
        { name: 'other', nodeName: 'node-1', labels: { role: 'other' }, containers: [curl] },
        { name: 'db', nodeName: 'node-2', labels: { role: 'db' }, containers: [redis] },
      ],
      services: [],
      networkPolicies,
    },
    layout: {},
    flow: {
      from: { kind: 'pod', namespace: 'default', name: 'frontend' },
      to: { kind: 'pod', namespace: 'default', name: 'db' },
      port: 6379,
    },
  };
}

async function openScenario(page: Page, document: ScenarioDocument) {
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  await page.evaluate((doc) => window.__podpath!.loadScenario(doc, { play: false }), document);
  await page.waitForFunction(
    (title) => window.__podpath?.ready === true && window.__podpath.getDocument().title === title,
    document.title,
  );
}

async function openWorkbench(page: Page, document: ScenarioDocument) {
  await openScenario(page, document);
  await page.getByRole('button', { name: /^Policies/ }).click();
  const workbench = page.getByRole('region', { name: 'NetworkPolicy workbench' });
  await expect(workbench).toBeVisible();
  return workbench;
}

/** The matrix cell from one pod to another, which says allowed or denied in its name. */
const cell = (page: Page, from: string, to: string) =>
  page
    .getByRole('grid', { name: 'Who can reach whom on TCP 6379' })
    .getByRole('button', { name: new RegExp(`^From default/${from} to default/${to}: `) });

async function expectCells(page: Page, cells: Record<string, 'allowed' | 'denied'>) {
  for (const [pair, verdict] of Object.entries(cells)) {
    const [from, to] = pair.split(' → ');
    await expect(cell(page, from, to), pair).toHaveAccessibleName(new RegExp(`: ${verdict}$`));
  }
}

async function addFromTemplate(page: Page, title: string) {
  await page.getByRole('button', { name: 'New policy' }).click();
  await page.getByRole('menuitem', { name: new RegExp(`^${title}`) }).click();
}

const field = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

test('builds a default deny and an exception for the frontend with the form', async ({ page }) => {
  const workbench = await openWorkbench(page, scenario());
  await expect(workbench).toContainText('No NetworkPolicy yet');
  // No policy: everyone reaches everyone.
  await expectCells(page, {
    'frontend → db': 'allowed',
    'other → db': 'allowed',
    'db → frontend': 'allowed',
  });

  await addFromTemplate(page, 'Default deny ingress');
  await expect(page.getByLabel('What the policy does')).toHaveText(
    'Selects every pod in default. Ingress: allows nothing, so every incoming connection is denied.',
  );
  await expectCells(page, {
    'frontend → db': 'denied',
    'other → db': 'denied',
    'db → frontend': 'denied',
  });

  // The exception starts from "same namespace" and narrows it down field by field.
  await addFromTemplate(page, 'Allow from the same namespace');
  await expectCells(page, { 'other → db': 'allowed' });
  await field(page, 'Policy name').fill('allow-frontend-to-db');
  await page.getByRole('button', { name: 'Add pod selector label', exact: true }).click();
  await field(page, 'Pod selector label 1 key').fill('role');
  await field(page, 'Pod selector label 1 value').fill('db');
  await page
    .getByRole('button', { name: 'Add ingress rule 1 peer 1 pod selector label', exact: true })
    .click();
  await field(page, 'Ingress rule 1 peer 1 pod selector label 1 key').fill('role');
  await field(page, 'Ingress rule 1 peer 1 pod selector label 1 value').fill('frontend');
  await page.getByRole('button', { name: 'Add port to ingress rule 1' }).click();
  await field(page, 'Ingress rule 1 port 1 number or name').fill('6379');

  await expect(page.getByLabel('What the policy does')).toHaveText(
    'Selects pods with role=db in default. Ingress: allows pods with role=frontend in the same namespace on TCP 6379; everything else is denied.',
  );
  await expectCells(page, {
    'frontend → db': 'allowed',
    'other → db': 'denied',
    'db → frontend': 'denied',
    'frontend → other': 'denied',
  });
  await expect(page.getByRole('combobox', { name: 'Policy' })).toHaveValue(
    'NetworkPolicy/default/allow-frontend-to-db',
  );

  // The YAML beside the form says the same, and so does the document.
  await expect(page.getByRole('textbox', { name: 'NetworkPolicy YAML' })).toHaveValue(
    [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: allow-frontend-to-db',
      'spec:',
      '  podSelector:',
      '    matchLabels:',
      '      role: db',
      '  policyTypes:',
      '    - Ingress',
      '  ingress:',
      '    - from:',
      '        - podSelector:',
      '            matchLabels:',
      '              role: frontend',
      '      ports:',
      '        - protocol: TCP',
      '          port: 6379',
      '',
    ].join('\n'),
  );
  const policies = await page.evaluate(
    () => window.__podpath!.getDocument().cluster.networkPolicies,
  );
  expect(policies).toEqual([denyIngress, allowFrontend]);
  const cells = await page.evaluate(() =>
    ['default/frontend', 'default/other'].map((from) =>
      window.__podpath!.getMatrixCell(from, 'default/db'),
    ),
  );
  expect(cells).toEqual([true, false]);
});

test('a click on a denied cell plays the drop at db and names the policies', async ({ page }) => {
  await openWorkbench(page, scenario([denyIngress, allowFrontend]));
  await cell(page, 'other', 'db').click();
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Dropped');

  const trace = (await page.evaluate(() => window.__podpath!.getTrace())) as Trace;
  expect(trace.probe).toMatchObject({
    from: { kind: 'pod', name: 'other' },
    to: { kind: 'pod', name: 'db' },
    port: 6379,
  });
  expect(trace.reason).toBe('PolicyDenied');
  const drop = trace.hops.at(-1)!;
  expect(drop.location.at).toEqual({ kind: 'Pod', namespace: 'default', name: 'db' });
  expect(drop.decisions?.map((d) => d.policy?.name)).toEqual([
    'default-deny-ingress',
    'allow-frontend-to-db',
  ]);

  const why = page.getByRole('region', { name: 'Why' });
  await expect(why).toContainText('Why: other → db on TCP 6379');
  await expect(why.getByRole('group', { name: 'Leaving other (egress)' })).toContainText(
    'Not restricted: no policy selects other for egress.',
  );
  const ingress = why.getByRole('group', { name: 'Entering db (ingress)' });
  await expect(ingress).toContainText(
    'Denied: default-deny-ingress, allow-frontend-to-db select db for ingress, and no rule allows this flow.',
  );
  await expect(ingress).toContainText(
    'allow-frontend-to-db selects db for ingress: ingress rule 1: the peer does not match.',
  );

  // The allowed cell names the rule that let it in.
  await cell(page, 'frontend', 'db').click();
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');
  await expect(why.getByRole('group', { name: 'Entering db (ingress)' })).toContainText(
    'Allowed by allow-frontend-to-db, ingress rule 1: pods with role=frontend in the same namespace on TCP 6379.',
  );
});

test('at 1280x720 the workbench leaves the canvas room, hides the mini map and shows Why beside the matrix', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openWorkbench(page, scenario([denyIngress, allowFrontend]));
  const canvas = page.getByRole('region', { name: 'Cluster' });
  const box = (await canvas.boundingBox())!;
  expect(box.width).toBeGreaterThan(600);
  expect(box.height).toBeGreaterThan(250);
  // The mini map would cover the policy cards on a canvas this short.
  await expect(page.locator('.pp-minimap')).toBeHidden();
  // The whole cluster is fitted into the shorter canvas: every pod and policy card is inside it.
  for (const name of ['frontend', 'other', 'db', 'default-deny-ingress', 'allow-frontend-to-db']) {
    const card = (await canvas
      .locator('.react-flow__node')
      .filter({ hasText: name.slice(0, 4) })
      .first()
      .boundingBox())!;
    expect(card.y + card.height, name).toBeLessThanOrEqual(box.y + box.height + 1);
    expect(card.y, name).toBeGreaterThanOrEqual(box.y - 1);
  }
  // Every row of the matrix is in sight, none cut off by the bottom of the page.
  const matrix = page.getByRole('grid', { name: 'Who can reach whom on TCP 6379' });
  const cells = await matrix.getByRole('button').all();
  expect(cells).toHaveLength(9);
  for (const each of cells) await expect(each).toBeInViewport({ ratio: 1 });
  await cell(page, 'other', 'db').click();
  const why = page.getByRole('region', { name: 'Why' });
  await expect(why).toContainText('Why: other → db on TCP 6379');
  await expect(why.getByRole('heading', { name: 'Why' })).toBeInViewport();
  // The page itself never scrolls: the Why panel is in sight as it is.
  expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
  // The probe bar says what was played, so Send replays the cell's flow.
  const form = page.getByRole('form', { name: 'Send a packet' });
  const chosen = (name: string) => form.getByRole('combobox', { name }).locator('option:checked');
  await expect(chosen('Source')).toHaveText(/^other\b/);
  await expect(chosen('Destination')).toHaveText(/^db\b/);
});

test('switching the CNI to Flannel allows every cell and says why', async ({ page }) => {
  const workbench = await openWorkbench(page, scenario([denyIngress, allowFrontend]));
  await expectCells(page, { 'other → db': 'denied' });
  await expect(workbench.getByRole('region', { name: 'Policy warnings' })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByRole('combobox', { name: 'CNI plugin' }).selectOption('flannel');

  const matrix = page.getByRole('grid', { name: 'Who can reach whom on TCP 6379' });
  await expect(matrix.getByRole('button', { name: /: denied$/ })).toHaveCount(0);
  await expect(matrix.getByRole('button', { name: /: allowed$/ })).toHaveCount(9);
  await expect(workbench.getByRole('region', { name: 'Policy warnings' })).toContainText(
    'Flannel does not enforce NetworkPolicy',
  );
  const warnings = await page.evaluate(() => window.__podpath!.getPolicyWarnings());
  expect(warnings.map((w) => w.kind)).toEqual(['not-enforced']);

  // The warning's fix puts Calico back, and the deny with it.
  await workbench.getByRole('button', { name: 'Switch to Calico' }).click();
  await expectCells(page, { 'other → db': 'denied' });
});

test('the YAML edits the policy too, and an error keeps the last valid one', async ({ page }) => {
  await openWorkbench(page, scenario([allowFrontend]));
  const yaml = page.getByRole('textbox', { name: 'NetworkPolicy YAML' });
  const text = await yaml.inputValue();

  await yaml.fill(text.replace('port: 6379', 'port: 6380'));
  await expect(field(page, 'Ingress rule 1 port 1 number or name')).toHaveValue('6380');
  await expect(page.getByLabel('What the policy does')).toContainText('on TCP 6380');

  const broken = text.replace('port: 6379', 'port: 99999');
  await yaml.fill(broken);
  const line = broken.split('\n').findIndex((l) => l.includes('99999')) + 1;
  await expect(page.getByRole('alert').filter({ hasText: 'port' })).toContainText(
    `Line ${line}: spec.ingress[0].ports[0].port: 99999 is outside 1-65535.`,
  );
  await expect(field(page, 'Ingress rule 1 port 1 number or name')).toHaveValue('6380');
  const port = await page.evaluate(
    () => window.__podpath!.getDocument().cluster.networkPolicies![0].ingress![0].ports![0].port,
  );
  expect(port).toBe(6380);

  // A form edit replaces the broken text with the policy in effect.
  await field(page, 'Ingress rule 1 port 1 number or name').fill('6379');
  await expect(yaml).toHaveValue(text);
});

test('hovering a selector points out the pods it picks on the canvas', async ({ page }) => {
  await openWorkbench(page, scenario([allowFrontend]));
  const pointed = page.locator('.pp-pointed-out');
  await expect(pointed).toHaveCount(0);
  await page.getByRole('group', { name: 'Ingress rule 1 peer 1', exact: true }).hover();
  await expect(page.locator('[data-id="Pod/default/frontend"] .pp-pointed-out')).toHaveCount(1);
  await expect(pointed).toHaveCount(1);
  await page.getByRole('region', { name: 'Pods the policy selects' }).hover();
  await expect(page.locator('[data-id="Pod/default/db"] .pp-pointed-out')).toHaveCount(1);
  await expect(pointed).toHaveCount(1);
  await page.getByRole('heading', { name: 'Who can reach whom' }).hover();
  await expect(pointed).toHaveCount(0);
});

test('hovering a namespaceSelector points out the namespaces it picks', async ({ page }) => {
  const base = scenario([
    {
      name: 'allow-from-tools',
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'tools' } } }] }],
    },
  ]);
  const doc: ScenarioDocument = {
    ...base,
    cluster: {
      ...base.cluster,
      namespaces: [
        { name: 'tools', labels: { team: 'tools' } },
        { name: 'shop', labels: { team: 'shop' } },
      ],
    },
  };
  await openWorkbench(page, doc);
  await page.getByRole('group', { name: 'Ingress rule 1 peer 1', exact: true }).hover();
  await expect(page.locator('[data-id="Namespace/tools"] .pp-pointed-out')).toHaveCount(1);
  await expect(page.locator('[data-id="Namespace/shop"] .pp-pointed-out')).toHaveCount(0);
});

test('a default deny of egress warns about DNS, and the fix adds the DNS policy', async ({
  page,
}) => {
  const workbench = await openWorkbench(page, scenario());
  await addFromTemplate(page, 'Default deny egress');
  const warnings = workbench.getByRole('region', { name: 'Policy warnings' });
  await expect(warnings).toContainText('Egress isolation also blocks DNS');
  await warnings.getByRole('button', { name: 'Add “Allow DNS”' }).click();
  await expect(warnings).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Policy' })).toHaveValue(
    'NetworkPolicy/default/allow-dns',
  );
  await expect(page.getByLabel('What the policy does')).toContainText(
    'allows connections to pods with k8s-app=kube-dns in namespace kube-system on UDP 53 or TCP 53',
  );
});

test('the inspector edits a policy with the workbench’s editor, showing the types Kubernetes defaults', async ({
  page,
}) => {
  // No policyTypes and an empty egress list: the API server defaults policyTypes to Ingress and
  // adds Egress only when the egress list is not empty (kubernetes/kubernetes,
  // pkg/apis/networking/v1/defaults.go, SetDefaults_NetworkPolicy).
  const emptyEgress: NetworkPolicySpec = { name: 'empty-egress', podSelector: {}, egress: [] };
  await openScenario(page, scenario([emptyEgress]));
  await page
    .getByRole('region', { name: 'Cluster' })
    .getByRole('group', { name: 'NetworkPolicy empty-egress' })
    .click();
  await page.getByRole('button', { name: /^Policies/ }).click();
  const workbench = page.getByRole('region', { name: 'NetworkPolicy workbench' });
  const inspector = page.getByRole('region', { name: 'Inspector' });
  for (const editor of [inspector, workbench]) {
    await expect(editor.getByRole('checkbox', { name: 'Ingress', exact: true })).toBeChecked();
    await expect(editor.getByRole('checkbox', { name: 'Egress', exact: true })).not.toBeChecked();
  }
  await inspector.getByRole('checkbox', { name: 'Egress', exact: true }).check();
  await expect(workbench.getByRole('checkbox', { name: 'Egress', exact: true })).toBeChecked();
  const policies = await page.evaluate(
    () => window.__podpath!.getDocument().cluster.networkPolicies,
  );
  expect(policies?.[0].policyTypes).toEqual(['Ingress', 'Egress']);
});
