import { expect, test, type Locator, type Page } from '@playwright/test';
import type { PodPathTestApi } from '../src/app/testApi.ts';

type Document = ReturnType<PodPathTestApi['getDocument']>;
type Model = NonNullable<ReturnType<PodPathTestApi['getModel']>>;

const EMPTY: Document = {
  title: 'Empty cluster',
  cluster: {
    settings: {
      cni: { plugin: 'flannel', mode: 'vxlan' },
      proxyMode: 'iptables',
      clusterCidr: '10.244.0.0/16',
      serviceCidr: '10.96.0.0/12',
      nodeNetwork: '192.168.49.0/24',
      clusterDomain: 'cluster.local',
      nodePortRange: '30000-32767',
      nodeCidrMaskSize: 24,
      ingressController: true,
    },
    nodes: [],
    pods: [],
    services: [],
  },
  layout: {},
};

async function openApp(page: Page) {
  await page.goto('/');
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

async function loadScenario(page: Page, document: Document) {
  await page.evaluate((doc) => window.__podpath?.loadScenario(doc, { play: false }), document);
  await settle(page);
}

/** Waits until the engine has answered for the document on screen. */
async function settle(page: Page) {
  await page.waitForFunction(() => window.__podpath?.ready === true);
}

const model = (page: Page) =>
  page.evaluate(() => window.__podpath?.getModel() ?? null) as Promise<Model>;
const documentOf = (page: Page) =>
  page.evaluate(() => window.__podpath!.getDocument()) as Promise<Document>;

async function podIp(page: Page, name: string): Promise<string | undefined> {
  return (await model(page))?.pods.find((p) => p.name === name)?.ip;
}

const canvasOf = (page: Page) => page.getByRole('region', { name: 'Cluster' });
const paletteOf = (page: Page) => page.getByRole('navigation', { name: 'Palette' });
const inspectorOf = (page: Page) => page.getByRole('region', { name: 'Inspector' });

/** Clicks an element on the canvas near its top-left, where its title is. */
async function selectElement(page: Page, name: string) {
  await canvasOf(page)
    .getByRole('group', { name, exact: true })
    .click({ position: { x: 60, y: 14 } });
  await expect(inspectorOf(page)).toBeVisible();
}

async function center(locator: Locator) {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

test('builds the default scenario from an empty canvas and a request is delivered', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await loadScenario(page, EMPTY);
  const canvas = canvasOf(page);
  const palette = paletteOf(page);
  const inspector = inspectorOf(page);
  await expect(canvas.getByText('An empty cluster')).toBeVisible();
  await expect(palette.getByRole('button', { name: 'Add pod' })).toBeDisabled();

  // Two nodes.
  await palette.getByRole('button', { name: 'Add node', exact: true }).click();
  await palette.getByRole('button', { name: 'Add node', exact: true }).click();
  await expect(canvas.getByRole('group', { name: 'Node node-1' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Node node-2' })).toBeVisible();

  // The client pod on node 1: select the node, add a pod, and shape it in the inspector.
  await selectElement(page, 'Node node-1');
  await palette.getByRole('button', { name: 'Add pod' }).click();
  await expect(canvas.getByRole('group', { name: 'Pod pod-1' })).toBeVisible();
  await inspector.getByRole('textbox', { name: 'Name', exact: true }).fill('client');
  await expect(canvas.getByRole('group', { name: 'Pod client' })).toBeVisible();
  await inspector.getByRole('textbox', { name: 'Label 1 value' }).fill('client');
  await inspector.getByRole('textbox', { name: 'Container 1 name' }).fill('curl');
  await inspector.getByRole('textbox', { name: 'Container 1 image' }).fill('curlimages/curl');
  await expect(canvas.getByRole('group', { name: 'Pod client' })).toContainText('app=client');

  // The web pods: a Deployment spreads them over the nodes; its template listens on 8080.
  await palette.getByRole('button', { name: 'Add Deployment' }).click();
  await expect(canvas.getByRole('group', { name: 'Pod web-1' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Pod web-2' })).toBeVisible();
  await inspector.getByRole('textbox', { name: 'Container 1 port 1 number' }).fill('8080');
  await expect(canvas.getByRole('group', { name: 'Pod web-2' })).toContainText(':8080/TCP http');

  // The Service, from nothing: name, selector and target port typed in the inspector.
  await canvas.getByRole('group', { name: 'Node node-2' }).focus();
  await page.keyboard.press('Escape');
  await expect(inspector.getByRole('heading', { name: 'Cluster settings' })).toBeVisible();
  await palette.getByRole('button', { name: 'Add ClusterIP Service' }).click();
  await inspector.getByRole('textbox', { name: 'Name', exact: true }).fill('web');
  await inspector.getByRole('button', { name: 'Add selector' }).click();
  await inspector.getByRole('textbox', { name: 'Selector 1 key' }).fill('app');
  await inspector.getByRole('textbox', { name: 'Selector 1 value' }).fill('web');
  await expect(inspector.getByRole('textbox', { name: 'Port 1 port' })).toHaveValue('80');
  await inspector.getByRole('textbox', { name: 'Port 1 target port' }).fill('8080');

  const service = canvas.getByRole('group', { name: 'Service web' });
  await expect(service).toContainText('2 of 2 endpoints ready');
  await expect(service).toContainText(/80\/TCP→to8080/);
  await expect(page.getByRole('img', { name: 'Service web selects web-1 (ready)' })).toBeAttached();
  await expect(page.getByRole('img', { name: 'Service web selects web-2 (ready)' })).toBeAttached();
  await settle(page);

  const built = await documentOf(page);
  expect(built.cluster.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2']);
  expect(built.cluster.pods.find((p) => p.name === 'client')).toMatchObject({
    nodeName: 'node-1',
    labels: { app: 'client' },
    containers: [{ name: 'curl', image: 'curlimages/curl' }],
  });
  const webPods = built.cluster.pods.filter((p) => p.labels?.app === 'web');
  expect(new Set(webPods.map((p) => p.nodeName))).toEqual(new Set(['node-1', 'node-2']));
  expect(webPods.every((p) => p.containers[0].ports?.[0].containerPort === 8080)).toBe(true);
  expect(built.cluster.services).toEqual([
    {
      name: 'web',
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    },
  ]);

  // And a request from the client to the Service is delivered to a web pod.
  const m = await model(page);
  const client = m.pods.find((p) => p.name === 'client')!;
  const web = m.services.find((s) => s.name === 'web')!;
  await page
    .getByRole('combobox', { name: 'Source' })
    .selectOption({ label: `client — ${client.ip}` });
  await page
    .getByRole('combobox', { name: 'Destination' })
    .selectOption({ label: `web — ${web.clusterIP}` });
  await page.getByRole('spinbutton', { name: 'Port' }).fill('80');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Verdict' })).toContainText('Delivered');
  const trace = await page.evaluate(() => window.__podpath?.getTrace() ?? null);
  expect(trace?.verdict).toBe('Delivered');
  expect(m.pods.filter((p) => p.labels.app === 'web').map((p) => p.ip)).toContain(
    trace?.deliveredTo?.ip,
  );
});

test('dragging a pod to another node gives it a new IP, the Service edge follows, undo brings it back', async ({
  page,
}) => {
  await openApp(page);
  const canvas = canvasOf(page);
  const before = await podIp(page, 'web-1');
  expect(before).toMatch(/^10\.244\.1\./);

  const pod = canvas.getByRole('group', { name: 'Pod web-1' });
  const target = canvas.getByRole('group', { name: 'Node node-2' });
  const from = await center(pod);
  const to = await center(target);
  // Grab the card by its title and drop it low in node-2, under web-2.
  await page.mouse.move(from.box.x + 60, from.box.y + 14);
  await page.mouse.down();
  await page.mouse.move(to.x, to.box.y + to.box.height - 70, { steps: 20 });
  await expect(target).toContainText('Drop to reschedule here');
  await page.mouse.up();

  await expect(page.getByRole('status', { name: 'Editor notes' })).toContainText(
    'web-1 now runs on node-2',
  );
  await expect(page.getByRole('status', { name: 'Editor notes' })).toContainText(
    'Pod IPs are not durable',
  );
  await settle(page);
  const after = await podIp(page, 'web-1');
  expect(after).toMatch(/^10\.244\.2\./);
  await expect(pod).toContainText(after!);

  // The Service edge now ends at the pod on node-2.
  const edge = page
    .getByRole('img', { name: 'Service web selects web-1 (ready)' })
    .locator('path')
    .first();
  const edgeBox = (await edge.boundingBox())!;
  const podBox = (await pod.boundingBox())!;
  const nodeBox = (await target.boundingBox())!;
  expect(edgeBox.x + edgeBox.width).toBeGreaterThan(nodeBox.x);
  expect(Math.abs(edgeBox.y + edgeBox.height - (podBox.y + 28))).toBeLessThan(12);
  const web = (await model(page)).services.find((s) => s.name === 'web')!;
  expect(web.endpoints.map((e) => e.ip)).toContain(after);

  // One drag is one undo step.
  await canvas
    .getByRole('toolbar', { name: 'Canvas tools' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await settle(page);
  expect(await podIp(page, 'web-1')).toBe(before);
  await expect(pod).toContainText(before!);
  const doc = await documentOf(page);
  expect(doc.cluster.pods.find((p) => p.name === 'web-1')?.nodeName).toBe('node-1');
  // Redo with the keyboard.
  await page.keyboard.press('Control+Shift+Z');
  await settle(page);
  expect(await podIp(page, 'web-1')).toBe(after);
});

test('dropping a pod outside every node puts it back', async ({ page }) => {
  await openApp(page);
  const canvas = canvasOf(page);
  const pod = canvas.getByRole('group', { name: 'Pod client' });
  const start = (await pod.boundingBox())!;
  const service = (await canvas.getByRole('group', { name: 'Service web' }).boundingBox())!;
  await page.mouse.move(start.x + 60, start.y + 14);
  await page.mouse.down();
  // Up beside the Service, above every node.
  await page.mouse.move(service.x - 120, service.y + 20, { steps: 15 });
  await page.mouse.up();
  await expect(page.getByRole('status', { name: 'Editor notes' })).toContainText(
    'client was dropped outside every node, so it went back',
  );
  const back = (await pod.boundingBox())!;
  expect(Math.abs(back.x - start.x)).toBeLessThan(2);
  expect(Math.abs(back.y - start.y)).toBeLessThan(2);
  const doc = await documentOf(page);
  expect(doc.cluster.pods.find((p) => p.name === 'client')?.nodeName).toBe('node-1');
});

test('an invalid nodePort shows its message and the previous valid value stays in effect', async ({
  page,
}) => {
  await openApp(page);
  const inspector = inspectorOf(page);
  await selectElement(page, 'Service web');
  await inspector.getByRole('combobox', { name: 'Type' }).selectOption('NodePort');
  const nodePort = inspector.getByRole('textbox', { name: 'Port 1 node port' });
  await nodePort.fill('30080');
  await settle(page);
  await expect(canvasOf(page).getByRole('group', { name: 'Service web' })).toContainText(
    'node :30080',
  );

  await nodePort.fill('40000');
  await expect(inspector.getByRole('alert')).toContainText(
    'nodePort 40000 is outside the NodePort range 30000-32767.',
  );
  await expect(nodePort).toHaveAttribute('aria-invalid', 'true');
  await expect(nodePort).toHaveValue('40000');
  await settle(page);
  const doc = await documentOf(page);
  expect(doc.cluster.services[0].ports[0].nodePort).toBe(30080);
  const web = (await model(page)).services.find((s) => s.name === 'web')!;
  expect(web.ports[0].nodePort).toBe(30080);
  await expect(canvasOf(page).getByRole('group', { name: 'Service web' })).toContainText(
    'node :30080',
  );

  // A port taken by another Service is refused the same way.
  await nodePort.fill('30080');
  await expect(inspector.getByRole('alert')).toHaveCount(0);
});

test('the keyboard selects, nudges (one undo step), duplicates and deletes', async ({ page }) => {
  await openApp(page);
  const canvas = canvasOf(page);
  const service = canvas.getByRole('group', { name: 'Service web' });
  await service.focus();
  await page.keyboard.press('Enter');
  await expect(inspectorOf(page).getByRole('heading', { name: 'web' })).toBeVisible();
  const start = (await service.boundingBox())!;
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await service.boundingBox())!.x).toBeGreaterThan(start.x + 10);
  const moved = await documentOf(page);
  expect(moved.layout['Service/default/web']).toBeDefined();
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => (await documentOf(page)).layout['Service/default/web'])
    .toBeUndefined();

  // Shift+arrow on an unselected element moves the focus to the nearest one that way.
  await page.keyboard.press('Escape');
  const client = canvas.getByRole('group', { name: 'Pod client' });
  await client.focus();
  await page.keyboard.press('Shift+ArrowDown');
  await expect(canvas.getByRole('group', { name: 'Pod web-1' })).toBeFocused();

  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+d');
  await expect(canvas.getByRole('group', { name: 'Pod web-1-copy' })).toBeVisible();
  await settle(page);
  await expect(canvas.getByRole('group', { name: 'Service web' })).toContainText(
    '3 of 3 endpoints ready',
  );
  await page.keyboard.press('Delete');
  await expect(canvas.getByRole('group', { name: 'Pod web-1-copy' })).toHaveCount(0);
});

test('a palette item dragged onto a node lands there; shift-click selects several', async ({
  page,
}) => {
  await openApp(page);
  const canvas = canvasOf(page);
  const node2 = canvas.getByRole('group', { name: 'Node node-2' });
  await paletteOf(page)
    .getByRole('button', { name: 'Add pod' })
    .dragTo(node2, { targetPosition: { x: 140, y: 300 } });
  await expect(canvas.getByRole('group', { name: 'Pod pod-1' })).toBeVisible();
  expect((await documentOf(page)).cluster.pods.find((p) => p.name === 'pod-1')?.nodeName).toBe(
    'node-2',
  );

  await canvas.getByRole('group', { name: 'Pod client' }).click({ position: { x: 60, y: 14 } });
  await canvas
    .getByRole('group', { name: 'Pod web-2' })
    .click({ position: { x: 60, y: 14 }, modifiers: ['Shift'] });
  await expect(
    inspectorOf(page).getByRole('heading', { name: '2 elements selected' }),
  ).toBeVisible();
});

test('a LoadBalancer Service brings its load balancer, and System pods shows the add-ons', async ({
  page,
}) => {
  await openApp(page);
  const canvas = canvasOf(page);
  await selectElement(page, 'Service web');
  await inspectorOf(page).getByRole('combobox', { name: 'Type' }).selectOption('LoadBalancer');
  await settle(page);
  const lbIp = (await model(page)).services.find((s) => s.name === 'web')!.loadBalancerIP!;
  await expect(canvas.getByRole('group', { name: 'Load balancer web' })).toContainText(lbIp);

  await canvas.getByRole('checkbox', { name: 'System pods' }).check();
  await expect(canvas.getByRole('group', { name: 'Pod ingress-nginx-controller' })).toBeVisible();
  await expect(canvas.getByRole('group', { name: 'Service kube-dns' })).toBeVisible();
  await expect(
    canvas.getByRole('group', { name: 'Load balancer ingress-nginx-controller' }),
  ).toBeVisible();
});

test('light and dark themes', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.screenshot({ path: 'test-results/editor-light.png' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.screenshot({ path: 'test-results/editor-dark.png' });
});

test("a node shows its pods' gateway on the device its CNI uses", async ({ page }) => {
  await openApp(page);
  const frame = canvasOf(page).getByRole('group', { name: 'Node node-1' });
  await expect(frame).toContainText('cni0 10.244.1.1');
  await selectElement(page, 'Node node-1');
  await expect(inspectorOf(page)).toContainText('Pod gateway (cni0)');

  const doc = await documentOf(page);
  await loadScenario(page, {
    ...doc,
    title: 'Calico',
    cluster: {
      ...doc.cluster,
      settings: { ...doc.cluster.settings, cni: { plugin: 'calico', mode: 'bgp' } },
    },
  });
  await expect(frame).toContainText('no bridge');
  await expect(frame).not.toContainText('cni0');
});

test('a node, a Service and a pod added from the palette land where nothing is, in view', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  const canvas = canvasOf(page);
  const palette = paletteOf(page);
  type Box = { x: number; y: number; width: number; height: number };
  const overlaps = (a: Box, b: Box) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const boxOf = async (name: string) =>
    (await canvas.getByRole('group', { name, exact: true }).boundingBox())!;
  /** Adds from the palette; returns the new element's group name (from what the document gained). */
  async function add(button: string, kind: 'Node' | 'Service' | 'Pod') {
    const names = (doc: Document) =>
      kind === 'Node'
        ? doc.cluster.nodes.map((n) => n.name)
        : kind === 'Service'
          ? doc.cluster.services.map((s) => s.name)
          : doc.cluster.pods.map((p) => p.name);
    const before = names(await documentOf(page));
    await palette.getByRole('button', { name: button, exact: true }).click();
    await settle(page);
    const added = names(await documentOf(page)).filter((n) => !before.includes(n));
    expect(added).toHaveLength(1);
    return `${kind} ${added[0]}`;
  }
  /** The new element is fully inside the canvas on screen and clear of every element listed. */
  async function expectPlaced(name: string, others: readonly string[]) {
    const group = canvas.getByRole('group', { name, exact: true });
    await expect(group).toBeInViewport({ ratio: 0.99 });
    // The view settles after the element is brought into it.
    await page.waitForTimeout(600);
    const box = await boxOf(name);
    const area = (await canvas.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(area.x - 1);
    expect(box.y).toBeGreaterThanOrEqual(area.y - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(area.x + area.width + 1);
    expect(box.y + box.height).toBeLessThanOrEqual(area.y + area.height + 1);
    for (const other of others) expect(overlaps(box, await boxOf(other)), other).toBe(false);
  }

  const frames = ['Node node-1', 'Node node-2', 'Service web'];
  const node = await add('Add node', 'Node');
  await expectPlaced(node, frames);
  // Nothing selected: the new Service says it has no selector yet, and lands clear of the rest.
  await page.keyboard.press('Escape');
  const service = await add('Add ClusterIP Service', 'Service');
  await expectPlaced(service, [...frames, node]);
  const pods = ['Pod client', 'Pod web-1', 'Pod web-2'];
  const pod = await add('Add pod', 'Pod');
  await expectPlaced(pod, pods);
});

test('every palette label is shown in full at 1440x900', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openApp(page);
  const palette = paletteOf(page);
  await expect(palette.getByRole('button', { name: 'Add outside service' })).toContainText(
    'Outside service',
  );
  // A label cut by an ellipsis is wider inside than the room it is given.
  const cut = await palette.getByRole('button').evaluateAll((buttons) =>
    buttons
      .map((b) => b.querySelector('span.font-medium'))
      .filter((s): s is HTMLElement => s instanceof HTMLElement && s.scrollWidth > s.clientWidth)
      .map((s) => s.textContent),
  );
  expect(cut).toEqual([]);
  await palette.screenshot({ path: 'test-results/palette-1440.png' });
});
