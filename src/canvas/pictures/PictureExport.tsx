/**
 * The canvas toolbar's Picture button and its panel: a PNG or SVG of the canvas, or an animated
 * GIF of the current flow, of the whole scenario (fitted into a slide) or the current view, in the
 * light or the dark theme. A picture in the other theme switches the page to it while it draws.
 */
import { useReactFlow } from '@xyflow/react';
import { useId, useState, type ReactNode } from 'react';
import { appStore, useAppStore } from '../../store/appStore.ts';
import {
  selectHasTrace,
  selectSetTheme,
  selectSteps,
  selectTheme,
  selectTitle,
} from '../../store/selectors.ts';
import { downloadFile, fileNameFor } from '../../ui/downloadFile.ts';
import { usePopover } from '../../ui/usePopover.ts';
import { useResolvedTheme } from '../../ui/useResolvedTheme.ts';
import { prefetchWhenIdle } from '../../ui/lazyPart.tsx';
import type { CanvasEdge, CanvasNode } from '../flowTypes.ts';
import type { FlowPlayer } from './capturePicture.ts';
import { pictureFrame, type PictureArea, type PictureFormat } from './pictureFrame.ts';

const loadCapture = () => import('./capturePicture.ts');
prefetchWhenIdle(loadCapture);

type Theme = 'light' | 'dark';

const FORMATS: readonly { value: PictureFormat; label: string; hint: string }[] = [
  { value: 'png', label: 'PNG', hint: 'sharp at slide size' },
  { value: 'svg', label: 'SVG', hint: 'for browsers' },
  { value: 'gif', label: 'Animated GIF', hint: 'the flow, hop by hop' },
];
const AREAS: readonly { value: PictureArea; label: string }[] = [
  { value: 'scenario', label: 'Whole scenario' },
  { value: 'view', label: 'Current view' },
];
const THEMES: readonly { value: Theme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
const TYPES: Readonly<Record<PictureFormat, string>> = {
  png: 'image/png',
  svg: 'image/svg+xml',
  gif: 'image/gif',
};

/** Resolves after the browser has painted twice: a theme switch or a packet move is on screen. */
const painted = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );

/** Waits until the packet rests on `stepId` (the canvas marks it on the packet element). */
async function packetRestsOn(flow: HTMLElement, stepId: string): Promise<void> {
  const deadline = performance.now() + 10_000;
  for (;;) {
    await painted();
    const packet = flow.querySelector<HTMLElement>('[data-testid="packet"]');
    if (packet?.dataset.step === stepId && packet.dataset.moving === 'false') return;
    if (performance.now() > deadline) throw new Error('The packet did not reach its hop.');
  }
}

