// Tabs whose selection is the route (#/…/<tab>), so reload and back/forward keep them: a tablist
// with arrow-key, Home and End navigation, and the active tab's panel.
import { useRef, type ReactNode } from 'react';
import { navigate } from '../app/router';

export interface RouteTab {
  id: string;
  label: string;
}

export function RouteTabs({
  label,
  tabs,
  active,
  hrefOf,
  idPrefix,
  children,
}: {
  /** The tablist's accessible name. */
  label: string;
  tabs: readonly RouteTab[];
  active: string;
  hrefOf(tab: string): string;
  idPrefix: string;
  /** The active tab's panel content. */
  children: ReactNode;
}) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: React.KeyboardEvent, i: number) => {
    const n = tabs.length;
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % n
        : e.key === 'ArrowLeft'
          ? (i - 1 + n) % n
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? n - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    navigate(hrefOf(tabs[next]!.id));
    refs.current[next]?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={label} className="tabs">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="tab"
            id={`${idPrefix}-tab-${t.id}`}
            aria-selected={t.id === active}
            aria-controls={`${idPrefix}-panel-${t.id}`}
            tabIndex={t.id === active ? 0 : -1}
            onClick={() => navigate(hrefOf(t.id))}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel-${active}`}
        aria-labelledby={`${idPrefix}-tab-${active}`}
        className="tab-panel"
      >
        {children}
      </div>
    </>
  );
}
