// The main navigation. Below 1100 px of window it folds to its icons; each link keeps its name (for
// screen readers, and as a tooltip), and the theme choice stays in Settings and the command palette.
import { Icon, type IconName } from '../components/Icon';
import { href, type Page } from './router';
import { useSetTheme } from './theme-setting';
import { useUi, type ThemeChoice } from './ui-store';

const items: { page: Page; label: string; icon: IconName }[] = [
  { page: 'containers', label: 'Containers', icon: 'containers' },
  { page: 'images', label: 'Images', icon: 'images' },
  { page: 'registries', label: 'Registries', icon: 'registries' },
  { page: 'volumes', label: 'Volumes', icon: 'volumes' },
  { page: 'networks', label: 'Networks', icon: 'networks' },
  { page: 'compose', label: 'Compose', icon: 'compose' },
  { page: 'swarm', label: 'Swarm', icon: 'swarm' },
  { page: 'kubernetes', label: 'Kubernetes', icon: 'kubernetes' },
  { page: 'engine', label: 'Engine', icon: 'engine' },
  { page: 'settings', label: 'Settings', icon: 'settings' },
];

export function Sidebar({ current }: { current: Page }) {
  const theme = useUi((s) => s.theme);
  const setTheme = useSetTheme();
  const setPaletteOpen = useUi((s) => s.setPaletteOpen);
  return (
    <aside className="sidebar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">
          <Icon name="anchor" size={20} />
        </span>{' '}
        <span className="nav-label">Berth</span>
      </div>
      <nav aria-label="Main">
        <ul>
          {items.map((i) => (
            <li key={i.page}>
              <a href={href(i.page)} aria-current={current === i.page ? 'page' : undefined} title={i.label}>
                <span className="nav-icon">
                  <Icon name={i.icon} />
                </span>
                <span className="nav-label">{i.label}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-foot">
        <button
          type="button"
          className="ghost search-button"
          title="Search (Ctrl K)"
          onClick={() => setPaletteOpen(true)}
        >
          <span className="nav-icon">
            <Icon name="search" />
          </span>
          <span className="nav-label">
            Search… <kbd>Ctrl K</kbd>
          </span>
        </button>
        <label className="theme-choice">
          Theme
          <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </div>
    </aside>
  );
}
