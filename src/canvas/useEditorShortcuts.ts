import { useEffect } from 'react';
import { appStore } from '../store/appStore.ts';
import {
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  pasteClipboard,
  redo,
  undo,
} from '../store/editorActions.ts';

/** True while the person types in a field: the field's own undo, copy and delete apply there. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(type);
}

/**
 * The editor's keyboard: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo, Delete removes the
 * selection, Ctrl+D duplicates, Ctrl+C / Ctrl+X / Ctrl+V copy, cut and paste, Escape clears the
 * selection. (Cmd on macOS.)
 */
export function useEditorShortcuts(enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !event.shiftKey) undo(appStore);
      else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) redo(appStore);
      else if (mod && key === 'd') duplicateSelection(appStore);
      else if (mod && key === 'c') handled = copySelection(appStore);
      else if (mod && key === 'x') cutSelection(appStore);
      else if (mod && key === 'v') pasteClipboard(appStore);
      else if (!mod && event.key === 'Escape') {
        handled = appStore.getState().selectedKey !== null;
        if (handled) appStore.getState().setSelection([]);
      } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        handled = appStore.getState().selectedKey !== null;
        if (handled) deleteSelection(appStore);
      } else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
