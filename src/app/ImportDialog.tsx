/**
 * Import: paste or pick Kubernetes YAML, a PodPath scenario file or a share link (or drop a file
 * on the canvas). Bad input shows what is wrong and loads nothing; good input opens as the new
 * scenario (the current work goes to Recent) and the dialog reports what came in, what was
 * skipped, and why.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { appStore } from '../store/appStore.ts';
import { DialogButton, DialogFrame } from './DialogFrame.tsx';
import { MAX_IMPORT_BYTES, type ImportOutcome, type ImportReport } from '../scenario/readImport.ts';
import { readImportOffThread } from '../worker/importClient.ts';
import { focusMainContent } from '../ui/focusTargets.ts';
import { openScenario } from './scenarioActions.ts';

interface ImportDialogProps {
  readonly onClose: () => void;
  /** A file dropped on the canvas: read and imported as soon as the dialog opens. */
  readonly file?: File;
}

type Failure = Extract<ImportOutcome, { ok: false }>;

interface Done {
  readonly title: string;
  readonly report: ImportReport;
  readonly keptTitle: string | null;
}

/** Reads a file as text, refusing oversized ones before reading them. */
export async function readFileText(file: File): Promise<{ text: string } | Failure> {
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      message: `“${file.name}” is too large to import (${(file.size / 1_048_576).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1_048_576} MB).`,
      details: [],
    };
  }
  try {
    return { text: await file.text() };
  } catch {
    return { ok: false, message: `“${file.name}” could not be read.`, details: [] };
  }
}

