// Ctrl/Cmd+K: find containers, images, volumes and pages by name, and act: start, stop, restart or
// resume a container, open its logs or a terminal, pull an image by typing its reference.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useClient, useRequest } from '../api/hooks';
import { usePopover } from '../components/use-popover';
import { paletteEntries, type PaletteAction, type PaletteEntry } from './palette-entries';
import { navigate } from './router';
import { useSetTheme } from './theme-setting';
import { useUi } from './ui-store';

const done = { start: 'Started', stop: 'Stopped', restart: 'Restarted', unpause: 'Resumed' } as const;

/** Carries out a palette entry's action, saying how it went in a toast. */
function useRunAction() {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const setTasksOpen = useUi((s) => s.setTasksOpen);
  const setTheme = useSetTheme();
  return async (a: PaletteAction) => {
    switch (a.kind) {
      case 'go':
        return navigate(a.to);
      case 'theme':
        return setTheme(a.theme);
      case 'container':
        try {
          await client.request(`containers.${a.verb}`, { id: a.id });
          toast('success', `${done[a.verb]} ${a.name}.`);
        } catch (e) {
          toast('error', (e as Error).message);
        }
        return;
      case 'pull':
        try {
          await client.request('images.pull', { ref: a.ref });
          toast('info', `Pulling ${a.ref}: its progress is in Tasks.`);
          setTasksOpen(true);
        } catch (e) {
          toast('error', (e as Error).message);
        }
        return;
    }
  };
}

export function CommandPalette() {
  const open = useUi((s) => s.paletteOpen);
  const setOpen = useUi((s) => s.setPaletteOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const act = useRunAction();
  const containers = useRequest('containers.list', { all: true }, { enabled: open }).data;
  const images = useRequest('images.list', undefined, { enabled: open }).data;
  const volumes = useRequest('volumes.list', undefined, { enabled: open }).data;
  usePopover(open, () => setOpen(false), box);

  const entries = useMemo(
    () => paletteEntries(query, { containers: containers ?? [], images: images ?? [], volumes: volumes ?? [] }),
    [containers, images, volumes, query],
  );

  useEffect(() => {
    if (open) {
      setQuery('');
      setActive(0);
      setTimeout(() => input.current?.focus(), 0);
    }
  }, [open]);

  if (!open) return null;
  const choose = (e: PaletteEntry | undefined) => {
    if (!e) return;
    setOpen(false);
    void act(e.action);
  };
  return (
    <div className="modal-backdrop">
      <div ref={box} role="dialog" aria-modal="true" aria-label="Command palette" className="palette">
        <input
          ref={input}
          aria-label="Search Berth"
          placeholder="Search, or act: stop web, logs of db, pull nginx:1.27…"
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
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, entries.length - 1));
            }
            if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            }
            if (e.key === 'Enter') choose(entries[active]);
            if (e.key === 'Tab') e.preventDefault(); // the list is reached with the arrows; focus stays here
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
              onMouseDown={(ev) => ev.preventDefault()}
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
