/**
 * The NetworkPolicy workbench, a drawer under the canvas: write a policy with the form or as
 * YAML (kept in sync), read what it allows in one sentence, see who can reach whom, and click
 * a flow to see why. Cilium's own policies are listed too and edited as YAML. The canvas above
 * points out what a hovered selector picks.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { describePolicy } from '../../scenario/policyWords.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { deleteElements } from '../../scenario/document/edits/deleteElements.ts';
import type { NetworkPolicySpec } from '../../engine/spec.ts';
import { ciliumPolicyKey, policyKey, type ElementKey } from '../../scenario/document/elementKey.ts';
import {
  selectCluster,
  selectPoliciesOpen,
  selectWorkbenchPolicyKey,
} from '../../store/selectors.ts';
import { SmallButton } from '../inspector/formLayout.tsx';
import { CiliumPolicyPane } from './CiliumPolicyPane.tsx';
import { PolicyEditor, type PolicyEditorProps } from './PolicyEditor.tsx';
import { PolicyWarnings } from './PolicyWarnings.tsx';
import { PolicyYamlEditor } from './PolicyYamlEditor.tsx';
import { ReachabilityMatrix } from './ReachabilityMatrix.tsx';
import { TemplateMenu } from './TemplateMenu.tsx';
import { WhyPanel } from './WhyPanel.tsx';

export function PolicyWorkbench() {
  const open = useAppStore(selectPoliciesOpen);
  return open ? <Workbench /> : null;
}

const MIN_HEIGHT = 220;
/** The height the person dragged the drawer to, kept while the page lives. */
let chosenHeight: number | null = null;

const maxHeight = () => Math.max(MIN_HEIGHT, window.innerHeight - 220);
const clampHeight = (h: number) => Math.round(Math.min(maxHeight(), Math.max(MIN_HEIGHT, h)));

/**
 * The drawer's height and a handle to drag (or arrow-key) it taller or shorter. On a short screen
 * (a 720-pixel projector) it starts at half the height, so the matrix rows fit without scrolling.
 */
function useDrawerHeight() {
  const [height, setHeight] = useState(() =>
    clampHeight(chosenHeight ?? window.innerHeight * (window.innerHeight < 800 ? 0.5 : 0.44)),
  );
  const drag = useRef<{ y: number; height: number } | null>(null);
  const resize = (h: number) => {
    chosenHeight = clampHeight(h);
    setHeight(chosenHeight);
  };
  const handle = {
    role: 'separator',
    'aria-orientation': 'horizontal' as const,
    'aria-label': 'Resize the policy workbench',
    'aria-valuemin': MIN_HEIGHT,
    'aria-valuemax': maxHeight(),
    'aria-valuenow': height,
    tabIndex: 0,
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => {
      e.currentTarget.setPointerCapture(e.pointerId);
      drag.current = { y: e.clientY, height };
    },
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => {
      if (drag.current) resize(drag.current.height + drag.current.y - e.clientY);
    },
    onPointerUp: () => {
      drag.current = null;
    },
    onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
      e.preventDefault();
      resize(height + (e.key === 'ArrowUp' ? 40 : -40));
    },
  };
  return { height, handle };
}

