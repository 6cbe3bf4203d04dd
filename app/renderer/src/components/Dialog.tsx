// A modal dialog with a title: focus kept inside, Escape to close, focus returned on close — in every
// state, also once focus has fallen to <body> (a button disabled while busy, a field removed), because
// the keys are heard on the document, by the topmost dialog only. A form someone has typed into is
// not thrown away by a stray click outside or an Escape: the dialog asks first.
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ErrorText } from './kit';

/** Open dialogs, the topmost last: only it answers keys. */
const stack: HTMLElement[] = [];

/** Whether a dialog is open (a popover under it leaves Escape to the dialog). */
export const dialogOpen = (): boolean => stack.length > 0;

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

function focusables(el: HTMLElement): HTMLElement[] {
  return [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((x) => !x.closest('[hidden], [inert]'));
}

/** Moves focus into the dialog: its first field (not the close button), else the dialog itself. */
function focusInto(el: HTMLElement, last = false): void {
  const all = focusables(el);
  const target = last ? all.at(-1) : (all.find((x) => !x.classList.contains('dialog-close')) ?? all[0]);
  (target ?? el).focus();
}

export function Dialog({
  title,
  onClose,
  children,
  wide,
  dirty,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
  /**
   * Whether closing would throw away what was typed. Default: true once a field of a form in the
   * dialog has changed (and the form is still shown).
   */
  dirty?: boolean;
}) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const typed = useRef(false);
  const [asking, setAsking] = useState(false);
  const askingRef = useRef(false);
  askingRef.current = asking;
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  /** Escape and clicks outside: close, unless that throws away a filled form (then ask). */
  const requestClose = useCallback(() => {
    const el = ref.current;
    const filled = dirtyRef.current ?? (typed.current && !!el?.querySelector('form'));
    if (filled) setAsking(true);
    else closeRef.current();
  }, []);

  useEffect(() => {
    const el = ref.current!;
    stack.push(el);
    const previous = document.activeElement as HTMLElement | null;
    focusInto(el);
    // Another modal above this one that is no Dialog (the command palette) has the keys and focus.
    const inOtherModal = (t: EventTarget | null) =>
      t instanceof Element && !el.contains(t) && !!t.closest('[aria-modal="true"]');
    const onKey = (e: KeyboardEvent) => {
      if (stack.at(-1) !== el || e.defaultPrevented || inOtherModal(e.target)) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        if (askingRef.current) setAsking(false);
        else requestClose();
      } else if (e.key === 'Tab') {
        const all = focusables(el);
        const active = document.activeElement;
        if (!active || !el.contains(active) || active === el) {
          // focus fell out (to <body>): bring it back in
          e.preventDefault();
          focusInto(el, e.shiftKey);
        } else if (e.shiftKey && active === all[0]) {
          e.preventDefault();
          all.at(-1)?.focus();
        } else if (!e.shiftKey && active === all.at(-1)) {
          e.preventDefault();
          all[0]?.focus();
        }
      }
    };
    // Focus that leaves for <body> (the focused button was disabled or removed) comes back to the dialog.
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget) return;
      setTimeout(() => {
        if (
          stack.at(-1) === el &&
          el.isConnected &&
          (!document.activeElement || document.activeElement === document.body)
        )
          el.focus();
      }, 0);
    };
    // Focus moved outside while this dialog is on top (a click on the page behind): take it back.
    const onFocusIn = (e: FocusEvent) => {
      if (stack.at(-1) === el && e.target instanceof Node && !el.contains(e.target) && !inOtherModal(e.target))
        focusInto(el);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);
    el.addEventListener('focusout', onFocusOut);
    return () => {
      stack.splice(stack.indexOf(el), 1);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      el.removeEventListener('focusout', onFocusOut);
      if (previous?.isConnected) previous.focus();
    };
  }, [requestClose]);

  useEffect(() => {
    if (asking) ref.current?.querySelector<HTMLElement>('.dialog-discard .keep')?.focus();
  }, [asking]);

  const onEdited = (e: { target: EventTarget }) => {
    if (e.target instanceof Element && e.target.closest('form')) typed.current = true;
  };

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target !== e.currentTarget) return;
        e.preventDefault(); // focus stays in the dialog
        requestClose();
      }}
    >
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        className={`dialog${wide ? ' wide' : ''}`}
        tabIndex={-1}
        onInput={onEdited}
        onChange={onEdited}
      >
        <div className="dialog-head">
          <h2 id={id}>{title}</h2>
          <button type="button" className="icon dialog-close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        {asking && (
          <div className="dialog-discard" role="alert">
            <span>Close and throw away what you entered?</span>
            <button type="button" className="keep" onClick={() => setAsking(false)}>
              Keep editing
            </button>
            <button type="button" className="danger" onClick={onClose}>
              Discard
            </button>
          </div>
        )}
        {children}
      </div>
    </div>
  );
}

/** A confirmation for destructive actions. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger = true,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | undefined;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="dialog-body">{children}</div>
      <ErrorText message={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
