// A menu button (the WAI-ARIA menu pattern): the button opens a list of menuitems; arrows, Home/End
// and a first letter move between them, Enter or Space chooses, Escape or Tab closes and gives focus
// back to the button, a click elsewhere closes. The list floats over everything (a portal, fixed to
// the button), so a table's scroll box never clips it; scrolling the page closes it, as native menus do.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export interface MenuItem {
  label: string;
  /** Runs when chosen (after the menu closed and focus went back to the button). */
  onSelect?(): void;
  /** A link instead of an action; external links open in a new tab. */
  href?: string;
  external?: boolean;
  disabled?: boolean;
  danger?: boolean;
  /** Tooltip, e.g. why it is disabled. */
  title?: string;
  /** Extra words shown after the label (not part of its name). */
  hint?: string;
}

export function MenuButton({
  label,
  menuLabel,
  items,
  className = 'icon',
  children,
}: {
  /** The button's accessible name, e.g. "More actions". */
  label: string;
  /** The menu's accessible name, e.g. "More actions for web". */
  menuLabel: string;
  items: MenuItem[];
  className?: string;
  /** What the button shows (an icon, "+3"); its name is `label`. */
  children: ReactNode;
}) {
  const [open, setOpen] = useState<null | 'first' | 'last'>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();
  const close = (refocus: boolean) => {
    setOpen(null);
    if (refocus) button.current?.focus();
  };
  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className={className}
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKey}
      >
        {children}
      </button>
      {open &&
        createPortal(
          <MenuList id={id} label={menuLabel} items={items} start={open} anchor={button} onClose={close} />,
          document.body,
        )}
    </>
  );
}

function MenuList({
  id,
  label,
  items,
  start,
  anchor,
  onClose,
}: {
  id: string;
  label: string;
  items: MenuItem[];
  start: 'first' | 'last';
  anchor: React.RefObject<HTMLButtonElement | null>;
  onClose(refocus: boolean): void;
}) {
  const list = useRef<HTMLUListElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);
  const entries = () => [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const focusAt = (i: number) => {
    const all = entries();
    if (all.length) all[(i + all.length) % all.length]!.focus();
  };

  // Place it under the button, right-aligned, flipped above when there is no room below.
  useLayoutEffect(() => {
    const a = anchor.current?.getBoundingClientRect();
    const m = list.current?.getBoundingClientRect();
    if (!a || !m) return;
    const below = a.bottom + 4;
    const top = below + m.height > window.innerHeight - 8 ? Math.max(8, a.top - 4 - m.height) : below;
    const left = Math.min(Math.max(8, a.right - m.width), window.innerWidth - m.width - 8);
    setPos({ top, left });
  }, [anchor]);

  // Focus the first (or last) item once it is placed (a hidden element cannot take focus).
  const placed = pos !== null;
  useEffect(() => {
    if (placed) focusAt(start === 'first' ? 0 : -1);
  }, [placed]);

  useEffect(() => {
    const outside = (e: Event) => {
      const t = e.target as Node;
      if (list.current?.contains(t) || anchor.current?.contains(t)) return;
      onClose(false);
    };
    const away = () => onClose(false);
    document.addEventListener('mousedown', outside, true);
    document.addEventListener('scroll', outside, true);
    window.addEventListener('resize', away);
    window.addEventListener('blur', away);
    return () => {
      document.removeEventListener('mousedown', outside, true);
      document.removeEventListener('scroll', outside, true);
      window.removeEventListener('resize', away);
      window.removeEventListener('blur', away);
    };
  }, [anchor, onClose]);

  const onKey = (e: KeyboardEvent) => {
    const all = entries();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusAt(at + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      focusAt(e.key === 'Home' ? 0 : -1);
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose(true);
    } else if (e.key.length === 1 && /\S/.test(e.key)) {
      // Type a first letter: the next item starting with it.
      const k = e.key.toLowerCase();
      for (let step = 1; step <= all.length; step++) {
        const i = (at + step) % all.length;
        if (all[i]!.textContent?.trim().toLowerCase().startsWith(k)) {
          focusAt(i);
          break;
        }
      }
    }
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    onClose(!item.href);
    item.onSelect?.();
  };

  return (
    <ul
      ref={list}
      id={id}
      role="menu"
      aria-label={label}
      className="menu"
      style={pos ? { top: pos.top, left: pos.left } : { top: 0, left: 0, visibility: 'hidden' }}
      onKeyDown={onKey}
    >
      {items.map((item) => (
        <li key={item.label} role="none">
          {item.href && !item.disabled ? (
            <a
              role="menuitem"
              tabIndex={-1}
              href={item.href}
              title={item.title}
              className={item.danger ? 'danger' : undefined}
              {...(item.external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
              onClick={() => choose(item)}
            >
              {item.label}
              {item.hint && <span className="menu-hint">{item.hint}</span>}
            </a>
          ) : (
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              title={item.title}
              aria-disabled={item.disabled || undefined}
              className={item.danger ? 'danger' : undefined}
              onClick={() => choose(item)}
            >
              {item.label}
              {item.hint && <span className="menu-hint">{item.hint}</span>}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
