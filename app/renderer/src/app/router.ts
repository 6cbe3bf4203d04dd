// Hash routes (#/containers/<id>/logs): deep-linkable, reload- and back/forward-safe.
import { useSyncExternalStore } from 'react';

export type Page =
  | 'containers'
  | 'images'
  | 'registries'
  | 'volumes'
  | 'networks'
  | 'compose'
  | 'swarm'
  | 'kubernetes'
  | 'engine'
  | 'settings';
export const pages: Page[] = [
  'containers',
  'images',
  'registries',
  'volumes',
  'networks',
  'compose',
  'swarm',
  'kubernetes',
  'engine',
  'settings',
];

export interface Route {
  page: Page;
  /** Path segments after the page, e.g. [id, 'logs']. */
  rest: string[];
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const page = (pages as string[]).includes(parts[0] ?? '') ? (parts[0] as Page) : 'containers';
  return { page, rest: page === parts[0] ? parts.slice(1) : [] };
}

export function href(page: Page, ...rest: string[]): string {
  return `#/${[page, ...rest].map(encodeURIComponent).join('/')}`;
}

export function navigate(to: string): void {
  if (location.hash !== to) location.hash = to;
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