function Workbench() {
  const { height, handle } = useDrawerHeight();
  const cluster = useAppStore(selectCluster);
  const wanted = useAppStore(selectWorkbenchPolicyKey);
  const policies = cluster.networkPolicies ?? [];
  const ciliumPolicies = cluster.ciliumPolicies ?? [];
  // Without NetworkPolicies, the first Cilium policy is the one on show.
  const cilium =
    ciliumPolicies.find((p) => ciliumPolicyKey(p) === wanted) ??
    (policies.length === 0 ? ciliumPolicies[0] : undefined);
  const found = cilium ? -1 : policies.findIndex((p) => policyKey(p) === wanted);
  // A key that went away (undo of a rename, a deletion) keeps the place in the list.
  const [lastIndex, setLastIndex] = useState(0);
  if (found >= 0 && found !== lastIndex) setLastIndex(found);
  const index = found >= 0 ? found : Math.min(lastIndex, policies.length - 1);
  const current = !cilium && index >= 0 ? policies[index] : null;
  const key = cilium ? ciliumPolicyKey(cilium) : current ? policyKey(current) : null;
  const namespace = current?.namespace ?? 'default';
  const { setWorkbenchPolicyKey: choose, setPoliciesOpen } = appStore.getState();

  // The form and the YAML edit the same policy as one: one undo step per field across both.
  const editing = (elementKey: ElementKey, policy: NetworkPolicySpec): PolicyEditorProps => ({
    formId: `policy-workbench:${index}`,
    policyKey: elementKey,
    policy,
    onRekey: choose,
  });
  return (
    <section
      id="policy-workbench"
      aria-label="NetworkPolicy workbench"
      style={{ height }}
      className="relative flex shrink-0 flex-col border-t border-slate-300 bg-white shadow-[0_-4px_12px_rgba(15,23,42,0.06)]"
    >
      <div
        {...handle}
        className="absolute inset-x-0 -top-1 z-20 h-2 cursor-row-resize hover:bg-sky-300/60 focus-visible:bg-sky-400/70 focus-visible:outline-none"
      />
      <header className="flex shrink-0 items-center gap-3 border-b border-slate-200 px-4 py-2">
        <h2 className="text-[14px] font-semibold text-slate-900">NetworkPolicies</h2>
        {policies.length + ciliumPolicies.length > 0 && (
          <select
            aria-label="Policy"
            value={key ?? ''}
            onChange={(e) => choose(e.target.value)}
            className="h-8 max-w-[260px] rounded-md border border-slate-300 bg-white px-2 font-mono text-[13px] focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none"
          >
            {policies.map((p) => (
              <option key={policyKey(p)} value={policyKey(p)}>
                {p.namespace && p.namespace !== 'default' ? `${p.namespace}/${p.name}` : p.name}
              </option>
            ))}
            {ciliumPolicies.length > 0 && (
              <optgroup label="Cilium">
                {ciliumPolicies.map((p) => (
                  <option key={ciliumPolicyKey(p)} value={ciliumPolicyKey(p)}>
                    {p.kind === 'CiliumClusterwideNetworkPolicy' ? 'CCNP' : 'CNP'}{' '}
                    {p.namespace && p.namespace !== 'default' ? `${p.namespace}/${p.name}` : p.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        )}
        <TemplateMenu namespace={namespace} onAdded={choose} />
        {(current ?? cilium) && key && (
          <SmallButton
            tone="danger"
            label={`Delete policy ${(current ?? cilium)?.name}`}
            onClick={() =>
              appStore.getState().editDocument((doc) => deleteElements(doc, [key]).document)
            }
          >
            Delete
          </SmallButton>
        )}
        <button
          type="button"
          aria-label="Close the policy workbench"
          onClick={() => setPoliciesOpen(false)}
          className="ml-auto grid h-8 w-8 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none"
        >
          ✕
        </button>
      </header>
      <PolicyWarnings />
      {/* Four columns side by side, so the matrix and the Why panel are both in sight at a
          projector's 1280x720 without scrolling (stacked, the Why panel fell below the fold). */}
      {/* One row as tall as the drawer: each column scrolls inside it, none runs off the page. */}
      <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1.1fr)_minmax(0,0.9fr)_minmax(0,1.2fr)_minmax(0,0.8fr)] grid-rows-[minmax(0,1fr)] divide-x divide-slate-200">
        <div className={`min-h-0 overflow-y-auto ${current ? '' : 'col-span-2'}`}>
          {cilium && key ? (
            <CiliumPolicyPane policyKey={key} onRekey={choose} />
          ) : current && key ? (
            <>
              <p
                aria-label="What the policy does"
                className="mx-4 mt-3 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-[13px] leading-snug text-sky-950"
              >
                {describePolicy(current)}
              </p>
              <PolicyEditor key={index} {...editing(key, current)} />
            </>
          ) : (
            <div className="flex flex-col gap-2 px-4 py-4 text-[13px] text-slate-700">
              <p>
                No NetworkPolicy yet, so nothing is isolated: every pod may reach every other pod,
                in every direction.
              </p>
              <p className="text-slate-500">
                Start from a ready-made policy with <strong>New policy</strong>: a default deny,
                then rules that allow what should get through.
              </p>
            </div>
          )}
        </div>
        {current && key && (
          <div className="min-h-0">
            <PolicyYamlEditor key={index} {...editing(key, current)} />
          </div>
        )}
        <div className="min-h-0 overflow-auto">
          <ReachabilityMatrix />
        </div>
        <div className="min-h-0 overflow-y-auto">
          <WhyPanel />
        </div>
      </div>
    </section>
  );
}
