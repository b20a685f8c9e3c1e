/** The header button that opens and closes the policy workbench (which loads on first open). */
import { appStore, useAppStore } from '../../store/appStore.ts';
import { selectPoliciesOpen, selectReadOnly } from '../../store/selectors.ts';

export function PoliciesButton() {
  const open = useAppStore(selectPoliciesOpen);
  const readOnly = useAppStore(selectReadOnly);
  const count = useAppStore(
    (s) =>
      (s.document.cluster.networkPolicies?.length ?? 0) +
      (s.document.cluster.ciliumPolicies?.length ?? 0),
  );
  if (readOnly) return null;
  return (
    <button
      type="button"
      aria-pressed={open}
      aria-controls={open ? 'policy-workbench' : undefined}
      onClick={() => appStore.getState().setPoliciesOpen(!open)}
      className={`inline-flex h-8 items-center gap-1.5 rounded-md border px-3 text-[13px] font-medium focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none ${
        open
          ? 'border-rose-300 bg-rose-50 text-rose-900'
          : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50'
      }`}
    >
      Policies
      {count > 0 && (
        <span className="rounded-full bg-rose-100 px-1.5 text-[11px] font-semibold text-rose-800">
          {count}
        </span>
      )}
    </button>
  );
}
