/**
 * Playback of the current trace, like a debugger or Packet Tracer's simulation mode: play,
 * pause, step, seek, speed, and the presenter's view.
 *
 * Only the hop the packet has reached lives here (as the selection's step id). Where the dot is
 * between two hops is animation state, kept by the canvas in refs.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './appState.ts';

/** Playback speeds offered, slowest first. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export interface PlaybackSlice {
  readonly playing: boolean;
  /** 0.25 to 4; 1 is the natural pace. */
  readonly speed: number;
  /** Presenter mode: large type, no editing chrome, narrated hops. */
  readonly presenting: boolean;
  readonly play: () => void;
  readonly pause: () => void;
  readonly togglePlay: () => void;
  readonly stepForward: () => void;
  readonly stepBack: () => void;
  readonly jumpToStart: () => void;
  readonly jumpToEnd: () => void;
  /** Parks the packet at a hop (an event-list click, the timeline), pausing playback. */
  readonly seekTo: (stepId: string) => void;
  /** The canvas reached a hop while playing: the current hop moves on, playback continues. */
  readonly reachStep: (stepId: string) => void;
  /** The canvas played to the last hop. */
  readonly finishPlayback: () => void;
  readonly setSpeed: (speed: number) => void;
  readonly setPresenting: (presenting: boolean) => void;
}

function stepIndex(state: AppState): number {
  return state.selectedStepId === null
    ? -1
    : state.steps.findIndex((s) => s.id === state.selectedStepId);
}

const clampSpeed = (speed: number) =>
  Math.min(SPEEDS[SPEEDS.length - 1], Math.max(SPEEDS[0], speed));

export const createPlaybackSlice: StateCreator<AppState, [], [], PlaybackSlice> = (set, get) => {
  const moveTo = (index: number) => {
    const { steps } = get();
    if (steps.length === 0) return;
    const clamped = Math.max(0, Math.min(steps.length - 1, index));
    set({ playing: false, selectedStepId: steps[clamped].id });
  };
  return {
    playing: false,
    speed: 1,
    presenting: false,
    play: () => {
      const state = get();
      if (state.steps.length === 0) return;
      // From the end, playing starts over (the canvas restarts on a cleared step).
      const atEnd = stepIndex(state) === state.steps.length - 1;
      set(atEnd ? { playing: true, selectedStepId: null } : { playing: true });
    },
    pause: () => set({ playing: false }),
    togglePlay: () => (get().playing ? get().pause() : get().play()),
    stepForward: () => moveTo(stepIndex(get()) + 1),
    stepBack: () => moveTo(Math.max(0, stepIndex(get()) - 1)),
    jumpToStart: () => moveTo(0),
    jumpToEnd: () => moveTo(get().steps.length - 1),
    seekTo: (stepId) => {
      if (!get().steps.some((s) => s.id === stepId)) return;
      set({ playing: false, selectedStepId: stepId });
    },
    reachStep: (stepId) => set({ selectedStepId: stepId }),
    finishPlayback: () => set({ playing: false }),
    setSpeed: (speed) => set({ speed: clampSpeed(speed) }),
    setPresenting: (presenting) => set({ presenting }),
  };
};
