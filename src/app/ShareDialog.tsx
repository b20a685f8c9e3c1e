/**
 * The share link: the scenario, the flow and the selected hop in the URL fragment, which the
 * browser never sends to a server. Too-long links come with the file export instead.
 */
import { useEffect, useId, useRef, useState, type Ref, type TextareaHTMLAttributes } from 'react';
import { COMFORTABLE_LINK_CHARS } from '../scenario/shareLink.ts';
import { appStore } from '../store/appStore.ts';
import { buttonStyles, DialogButton, DialogFrame } from './DialogFrame.tsx';
import { describeFlow, exportScenarioFile, type ShareLink } from './scenarioActions.ts';

export type CopyStatus = 'copied' | 'select' | 'idle';

/** Copies text; where the clipboard is unavailable or refused, selects it for Ctrl+C instead. */
export async function copyText(
  text: string,
  field: HTMLTextAreaElement | HTMLInputElement | null,
): Promise<CopyStatus> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    field?.focus();
    field?.select();
    return 'select';
  }
}

interface ShareDialogProps {
  readonly link: ShareLink;
  readonly onClose: () => void;
}

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Read-only text to copy, selected whole when it gets the focus. */
function CopyArea({
  className,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { readonly ref: Ref<HTMLTextAreaElement> }) {
  return (
    <textarea
      readOnly
      onFocus={(e) => e.currentTarget.select()}
      className={`w-full resize-none rounded-md border border-slate-300 bg-slate-50 px-2.5 py-2 font-mono text-[12px] leading-snug break-all text-slate-800 ${className}`}
      {...props}
    />
  );
}

export function ShareDialog({ link, onClose }: ShareDialogProps) {
  const ids = useId();
  const linkRef = useRef<HTMLTextAreaElement>(null);
  const embedRef = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<CopyStatus>('idle');
  const [embedStatus, setEmbedStatus] = useState<CopyStatus>('idle');
  const [present, setPresent] = useState(false);
  const url = present ? link.presentUrl : link.url;
  const { scenario } = link;

  // One press of Share copies the link: the click that opened the dialog still allows it.
  useEffect(() => {
    let live = true;
    void copyText(link.url, linkRef.current).then((result) => live && setStatus(result));
    return () => {
      live = false;
    };
  }, [link.url]);
  const tooLong = link.url.length > COMFORTABLE_LINK_CHARS;
  const embedCode = `<iframe src="${escapeAttribute(link.embedUrl)}" title="${escapeAttribute(`PodPath: ${scenario.title}`)}" width="960" height="540" style="border:0" loading="lazy"></iframe>`;

  return (
    <DialogFrame
      title="Share this scenario"
      onClose={onClose}
      width="lg"
      footer={<DialogButton onClick={onClose}>Done</DialogButton>}
    >
      <p>
        The link opens <strong className="font-semibold text-slate-900">{scenario.title}</strong>
        {scenario.flow && (
          <>
            {' '}
            and plays the flow{' '}
            <span className="font-mono text-[13px] text-slate-900">
              {describeFlow(scenario.flow)}
            </span>
          </>
        )}
        {link.hopLabel ? <>, stopped at {link.hopLabel}</> : null}.
      </p>
      {scenario.description && (
        <p className="mt-2 line-clamp-3 border-l-2 border-slate-300 pl-3 whitespace-pre-line text-slate-600">
          {scenario.description}
        </p>
      )}

      <label
        htmlFor={`${ids}-link`}
        className="mt-4 mb-1 block text-[11px] font-semibold tracking-wide text-slate-500 uppercase"
      >
        Link
      </label>
      <CopyArea
        id={`${ids}-link`}
        ref={linkRef}
        rows={4}
        value={url}
        className="focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none"
      />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <DialogButton primary onClick={async () => setStatus(await copyText(url, linkRef.current))}>
          Copy link
        </DialogButton>
        <span role="status" className="text-[13px]">
          {status === 'copied' && (
            <span className="text-emerald-700">Copied to the clipboard.</span>
          )}
          {status === 'select' && (
            <span className="text-slate-700">
              Copying is not allowed here: the link is selected, press Ctrl+C (⌘C on a Mac).
            </span>
          )}
        </span>
        <span className="ml-auto text-[12px] text-slate-500">
          {url.length.toLocaleString('en')} characters
        </span>
      </div>
      <label className="mt-2 flex items-center gap-2 text-[13.5px] text-slate-800">
        <input
          type="checkbox"
          checked={present}
          onChange={(e) => {
            setPresent(e.target.checked);
            setStatus('idle');
          }}
          className="h-4 w-4 accent-sky-700"
        />
        Open in presenter mode (for a class: large type, narrated hops)
      </label>

      {tooLong && (
        <div
          role="note"
          aria-label="Long link"
          className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2.5 text-[13.5px] text-amber-950"
        >
          <p>
            This link is longer than {COMFORTABLE_LINK_CHARS.toLocaleString('en')} characters. Chat
            tools, e-mail and course pages often cut such links off. Send the scenario as a file
            instead; it opens with <strong className="font-semibold">Import</strong>.
          </p>
          <button
            type="button"
            className={`${buttonStyles.secondary} mt-2`}
            onClick={() => exportScenarioFile(appStore)}
          >
            Export scenario file
          </button>
        </div>
      )}

      <details className="mt-4 rounded-lg border border-slate-200 px-3 py-2">
        <summary className="cursor-pointer text-[13.5px] font-medium text-slate-800">
          Embed in a slide or course page
        </summary>
        <p className="mt-2 text-[13px] text-slate-600">
          The embedded view shows the canvas and the hops, plays the flow, and cannot be edited.
        </p>
        <label htmlFor={`${ids}-embed`} className="sr-only">
          Embed code
        </label>
        <CopyArea id={`${ids}-embed`} ref={embedRef} rows={3} value={embedCode} className="mt-2" />
        <div className="mt-1.5 mb-1 flex items-center gap-3">
          <DialogButton
            onClick={async () => setEmbedStatus(await copyText(embedCode, embedRef.current))}
          >
            Copy embed code
          </DialogButton>
          <span role="status" className="text-[13px] text-slate-700">
            {embedStatus === 'copied' && 'Copied.'}
            {embedStatus === 'select' && 'Selected: press Ctrl+C (⌘C on a Mac).'}
          </span>
        </div>
      </details>

      <p className="mt-4 text-[12.5px] text-slate-500">
        Nothing is uploaded: the scenario travels inside the link, after the #, which browsers never
        send to a server.
      </p>
    </DialogFrame>
  );
}
