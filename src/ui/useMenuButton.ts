import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

/**
 * A menu button as the WAI-ARIA menu pattern describes it: opening focuses the first item,
 * arrows, Home and End move between items, Escape closes and returns to the button, Tab and a
 * click outside close it.
 */
export function useMenuButton() {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const hide = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(index + 1);
        break;
      case 'ArrowUp':
        focus(index - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(list.length - 1);
        break;
      case 'Escape':
        hide();
        break;
      case 'Tab':
        hide(false);
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  const buttonId = `${ids}-button`;
  const menuId = `${ids}-menu`;
  return {
    open,
    setOpen,
    hide,
    /** Spread on the button that opens the menu. */
    buttonProps: {
      ref: button,
      type: 'button' as const,
      id: buttonId,
      'aria-haspopup': 'menu' as const,
      'aria-expanded': open,
      'aria-controls': open ? menuId : undefined,
      onClick: () => setOpen((o) => !o),
    },
    /** Spread on the menu's element (rendered while open). */
    menuProps: {
      ref: menu,
      id: menuId,
      role: 'menu',
      'aria-labelledby': buttonId,
      onKeyDown: onMenuKeyDown,
    },
  };
}
