/**
 * The editor's "add" tools: a text step, a prediction about the flow in the probe bar (the
 * author picks the question; the engine gives the answer), and challenge checks picked from that
 * flow (delivered or dropped) and from a reachability matrix cell (allowed or denied).
 */
import { useState } from 'react';
import { flowLabel } from '../../lessons/engineAnswers.ts';
import {
  FLOW_FACTS,
  flowCheck,
  reachCheck,
  withCheck,
  withStep,
  type FlowFact,
} from '../../lessons/lessonAuthoring.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { canReach } from '../../store/matrixCells.ts';
import { selectPolicyAnalysis } from '../../store/selectors.ts';
import { ChoiceSelect } from './ChoiceSelect.tsx';
import { FIELD, SECONDARY, SMALL } from './editorStyles.ts';
import { podKey, qualifiedNameOfKey } from '../../scenario/document/elementKey.ts';

export function LessonEditorAdd() {
  const probe = useAppStore((s) => s.activeProbe);
  const trace = useAppStore((s) => s.trace);
  const [fact, setFact] = useState<FlowFact>('verdict');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const state = appStore.getState();
  const edit = state.editLessonDraft;

  const addPrediction = async () => {
    if (!probe) return;
    setBusy(true);
    setProblem(await appStore.getState().addDraftPrediction(fact, probe));
    setBusy(false);
  };

  return (
    <section aria-label="Add to the lesson" className="space-y-3">
      <button
        type="button"
        className={SECONDARY}
        onClick={() =>
          edit((l) => withStep(l, { title: 'A new step', text: 'Write what the learner reads.' }))
        }
      >
        Add a text step
      </button>

      <fieldset className="rounded-lg border border-violet-300 bg-violet-50/60 px-3 py-2.5">
        <legend className="px-1 text-[12px] font-semibold tracking-wide text-violet-900 uppercase">
          Prediction from the flow
        </legend>
        {probe ? (
          <>
            <p className="text-[13px] text-slate-700">
              The flow in the probe bar: <span className="font-mono">{flowLabel(probe)}</span>. The
              engine works out the right answer; you pick the question.
            </p>
            <label className="mt-2 block text-[13px] font-medium text-slate-800">
              Question
              <select
                className={FIELD}
                value={fact}
                onChange={(e) => setFact(e.target.value as FlowFact)}
              >
                {FLOW_FACTS.map((f) => (
                  <option key={f.fact} value={f.fact}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className={`${SECONDARY} mt-2`}
              disabled={busy}
              onClick={() => void addPrediction()}
            >
              Add prediction step
            </button>
          </>
        ) : (
          <p className="text-[13px] text-slate-700">
            Send a flow in the probe bar first; predictions ask about it.
          </p>
        )}
        {problem && (
          <p role="alert" className="mt-2 text-[13px] text-red-800">
            {problem}
          </p>
        )}
      </fieldset>

      <fieldset className="rounded-lg border border-amber-300 bg-amber-50/60 px-3 py-2.5">
        <legend className="px-1 text-[12px] font-semibold tracking-wide text-amber-900 uppercase">
          Challenge checks
        </legend>
        <p className="text-[13px] text-slate-700">
          Checks join the last step's challenge (a new “Your turn” step when it has none). The
          learner passes when the scenario they make meets them all.
        </p>
        {probe ? (
          <div className="mt-2">
            <p className="text-[13px] text-slate-800">
              <span className="font-mono">{flowLabel(probe)}</span>
              {trace && trace.verdict ? ` is ${trace.verdict.toLowerCase()} now.` : ''}
            </p>
            <div className="mt-1.5 flex flex-wrap gap-2">
              {(['Delivered', 'Dropped'] as const).map((verdict) => (
                <button
                  key={verdict}
                  type="button"
                  className={SMALL}
                  onClick={() => edit((l) => withCheck(l, flowCheck(probe, verdict)))}
                >
                  Expect it {verdict.toLowerCase()}
                </button>
              ))}
            </div>
          </div>
        ) : (
          <p className="mt-2 text-[13px] text-slate-700">
            Send a flow in the probe bar to check its verdict.
          </p>
        )}
        <MatrixCellPicker />
      </fieldset>
    </section>
  );
}

/** A reachability matrix cell (from a pod, to a pod, on a port) and what the learner must make of it. */
function MatrixCellPicker() {
  const analysis = useAppStore(selectPolicyAnalysis);
  const cluster = useAppStore((s) => s.document.cluster);
  const pods = cluster.pods.map((p) => qualifiedNameOfKey(podKey(p)));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [port, setPort] = useState(String(analysis?.query.port ?? 80));
  const source = pods.includes(from) ? from : (pods[0] ?? '');
  const target = pods.includes(to) ? to : (pods[1] ?? pods[0] ?? '');
  const portNumber = Number(port);
  const portOk = Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535;
  const fresh =
    analysis?.matrix && analysis.cluster === cluster && analysis.query.port === portNumber
      ? (canReach(analysis.matrix, source, target) ?? undefined)
      : undefined;
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const add = (allowed: boolean) =>
    appStore
      .getState()
      .editLessonDraft((l) => withCheck(l, reachCheck(source, target, portNumber, allowed)));
  const ask = async () => {
    setAsking(true);
    setProblem(await appStore.getState().addDraftReachPrediction(source, target, portNumber));
    setAsking(false);
  };
  if (pods.length === 0) return null;
  return (
    <div className="mt-3 border-t border-amber-200 pt-2">
      <p className="text-[13px] font-medium text-slate-800">A reachability matrix cell</p>
      <div className="grid grid-cols-[1fr_5rem] gap-x-2 gap-y-1">
        <ChoiceSelect
          label="From"
          className="col-span-2 text-[12.5px] text-slate-700"
          value={source}
          choices={pods}
          onChange={setFrom}
        />
        <ChoiceSelect
          label="To"
          className="text-[12.5px] text-slate-700"
          value={target}
          choices={pods}
          onChange={setTo}
        />
        <label className="text-[12.5px] text-slate-700">
          Port
          <input
            className={FIELD}
            inputMode="numeric"
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />
        </label>
      </div>
      {fresh !== undefined && (
        <p className="mt-1 text-[13px] text-slate-700">
          The policy workbench's matrix says: {fresh ? 'allowed' : 'denied'} now.
        </p>
      )}
      {!portOk && <p className="mt-1 text-[13px] text-red-800">The port is 1 to 65535.</p>}
      <div className="mt-1.5 flex flex-wrap gap-2">
        <button type="button" className={SMALL} disabled={!portOk} onClick={() => add(true)}>
          Expect allowed
        </button>
        <button type="button" className={SMALL} disabled={!portOk} onClick={() => add(false)}>
          Expect denied
        </button>
        <button
          type="button"
          className={SMALL}
          disabled={!portOk || asking}
          onClick={() => void ask()}
        >
          Ask it as a prediction
        </button>
      </div>
      {problem && (
        <p role="alert" className="mt-1 text-[13px] text-red-800">
          {problem}
        </p>
      )}
    </div>
  );
}
