// The frame of a list page (containers, images, volumes, networks): the heading with its count and
// the page's buttons (held until the engine is ready, if the page says so), a toolbar with the search
// box, an optional "Show" filter and the page's own tools, and what to say when there is nothing yet.
import type { ReactNode } from 'react';

export interface PageButton {
  label: string;
  onClick(): void;
  primary?: boolean;
}

export function ListPage({
  id,
  title,
  summary,
  buttons,
  ready,
  children,
}: {
  /** "images": the heading's id is "images-title", and names the page. */
  id: string;
  title: string;
  /** The count beside the heading, once the list is in. */
  summary: string | undefined;
  /** A list sits in the head's button row; one button on its own (primary) sits at the head's right, centred. */
  buttons: PageButton[] | PageButton;
  /** Buttons are disabled while this is false; without it they never wait for the engine. */
  ready?: boolean;
  children: ReactNode;
}) {
  const button = (b: PageButton) => (
    <button
      key={b.label}
      type="button"
      className={b.primary ? 'primary' : undefined}
      disabled={ready === false}
      onClick={b.onClick}
    >
      {b.label}
    </button>
  );
  return (
    <section aria-labelledby={`${id}-title`} className="list-page">
      <div className="page-head">
        <h1 id={`${id}-title`}>{title}</h1>
        <span className="muted">{summary}</span>
        {Array.isArray(buttons) ? <div className="page-actions">{buttons.map(button)}</div> : button(buttons)}
      </div>
      {children}
    </section>
  );
}

export interface SearchBox {
  label: string;
  placeholder: string;
  value: string;
  onChange(value: string): void;
}

export interface ShowFilter<F extends string> {
  value: F;
  /** Each choice's value and the words it shows. */
  choices: [NoInfer<F>, string][];
  onChange(value: NoInfer<F>): void;
}

export function ListToolbar<F extends string>({
  label,
  search,
  filter,
  children,
}: {
  label: string;
  search: SearchBox;
  filter?: ShowFilter<F>;
  children?: ReactNode;
}) {
  return (
    <div className="toolbar" role="toolbar" aria-label={label}>
      <input
        type="search"
        aria-label={search.label}
        placeholder={search.placeholder}
        value={search.value}
        onChange={(e) => search.onChange(e.target.value)}
      />
      {filter && (
        <label className="inline">
          Show
          <select aria-label="Show" value={filter.value} onChange={(e) => filter.onChange(e.target.value as F)}>
            {filter.choices.map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        </label>
      )}
      {children}
    </div>
  );
}

/** The page when the engine has none of these yet: what they are and how to get one (optionally a button for it). */
export function EmptyList({ title, action, children }: { title: string; action?: PageButton; children: ReactNode }) {
  return (
    <div className="empty">
      <h2>{title}</h2>
      <p>{children}</p>
      {action && (
        <button type="button" className={action.primary ? 'primary' : undefined} onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  );
}
