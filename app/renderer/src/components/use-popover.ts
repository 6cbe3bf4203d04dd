// A popover (the task centre, a menu) closes as people expect: on Escape (also when focus has fallen
// to <body>), on a press outside it, and on navigation to another page. Focus goes back to the
// button that opened it when it closes by keyboard.
import { useEffect, useRef, type RefObject } from 'react';
import { dialogOpen } from './Dialog';

export function usePopover(
  open: boolean,
  close: () => void,
  /** The popover and the button that toggles it: a press inside either is not "outside". */
  container: RefObject<HTMLElement | null>,
  /** Where focus returns after Escape. */
  trigger?: RefObject<HTMLElement | null>,
): void {
  const closeRef = useRef(close);
  closeRef.current = close;
  useEffect(() => {
    if (!open) return;
    const inside = (t: EventTarget | null) => t instanceof Node && !!container.current?.contains(t);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const active = document.activeElement;
      // a dialog above the page has Escape unless focus is in the popover itself
      if (dialogOpen() && !inside(active)) return;
      e.preventDefault();
      closeRef.current();
      trigger?.current?.focus();
    };
    const onDown = (e: MouseEvent) => {
      if (!inside(e.target)) closeRef.current();
    };
    const onNavigate = () => closeRef.current();
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    window.addEventListener('hashchange', onNavigate);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
      window.removeEventListener('hashchange', onNavigate);
    };
  }, [open, container, trigger]);
}
