/** What happened to the scenario (a link opened, saved work unreadable), with a way back. */
import { appStore, useAppStore } from '../store/appStore.ts';
import { selectNotice, selectRecent } from '../store/selectors.ts';

export function ScenarioNotice() {
  const notice = useAppStore(selectNotice);
  const recent = useAppStore(selectRecent);
  if (!notice) return null;
  const error = notice.tone === 'error';
  const reopen = notice.reopenId ? recent.find((r) => r.id === notice.reopenId) : undefined;
  const dismiss = () => appStore.getState().showNotice(null);
  return (
    <div
      role={error ? 'alert' : 'status'}
      aria-label="Scenario message"
      className={`flex items-start gap-3 border-b px-5 py-2 text-[13px] ${
        error ? 'border-red-200 bg-red-50 text-red-900' : 'border-sky-200 bg-sky-50 text-sky-950'
      }`}
    >
      <p className="min-w-0 flex-1 py-0.5 break-words">{notice.text}</p>
      {reopen && (
        <button
          type="button"
          className="shrink-0 rounded-md border border-sky-300 bg-white px-2.5 py-0.5 font-medium text-sky-900 hover:bg-sky-100"
          onClick={() => appStore.getState().openRecent(reopen.id)}
        >
          Reopen previous work
        </button>
      )}
      <button
        type="button"
        aria-label="Dismiss message"
        className="shrink-0 rounded-md px-1.5 text-[16px] leading-6 opacity-70 hover:bg-white/60 hover:opacity-100"
        onClick={dismiss}
      >
        ×
      </button>
    </div>
  );
}
