/**
 * The page's side of the simulation worker. Latest wins, per channel: a new run supersedes the
 * one before it on the same channel, whose answer is then ignored. The main run (model and
 * trace) and batches ("send 20", replays under other settings) have channels of their own, so a
 * batch never supersedes the trace on screen. If the worker cannot start or crashes, the client
 * runs the engine in the page instead, says so once through onFallback, and keeps answering.
 *
 * The worker is supervised: every request has a time budget. A request over it (a scenario the
 * engine cannot finish, a worker that closed itself or never answers) is answered with an error
 * naming the step the worker announced last, the worker is restarted, and the other runs go on
 * on the new one. An answer that is not a simulation result restarts the worker the same way.
 */
import {
  describeError,
  type BatchItem,
  type ClusterInput,
  type ModelSummary,
  type ProbeInput,
  type ReachabilityInput,
  type ReachabilityResult,
  type SimulationEngine,
  type SimulationRequest,
  type SimulationResponse,
  type TraceResult,
  type WorkerMessage,
} from './protocol.ts';
import type { PolicyWarning } from '../scenario/policyLint.ts';
import type { LessonAnswer, LessonQuestion } from './lessonAnswer.ts';

/**
 * How a run ends: its result, the engine's error, or nothing to apply because a newer run on the
 * same channel started first (superseded) or everything was dropped (cancelled).
 */
export type RunOutcome<Result> =
  | ({ readonly kind: 'result' } & Result)
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'superseded' }
  | { readonly kind: 'cancelled' };

export type SimulationOutcome = RunOutcome<{
  readonly model: ModelSummary;
  readonly trace: TraceResult | null;
  readonly probeError?: string;
}>;

export type BatchOutcome = RunOutcome<{ readonly traces: readonly BatchItem[] }>;

export type ReachabilityOutcome = RunOutcome<{
  readonly matrix: ReachabilityResult;
  readonly warnings: readonly PolicyWarning[];
}>;

export type LessonOutcome = RunOutcome<{ readonly answer: LessonAnswer }>;

/** Batches on different channels do not supersede each other. */
export type BatchChannel = 'batch' | 'compare';
type Channel = 'run' | BatchChannel | 'reachability' | 'lesson';

export type SimulationMode = 'worker' | 'in-thread';

export interface SimulationClientOptions {
  /** Seam for tests; the default starts simulation.worker.ts as a module worker. */
  readonly createWorker?: () => Worker;
  /** Seam for tests; the default loads the engine lazily, only when the fallback needs it. */
  readonly loadEngine?: () => Promise<SimulationEngine>;
  /** Called once, when the client gives up on the worker, with the technical cause. */
  readonly onFallback?: (cause: string) => void;
  /** Time a request may take in the worker before it is stopped (ms). */
  readonly budgetMs?: number;
  /** Called when a request ran over its budget and the worker was restarted. */
  readonly onStall?: (message: string) => void;
}

/** Long enough for the largest scenario the schema accepts on a slow phone. */
export const DEFAULT_BUDGET_MS = 20_000;

type Settlement = SimulationResponse | { readonly kind: 'superseded' | 'cancelled' };

/**
 * A settlement as the outcome of a request of kind `kind`: the answer's result as `unpack` reads
 * it, or why there is none (the engine's error, an answer of another kind, superseded, cancelled).
 */
function outcomeOf<K extends 'batch' | 'reachability' | 'lesson', R extends object>(
  settled: Settlement,
  kind: K,
  unpack: (answer: Extract<SimulationResponse, { readonly kind: K }>) => R,
): RunOutcome<R> {
  if (!('id' in settled)) return settled;
  if (!settled.ok) return { kind: 'error', error: settled.error };
  if (settled.kind !== kind) return { kind: 'error', error: 'unexpected answer' };
  return {
    kind: 'result',
    ...unpack(settled as Extract<SimulationResponse, { readonly kind: K }>),
  };
}

interface PendingRun {
  readonly request: SimulationRequest;
  readonly settle: (settlement: Settlement) => void;
  /** The step the worker announced last for this request. */
  doing?: string;
  timer?: ReturnType<typeof setTimeout>;
}

/** A message from the worker the client can read; anything else means the worker is broken. */
function isWorkerMessage(data: unknown): data is WorkerMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  if (typeof m.id !== 'number') return false;
  if (m.kind === 'progress') return typeof m.doing === 'string';
  return m.ok === false ? typeof m.error === 'string' : m.ok === true;
}

