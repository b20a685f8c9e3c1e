/**
 * The page's side of the simulation worker. Latest wins: a new run supersedes the one before it,
 * whose answer is then ignored. If the worker cannot start or crashes, the client runs the engine
 * in the page instead, says so once through onFallback, and keeps answering.
 */
import {
  answerRequest,
  describeError,
  type ClusterInput,
  type ModelSummary,
  type ProbeInput,
  type SimulationEngine,
  type SimulationRequest,
  type SimulationResponse,
  type TraceResult,
} from './protocol.ts';

export type SimulationOutcome =
  | { readonly kind: 'result'; readonly model: ModelSummary; readonly trace: TraceResult | null }
  | { readonly kind: 'error'; readonly error: string }
  /** A newer run started before this one answered. */
  | { readonly kind: 'superseded' }
  | { readonly kind: 'cancelled' };

export type SimulationMode = 'worker' | 'in-thread';

export interface SimulationClientOptions {
  /** Seam for tests; the default starts simulation.worker.ts as a module worker. */
  readonly createWorker?: () => Worker;
  /** Seam for tests; the default loads the engine lazily, only when the fallback needs it. */
  readonly loadEngine?: () => Promise<SimulationEngine>;
  /** Called once, when the client gives up on the worker, with the technical cause. */
  readonly onFallback?: (cause: string) => void;
}

interface PendingRun {
  readonly request: SimulationRequest;
  readonly settle: (outcome: SimulationOutcome) => void;
}

const createDefaultWorker = (): Worker =>
  new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });

const loadDefaultEngine = (): Promise<SimulationEngine> => import('../engine/index.ts');

export class SimulationClient {
  private worker: Worker | null = null;
  private currentMode: SimulationMode = 'worker';
  private nextId = 1;
  private pending: PendingRun | null = null;
  private readonly createWorker: () => Worker;
  private readonly loadEngine: () => Promise<SimulationEngine>;
  private readonly onFallback: ((cause: string) => void) | undefined;

  constructor(options: SimulationClientOptions = {}) {
    this.createWorker = options.createWorker ?? createDefaultWorker;
    this.loadEngine = options.loadEngine ?? loadDefaultEngine;
    this.onFallback = options.onFallback;
  }

  get mode(): SimulationMode {
    return this.currentMode;
  }

  /** Builds the cluster and, when a probe is given, traces it. Never rejects. */
  run(cluster: ClusterInput, probe: ProbeInput | null): Promise<SimulationOutcome> {
    this.pending?.settle({ kind: 'superseded' });
    const request: SimulationRequest = { id: this.nextId++, cluster, probe };
    return new Promise<SimulationOutcome>((resolve) => {
      this.pending = { request, settle: resolve };
      this.dispatch(request);
    });
  }

  /** Drops the current run; a worker still busy with it is stopped and restarted on demand. */
  cancel(): void {
    if (!this.pending) return;
    this.pending.settle({ kind: 'cancelled' });
    this.pending = null;
    this.stopWorker();
  }

  dispose(): void {
    this.cancel();
    this.stopWorker();
  }

  private dispatch(request: SimulationRequest): void {
    if (this.currentMode === 'worker') {
      const worker = this.ensureWorker();
      if (worker) {
        try {
          worker.postMessage(request);
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
      worker.onmessage = (event: MessageEvent<SimulationResponse>) => this.receive(event.data);
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
    // The run the worker was holding is answered here instead.
    if (this.pending) void this.runInThread(this.pending.request);
  }

  private async runInThread(request: SimulationRequest): Promise<void> {
    let response: SimulationResponse;
    try {
      const engine = await this.loadEngine();
      if (this.pending?.request.id !== request.id) return;
      response = answerRequest(engine, request);
    } catch (error) {
      response = { id: request.id, ok: false, error: describeError(error) };
    }
    this.receive(response);
  }

  private receive(response: SimulationResponse): void {
    const pending = this.pending;
    // Answers to superseded or cancelled runs arrive late; latest wins, so they are dropped.
    if (!pending || pending.request.id !== response.id) return;
    this.pending = null;
    pending.settle(
      response.ok
        ? { kind: 'result', model: response.model, trace: response.trace }
        : { kind: 'error', error: response.error },
    );
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
