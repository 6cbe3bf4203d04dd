// Parts of the UI fetched when first shown (pages other than the containers list, an object's
// detail), so the script a start must load and run holds only what the first paint needs. A part
// that cannot be fetched (the server stopped, the build changed under the page) says so and offers
// a reload, instead of an empty page.
import { lazy, type ComponentType } from 'react';

export function PageLoading() {
  return (
    <p className="muted empty" role="status">
      Loading…
    </p>
  );
}

function LoadFailed() {
  return (
    <div className="empty" role="alert">
      <h2>This part of Berth could not be loaded</h2>
      <p>
        The page could not fetch it from Berth, usually because Berth was stopped or updated since the page opened.
        Reload the page to continue.
      </p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}

/** A component loaded on first render; `load` resolves to the component itself. */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(() =>
    load().then(
      (component) => ({ default: component }),
      () => ({ default: LoadFailed as ComponentType<P> }),
    ),
  );
}