/** What the person reads when a request ran over its budget. */
export function stallMessage(doing: string | undefined, budgetMs: number): string {
  const seconds = Math.round(budgetMs / 1000);
  return (
    `The simulation took longer than ${seconds} s ${doing ? `while ${doing}` : 'and never answered'}, ` +
    'so PodPath stopped it and started the simulator again. Something in the scenario is more ' +
    'than the simulator can finish: change it and try again.'
  );
}

/**
 * The part of the client the store uses; tests pass a fake. A runner without batches or the
 * reachability matrix answers those runs with an error.
 */
export type SimulationRunner = Pick<SimulationClient, 'run' | 'cancel'> &
  Partial<Pick<SimulationClient, 'runBatch' | 'reachability' | 'lesson'>>;

const createDefaultWorker = (): Worker =>
  new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });

const loadDefaultEngine = (): Promise<SimulationEngine> => import('../engine/index.ts');

export class SimulationClient {
  private worker: Worker | null = null;
  private currentMode: SimulationMode = 'worker';
  private nextId = 1;
  private readonly pending = new Map<Channel, PendingRun>();
  private readonly createWorker: () => Worker;
  private readonly loadEngine: () => Promise<SimulationEngine>;
  private readonly onFallback: ((cause: string) => void) | undefined;
  private readonly onStall: ((message: string) => void) | undefined;
  private readonly budgetMs: number;

  constructor(options: SimulationClientOptions = {}) {
    this.createWorker = options.createWorker ?? createDefaultWorker;
    this.loadEngine = options.loadEngine ?? loadDefaultEngine;
    this.onFallback = options.onFallback;
    this.onStall = options.onStall;
    this.budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  }

  get mode(): SimulationMode {
    return this.currentMode;
  }

  /** Builds the cluster and, when a probe is given, traces it. Never rejects. */
  run(cluster: ClusterInput, probe: ProbeInput | null): Promise<SimulationOutcome> {
    const request: SimulationRequest = { id: this.nextId++, cluster, probe };
    return this.submit('run', request).then((settled): SimulationOutcome => {
      if (!('id' in settled)) return settled;
      if (!settled.ok) return { kind: 'error', error: settled.error };
      if (
        settled.kind === 'batch' ||
        settled.kind === 'reachability' ||
        settled.kind === 'lesson'
      ) {
        return { kind: 'error', error: 'unexpected answer' };
      }
      return {
        kind: 'result',
        model: settled.model,
        trace: settled.trace,
        ...(settled.probeError ? { probeError: settled.probeError } : {}),
      };
    });
  }

  /**
   * Traces many probes through one model in one message. Latest wins per channel; the main run
   * is not affected. Never rejects.
   */
  runBatch(
    cluster: ClusterInput,
    probes: readonly ProbeInput[],
    channel: BatchChannel = 'batch',
  ): Promise<BatchOutcome> {
    const request: SimulationRequest = { kind: 'batch', id: this.nextId++, cluster, probes };
    return this.submit(channel, request).then((settled) =>
      outcomeOf(settled, 'batch', (a) => ({ traces: a.traces })),
    );
  }

  /**
   * The NetworkPolicy reachability matrix for one port, with the policies' warnings. Latest
   * wins on its own channel; the main run is not affected. Never rejects.
   */
  reachability(cluster: ClusterInput, query: ReachabilityInput): Promise<ReachabilityOutcome> {
    const request: SimulationRequest = { kind: 'reachability', id: this.nextId++, cluster, query };
    return this.submit('reachability', request).then((settled) =>
      outcomeOf(settled, 'reachability', (a) => ({ matrix: a.matrix, warnings: a.warnings })),
    );
  }

  /**
   * A lesson's prediction answered, or its challenge checked, by the engine on this cluster.
   * Latest wins on its own channel. Never rejects.
   */
  lesson(cluster: ClusterInput, question: LessonQuestion): Promise<LessonOutcome> {
    const request: SimulationRequest = { kind: 'lesson', id: this.nextId++, cluster, question };
    return this.submit('lesson', request).then((settled) =>
      outcomeOf(settled, 'lesson', (a) => ({ answer: a.answer })),
    );
  }

