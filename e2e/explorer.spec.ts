/**
 * The trace explorer as a learner uses it: send, pause, step forward and back, read the packet
 * inspector, send 20 at once, replay under other settings, present to a class.
 */
import { expect, test, type Page } from '@playwright/test';
import type { PodPathTestApi } from '../src/app/testApi.ts';
import { DEFAULT_SETTINGS, type ClusterSettings, type ContainerSpec } from '../src/engine/spec.ts';
import { defaultScenario } from '../src/scenario/builtins/defaultScenario.ts';
import type { ScenarioDocument } from '../src/scenario/scenarioDocument.ts';

type Model = NonNullable<ReturnType<PodPathTestApi['getModel']>>;
type Trace = NonNullable<ReturnType<PodPathTestApi['getTrace']>>;

const LAPTOP = '198.51.100.7';
const web: ContainerSpec = {
  name: 'web',
  image: 'nginx',
  ports: [{ name: 'http', containerPort: 8080 }],
};
const curl: ContainerSpec = { name: 'curl', image: 'curlimages/curl' };
const twoNodes = [{ name: 'node-1' }, { name: 'node-2' }];

/** A NodePort Service whose only endpoint runs on node-2, and a laptop outside the cluster. */
function nodePortScenario(policy: 'Cluster' | 'Local'): ScenarioDocument {
  return {
    title: `NodePort, externalTrafficPolicy ${policy}`,
    cluster: {
      settings: DEFAULT_SETTINGS,
      nodes: twoNodes,
      pods: [{ name: 'web', nodeName: 'node-2', labels: { app: 'web' }, containers: [web] }],
      services: [
        {
          name: 'web',
          type: 'NodePort',
          externalTrafficPolicy: policy,
          selector: { app: 'web' },
          ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }],
        },
      ],
      externalClients: [{ name: 'laptop', ip: LAPTOP }],
    },
    layout: {},
    flow: {
      from: { kind: 'external', name: 'laptop' },
      to: { kind: 'ip', ip: '192.168.49.2' },
      port: 30080,
    },
  };
}

/** Calico enforces a default deny with one exception for the frontend. */
function policyScenario(): ScenarioDocument {
  const settings: ClusterSettings = { ...DEFAULT_SETTINGS, cni: { plugin: 'calico', mode: 'bgp' } };
  return {
    title: 'NetworkPolicy with Calico',
    cluster: {
      settings,
      nodes: twoNodes,
      pods: [
        { name: 'frontend', nodeName: 'node-1', labels: { role: 'frontend' }, containers: [curl] },
        { name: 'intruder', nodeName: 'node-1', labels: { role: 'batch' }, containers: [curl] },
        {
          name: 'db',
          nodeName: 'node-2',
          labels: { role: 'db' },
          containers: [
            { name: 'redis', image: 'redis', ports: [{ name: 'redis', containerPort: 6379 }] },
          ],
        },
      ],
      services: [
        { name: 'db', selector: { role: 'db' }, ports: [{ port: 6379, targetPort: 'redis' }] },
      ],
      networkPolicies: [
        { name: 'default-deny-ingress', podSelector: {}, policyTypes: ['Ingress'] },
        {
          name: 'allow-frontend-to-db',
          podSelector: { matchLabels: { role: 'db' } },
          policyTypes: ['Ingress'],
          ingress: [
            {
              from: [{ podSelector: { matchLabels: { role: 'frontend' } } }],
              ports: [{ protocol: 'TCP', port: 6379 }],
            },
          ],
        },
      ],
    },
    layout: {},
    flow: {
      from: { kind: 'pod', namespace: 'default', name: 'intruder' },
      to: { kind: 'name', name: 'db' },
      port: 6379,
    },
  };
}

async function openApp(page: Page, document?: ScenarioDocument): Promise<Model> {
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
  if (document) {
    await page.evaluate((doc) => window.__podpath!.loadScenario(doc, { play: false }), document);
    await page.waitForFunction(
      (title) => window.__podpath?.ready === true && window.__podpath.getDocument().title === title,
      document.title,
    );
  }
  return (await page.evaluate(() => window.__podpath!.getModel())) as Model;
}

const getTrace = (page: Page) =>
  page.evaluate(() => window.__podpath!.getTrace()) as Promise<Trace>;
const currentStep = (page: Page) => page.evaluate(() => window.__podpath!.getPlayback().stepId);

