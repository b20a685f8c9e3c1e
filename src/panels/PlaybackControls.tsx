/**
 * The transport for the trace, like a debugger or Packet Tracer's simulation mode: first hop,
 * step back, play/pause, step forward, last hop, a timeline to scrub, and the speed. Keyboard:
 * Space plays or pauses, ← and → step, Home and End jump (PageUp/PageDown step too, for
 * presentation clickers). The current hop is narrated to an aria-live region.
 */
import { useEffect, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appStore, useAppStore, useAppValues } from '../store/appStore.ts';
import { sendFlowOnScreen } from '../store/sendFlowOnScreen.ts';
import { SPEEDS } from '../store/playbackSlice.ts';
import {
  selectOutcomeVerdict,
  selectPlaybackControls,
  selectPlaying,
  selectComparisonOpen,
  selectPresenting,
  selectSelectedStep,
  selectSelectedStepIndex,
  selectStepCount,
  selectSpeed,
  selectSteps,
} from '../store/selectors.ts';
import { narrateForSpeech, narrateStep, stepWhere } from '../store/traceSteps.ts';
import type { TraceStep } from '../store/viewTypes.ts';
import './PlaybackControls.css';
import { lazyPart } from '../ui/lazyPart.tsx';

/** Comparing replays under other settings: loads when first opened. */
const ReplayCompare = lazyPart(() => import('./ReplayCompare.tsx').then((m) => m.ReplayCompare));

const PHASE_TICK: Record<TraceStep['phase'], string> = {
  lookup: '#c026d3',
  request: '#007bbb',
  reply: '#cd4900',
};

/**
 * Keys a focused control handles itself; the global shortcuts leave them alone there. The rule
 * for the arrows: they step the packet, except on a selected canvas element, which they move
 * (Escape lets it go), and with Shift on the canvas, which moves the focus between elements.
 */
function ownsKey(target: EventTarget | null, key: string, shift: boolean): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (target.closest('[role="dialog"], [role="slider"], [role="menu"], [role="grid"]')) return true;
  const element = target.closest('.react-flow__node');
  if (element) {
    if (!key.startsWith('Arrow')) return true;
    return shift || element.classList.contains('selected');
  }
  if ((key === ' ' || key === 'Enter') && (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY'))
    return true;
  return false;
}

/** Space, arrows, Home/End (and PageUp/PageDown) drive playback anywhere on the page. */
export function usePlaybackShortcuts(): void {
  const controls = useAppStore(useShallow(selectPlaybackControls));
  const presenting = useAppStore(selectPresenting);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      // React Flow claims Space (hold to pan) on the whole document; the rest we leave to
      // whoever handled it first.
      if (event.defaultPrevented && event.key !== ' ') return;
      if (event.key === 'Escape' && presenting) {
        controls.setPresenting(false);
        return;
      }
      if (ownsKey(event.target, event.key, event.shiftKey)) return;
      const nothingSent = appStore.getState().steps.length === 0;
      const action =
        event.key === ' '
          ? presenting && nothingSent
            ? () => sendFlowOnScreen(appStore)
            : controls.togglePlay
          : event.key === 'ArrowRight' || event.key === 'PageDown'
            ? controls.stepForward
            : event.key === 'ArrowLeft' || event.key === 'PageUp'
              ? controls.stepBack
              : event.key === 'Home'
                ? controls.jumpToStart
                : event.key === 'End'
                  ? controls.jumpToEnd
                  : null;
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controls, presenting]);
}

/** The current hop in words, for screen readers (and the presenter's caption). */
export function useNarration(): string {
  const step = useAppStore(selectSelectedStep);
  const index = useAppStore(selectSelectedStepIndex);
  const total = useAppStore(selectStepCount);
  return step ? narrateStep(step, index, total) : '';
}

/** The screen reader's narration: each hop when paused or stepped, one line while playing. */
export function Narration() {
  const text = narrateForSpeech(
    useAppValues({
      playing: selectPlaying,
      step: selectSelectedStep,
      index: selectSelectedStepIndex,
      total: selectStepCount,
      verdict: selectOutcomeVerdict,
    }),
  );
  return (
    <p role="status" aria-live="polite" aria-label="Narration" className="sr-only">
      {text}
    </p>
  );
}