  /** Drops every outstanding run; a worker still busy is stopped and restarted on demand. */
  cancel(): void {
    if (this.pending.size === 0) return;
    for (const run of this.pending.values()) {
      clearTimeout(run.timer);
      run.settle({ kind: 'cancelled' });
    }
    this.pending.clear();
    this.stopWorker();
  }

  dispose(): void {
    this.cancel();
    this.stopWorker();
  }

  private submit(channel: Channel, request: SimulationRequest): Promise<Settlement> {
    const previous = this.pending.get(channel);
    if (previous) {
      clearTimeout(previous.timer);
      previous.settle({ kind: 'superseded' });
    }
    return new Promise<Settlement>((resolve) => {
      const run: PendingRun = { request, settle: resolve };
      this.pending.set(channel, run);
      this.dispatch(run);
    });
  }

  private dispatch(run: PendingRun): void {
    const { request } = run;
    if (this.currentMode === 'worker') {
      const worker = this.ensureWorker();
      if (worker) {
        try {
          worker.postMessage(request);
          run.doing = undefined;
          clearTimeout(run.timer);
          run.timer = setTimeout(() => this.stall(run), this.budgetMs);
          return;
        } catch (error) {
          this.fallBack(describeError(error));
        }
      }
    }
    void this.runInThread(request);
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    try {
      const worker = this.createWorker();
      worker.onmessage = (event: MessageEvent<unknown>) => this.read(event.data);
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        this.fallBack(event.message || 'the worker script could not start or crashed');
      };
      worker.onmessageerror = () => {
        this.fallBack('an answer from the worker could not be read');
      };
      this.worker = worker;
      return worker;
    } catch (error) {
      this.fallBack(describeError(error));
      return null;
    }
  }

  private fallBack(cause: string): void {
    if (this.currentMode === 'in-thread') return;
    this.currentMode = 'in-thread';
    this.stopWorker();
    this.onFallback?.(cause);
    // The runs the worker was holding are answered here instead.
    for (const run of this.pending.values()) {
      clearTimeout(run.timer);
      void this.runInThread(run.request);
    }
  }

  /** One message from the worker: progress, an answer, or something it should never send. */
  private read(data: unknown): void {
    if (!isWorkerMessage(data)) {
      this.restartWorker(
        'The simulator sent an answer PodPath cannot read, so it was started again. Try once more.',
      );
      return;
    }
    if ('kind' in data && data.kind === 'progress') {
      for (const run of this.pending.values())
        if (run.request.id === data.id) run.doing = data.doing;
      return;
    }
    this.receive(data as SimulationResponse);
  }

  /** A request over its budget: it fails with a message, and the others go on on a new worker. */
  private stall(run: PendingRun): void {
    if (!this.isPending(run.request.id)) return;
    const message = stallMessage(run.doing, this.budgetMs);
    this.stopWorker();
    this.receive({ id: run.request.id, ok: false, error: message });
    this.onStall?.(message);
    for (const other of this.pending.values()) this.dispatch(other);
  }

  /** The worker is broken: every run it held fails with the message, and the next starts a new one. */
  private restartWorker(message: string): void {
    this.stopWorker();
    for (const run of [...this.pending.values()]) {
      this.receive({ id: run.request.id, ok: false, error: message });
    }
  }

  private async runInThread(request: SimulationRequest): Promise<void> {
    let response: SimulationResponse;
    try {
      // The answering code, like the engine, stays out of the first load: the worker has it.
      const [engine, { answerRequest }] = await Promise.all([
        this.loadEngine(),
        import('./answerRequest.ts'),
      ]);
      if (!this.isPending(request.id)) return;
      response = answerRequest(engine, request);
    } catch (error) {
      response = { id: request.id, ok: false, error: describeError(error) };
    }
    this.receive(response);
  }

  private isPending(id: number): boolean {
    for (const run of this.pending.values()) if (run.request.id === id) return true;
    return false;
  }

  private receive(response: SimulationResponse): void {
    // Answers to superseded or cancelled runs arrive late; latest wins, so they are dropped.
    for (const [channel, run] of this.pending) {
      if (run.request.id !== response.id) continue;
      clearTimeout(run.timer);
      this.pending.delete(channel);
      run.settle(response);
      return;
    }
  }

  private stopWorker(): void {
    if (!this.worker) return;
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.onmessageerror = null;
    this.worker.terminate();
    this.worker = null;
  }
}
