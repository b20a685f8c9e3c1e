/**
 * Editing the scenario's title and description: one undo step through the editor's command path.
 * Enter in the title saves, Escape or Cancel keeps what was there; a title or description the
 * scenario cannot keep is refused with the reason, and nothing typed is lost.
 */
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  checkScenarioDetails,
  setScenarioDetails,
} from '../scenario/document/edits/scenarioDetails.ts';
import { LIMITS } from '../scenario/schema.ts';
import { appStore } from '../store/appStore.ts';
import { DialogButton, DialogFrame } from './DialogFrame.tsx';

const FIELD =
  'w-full rounded-md border border-slate-300 bg-white px-2.5 py-2 text-[14px] text-slate-900 focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none aria-invalid:border-red-600';
const LABEL = 'mb-1 block text-[12px] font-semibold tracking-wide text-slate-600 uppercase';

export function ScenarioDetailsDialog({ onClose }: { readonly onClose: () => void }) {
  const ids = useId();
  const current = appStore.getState().document;
  const [title, setTitle] = useState(current.title);
  const [description, setDescription] = useState(current.description ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const details = { title, description };
    const wrong = checkScenarioDetails(details);
    if (wrong) {
      setProblem(wrong);
      return;
    }
    const state = appStore.getState();
    state.commitEdit(setScenarioDetails(state.document, details));
    onClose();
  };

  /** A field's wiring; typing clears the refusal, which spoke of what was there before. */
  const field = (name: string, set: (value: string) => void) => ({
    id: `${ids}-${name}`,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      set(event.target.value);
      setProblem(null);
    },
    'aria-describedby': `${ids}-${name}-hint ${ids}-problem`,
    className: FIELD,
  });
  const titleWrong = problem !== null && problem.startsWith('The title');
  return (
    <DialogFrame
      title="Title and description"
      onClose={onClose}
      cancel
      footer={
        <>
          <DialogButton primary type="submit" form={`${ids}-form`}>
            Save
          </DialogButton>
        </>
      }
    >
      <form id={`${ids}-form`} onSubmit={save} noValidate>
        <p className="mb-3">
          Shown in the header, in an embed, on a share link and at the top of an export.
        </p>
        <label htmlFor={`${ids}-title`} className={LABEL}>
          Title
        </label>
        <input
          {...field('title', setTitle)}
          value={title}
          data-autofocus
          aria-invalid={titleWrong}
        />
        <p id={`${ids}-title-hint`} className="mt-1 text-[12.5px] text-slate-600">
          Up to {LIMITS.title} characters.
        </p>
        <label htmlFor={`${ids}-description`} className={`${LABEL} mt-3`}>
          Description
        </label>
        <textarea
          {...field('description', setDescription)}
          value={description}
          rows={5}
          aria-invalid={problem !== null && !titleWrong}
        />
        <p id={`${ids}-description-hint`} className="mt-1 text-[12.5px] text-slate-600">
          Optional: what the scenario shows, for a class or a reader of the link. Up to{' '}
          {LIMITS.description.toLocaleString('en')} characters.
        </p>
        <p
          id={`${ids}-problem`}
          role="alert"
          className="mt-2 text-[13.5px] font-medium text-red-700 empty:hidden"
        >
          {problem ?? ''}
        </p>
      </form>
    </DialogFrame>
  );
}
