import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { usePopover } from './usePopover.ts';

/**
 * A menu button as the WAI-ARIA menu pattern describes it: opening focuses the first item,
 * arrows, Home and End move between items, Escape closes and returns to the button, Tab and a
 * click outside close it.
 */
export function useMenuButton() {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const { button, panel: menu } = usePopover(open, setOpen);

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const hide = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Opening focuses the first item.
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open, menu]);

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
