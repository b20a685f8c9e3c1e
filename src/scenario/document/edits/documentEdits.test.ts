import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../../engine/cluster/buildCluster.ts';
import { DEFAULT_SETTINGS } from '../../../engine/spec.ts';
import { defaultScenario } from '../../builtins/defaultScenario.ts';
import type { ScenarioDocument } from '../../scenarioDocument.ts';
import { validateScenario } from '../../schema.ts';
import {
  addDeployment,
  addExternalClient,
  addIngress,
  addNamespace,
  addNetworkPolicy,
  addNode,
  addPod,
  addService,
  scaleDeployment,
  SERVICE_VARIANTS,
} from './addElements.ts';
import { changeNamespace, renameElement } from './renameElements.ts';
import { copyElements, duplicateElements, pasteElements } from './clipboard.ts';
import { deleteElements } from './deleteElements.ts';
import { deploymentPods, hasElement } from './documentQueries.ts';
import { movePod, placeDraggedElements, setPositions } from './moveElements.ts';
import { updatePod, updatePods, updateService } from './updateElements.ts';
import { parseElementKey } from '../../document/elementKey.ts';

const empty: ScenarioDocument = {
  title: 'Empty',
  cluster: { settings: DEFAULT_SETTINGS, nodes: [], pods: [], services: [] },
  layout: {},
};

/** Every edit must leave a document the schema accepts and the engine builds without errors. */
function expectSound(doc: ScenarioDocument) {
  const checked = validateScenario(doc);
  expect(checked.ok ? [] : checked.issues).toEqual([]);
  const model = buildCluster(doc.cluster);
  return model;
}

const twoNodes = () => addNode(addNode(empty).document).document;

describe('element keys', () => {
  it.each([
    ['Pod/default/web-1', { kind: 'Pod', namespace: 'default', name: 'web-1' }],
    ['Node/node-1', { kind: 'Node', name: 'node-1' }],
    ['LoadBalancer/shop/web', { kind: 'LoadBalancer', namespace: 'shop', name: 'web' }],
    ['Namespace/shop', { kind: 'Namespace', name: 'shop' }],
  ])('parses %s', (key, ref) => {
    expect(parseElementKey(key)).toEqual(ref);
  });

  it.each(['Pod/web', 'Node/a/b', 'Widget/x', '', 'Service//x'])('rejects %s', (key) => {
    expect(parseElementKey(key)).toBeNull();
  });
});