export function PictureExport() {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<PictureFormat>('png');
  const [area, setArea] = useState<PictureArea>('scenario');
  const themeChoice = useAppStore(selectTheme);
  const shownTheme = useResolvedTheme(themeChoice);
  const [theme, setTheme] = useState<Theme | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const hasTrace = useAppStore(selectHasTrace);
  const { button, panel } = usePopover(open, setOpen);
  const { getNodes, getNodesBounds, getViewport } = useReactFlow<CanvasNode, CanvasEdge>();
  const wanted = theme ?? shownTheme;
  const chosenFormat = format === 'gif' && !hasTrace ? 'png' : format;

  const save = async () => {
    const flow = button.current?.closest<HTMLElement>('.react-flow');
    if (!flow || busy) return;
    setBusy(true);
    setStatus('Drawing…');
    const state = appStore.getState();
    const before = { theme: state.theme, step: state.selectedStepId };
    const setAppTheme = selectSetTheme(state);
    try {
      if (wanted !== shownTheme) {
        setAppTheme(wanted);
        await painted();
      }
      const nodes = getNodes().filter((n) => !n.hidden);
      const frame = pictureFrame(
        area,
        getNodesBounds(nodes),
        { width: flow.clientWidth, height: flow.clientHeight },
        getViewport(),
      );
      const title = selectTitle(appStore.getState());
      // The drawing code arrives when a picture is first asked for, not with the first screen.
      const { captureFlowGif, captureStill } = await loadCapture();
      let blob: Blob;
      if (chosenFormat === 'gif') {
        const steps = selectSteps(appStore.getState());
        const player: FlowPlayer = {
          hops: steps.length,
          showHop: async (index) => {
            appStore.getState().seekTo(steps[index].id);
            await packetRestsOn(flow, steps[index].id);
          },
        };
        blob = await captureFlowGif(flow, frame, player, (hop) =>
          setStatus(`Drawing hop ${hop + 1} of ${steps.length}…`),
        );
      } else {
        blob = await captureStill(flow, frame, chosenFormat);
      }
      downloadFile(blob, fileNameFor(title, `.${chosenFormat}`), TYPES[chosenFormat]);
      setStatus(`Saved ${fileNameFor(title, `.${chosenFormat}`)}`);
    } catch (e) {
      setStatus(`The picture was not saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      if (appStore.getState().theme !== before.theme) setAppTheme(before.theme);
      if (chosenFormat === 'gif' && before.step) appStore.getState().seekTo(before.step);
      setBusy(false);
    }
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={`${ids}-panel`}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md border border-slate-300 px-2.5 py-1 font-medium text-slate-800 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none"
      >
        Picture
      </button>
      {open && (
        <div
          ref={panel}
          id={`${ids}-panel`}
          role="dialog"
          aria-label="Export picture"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            setOpen(false);
            button.current?.focus();
          }}
          className="absolute top-full right-0 z-20 mt-2 flex w-64 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3 text-[13px] text-slate-800 shadow-lg"
        >
          <ChoiceGroup
            legend="Format"
            value={chosenFormat}
            onChange={setFormat}
            options={FORMATS.map((f) =>
              f.value === 'gif' && !hasTrace
                ? { ...f, disabled: true, hint: 'send a packet first' }
                : f,
            )}
          />
          <ChoiceGroup legend="Area" value={area} onChange={setArea} options={AREAS} />
          <ChoiceGroup legend="Theme" value={wanted} onChange={setTheme} options={THEMES} />
          <button
            type="button"
            onClick={() => void save()}
            disabled={busy}
            className="rounded-md bg-sky-600 px-3 py-1.5 font-medium text-white hover:bg-sky-700 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none disabled:opacity-50"
          >
            Save picture
          </button>
          <p role="status" className="min-h-[1.25rem] text-[12px] text-slate-600">
            {status}
          </p>
        </div>
      )}
    </div>
  );
}

interface ChoiceOption<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly hint?: string;
  readonly disabled?: boolean;
}

/** One of the panel's radio groups: its options, the one chosen, and a hint beside each. */
function ChoiceGroup<T extends string>({
  legend,
  value,
  onChange,
  options,
}: {
  readonly legend: string;
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly options: readonly ChoiceOption<T>[];
}) {
  const name = useId();
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
        {legend}
      </legend>
      {options.map((o) => (
        <Choice
          key={o.value}
          name={name}
          checked={value === o.value}
          disabled={o.disabled}
          onChange={() => onChange(o.value)}
          hint={o.hint}
        >
          {o.label}
        </Choice>
      ))}
    </fieldset>
  );
}

function Choice({
  name,
  checked,
  disabled = false,
  onChange,
  hint,
  children,
}: {
  readonly name: string;
  readonly checked: boolean;
  readonly disabled?: boolean;
  readonly onChange: () => void;
  readonly hint?: string;
  readonly children: ReactNode;
}) {
  return (
    <label
      className={`flex items-center gap-2 ${disabled ? 'cursor-not-allowed opacity-50' : 'cursor-pointer'}`}
    >
      <input
        type="radio"
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={onChange}
        className="accent-sky-600"
      />
      <span>{children}</span>
      {hint && <span className="ml-auto text-[11.5px] text-slate-500">{hint}</span>}
    </label>
  );
}