interface PlaybackControlsProps {
  /** Presenter mode: larger targets, no replay or presenter buttons. */
  readonly variant?: 'normal' | 'presenter';
}

export function PlaybackControls({ variant = 'normal' }: PlaybackControlsProps) {
  const steps = useAppStore(selectSteps);
  const playing = useAppStore(selectPlaying);
  const speed = useAppStore(selectSpeed);
  const index = useAppStore(selectSelectedStepIndex);
  const presenting = useAppStore(selectPresenting);
  const controls = useAppStore(useShallow(selectPlaybackControls));
  const comparing = useAppStore(selectComparisonOpen);
  const ids = useId();
  usePlaybackShortcuts();

  const total = steps.length;
  const none = total === 0;
  const position = Math.max(0, index);
  const big = variant === 'presenter';
  const shape = `grid shrink-0 place-items-center rounded-md border shadow-xs focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-40 ${
    big ? 'h-11 w-11' : 'h-8 w-8'
  }`;
  const button = `${shape} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;
  const primary = `${shape} border-sky-700 bg-sky-600 text-white hover:bg-sky-700`;
  const icon = big ? 'h-6 w-6' : 'h-4 w-4';
  // prettier-ignore
  const transport: readonly TransportButton[] = [
    { icon: 'first', label: 'First hop', title: 'First hop (Home)', disabled: none, onClick: controls.jumpToStart },
    { icon: 'back', label: 'Step back', title: 'Step back (←)', disabled: none || index <= 0, onClick: controls.stepBack },
    playing
      ? { icon: 'pause', label: 'Pause', title: 'Pause (Space)', disabled: none, onClick: controls.togglePlay }
      : { icon: 'play', label: 'Play', title: 'Play (Space)', disabled: none, onClick: controls.togglePlay, primary: true },
    { icon: 'forward', label: 'Step forward', title: 'Step forward (→)', disabled: none || index >= total - 1, onClick: controls.stepForward },
    { icon: 'last', label: 'Last hop', title: 'Last hop (End)', disabled: none, onClick: controls.jumpToEnd },
  ];

  return (
    <div
      role="toolbar"
      aria-label="Playback"
      // Wraps onto a second row when the canvas is narrow (a lesson open beside it at 1280 px).
      className={`flex w-full flex-wrap items-center gap-y-1 border-t border-slate-200 bg-white ${
        big ? 'gap-2 px-5 py-2' : 'gap-1.5 px-3 py-2 min-[1400px]:gap-2'
      }`}
    >
      {transport.map((b, i) => (
        <button
          // By place: Play and Pause are one button, which keeps the focus as it flips.
          key={i}
          type="button"
          className={b.primary ? primary : button}
          aria-label={b.label}
          title={b.title}
          disabled={b.disabled}
          onClick={b.onClick}
        >
          <Icon name={b.icon} className={icon} />
        </button>
      ))}

      <Timeline steps={steps} index={index} onSeek={(i) => controls.seekTo(steps[i].id)} />

      <span
        className={`shrink-0 font-mono text-slate-600 tabular-nums ${big ? 'text-[18px]' : 'text-[12px]'}`}
        aria-hidden="true"
      >
        {none ? '–' : `${index < 0 ? '–' : position + 1}/${total}`}
      </span>
      <label htmlFor={`${ids}-speed`} className="sr-only">
        Speed
      </label>
      <select
        id={`${ids}-speed`}
        value={speed}
        onChange={(e) => controls.setSpeed(Number(e.target.value))}
        className={`hidden shrink-0 rounded-md border border-slate-300 bg-white px-1.5 font-mono text-slate-800 md:block ${
          big ? 'h-11 text-[18px]' : 'h-8 text-[12px]'
        }`}
        title="Playback speed"
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}×
          </option>
        ))}
      </select>
      {!big && (
        <>
          <button
            type="button"
            disabled={none}
            onClick={() => controls.openComparison()}
            aria-label="Compare with another CNI…"
            className="hidden h-8 shrink-0 rounded-md border border-slate-300 bg-white px-2.5 text-[12.5px] font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40 md:block"
            title="Trace the same flow again under another CNI or kube-proxy mode, side by side with this one"
          >
            {/* Short where the bar is narrow (a 1280-pixel projector), so Present stays in view. */}
            <span className="min-[1400px]:hidden">Compare…</span>
            <span className="hidden min-[1400px]:inline">Compare with another CNI…</span>
          </button>
          <button
            type="button"
            aria-pressed={presenting}
            data-return-focus="present"
            onClick={() => controls.setPresenting(!presenting)}
            className="hidden h-8 shrink-0 rounded-md border border-slate-300 bg-white px-2.5 text-[12.5px] font-medium text-slate-800 hover:bg-slate-50 md:block"
            title="Presenter mode: large type, narrated hops, arrow keys step"
          >
            Present
          </button>
        </>
      )}
      <Narration />
      {comparing && !big && <ReplayCompare onClose={controls.closeComparison} />}
    </div>
  );
}

interface TimelineProps {
  readonly steps: readonly TraceStep[];
  readonly index: number;
  readonly onSeek: (index: number) => void;
}

/** Hops as ticks coloured by phase (DNS, request, reply; red where dropped), with a scrubber. */
function Timeline({ steps, index, onSeek }: TimelineProps) {
  const total = steps.length;
  const current = index >= 0 ? steps[index] : null;
  const valueText = current
    ? `Hop ${index + 1} of ${total}: ${current.phase}, ${stepWhere(current)}, ${current.hop.verdict}`
    : total > 0
      ? `Not started, ${total} hops`
      : 'No trace';
  return (
    <div className="relative mx-1 h-8 min-w-[120px] flex-1">
      <div
        aria-hidden="true"
        className="absolute inset-x-0 top-1/2 flex h-2.5 -translate-y-1/2 gap-px"
      >
        {total === 0 && (
          // Before the first send: an empty rail, so the bar does not show a thumb on nothing.
          <span className="h-full flex-1 rounded-full bg-slate-200" />
        )}
        {steps.map((s, i) => (
          <span
            key={s.id}
            className="h-full flex-1 first:rounded-l-full last:rounded-r-full"
            style={{
              backgroundColor: s.hop.verdict === 'Dropped' ? '#dc2626' : PHASE_TICK[s.phase],
              opacity: index >= 0 && i <= index ? 1 : 0.28,
            }}
          />
        ))}
      </div>
      <input
        type="range"
        aria-label="Timeline"
        aria-valuetext={valueText}
        min={0}
        max={Math.max(0, total - 1)}
        step={1}
        value={Math.max(0, index)}
        disabled={total === 0}
        onChange={(e) => onSeek(Number(e.target.value))}
        className="pp-timeline absolute inset-0 h-full w-full cursor-pointer appearance-none bg-transparent disabled:cursor-not-allowed"
      />
    </div>
  );
}

type IconName = 'first' | 'back' | 'play' | 'pause' | 'forward' | 'last';

interface TransportButton {
  readonly icon: IconName;
  readonly label: string;
  readonly title: string;
  readonly disabled: boolean;
  readonly onClick: () => void;
  readonly primary?: boolean;
}

function Icon({ name, className }: { readonly name: IconName; readonly className: string }) {
  const paths: Record<IconName, string> = {
    first: 'M5 4v12M16 4 8 10l8 6z',
    back: 'M15 4 7 10l8 6z',
    play: 'M6 4l10 6-10 6z',
    pause: 'M6 4h3v12H6zM11 4h3v12h-3z',
    forward: 'M5 4l8 6-8 6z',
    last: 'M15 4v12M4 4l8 6-8 6z',
  };
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className={className} fill="currentColor">
      <path
        d={paths[name]}
        stroke="currentColor"
        strokeWidth={name === 'first' || name === 'last' ? 2 : 0}
      />
    </svg>
  );
}
