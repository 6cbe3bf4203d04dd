// Ctrl/Cmd+K: find containers, images, volumes and actions by name.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useRequest } from '../api/hooks';
import { href, navigate } from './router';
import { useSetTheme } from './theme-setting';
import { useUi } from './ui-store';

interface Entry {
  label: string;
  kind: string;
  go(): void;
}

export function CommandPalette() {
  const open = useUi((s) => s.paletteOpen);
  const setOpen = useUi((s) => s.setPaletteOpen);
  const setTheme = useSetTheme();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const containers = useRequest('containers.list', { all: true }, { enabled: open }).data ?? [];
  const images = useRequest('images.list', undefined, { enabled: open }).data ?? [];
  const volumes = useRequest('volumes.list', undefined, { enabled: open }).data ?? [];

  const entries = useMemo<Entry[]>(() => {
    const go = (to: string) => () => navigate(to);
    const all: Entry[] = [
      { label: 'Run a container…', kind: 'Action', go: go('#/containers/new') },
      { label: 'Go to Containers', kind: 'Page', go: go(href('containers')) },
      { label: 'Go to Images', kind: 'Page', go: go(href('images')) },
      { label: 'Go to Registries', kind: 'Page', go: go(href('registries')) },
      { label: 'Go to Volumes', kind: 'Page', go: go(href('volumes')) },
      { label: 'Go to Networks', kind: 'Page', go: go(href('networks')) },
      { label: 'Go to Compose', kind: 'Page', go: go(href('compose')) },
      { label: 'Go to Engine', kind: 'Page', go: go(href('engine')) },
      { label: 'Go to Settings', kind: 'Page', go: go(href('settings')) },
      { label: 'Use the dark theme', kind: 'Action', go: () => setTheme('dark') },
      { label: 'Use the light theme', kind: 'Action', go: () => setTheme('light') },
      ...containers.map((c) => ({ label: c.name, kind: 'Container', go: go(href('containers', c.id)) })),
      ...images.flatMap((i) =>
        (i.tags.length ? i.tags : [i.id.slice(7, 19)]).map((t) => ({
          label: t,
          kind: 'Image',
          go: go(href('images', i.id)),
        })),
      ),
      ...volumes.map((v) => ({ label: v.name, kind: 'Volume', go: go(href('volumes', v.name)) })),
    ];
    const q = query.trim().toLowerCase();
    return (q ? all.filter((e) => e.label.toLowerCase().includes(q)) : all).slice(0, 50);
  }, [containers, images, volumes, query, setTheme]);

  useEffect(() => {
    if (open) {
      setQuery('');
      setActive(0);
      setTimeout(() => input.current?.focus(), 0);
    }
  }, [open]);

  if (!open) return null;
  const choose = (e: Entry | undefined) => {
    if (!e) return;
    setOpen(false);
    e.go();
  };
  return (
    <div className="modal-backdrop" onMouseDown={() => setOpen(false)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        className="palette"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <input
          ref={input}
          aria-label="Search Berth"
          placeholder="Search containers, images, volumes and actions"
          value={query}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-results"
          aria-activedescendant={entries[active] ? `palette-${active}` : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false);
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, entries.length - 1));
            if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
            if (e.key === 'Enter') choose(entries[active]);
          }}
        />
        <ul id="palette-results" role="listbox" aria-label="Results">
          {entries.map((e, i) => (
            <li
              key={`${e.kind}-${e.label}-${i}`}
              id={`palette-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(e)}
            >
              <span>{e.label}</span>
              <span className="muted small">{e.kind}</span>
            </li>
          ))}
          {entries.length === 0 && <li className="muted">Nothing matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
