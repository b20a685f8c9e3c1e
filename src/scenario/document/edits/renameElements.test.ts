import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../builtins/defaultScenario.ts';
import type { ScenarioDocument } from '../../scenarioDocument.ts';
import { renameElement } from './renameElements.ts';

const withFlow = (flow: NonNullable<ScenarioDocument['flow']>): ScenarioDocument => ({
  ...defaultScenario,
  cluster: {
    ...defaultScenario.cluster,
    externalClients: [{ name: 'laptop', ip: '203.0.113.10' }],
  },
  flow,
});

describe('the flow follows a renamed element', () => {
  it('a node as the source', () => {
    const doc = withFlow({
      from: { kind: 'node', name: 'node-1' },
      to: { kind: 'name', name: 'web' },
      port: 80,
    });
    const result = renameElement(doc, 'Node/node-1', 'worker-a');
    expect(result.document.flow?.from).toEqual({ kind: 'node', name: 'worker-a' });
    expect(result.document.flow?.to).toEqual({ kind: 'name', name: 'web' });
  });

  it('an outside client as the source', () => {
    const doc = withFlow({
      from: { kind: 'external', name: 'laptop' },
      to: { kind: 'name', name: 'web' },
      port: 80,
    });
    const result = renameElement(doc, 'ExternalClient/laptop', 'phone');
    expect(result.document.flow?.from).toEqual({ kind: 'external', name: 'phone' });
  });

  it("a pod of the same name in another namespace is not the flow's pod", () => {
    const doc = withFlow({
      from: { kind: 'pod', namespace: 'tools', name: 'client' },
      to: { kind: 'name', name: 'web' },
      port: 80,
    });
    const result = renameElement(doc, 'Pod/default/client', 'curl');
    expect(result.document.flow?.from).toEqual({ kind: 'pod', namespace: 'tools', name: 'client' });
  });

  it('a node rename leaves a pod source of that name alone', () => {
    const doc = withFlow({
      from: { kind: 'pod', namespace: 'default', name: 'node-1' },
      to: { kind: 'name', name: 'web' },
      port: 80,
    });
    const result = renameElement(doc, 'Node/node-1', 'worker-a');
    expect(result.document.flow?.from).toMatchObject({ kind: 'pod', name: 'node-1' });
  });
});
