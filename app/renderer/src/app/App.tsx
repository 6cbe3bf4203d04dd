import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLiveUpdates } from '../api/live-updates';
import { ContainersPage } from '../features/containers/ContainersPage';
import { ImagesPage } from '../features/images/ImagesPage';
import { RegistriesPage } from '../features/registries/RegistriesPage';
import { VolumesPage } from '../features/volumes/VolumesPage';
import { NetworksPage } from '../features/networks/NetworksPage';
import { KubernetesPage } from '../features/kubernetes/KubernetesPage';
import { ClusterIndicator } from '../features/kubernetes/ClusterIndicator';
import { ComposePage } from '../features/compose/ComposePage';
import { SwarmPage } from '../features/swarm/SwarmPage';
import { EnginePage } from '../features/engine-page/EnginePage';
import { SettingsPage } from '../features/settings/SettingsPage';
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

const pageComponents: Record<Page, (p: { rest: string[] }) => React.JSX.Element> = {
  containers: ContainersPage,
  images: ImagesPage,
  registries: RegistriesPage,
  volumes: VolumesPage,
  networks: NetworksPage,
  compose: ComposePage,
  swarm: SwarmPage,
  kubernetes: KubernetesPage,
  engine: EnginePage,
  settings: SettingsPage,
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
          <PageComponent rest={route.rest} />
        </main>
      </div>
      <Toasts />
      <CommandPalette />
    </div>
  );
}