async function send(page: Page, source: string, destination: string) {
  await page.getByRole('combobox', { name: 'Source' }).selectOption({ label: source });
  await page.getByRole('combobox', { name: 'Destination' }).selectOption({ label: destination });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Verdict' })).toBeVisible();
}

test('steps through a NodePort request and finds the SNAT to the node IP (Cluster policy)', async ({
  page,
}) => {
  const model = await openApp(page, nodePortScenario('Cluster'));
  const node1 = model.nodes.find((n) => n.name === 'node-1')!;
  await send(page, `laptop (outside) — ${LAPTOP}`, `web NodePort on node-1 — ${node1.ip}:30080`);
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');

  // Pause at the first hop, then step like a debugger.
  await page.getByRole('button', { name: 'First hop' }).click();
  expect(await currentStep(page)).toBe('request-0');
  const trace = await getTrace(page);
  const snat = trace.hops.findIndex(
    (h) => h.before.src.ip === LAPTOP && h.after.src.ip === node1.ip,
  );
  expect(snat, 'the trace masquerades the client to the node IP').toBeGreaterThan(1);
  const forward = page.getByRole('button', { name: 'Step forward' });
  for (let i = 0; i < snat; i++) await forward.click();

  const inspector = page.getByRole('region', { name: 'Packet inspector' });
  await expect(inspector.getByRole('heading', { level: 2 })).toContainText(
    `Hop ${snat + 1} of ${trace.hops.length + trace.reply.length}`,
  );
  await expect(inspector.getByLabel('Source IP changed')).toHaveText(`${LAPTOP} → ${node1.ip}`);
  await expect(inspector.getByLabel('Explanation')).toContainText('SNAT');
  await expect(inspector.getByRole('list', { name: 'Decisions' })).toContainText('MASQUERADE');
  expect(await currentStep(page)).toBe(`request-${snat}`);

  // Step back: the hop before is the DNAT of the nodePort to the pod.
  await page.getByRole('button', { name: 'Step back' }).click();
  expect(await currentStep(page)).toBe(`request-${snat - 1}`);
  await expect(inspector.getByRole('heading', { level: 2 })).toContainText(`Hop ${snat} of`);
  await expect(inspector.getByLabel('Destination IP changed')).toContainText(
    `${node1.ip} → 10.244.`,
  );
  await expect(inspector.getByLabel('Source IP changed')).toHaveCount(0);
  // kube-proxy's rules and the candidates it chose among.
  await expect(inspector.getByRole('table', { name: 'Candidate endpoints' })).toContainText('100%');
  await expect(inspector.getByRole('list', { name: 'Decisions' })).toContainText('KUBE-NODEPORTS');

  // The object that decided it can be selected on the canvas.
  await inspector.getByRole('button', { name: 'Select Service web on the canvas' }).first().click();
  await expect(
    page.getByRole('region', { name: 'Cluster' }).getByRole('group', { name: 'Service web' }),
  ).toHaveClass(/selected/);
});

test('keeps the client IP with Local, and drops on a node without a local endpoint', async ({
  page,
}) => {
  const model = await openApp(page, nodePortScenario('Local'));
  const [node1, node2] = ['node-1', 'node-2'].map((n) => model.nodes.find((x) => x.name === n)!);

  await send(page, `laptop (outside) — ${LAPTOP}`, `web NodePort on node-2 — ${node2.ip}:30080`);
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');
  const kept = await getTrace(page);
  expect(kept.seenSource).toBe(LAPTOP);
  // No hop rewrites the source: the pod sees the laptop itself.
  const requestHops = page.getByRole('list', { name: 'Request hops' });
  await expect(requestHops).not.toContainText(/source 198\.51\.100\.7:\d+ →/);
  await page
    .getByRole('combobox', { name: 'Filter by verdict' })
    .selectOption({ label: 'Delivered (2)' });
  await requestHops.getByRole('button').first().click();
  const inspector = page.getByRole('region', { name: 'Packet inspector' });
  await expect(inspector.getByLabel('Explanation')).toContainText(`It sees the source ${LAPTOP}`);
  await page
    .getByRole('combobox', { name: 'Filter by verdict' })
    .selectOption({ label: 'All verdicts' });

  // node-1 runs no endpoint: with Local it drops rather than forward to node-2.
  await send(page, `laptop (outside) — ${LAPTOP}`, `web NodePort on node-1 — ${node1.ip}:30080`);
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText(
    'this node has no local endpoint',
  );
  const dropped = await getTrace(page);
  expect(dropped.reason).toBe('NodeHasNoLocalEndpoint');
  await page.getByRole('button', { name: 'Last hop' }).click();
  await expect(inspector.getByLabel('Drop reason')).toContainText('NodeHasNoLocalEndpoint');
  const packet = page.getByTestId('packet');
  await expect(packet).toHaveAttribute('data-step', `request-${dropped.hops.length - 1}`);
  await expect(packet).toHaveAttribute('data-dropped', 'true');
  await expect(page.getByRole('list', { name: 'Reply hops' })).toHaveCount(0);
});

