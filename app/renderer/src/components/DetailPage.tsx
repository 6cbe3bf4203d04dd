// The frame of one object's page (a container, a compose project, a service, a stack, a compose
// file): a back link, the object's name as the page's heading with its facts under it, its actions
// on the right, then the page's body. And the alert shown when the object is not there (any more).
import type { ReactNode } from 'react';

export interface BackLink {
  href: string;
  /** Where it goes, e.g. "Back to containers" (the link's accessible name). */
  label: string;
}

export function DetailPage(p: {
  /** The heading's id, which names the page's region. */
  titleId: string;
  title: ReactNode;
  /** The heading's tooltip (a long name that may be cut). */
  titleHint?: string;
  className?: string;
  back: BackLink;
  /** The line of facts under the heading. */
  facts: ReactNode;
  /** The page's actions, at the head's right. */
  actions: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={p.className ? `detail ${p.className}` : 'detail'} aria-labelledby={p.titleId}>
      <div className="detail-head">
        <a href={p.back.href} className="back" aria-label={p.back.label}>
          ←
        </a>
        <div>
          <h1 id={p.titleId} title={p.titleHint}>
            {p.title}
          </h1>
          {p.facts}
        </div>
        <span className="spacer" />
        {p.actions}
      </div>
      {p.children}
    </section>
  );
}

/** The page of an object that is not there: what is missing, why it may be, and the way back. */
export function NotFound(p: { title: string; back: BackLink; children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="empty" role="alert">
      <h1>{p.title}</h1>
      <p>{p.children}</p>
      {p.extra}
      <a className="button" href={p.back.href}>
        {p.back.label}
      </a>
    </div>
  );
}
