import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import { encodeShareFragment } from '../scenario/shareLink.ts';
import { answerImport } from './answerImport.ts';
import type { ImportRequest } from './importProtocol.ts';
import { decodeLinkOffThread, readImportOffThread } from './importClient.ts';

type Behaviour = 'answer' | 'silent' | 'garbage' | 'fail-to-start';

/**
 * A stand-in for the import worker. `behave` decides what it does with the request: answer it
 * as the real worker does, stay silent (a read that never ends), or send garbage.
 */
class FakeWorker {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor(private readonly behave: Behaviour) {}

  postMessage(request: ImportRequest) {
    queueMicrotask(() => {
      if (this.behave === 'silent') {
        this.onmessage?.({
          data: { kind: 'progress', id: request.id, doing: 'parsing the YAML (1 kB)' },
        } as MessageEvent);
      } else if (this.behave === 'garbage') this.onmessage?.({ data: 42 } as MessageEvent);
      else if (this.behave === 'fail-to-start') {
        this.onerror?.({ message: 'blocked', preventDefault() {} } as ErrorEvent);
      } else {
        const report = (doing: string) =>
          this.onmessage?.({ data: { kind: 'progress', id: request.id, doing } } as MessageEvent);
        const answer = answerImport(request, report);
        this.onmessage?.({ data: { kind: 'done', id: request.id, answer } } as MessageEvent);
      }
    });
  }
  terminate() {
    this.terminated = true;
  }
}

/** A fake worker that behaves so, and the factory that hands it out. */
const fake = (behave: Behaviour) => {
  const worker = new FakeWorker(behave);
  return { worker, createWorker: () => worker as unknown as Worker };
};

const YAML = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec: {containers: [{name: a, image: nginx}]}`;

describe('reading an import off the main thread', () => {
  it('answers what the page would have read, with each step reported on the way', async () => {
    const { worker, createWorker } = fake('answer');
    const steps: string[] = [];
    const outcome = await readImportOffThread(YAML, 'web.yaml', {
      createWorker,
      onProgress: (doing) => steps.push(doing),
    });
    expect(outcome?.ok && outcome.document.cluster.pods.map((p) => p.name)).toEqual(['web']);
    expect(steps).toEqual([
      'parsing the YAML (1 kB)',
      'reading 1 object',
      'placing the pods on nodes',
      'reading the cluster settings',
      'checking the imported objects',
    ]);
    expect(worker.terminated).toBe(true);
  });

  it('stops a read over its budget and names the step that was slow', async () => {
    const { worker, createWorker } = fake('silent');
    const outcome = await readImportOffThread(YAML, undefined, { createWorker, budgetMs: 50 });
    expect(outcome?.ok).toBe(false);
    expect(!outcome?.ok && outcome?.message).toBe(
      'Reading this took longer than 0 s while parsing the YAML (1 kB), so PodPath stopped it. It is too large or too complex to open here.',
    );
    expect(worker.terminated).toBe(true);
  });

  it('refuses an answer it cannot read', async () => {
    const { worker, createWorker } = fake('garbage');
    const outcome = await readImportOffThread(YAML, undefined, { createWorker });
    expect(!outcome?.ok && outcome?.message).toMatch(/^Reading this stopped with an error/);
    expect(worker.terminated).toBe(true);
  });

  it('reads in the page when no worker can start', async () => {
    const outcome = await readImportOffThread(YAML, undefined, {
      createWorker: fake('fail-to-start').createWorker,
    });
    expect(outcome?.ok).toBe(true);
    const thrown = await readImportOffThread(YAML, undefined, {
      createWorker: () => {
        throw new Error('no workers here');
      },
    });
    expect(thrown?.ok).toBe(true);
  });

  it('gives nothing back once aborted (the dialog closed), and ends the worker', async () => {
    const { worker, createWorker } = fake('silent');
    const controller = new AbortController();
    const pending = readImportOffThread(YAML, undefined, {
      createWorker,
      signal: controller.signal,
    });
    controller.abort();
    expect(await pending).toBeNull();
    expect(worker.terminated).toBe(true);
  });
});

describe('decoding a share link off the main thread', () => {
  it('restores the scenario and the view', async () => {
    const fragment = encodeShareFragment(defaultScenario, { hop: 3 });
    const result = await decodeLinkOffThread(fragment, {
      createWorker: fake('answer').createWorker,
    });
    expect(result?.ok && result.scenario).toEqual(defaultScenario);
    expect(result?.ok && result.view).toEqual({ hop: 3 });
  });

  it('refuses a damaged link with the decoder’s message', async () => {
    const result = await decodeLinkOffThread('pp1.zVZJDsIwDPzKPAB6QOLCjTfw', {
      createWorker: fake('answer').createWorker,
    });
    expect(!result?.ok && result?.message).toMatch(/damaged/);
  });
});