describe('adding', () => {
  it('numbers new nodes and pods, and places pods on the least loaded node', () => {
    const nodes = twoNodes();
    expect(nodes.cluster.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2']);
    const one = addPod(nodes);
    const two = addPod(one.document);
    expect(one.keys).toEqual(['Pod/default/pod-1']);
    expect(two.document.cluster.pods.map((p) => [p.name, p.nodeName])).toEqual([
      ['pod-1', 'node-1'],
      ['pod-2', 'node-2'],
    ]);
    const model = expectSound(two.document);
    expect(model.pods.filter((p) => !p.system).map((p) => p.ip)).toEqual([
      '10.244.1.2',
      '10.244.2.2',
    ]);
  });

  it('refuses a pod when there is no node', () => {
    expect(() => addPod(empty)).toThrow(/add a node first/);
  });

  it('keeps a dropped position', () => {
    const result = addNode(empty, { position: { x: 10.4, y: 20.6 } });
    expect(result.document.layout).toEqual({ 'Node/node-1': { x: 10, y: 21 } });
  });

  it('spreads a Deployment over the nodes with a shared owner and label', () => {
    const result = addDeployment(twoNodes());
    const pods = result.document.cluster.pods;
    expect(pods.map((p) => [p.name, p.nodeName, p.ownerRef, p.labels?.app])).toEqual([
      ['web-1', 'node-1', 'Deployment/web', 'web'],
      ['web-2', 'node-2', 'Deployment/web', 'web'],
    ]);
    expectSound(result.document);
  });

  it('scales a Deployment up from its template and down newest first', () => {
    const base = addDeployment(twoNodes()).document;
    const edited = updatePods(base, ['Pod/default/web-1', 'Pod/default/web-2'], (p) => ({
      ...p,
      labels: { app: 'web', tier: 'front' },
    }));
    const up = scaleDeployment(edited, 'default', 'web', 4).document;
    const replicas = deploymentPods(up.cluster, 'default', 'web');
    expect(replicas.map((p) => p.name)).toEqual(['web-1', 'web-2', 'web-3', 'web-4']);
    expect(replicas.every((p) => p.labels?.tier === 'front')).toBe(true);
    expect(replicas.map((p) => p.nodeName)).toEqual(['node-1', 'node-2', 'node-1', 'node-2']);
    const down = scaleDeployment(up, 'default', 'web', 1).document;
    expect(deploymentPods(down.cluster, 'default', 'web').map((p) => p.name)).toEqual(['web-1']);
  });

  it('says which selector a new Service got and why', () => {
    const doc = addDeployment(twoNodes()).document;
    const fromPod = addService(doc, 'ClusterIP', { forLabels: { app: 'web' }, forPod: 'web-1' });
    expect(fromPod.document.cluster.services.at(-1)?.selector).toEqual({ app: 'web' });
    expect(fromPod.note).toBe(
      'Service web selects app=web, the app label of pod web-1. Change its selector in the Inspector.',
    );
    const noApp = addService(doc, 'ClusterIP', { forLabels: { role: 'db' }, forPod: 'db' });
    expect(noApp.document.cluster.services.at(-1)?.selector).toEqual({ role: 'db' });
    expect(noApp.note).toContain('pod db has no app label, so it takes all its labels');
    const none = addService(doc, 'ClusterIP');
    expect(none.document.cluster.services.at(-1)?.selector).toEqual({});
    expect(none.note).toContain('selects no pods yet: no pod was selected');
  });

  it.each(SERVICE_VARIANTS)('adds a %s Service the engine accepts', (variant) => {
    const doc = addDeployment(twoNodes()).document;
    const result = addService(doc, variant, { forLabels: { app: 'web' }, targetPort: 80 });
    const model = expectSound(result.document);
    const service = model.services.find((s) => !s.system)!;
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    switch (variant) {
      case 'Headless':
        expect(service.headless).toBe(true);
        break;
      case 'LoadBalancer':
        expect(service.loadBalancerIP).toMatch(/^203\.0\.113\./);
        break;
      case 'NodePort':
        expect(service.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
        break;
      case 'ExternalName':
        expect(service.externalName).toBe('example.com');
        break;
      case 'ClusterIP':
        expect(service.selectedPods).toHaveLength(2);
        expect(service.name).toBe('web');
        break;
      default:
        variant satisfies never;
    }
  });

  it('adds an Ingress to the first Service, clients, a namespace and a policy', () => {
    let doc = addDeployment(twoNodes()).document;
    doc = addService(doc, 'ClusterIP', { forLabels: { app: 'web' } }).document;
    doc = addIngress(doc).document;
    doc = addExternalClient(doc, 'internet').document;
    doc = addExternalClient(doc, 'office').document;
    doc = addNamespace(doc).document;
    doc = addNetworkPolicy(doc, { forLabels: { app: 'web' } }).document;
    const c = doc.cluster;
    expect(c.ingresses?.[0].rules[0].paths[0].backend).toEqual({ service: 'web', port: 80 });
    expect(c.externalClients).toEqual([
      { name: 'internet-user', ip: '198.51.100.10' },
      { name: 'office-laptop', ip: '172.16.0.10' },
    ]);
    expect(c.namespaces).toEqual([{ name: 'team-1', labels: { team: 'team-1' } }]);
    expect(c.networkPolicies?.[0]).toMatchObject({
      name: 'web-ingress',
      podSelector: { matchLabels: { app: 'web' } },
    });
    expectSound(doc);
  });
});

describe('moving a pod to another node', () => {
  it('changes nodeName, forgets the old address and the engine gives a new one', () => {
    const withIp = updatePod(defaultScenario, 'Pod/default/web-1', (p) => ({
      ...p,
      ip: '10.244.1.3',
    }));
    const moved = movePod(withIp, 'Pod/default/web-1', 'node-2', { x: 16, y: 200 });
    const pod = moved.cluster.pods.find((p) => p.name === 'web-1')!;
    expect(pod.nodeName).toBe('node-2');
    expect(pod.ip).toBeUndefined();
    expect(moved.layout['Pod/default/web-1']).toEqual({ x: 16, y: 200 });
    const model = expectSound(moved);
    expect(model.pods.find((p) => p.name === 'web-1')?.ip).toMatch(/^10\.244\.2\./);
    // The Service's endpoints follow the pod to its new address.
    const web = model.services.find((s) => s.name === 'web')!;
    expect(web.endpoints[0].map((e) => e.ip)).toContain(
      model.pods.find((p) => p.name === 'web-1')!.ip,
    );
  });

  it('ignores a node that does not exist', () => {
    expect(movePod(defaultScenario, 'Pod/default/web-1', 'node-9')).toBe(defaultScenario);
  });
});

describe('the end of a drag', () => {
  it('sets positions, reschedules dropped pods and says the pod gets a new IP', () => {
    const result = placeDraggedElements(
      defaultScenario,
      { 'Node/node-1': { x: 5, y: 6 } },
      [
        {
          key: 'Pod/default/web-1',
          podName: 'web-1',
          nodeName: 'node-2',
          podCidr: '10.244.2.0/24',
          position: { x: 16, y: 200 },
        },
      ],
      [],
    );
    expect(result.document.layout['Node/node-1']).toEqual({ x: 5, y: 6 });
    expect(result.document.cluster.pods.find((p) => p.name === 'web-1')?.nodeName).toBe('node-2');
    expect(result.note).toMatch(
      /^web-1 now runs on node-2 and gets a new IP .*\(10\.244\.2\.0\/24\)/,
    );
    expect(result.keys).toEqual([]);
  });

  it('says why a pod dropped outside every node went back', () => {
    const result = placeDraggedElements(defaultScenario, {}, [], ['web-1']);
    expect(result.document).toBe(defaultScenario);
    expect(result.note).toBe(
      'Pods run on nodes: web-1 was dropped outside every node, so it went back where it was.',
    );
  });
});

describe('updating', () => {
  it('returns the same document when nothing changes', () => {
    expect(updatePod(defaultScenario, 'Pod/default/nope', (p) => ({ ...p }))).toBe(defaultScenario);
    expect(updateService(defaultScenario, 'Service/default/web', (s) => s)).toBe(defaultScenario);
  });

  it('records positions in one document change', () => {
    const doc = setPositions(defaultScenario, {
      'Node/node-1': { x: 1, y: 2 },
      'Pod/default/web-1': { x: 3, y: 4 },
    });
    expect(doc.layout).toEqual({
      'Node/node-1': { x: 1, y: 2 },
      'Pod/default/web-1': { x: 3, y: 4 },
    });
  });
});

describe('renaming', () => {
  it('renames a node and the pods on it follow', () => {
    const doc = setPositions(defaultScenario, { 'Node/node-1': { x: 5, y: 5 } });
    const result = renameElement(doc, 'Node/node-1', 'worker-a');
    expect(result.keys).toEqual(['Node/worker-a']);
    expect(result.document.cluster.pods.filter((p) => p.nodeName === 'worker-a')).toHaveLength(2);
    expect(result.document.layout).toEqual({ 'Node/worker-a': { x: 5, y: 5 } });
    expectSound(result.document);
  });

  it('renames a Service and keeps the flow and Ingress backends pointing at it', () => {
    const withIngress = addIngress(defaultScenario).document;
    const result = renameElement(withIngress, 'Service/default/web', 'frontend');
    expect(result.document.flow?.to).toEqual({ kind: 'name', name: 'frontend' });
    expect(result.document.cluster.ingresses?.[0].rules[0].paths[0].backend.service).toBe(
      'frontend',
    );
  });

  it('renames a pod in the flow', () => {
    const result = renameElement(defaultScenario, 'Pod/default/client', 'curl');
    expect(result.document.flow?.from).toMatchObject({ kind: 'pod', name: 'curl' });
  });

  it('moves an object to another namespace and its key follows', () => {
    const doc = setPositions(defaultScenario, { 'Service/default/web': { x: 1, y: 1 } });
    const result = changeNamespace(doc, 'Service/default/web', 'shop');
    expect(result.keys).toEqual(['Service/shop/web']);
    expect(result.document.cluster.services[0].namespace).toBe('shop');
    expect(result.document.layout).toEqual({ 'Service/shop/web': { x: 1, y: 1 } });
    const back = changeNamespace(result.document, 'Service/shop/web', 'default');
    expect(back.document.cluster.services[0]).not.toHaveProperty('namespace');
  });

  it('renames a namespace with everything in it', () => {
    const doc = changeNamespace(defaultScenario, 'Pod/default/client', 'tools').document;
    const result = renameElement(doc, 'Namespace/tools', 'ops');
    expect(result.document.cluster.pods.find((p) => p.name === 'client')?.namespace).toBe('ops');
    expect(result.document.flow?.from).toMatchObject({ namespace: 'ops' });
  });
});

describe('deleting', () => {
  it('deletes pods and their layout', () => {
    const doc = setPositions(defaultScenario, { 'Pod/default/client': { x: 1, y: 1 } });
    const result = deleteElements(doc, ['Pod/default/client']);
    expect(result.document.cluster.pods.map((p) => p.name)).toEqual(['web-1', 'web-2']);
    expect(result.document.layout).toEqual({});
  });

  it('recreates Deployment pods of a deleted node elsewhere and loses bare pods', () => {
    const result = deleteElements(defaultScenario, ['Node/node-1']);
    const pods = result.document.cluster.pods;
    expect(pods.map((p) => [p.name, p.nodeName])).toEqual([
      ['web-1', 'node-2'],
      ['web-2', 'node-2'],
    ]);
    expect(result.note).toMatch(/1 Deployment pod was recreated/);
    expect(result.note).toMatch(/1 bare pod/);
    expectSound(result.document);
  });

  it('deletes a namespace with its objects', () => {
    const doc = changeNamespace(defaultScenario, 'Pod/default/client', 'tools').document;
    const result = deleteElements(doc, ['Namespace/tools']);
    expect(result.document.cluster.pods.map((p) => p.name)).toEqual(['web-1', 'web-2']);
  });

  it('never deletes the default namespace contents', () => {
    const result = deleteElements(defaultScenario, ['Namespace/default']);
    expect(result.document.cluster.pods).toHaveLength(3);
  });
});

describe('copy, paste and duplicate', () => {
  it('duplicates pods and Services with fresh names and without fixed addresses', () => {
    const doc = updateService(
      setPositions(defaultScenario, { 'Service/default/web': { x: 100, y: 0 } }),
      'Service/default/web',
      (s) => ({
        ...s,
        type: 'NodePort',
        clusterIP: '10.96.0.50',
        ports: [{ ...s.ports[0], nodePort: 30080 }],
      }),
    );
    const result = duplicateElements(doc, ['Service/default/web', 'Pod/default/web-1']);
    expect(result.keys).toEqual(['Pod/default/web-1-copy', 'Service/default/web-copy']);
    const copy = result.document.cluster.services.find((s) => s.name === 'web-copy')!;
    expect(copy.clusterIP).toBeUndefined();
    expect(copy.ports[0].nodePort).toBeUndefined();
    expect(result.document.layout['Service/default/web-copy']).toEqual({ x: 140, y: 40 });
    const model = expectSound(result.document);
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('pastes a node with its pods onto the new node', () => {
    const clip = copyElements(defaultScenario, ['Node/node-2', 'Pod/default/web-2']);
    const result = pasteElements(defaultScenario, clip);
    expect(result.document.cluster.nodes.map((n) => n.name)).toContain('node-2-copy');
    expect(result.document.cluster.pods.find((p) => p.name === 'web-2-copy')?.nodeName).toBe(
      'node-2-copy',
    );
    const again = pasteElements(result.document, clip);
    expect(again.document.cluster.nodes.map((n) => n.name)).toContain('node-2-copy-2');
    expectSound(again.document);
  });
});

describe('hasElement', () => {
  it('knows load balancers belong to LoadBalancer Services', () => {
    expect(hasElement(defaultScenario, 'Service/default/web')).toBe(true);
    expect(hasElement(defaultScenario, 'LoadBalancer/default/web')).toBe(false);
    const lb = updateService(defaultScenario, 'Service/default/web', (s) => ({
      ...s,
      type: 'LoadBalancer',
    }));
    expect(hasElement(lb, 'LoadBalancer/default/web')).toBe(true);
    expect(hasElement(defaultScenario, 'Namespace/default')).toBe(true);
  });
});