test('stops a request a NetworkPolicy denies at the destination pod, naming the policy', async ({
  page,
}) => {
  const model = await openApp(page, policyScenario());
  const intruder = model.pods.find((p) => p.name === 'intruder')!;
  const db = model.services.find((s) => s.name === 'db')!;
  await send(page, `intruder — ${intruder.ip}`, `db — ${db.clusterIP}`);
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText(
    'a NetworkPolicy does not allow it',
  );
  const trace = await getTrace(page);
  const last = trace.hops.at(-1)!;
  expect(last.verdict).toBe('Dropped');
  expect(last.location.at).toMatchObject({ kind: 'Pod', name: 'db' });
  expect(last.location.node).toBe('node-2');

  // Played to the end, the packet stops at the drop, in red, and nothing replies.
  const packet = page.getByTestId('packet');
  await expect(packet).toHaveAttribute('data-step', `request-${trace.hops.length - 1}`, {
    timeout: 30_000,
  });
  await expect(packet).toHaveAttribute('data-dropped', 'true');
  await expect(page.getByRole('list', { name: 'Reply hops' })).toHaveCount(0);
  const inspector = page.getByRole('region', { name: 'Packet inspector' });
  await expect(inspector.getByLabel('Drop reason')).toContainText('default-deny-ingress');
  await expect(inspector.getByLabel('Drop reason')).toContainText('PolicyDenied');
  await expect(
    page.getByRole('list', { name: 'Request hops' }).getByRole('button').last(),
  ).toContainText('Dropped');
});

