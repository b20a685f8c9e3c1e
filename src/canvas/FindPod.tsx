import { useState, type FormEvent } from 'react';
import { appStore } from '../store/appStore.ts';
import type { PodView } from './flowTypes.ts';
import { findPod } from './findPod.ts';

/**
 * Finds a pod by name on a canvas of thousands: selects it, which opens its collapsed card and
 * brings it into view; says so when nothing matches.
 */
export function FindPod({ pods }: { readonly pods: ReadonlyMap<string, PodView> }) {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const pod = findPod(pods.values(), text);
    if (!pod) {
      setMissing(text.trim() ? `No pod is named like “${text.trim()}”.` : 'Type a pod name.');
      return;
    }
    setMissing(null);
    appStore.getState().setSelection([pod.key]);
    appStore.getState().setPanelTab('inspect');
  };
  return (
    <form role="search" onSubmit={onSubmit} className="relative flex items-center">
      <input
        type="search"
        aria-label="Find pod"
        placeholder="Find pod"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setMissing(null);
        }}
        className="h-7 w-32 rounded-md border border-slate-300 px-2 text-[13px] focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none"
      />
      {missing && (
        <span
          role="status"
          className="absolute top-full right-0 mt-1 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-[12px] whitespace-nowrap text-amber-900 shadow-sm"
        >
          {missing}
        </span>
      )}
    </form>
  );
}
