// Parts of the UI fetched when first shown (pages other than the containers list, an object's
// detail), so the script a start must load and run holds only what the first paint needs. A part
// that cannot be fetched (the server stopped, the build changed under the page) says so and offers
// a reload, instead of an empty page. A failed fetch is tried again twice first: Chromium drops the
// requests in flight when the host's network changes (net::ERR_NETWORK_CHANGED), which happens when
// Berth's own engine starts and makes its bridge, and it no longer caches a failed module fetch.
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

const RETRY_DELAYS_MS = [250, 1000];
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function loadWithRetries<T>(load: () => Promise<T>, delays: readonly number[]): Promise<T> {
  for (const delay of delays) {
    try {
      return await load();
    } catch {
      await sleep(delay);
    }
  }
  return load();
}

/**
 * A component loaded on first render; `load` resolves to the component itself. A failed load is
 * tried again after each of `retryDelaysMs`, then the part says it could not be loaded.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  retryDelaysMs: readonly number[] = RETRY_DELAYS_MS,
) {
  return lazy(() =>
    loadWithRetries(load, retryDelaysMs).then(
      (component) => ({ default: component }),
      () => ({ default: LoadFailed as ComponentType<P> }),
    ),
  );
}
