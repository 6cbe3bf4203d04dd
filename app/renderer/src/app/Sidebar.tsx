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
        Berth
      </div>
      <nav aria-label="Main">
        <ul>
          {items.map((i) => (
            <li key={i.page}>
              <a href={href(i.page)} aria-current={current === i.page ? 'page' : undefined}>
                <span className="nav-icon">
                  <Icon name={i.icon} />
                </span>
                {i.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-foot">
        <button type="button" className="ghost" onClick={() => setPaletteOpen(true)}>
          Search… <kbd>Ctrl K</kbd>
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
