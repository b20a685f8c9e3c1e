/** The New scenario dialog: start from an empty cluster or the default scenario, keeping the work in Recent. */
import { useState } from 'react';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import { emptyScenario } from '../scenario/emptyScenario.ts';
import { appStore, useAppStore } from '../store/appStore.ts';
import { selectTitle } from '../store/selectors.ts';
import { currentWork, isWork } from '../store/scenarioLibrarySlice.ts';
import { focusMainContent } from '../ui/focusTargets.ts';
import { DialogButton, DialogFrame } from './DialogFrame.tsx';
import { openScenario } from './scenarioActions.ts';

export function NewScenarioDialog({ onClose }: { readonly onClose: () => void }) {
  const title = useAppStore(selectTitle);
  // Read once: the dialog is modal, the work does not change while it is open.
  const [kept] = useState(() => isWork(currentWork(appStore.getState()).scenario));
  const start = (kind: 'empty' | 'default') => {
    const document = kind === 'empty' ? emptyScenario() : defaultScenario;
    openScenario(appStore, document, {
      source: 'new',
      from: kind === 'empty' ? '(an empty cluster)' : '(the default scenario)',
    });
    onClose();
    focusMainContent();
  };
  return (
    <DialogFrame
      title="Start a new scenario?"
      onClose={onClose}
      cancel
      footer={
        <>
          <DialogButton onClick={() => start('default')}>Default scenario</DialogButton>
          <DialogButton primary onClick={() => start('empty')}>
            Empty cluster
          </DialogButton>
        </>
      }
    >
      {kept ? (
        <p>
          The current scenario, <strong className="font-semibold text-slate-900">{title}</strong>,
          is kept in <strong className="font-semibold">Recent</strong> so you can reopen it.
        </p>
      ) : (
        <p>
          The current scenario is the one PodPath starts with, unchanged: there is nothing of yours
          to keep.
        </p>
      )}
      <ul className="mt-3 list-disc space-y-1 pl-5 text-slate-600">
        <li>
          <strong className="font-medium text-slate-800">Empty cluster</strong>: no nodes, pods or
          Services yet; you add them from the palette.
        </li>
        <li>
          <strong className="font-medium text-slate-800">Default scenario</strong>: a client pod
          calling two web pods through a ClusterIP Service.
        </li>
      </ul>
    </DialogFrame>
  );
}
