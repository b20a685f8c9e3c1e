import { useEffect, useRef } from 'react';

/**
 * The button that opens a popover (a menu, a panel) and the popover itself: while it is open, a
 * press anywhere outside both closes it.
 */
export function usePopover(open: boolean, setOpen: (open: boolean) => void) {
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open, setOpen]);
  return { button, panel };
}