export function ImportDialog({ onClose, file }: ImportDialogProps) {
  const ids = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  /** What the reading does now ("parsing the YAML (120 kB)"), or null when idle. */
  const [busy, setBusy] = useState<string | null>(null);
  // Closing the dialog stops a read still under way; its answer is then never applied.
  const reading = useRef<AbortController | null>(null);
  useEffect(() => () => reading.current?.abort(), []);

  const importText = async (input: string, fileName?: string) => {
    reading.current?.abort();
    const controller = new AbortController();
    reading.current = controller;
    setBusy('reading');
    const outcome = await readImportOffThread(input, fileName, {
      signal: controller.signal,
      onProgress: (doing) => setBusy(doing),
    });
    if (outcome === null || controller.signal.aborted) return;
    reading.current = null;
    setBusy(null);
    if (!outcome.ok) {
      setFailure(outcome);
      return;
    }
    const previous = appStore.getState().document.title;
    const keptId = openScenario(appStore, outcome.document, {
      source: outcome.report.kind === 'yaml' ? 'yaml' : 'file',
      play: outcome.report.kind !== 'yaml',
      view: outcome.view,
      from: fileName ? `from ${fileName}` : 'from the pasted text',
    });
    setFailure(null);
    setDone({
      title: outcome.document.title,
      report: outcome.report,
      keptTitle: keptId ? previous : null,
    });
  };

  const importFile = async (picked: File) => {
    setBusy('reading the file');
    const read = await readFileText(picked);
    if ('text' in read) await importText(read.text, picked.name);
    else {
      setBusy(null);
      setFailure(read);
    }
  };

  // A dropped file is imported once, when the dialog opens with it.
  const dropped = useRef(file);
  useEffect(() => {
    const pending = dropped.current;
    dropped.current = undefined;
    if (pending) void importFile(pending);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (done) {
    // The imported scenario is on show: leaving the report goes to it, not back to the menu.
    const leave = () => {
      onClose();
      focusMainContent();
    };
    return (
      <DialogFrame
        title="Import report"
        onClose={leave}
        width="lg"
        footer={
          <DialogButton primary onClick={leave}>
            Done
          </DialogButton>
        }
      >
        <ImportReportView done={done} />
      </DialogFrame>
    );
  }

  return (
    <DialogFrame
      title="Import"
      onClose={onClose}
      width="lg"
      cancel
      footer={
        <>
          <DialogButton
            primary
            disabled={text.trim() === '' || busy !== null}
            onClick={() => void importText(text)}
          >
            Import
          </DialogButton>
        </>
      }
    >
      <p>
        Paste Kubernetes YAML (your manifests, or the output of{' '}
        <code className="rounded bg-slate-100 px-1 font-mono text-[12.5px]">
          kubectl get -A -o yaml
        </code>
        ), a PodPath scenario file, or a share link. You can also drop a file on the canvas.
      </p>
      <label
        htmlFor={`${ids}-text`}
        className="mt-3 mb-1 block text-[11px] font-semibold tracking-wide text-slate-500 uppercase"
      >
        YAML, scenario JSON or link
      </label>
      <textarea
        id={`${ids}-text`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={12}
        spellCheck={false}
        placeholder={'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n…'}
        className="w-full rounded-md border border-slate-300 bg-white px-2.5 py-2 font-mono text-[12.5px] leading-snug text-slate-900 focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none"
      />
      <div className="mt-2 flex items-center gap-3">
        <DialogButton disabled={busy !== null} onClick={() => fileInput.current?.click()}>
          Choose a file…
        </DialogButton>
        <span className="text-[12.5px] text-slate-500">
          .yaml, .yml or .json, up to {MAX_IMPORT_BYTES / 1_048_576} MB
        </span>
        <input
          ref={fileInput}
          type="file"
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml,text/plain"
          className="hidden"
          aria-label="Scenario or YAML file"
          onChange={(e) => {
            const picked = e.target.files?.[0];
            e.target.value = '';
            if (picked) void importFile(picked);
          }}
        />
      </div>
      {busy !== null && (
        <p role="status" aria-label="Import progress" className="mt-3 text-slate-600">
          Importing: {busy}…
        </p>
      )}
      {failure && <ImportFailure failure={failure} />}
    </DialogFrame>
  );
}

function ImportFailure({ failure }: { readonly failure: Failure }) {
  const shown = failure.details.slice(0, 12);
  return (
    <div
      role="alert"
      className="mt-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-[13.5px] text-red-900"
    >
      <p className="font-semibold">{failure.message}</p>
      {shown.length > 0 && (
        <ul className="mt-1.5 list-disc space-y-0.5 pl-5 font-mono text-[12px] break-words">
          {shown.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
      {failure.details.length > shown.length && (
        <p className="mt-1 text-[12.5px]">…and {failure.details.length - shown.length} more.</p>
      )}
      <p className="mt-1.5 text-[12.5px] text-red-800">
        Nothing was loaded; your work is unchanged.
      </p>
    </div>
  );
}

const NAMES_SHOWN = 8;

const plural = (kind: string) =>
  kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : kind.endsWith('s') ? `${kind}es` : `${kind}s`;

function GroupList({
  label,
  groups,
}: {
  readonly label: string;
  readonly groups: ImportReport['imported'];
}) {
  if (groups.length === 0) return null;
  return (
    <section aria-label={label} className="mt-3">
      <h3 className="text-[12px] font-semibold tracking-wide text-slate-500 uppercase">{label}</h3>
      <ul className="mt-1 space-y-0.5">
        {groups.map((g) => (
          <li key={g.kind}>
            <span className="font-medium text-slate-900">
              {g.names.length} {g.names.length === 1 ? g.kind : plural(g.kind)}
            </span>
            <span className="text-slate-600">
              : {g.names.slice(0, NAMES_SHOWN).join(', ')}
              {g.names.length > NAMES_SHOWN ? ` and ${g.names.length - NAMES_SHOWN} more` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ImportReportView({ done }: { readonly done: Done }) {
  const { report } = done;
  const warnings = report.warnings.filter((w) => w.severity === 'warning');
  const notes = report.warnings.filter((w) => w.severity === 'note');
  return (
    <div>
      <p role="status">
        Opened <strong className="font-semibold text-slate-900">{done.title}</strong>
        {report.kind === 'yaml' ? ', laid out automatically' : ''}.
        {done.keptTitle !== null && (
          <>
            {' '}
            Your previous work, “{done.keptTitle}”, is in{' '}
            <strong className="font-semibold">Recent</strong>.
          </>
        )}
      </p>
      <GroupList label="Imported" groups={report.imported} />
      <GroupList label="Added by PodPath" groups={report.created} />
      <section aria-label="Skipped or changed" className="mt-3">
        <h3 className="text-[12px] font-semibold tracking-wide text-slate-500 uppercase">
          Skipped or changed
        </h3>
        {warnings.length === 0 ? (
          <p className="mt-1 text-slate-600">
            Nothing that affects the network: every networking object was read as written.
          </p>
        ) : (
          <ul className="mt-1 space-y-1.5">
            {warnings.map((w, index) => (
              <li
                key={index}
                className="rounded-md border border-amber-200 bg-amber-50 px-2.5 py-1.5 text-[13px] text-amber-950"
              >
                {w.message}
                {w.count > 1 ? <span className="text-amber-800"> ({w.count}×)</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {notes.length > 0 && (
        <details className="mt-3">
          <summary className="cursor-pointer text-[13px] text-slate-600">
            Also left out, as expected ({notes.length})
          </summary>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-[13px] text-slate-600">
            {notes.map((w, index) => (
              <li key={index}>{w.message}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
