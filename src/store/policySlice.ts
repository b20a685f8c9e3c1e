/**
 * The NetworkPolicy workbench: whether it is open, which policy it edits, and the port its
 * reachability matrix asks about (the analysis itself is a run, in runsSlice). A click on a
 * matrix cell sends that flow as a probe, so its trace shows which policy and rule decided it.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './appState.ts';
import type { ReachabilityQuery } from './runsSlice.ts';
import { readPodText } from '../scenario/document/probeText.ts';

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
  /** The cell last played. */
  readonly matrixCell: MatrixCell | null;
  /** Sends the cell's flow (pod to pod on the query's port) as the probe on screen. */
  readonly playMatrixCell: (cell: MatrixCell) => Promise<void>;
}

export const createPolicySlice: StateCreator<AppState, [], [], PolicySlice> = (set, get) => ({
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
  matrixCell: null,
  playMatrixCell: (cell) => {
    const { port, protocol } = get().reachabilityQuery;
    set({ matrixCell: cell });
    return get().sendProbe({
      from: { kind: 'pod', ...readPodText(cell.from, 'matrix pod') },
      to: { kind: 'pod', ...readPodText(cell.to, 'matrix pod') },
      port,
      protocol,
    });
  },
});