test('sends 20 at once and the Service spreads them over both endpoints', async ({ page }) => {
  const model = await openApp(page);
  const client = model.pods.find((p) => p.name === 'client')!;
  const svc = model.services.find((s) => s.name === 'web')!;
  await page.getByRole('combobox', { name: 'Source' }).selectOption({
    label: `client — ${client.ip}`,
  });
  await page.getByRole('combobox', { name: 'Destination' }).selectOption({
    label: `web — ${svc.clusterIP}`,
  });
  await page.getByRole('button', { name: '20 at once' }).click();
  const spread = page.getByRole('region', { name: 'Spread over endpoints' });
  const rows = spread.getByRole('list', { name: 'Requests per endpoint' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  const counts = (await rows.evaluateAll((items) =>
    items.map((li) => li.getAttribute('aria-label')),
  )) as string[];
  const landed = counts.map((label) => Number(/: (\d+) of 20/.exec(label)?.[1]));
  expect(counts.map((l) => l.split(':')[0]).sort()).toEqual(['web-1', 'web-2']);
  expect(landed.every((n) => n > 0)).toBe(true);
  expect(landed.reduce((a, b) => a + b, 0)).toBe(20);
  await expect(page.getByTestId('crowd')).toHaveAttribute('data-count', '20');
  const traces = await page.evaluate(() => window.__podpath!.getBatchTraces());
  expect(new Set(traces?.map((t) => t.deliveredTo?.pod.name))).toEqual(new Set(['web-1', 'web-2']));
});

test('session affinity pins all 20 requests to one endpoint', async ({ page }) => {
  const doc: ScenarioDocument = {
    ...defaultScenario,
    title: 'Session affinity',
    cluster: {
      ...defaultScenario.cluster,
      services: defaultScenario.cluster.services.map((s) => ({
        ...s,
        sessionAffinity: 'ClientIP' as const,
      })),
    },
  };
  await openApp(page, doc);
  await page.getByRole('button', { name: '20 at once' }).click();
  const rows = page.getByRole('list', { name: 'Requests per endpoint' }).getByRole('listitem');
  await expect(rows.filter({ hasText: '20/20' })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Spread over endpoints' })).toContainText(
    'sessionAffinity ClientIP',
  );
});

test('replays the flow under another CNI and kube-proxy mode, side by side', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');
  await page.getByRole('button', { name: 'Compare with another CNI…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare with another CNI or kube-proxy mode' });
  await dialog.getByRole('combobox', { name: 'CNI' }).selectOption('calico/ipip');
  await dialog.getByRole('combobox', { name: 'Service proxy' }).selectOption('ipvs');
  await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  const table = dialog.getByRole('table', { name: 'Hops side by side' });
  await expect(table).toBeVisible();
  await expect(table).toContainText('IPVS (kube-ipvs0)');
  await expect(table).toContainText('encapsulation VXLAN UDP 8472 → IPIP');
  await expect(dialog.getByLabel('Differences')).toContainText('changed');
  // The scenario itself is unchanged.
  const settings = await page.evaluate(() => window.__podpath!.getDocument().cluster.settings);
  expect(settings.cni.plugin).toBe('flannel');
  expect(settings.proxyMode).toBe('iptables');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('a "same flow, two CNIs" gallery entry opens as the comparison with the other CNI', async ({
  page,
}) => {
  await openApp(page);
  // The canvas's own button plays the same trace again; the comparison traces it again elsewhere.
  await expect(
    page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('button', { name: 'Play again' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Gallery' }).click();
  await page
    .getByRole('dialog', { name: 'Gallery' })
    .getByRole('button', { name: 'Open Same flow, two CNIs: kube-router' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Compare with another CNI or kube-proxy mode' });
  await expect(dialog).toBeVisible();
  const cni = dialog.getByRole('combobox', { name: 'CNI' });
  await expect(cni).toBeFocused();
  await expect(cni).toHaveValue('calico/bgp');
  await expect(dialog.getByRole('combobox', { name: 'Service proxy' })).toHaveValue('iptables');
  const table = dialog.getByRole('table', { name: 'Hops side by side' });
  // kube-router's own proxy answers now; kube-proxy's iptables rules with Calico.
  await expect(table).toContainText('kube-dummy-if');
  await expect(table).toContainText('iptables');
  await expect(dialog).toContainText('Now: kube-router subnet · kube-router');
  await expect(dialog).toContainText('Other: calico bgp · iptables');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Same flow, two CNIs: kube-router',
  );
});

test('plays, pauses and steps from the keyboard, and presents to a class', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Home');
  expect(await page.evaluate(() => window.__podpath!.getPlayback())).toMatchObject({
    playing: false,
    stepId: 'lookup-0',
  });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await currentStep(page)).toBe('lookup-2');
  await page.keyboard.press('ArrowLeft');
  expect(await currentStep(page)).toBe('lookup-1');
  const narration = page.getByRole('status', { name: 'Narration' });
  await expect(narration).toContainText('DNS lookup, hop 2 of');
  await page.keyboard.press('End');
  const total = (await page.evaluate(() => window.__podpath!.getPlayback())).steps;
  expect(await currentStep(page)).toMatch(/^reply-/);
  await page.keyboard.press('Space');
  expect((await page.evaluate(() => window.__podpath!.getPlayback())).playing).toBe(true);
  await page.keyboard.press('Space');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
  expect((await page.evaluate(() => window.__podpath!.getPlayback())).speed).toBe(4);

  // Normal mode, paused on the tunnel hop, for a picture.
  const trace = await getTrace(page);
  const tunnel = trace.hops.findIndex((h) => h.verdict === 'Encapsulated');
  await page
    .getByRole('list', { name: 'Request hops' })
    .getByRole('button')
    .nth(tunnel + 1)
    .click();
  await page.waitForTimeout(1200);
  await page.screenshot({ path: test.info().outputPath('explorer-normal.png') });

  await page.getByRole('button', { name: 'Present' }).click();
  const caption = page.getByRole('region', { name: 'Caption' });
  await expect(caption).toBeVisible();
  await expect(page.getByRole('form', { name: 'Send a packet' })).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(caption).toContainText(`Request, hop`);
  await expect(caption).toContainText(`of ${total}`);
  await expect(narration).toHaveText(await caption.innerText());
  await page.waitForTimeout(1200);
  await page.screenshot({ path: test.info().outputPath('explorer-presenter.png') });
  await page.keyboard.press('Escape');
  await expect(caption).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Send a packet' })).toBeVisible();
});

test('with reduced motion the packet jumps from hop to hop', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const packet = page.getByTestId('packet');
  await expect(packet).toHaveAttribute('data-step', /.+/);
  const seen = new Set<string>();
  for (let i = 0; i < 15; i++) {
    expect(await packet.getAttribute('data-moving')).toBe('false');
    seen.add((await packet.getAttribute('data-step')) ?? '');
    await page.waitForTimeout(120);
  }
  expect(seen.size, 'it still moves on, one hop at a time').toBeGreaterThan(2);
});
