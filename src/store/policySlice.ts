/**
 * The NetworkPolicy workbench: whether it is open, which policy it edits, and its analysis of
 * the cluster (who may reach whom on one port, and the policies' warnings), computed in the
 * worker and kept for the cluster and port it answers. A click on a matrix cell sends that flow
 * as a probe, so its trace shows which policy and rule decided it.
 */
import type { StateCreator } from 'zustand';
import type { Protocol } from '../engine/net.ts';
import type { ClusterSpec } from '../engine/spec.ts';
import type { PolicyWarning } from '../scenario/policyLint.ts';
import type { ReachabilityResult } from '../worker/protocol.ts';
import type { SimulationClient } from '../worker/simulationClient.ts';
import type { AppState } from './appState.ts';

/** The part of the client the workbench uses; a runner without it gets no matrix. */
export type ReachabilityRunner = Pick<SimulationClient, 'cancel'> &
  Partial<Pick<SimulationClient, 'reachability'>>;

export interface ReachabilityQuery {
  /** The destination port as policies see it (the pod's port, after any Service DNAT). */
  readonly port: number;
  readonly protocol: Protocol;
}

export interface PolicyAnalysis {
  readonly status: 'running' | 'ready' | 'error';
  /** The cluster and query the answer is for; an answer for another cluster is stale. */
  readonly cluster: ClusterSpec;
  readonly query: ReachabilityQuery;
  /** The last matrix, kept while a newer one is computed. */
  readonly matrix: ReachabilityResult | null;
  readonly warnings: readonly PolicyWarning[];
  readonly error: string | null;
}

/** A matrix cell: pods as `namespace/name`. */
export interface MatrixCell {
  readonly from: string;
  readonly to: string;
}

export interface PolicySlice {
  readonly policiesOpen: boolean;
  readonly setPoliciesOpen: (open: boolean) => void;
  /** The NetworkPolicy the workbench edits, by element key (`NetworkPolicy/default/deny`). */
  readonly workbenchPolicyKey: string | null;
  readonly setWorkbenchPolicyKey: (key: string | null) => void;
  readonly reachabilityQuery: ReachabilityQuery;
  /** False until the person picks a port: till then the matrix follows the scenario's flow. */
  readonly reachabilityQueryChosen: boolean;
  readonly setReachabilityQuery: (query: ReachabilityQuery) => void;
  readonly policyAnalysis: PolicyAnalysis | null;
  /** Computes the matrix and the warnings for the current cluster and query. */
  readonly analyzePolicies: () => Promise<void>;
  /** The cell last played. */
  readonly matrixCell: MatrixCell | null;
  /** Sends the cell's flow (pod to pod on the query's port) as the probe on screen. */
  readonly playMatrixCell: (cell: MatrixCell) => Promise<void>;
}

const splitPod = (key: string) => {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
};

export const createPolicySlice =
  (runner: ReachabilityRunner): StateCreator<AppState, [], [], PolicySlice> =>
  (set, get) => ({
    policiesOpen: false,
    setPoliciesOpen: (policiesOpen) =>
      set((state) => {
        const flow = state.document.flow;
        if (!policiesOpen || state.reachabilityQueryChosen || flow?.port === undefined) {
          return { policiesOpen };
        }
        return {
          policiesOpen,
          reachabilityQuery: { port: flow.port, protocol: flow.protocol ?? 'TCP' },
        };
      }),
    workbenchPolicyKey: null,
    setWorkbenchPolicyKey: (workbenchPolicyKey) => set({ workbenchPolicyKey }),
    reachabilityQuery: { port: 80, protocol: 'TCP' },
    reachabilityQueryChosen: false,
    setReachabilityQuery: (reachabilityQuery) => {
      set({ reachabilityQuery, reachabilityQueryChosen: true });
      void get().analyzePolicies();
    },
    policyAnalysis: null,
    analyzePolicies: async () => {
      const { document, reachabilityQuery: query, policyAnalysis: previous } = get();
      const cluster = document.cluster;
      if (!runner.reachability) {
        set({
          policyAnalysis: {
            status: 'error',
            cluster,
            query,
            matrix: null,
            warnings: [],
            error: 'The reachability matrix needs the simulation worker.',
          },
        });
        return;
      }
      set({
        policyAnalysis: {
          status: 'running',
          cluster,
          query,
          matrix: previous?.matrix ?? null,
          warnings: previous?.warnings ?? [],
          error: null,
        },
      });
      const outcome = await runner.reachability(cluster, query);
      switch (outcome.kind) {
        case 'result':
          set({
            policyAnalysis: {
              status: 'ready',
              cluster,
              query,
              matrix: outcome.matrix,
              warnings: outcome.warnings,
              error: null,
            },
          });
          return;
        case 'error':
          set({
            policyAnalysis: {
              status: 'error',
              cluster,
              query,
              matrix: null,
              warnings: [],
              error: outcome.error,
            },
          });
          return;
        case 'superseded':
        case 'cancelled':
          return;
        default:
          outcome satisfies never;
      }
    },
    matrixCell: null,
    playMatrixCell: (cell) => {
      const { port, protocol } = get().reachabilityQuery;
      set({ matrixCell: cell });
      return get().sendProbe({
        from: { kind: 'pod', ...splitPod(cell.from) },
        to: { kind: 'pod', ...splitPod(cell.to) },
        port,
        protocol,
      });
    },
  });
