import { useEffect } from 'react';
import { useAppStore } from '../store/appStore.ts';
import { selectDismissToast, selectToast } from '../store/selectors.ts';

const SHOW_MS = 9000;

/** Short notes about what the person just did (why a pod's IP changed), read out politely. */
export function ToastArea() {
  const toast = useAppStore(selectToast);
  const dismiss = useAppStore(selectDismissToast);
  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(dismiss, SHOW_MS);
    return () => window.clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Editor notes"
      className="pointer-events-none absolute inset-x-0 bottom-14 z-20 flex justify-center px-4"
    >
      {toast && (
        <div
          key={toast.id}
          className="pp-toast pointer-events-auto flex max-w-[560px] items-start gap-3 rounded-lg border border-slate-700 bg-slate-800 px-4 py-2.5 text-[13px] leading-snug text-slate-50 shadow-lg"
        >
          <span aria-hidden="true" className="mt-px text-sky-300">
            ℹ
          </span>
          <p className="flex-1">{toast.text}</p>
          <button
            type="button"
            aria-label="Dismiss note"
            onClick={dismiss}
            className="-mr-1 rounded px-1 text-slate-300 hover:bg-slate-700 hover:text-white"
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
