/**
 * A modal dialog on the native <dialog> element: the browser traps focus, closes on Escape and
 * draws the backdrop. Mounted only while open; the control marked `data-autofocus` starts with the
 * focus; on closing, the focus goes back to what had it before the dialog opened (or to the main
 * content when that is gone).
 */
import { useEffect, useId, useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { buttonStyles } from '../ui/buttonStyles.ts';
import { returnFocus } from '../ui/focusTargets.ts';

interface DialogFrameProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Buttons at the bottom, right-aligned. */
  readonly footer?: ReactNode;
  /** The footer starts with a Cancel button that closes the dialog. */
  readonly cancel?: boolean;
  readonly width?: 'md' | 'lg' | 'xl';
}

const WIDTH = { md: 'w-[min(92vw,560px)]', lg: 'w-[min(92vw,720px)]', xl: 'w-[min(94vw,960px)]' };

export function DialogFrame({
  title,
  onClose,
  children,
  footer,
  cancel = false,
  width = 'md',
}: DialogFrameProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const pressedBackdrop = useRef(false);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // The browser focuses the first control (the Close button); a form starts at its first field.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const close = () => onCloseRef.current();
    dialog.addEventListener('close', close);
    return () => {
      dialog.removeEventListener('close', close);
      if (dialog.open) dialog.close();
      returnFocus(opener);
    };
  }, []);

  return (
    <dialog
      ref={ref}
      // Implicit on <dialog>, but page-wide shortcuts look for the attribute to stay out.
      role="dialog"
      aria-labelledby={titleId}
      className={`${WIDTH[width]} m-auto max-h-[88vh] flex-col overflow-hidden rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-[rgb(15_23_42/0.45)] open:flex`}
      // A click on the backdrop lands on the dialog element itself; a text selection dragged
      // out of the dialog ends there too, so the press must have started there as well.
      onMouseDown={(event) => {
        pressedBackdrop.current = event.target === event.currentTarget;
      }}
      onClick={(event) => {
        if (pressedBackdrop.current && event.target === event.currentTarget) {
          event.currentTarget.close();
        }
      }}
    >
      <div className="flex items-center gap-3 border-b border-slate-200 px-5 py-3">
        <h2 id={titleId} className="text-[16px] font-semibold text-slate-900">
          {title}
        </h2>
        <button
          type="button"
          aria-label="Close"
          className="ml-auto grid h-8 w-8 place-items-center rounded-md text-[20px] leading-none text-slate-500 hover:bg-slate-100 hover:text-slate-900"
          onClick={() => ref.current?.close()}
        >
          ×
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4 text-[14px] leading-relaxed text-slate-700">
        {children}
      </div>
      {footer && (
        <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
          {cancel && <DialogButton onClick={onClose}>Cancel</DialogButton>}
          {footer}
        </div>
      )}
    </dialog>
  );
}

export { buttonStyles };

/** A dialog or menu button in the shared styles: secondary, or primary with `primary`. */
export function DialogButton({
  primary = false,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { readonly primary?: boolean }) {
  return (
    <button
      type="button"
      className={primary ? buttonStyles.primary : buttonStyles.secondary}
      {...props}
    />
  );
}
