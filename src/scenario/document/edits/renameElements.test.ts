import { describe, expect, it } from 'vitest';
import type { Probe } from '../../../engine/trace.ts';
import { defaultScenario } from '../../builtins/defaultScenario.ts';
import { renameElement } from './renameElements.ts';

const toWeb = { kind: 'name', name: 'web' } as const;

describe('the flow follows a renamed element', () => {
  it.each<[string, Probe['from'], string, string, Probe['from']]>([
    [
      'a node',
      { kind: 'node', name: 'node-1' },
      'Node/node-1',
      'worker-a',
      { kind: 'node', name: 'worker-a' },
    ],
    [
      'an outside client',
      { kind: 'external', name: 'laptop' },
      'ExternalClient/laptop',
      'phone',
      { kind: 'external', name: 'phone' },
    ],
    // Not the flow's pod: the same name in another namespace, or a node of the pod's name.
    [
      'not a pod of another namespace',
      { kind: 'pod', namespace: 'tools', name: 'client' },
      'Pod/default/client',
      'curl',
      { kind: 'pod', namespace: 'tools', name: 'client' },
    ],
    [
      'not a pod named like the node',
      { kind: 'pod', namespace: 'default', name: 'node-1' },
      'Node/node-1',
      'worker-a',
      { kind: 'pod', namespace: 'default', name: 'node-1' },
    ],
  ])('%s as the source', (_, from, key, name, expected) => {
    const doc = {
      ...defaultScenario,
      cluster: {
        ...defaultScenario.cluster,
        externalClients: [{ name: 'laptop', ip: '203.0.113.10' }],
      },
      flow: { from, to: toWeb, port: 80 },
    };
    const result = renameElement(doc, key, name);
    expect(result.document.flow?.from).toEqual(expected);
    expect(result.document.flow?.to).toEqual(toWeb);
  });
});
