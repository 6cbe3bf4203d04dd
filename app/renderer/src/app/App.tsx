import { Suspense, useEffect, useLayoutEffect, useRef } from 'react';
import { useLiveUpdates } from '../api/live-updates';
import { lazyComponent, PageLoading } from '../components/lazy';
import { ContainersPage } from '../features/containers/ContainersPage';
import { ClusterIndicator } from '../features/kubernetes/ClusterIndicator';
import { CommandPalette } from './CommandPalette';
import { ConnectionBanner } from './ConnectionBanner';
import { useEngineStatusFeed } from './engine-status';
import { EngineIndicator } from './EngineIndicator';
import { useRoute, type Page } from './router';
import { Sidebar } from './Sidebar';
import { useStoredTheme } from './theme-setting';
import { TaskCentre } from './TaskCentre';
import { Toasts } from './Toasts';
import { useUi } from './ui-store';

function useThemeAttribute(): void {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

function usePaletteShortcut(): void {
  const setOpen = useUi((s) => s.setPaletteOpen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);
}

// The containers list is what a start paints, so it is in the first bundle; every other page is
// fetched when first opened (or when the page is idle, below), which keeps the start's script small.
const pageModules = {
  images: () => import('../features/images/ImagesPage').then((m) => m.ImagesPage),
  registries: () => import('../features/registries/RegistriesPage').then((m) => m.RegistriesPage),
  volumes: () => import('../features/volumes/VolumesPage').then((m) => m.VolumesPage),
  networks: () => import('../features/networks/NetworksPage').then((m) => m.NetworksPage),
  compose: () => import('../features/compose/ComposePage').then((m) => m.ComposePage),
  swarm: () => import('../features/swarm/SwarmPage').then((m) => m.SwarmPage),
  kubernetes: () => import('../features/kubernetes/KubernetesPage').then((m) => m.KubernetesPage),
  engine: () => import('../features/engine-page/EnginePage').then((m) => m.EnginePage),
  settings: () => import('../features/settings/SettingsPage').then((m) => m.SettingsPage),
};

const pageComponents: Record<Page, React.ComponentType<{ rest: string[] }>> = {
  containers: ContainersPage,
  images: lazyComponent(pageModules.images),
  registries: lazyComponent(pageModules.registries),
  volumes: lazyComponent(pageModules.volumes),
  networks: lazyComponent(pageModules.networks),
  compose: lazyComponent(pageModules.compose),
  swarm: lazyComponent(pageModules.swarm),
  kubernetes: lazyComponent(pageModules.kubernetes),
  engine: lazyComponent(pageModules.engine),
  settings: lazyComponent(pageModules.settings),
};

export function App() {
  useThemeAttribute();
  useStoredTheme();
  usePaletteShortcut();
  useEngineStatusFeed();
  useLiveUpdates();
  const route = useRoute();
  const PageComponent = pageComponents[route.page];
  // Each page (and each object's page) opens at its top: the scroll of the last one does not leak.
  const main = useRef<HTMLElement>(null);
  const place = `${route.page}/${route.rest[0] ?? ''}`;
  useLayoutEffect(() => {
    main.current?.scrollTo?.(0, 0);
  }, [place]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar current={route.page} />
      <div className="shell-main">
        <header className="topbar">
          {/* The Kubernetes page is about a cluster, not the Docker engine: its badge says whether the cluster answers. */}
          {route.page === 'kubernetes' ? <ClusterIndicator /> : <EngineIndicator />}
          <div className="topbar-actions">
            <TaskCentre />
          </div>
        </header>
        <ConnectionBanner />
        <main id="main" className="page" tabIndex={-1} ref={main}>
          <Suspense fallback={<PageLoading />}>
            <PageComponent rest={route.rest} />
          </Suspense>
        </main>
      </div>
      <Toasts />
      <CommandPalette />
    </div>
  );
}
