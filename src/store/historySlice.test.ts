import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { SimulationClient } from '../worker/simulationClient.ts';
import { createAppStore } from './appStore.ts';
import { addNode } from '../scenario/document/edits/addElements.ts';
import { setPositions } from '../scenario/document/edits/moveElements.ts';
import {
  EMPTY_HISTORY,
  HISTORY_LIMIT,
  MERGE_WINDOW_MS,
  recordEdit,
  redoHistory,
  undoHistory,
} from './historySlice.ts';

const doc = (title: string): ScenarioDocument => ({ ...defaultScenario, title });

describe('history (pure)', () => {
  it('records, undoes and redoes', () => {
    const a = doc('a');
    const b = doc('b');
    const afterEdit = recordEdit(EMPTY_HISTORY, a, {}, 0);
    expect(afterEdit.past).toEqual([a]);
    const undone = undoHistory(afterEdit, b)!;
    expect(undone.document).toBe(a);
    expect(undone.history.future).toEqual([b]);
    const redone = redoHistory(undone.history, a)!;
    expect(redone.document).toBe(b);
    expect(redone.history.past).toEqual([a]);
    expect(undoHistory(EMPTY_HISTORY, a)).toBeNull();
    expect(redoHistory(EMPTY_HISTORY, a)).toBeNull();
  });

  it('squashes edits with the same merge key within the window', () => {
    const first = recordEdit(EMPTY_HISTORY, doc('1'), { mergeKey: 'name' }, 0);
    const second = recordEdit(first, doc('2'), { mergeKey: 'name' }, 500);
    expect(second.past.map((d) => d.title)).toEqual(['1']);
    const late = recordEdit(second, doc('3'), { mergeKey: 'name' }, 500 + MERGE_WINDOW_MS + 1);
    expect(late.past.map((d) => d.title)).toEqual(['1', '3']);
    const other = recordEdit(late, doc('4'), { mergeKey: 'ip' }, 2000);
    expect(other.past.map((d) => d.title)).toEqual(['1', '3', '4']);
  });

  it('a new edit clears the redo stack and the stack is bounded', () => {
    let h = EMPTY_HISTORY;
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = recordEdit(h, doc(String(i)), {}, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0].title).toBe('10');
    const undone = undoHistory(h, doc('now'))!;
    expect(recordEdit(undone.history, doc('x')).future).toEqual([]);
  });
});

describe('history in the store', () => {
  const store = () =>
    createAppStore({
      runner: new SimulationClient({
        createWorker: () => {
          throw new Error('no workers in Node');
        },
        loadEngine: () => Promise.resolve(engine),
      }),
    });

  it('commits an edit as one step, selects what it names when asked and shows its note', () => {
    const s = store();
    const original = s.getState().document;
    const result = addNode(original);
    s.getState().commitEdit({ ...result, note: 'A node joined.' }, { select: true });
    expect(s.getState().document).toBe(result.document);
    expect(s.getState().history.past).toHaveLength(1);
    expect(s.getState().selectedKeys).toEqual(result.keys);
    expect(s.getState().panelTab).toBe('inspect');
    expect(s.getState().toast?.text).toBe('A node joined.');
    s.getState().setSelection([]);
    s.getState().commitEdit(addNode(s.getState().document));
    expect(s.getState().selectedKeys).toEqual([]);
    s.getState().undo();
    expect(s.getState().document).toBe(result.document);
  });

  it('undoes document edits only, not selection or view', () => {
    const s = store();
    const original = s.getState().document;
    s.getState().setDocument(addNode(original).document);
    s.getState().setSelection(['Node/node-3']);
    s.getState().setShowSystem(true);
    expect(s.getState().history.past).toHaveLength(1);
    s.getState().undo();
    expect(s.getState().document).toBe(original);
    expect(s.getState().selectedKey).toBe('Node/node-3');
    expect(s.getState().showSystem).toBe(true);
    s.getState().redo();
    expect(s.getState().document.cluster.nodes).toHaveLength(3);
  });

  it('a drag is one step however far it went', () => {
    const s = store();
    const original = s.getState().document;
    // The canvas writes a drag once, when it ends, with every moved element.
    s.getState().editDocument((d) =>
      setPositions(d, { 'Node/node-1': { x: 300, y: 10 }, 'Pod/default/web-1': { x: 16, y: 80 } }),
    );
    s.getState().undo();
    expect(s.getState().document).toBe(original);
  });

  it('records nothing when an edit changes nothing', () => {
    const s = store();
    s.getState().editDocument((d) => d);
    expect(s.getState().history.past).toHaveLength(0);
  });
});
