import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../shared/contract';
import { defaultSettings } from '../settings/store';
import { container, engineStatus } from './testing/fakes';
import {
  TRAY_LIMITS,
  buildTrayMenu,
  publishedUrls,
  trayTooltip,
  type TrayMenuItem,
  type TrayState,
} from './tray-menu-model';

const settings = { tray: defaultSettings().tray };
const state = (over: Partial<TrayState> = {}): TrayState => ({
  engine: engineStatus(),
  containers: [],
  settings,
  ...over,
});

const find = (items: TrayMenuItem[], label: string | RegExp): TrayMenuItem => {
  const hit = items.find((i) => (typeof label === 'string' ? i.label === label : label.test(i.label)));
  if (!hit) throw new Error(`no item ${label} in ${items.map((i) => i.label).join(' | ')}`);
  return hit;
};
const labels = (items: TrayMenuItem[]) => items.map((i) => i.label);
/** Every item, submenus included. */
const flat = (items: TrayMenuItem[]): TrayMenuItem[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

describe('tray menu: engine section', () => {
  const cases: [EngineStatus['state'], string, { start: boolean; stop: boolean; restart: boolean }][] = [
    ['stopped', 'Engine stopped (native)', { start: true, stop: false, restart: false }],
    ['starting', 'Engine starting (native)', { start: false, stop: true, restart: false }],
    ['running', 'Engine running (native)', { start: false, stop: true, restart: true }],
    ['stopping', 'Engine stopping (native)', { start: false, stop: false, restart: false }],
    ['error', 'Engine failed (native)', { start: true, stop: false, restart: true }],
  ];
  for (const [engineState, line, enabled] of cases) {
    it(`shows the state line and enables the right engine actions when ${engineState}`, () => {
      const menu = buildTrayMenu(
        state({ engine: engineStatus({ state: engineState, progress: 'Waiting for the engine API' }) }),
      );
      expect(menu[0]).toEqual({ type: 'header', label: line, enabled: false });
      expect(find(menu, 'Start engine')).toMatchObject({
        enabled: enabled.start,
        action: { request: 'engine.start', args: {} },
      });
      expect(find(menu, 'Stop engine')).toMatchObject({
        enabled: enabled.stop,
        action: { request: 'engine.stop', args: {} },
      });
      expect(find(menu, 'Restart engine')).toMatchObject({
        enabled: enabled.restart,
        action: { request: 'engine.restart', args: {} },
      });
    });
  }

  it('shows progress while starting and the failure sentence on error', () => {
    expect(
      labels(
        buildTrayMenu(state({ engine: engineStatus({ state: 'starting', progress: 'Waiting for the engine API' }) })),
      ),
    ).toContain('Waiting for the engine API');
    const failed = engineStatus({
      state: 'error',
      error: { step: 'start', message: 'dockerd exited at once.', logTail: [], fix: 'Check the log.' },
    });
    expect(labels(buildTrayMenu(state({ engine: failed })))).toContain('dockerd exited at once.');
  });

  it('offers no start/stop for an external engine Berth does not manage', () => {
    const menu = buildTrayMenu(state({ engine: engineStatus({ kind: 'external', managed: false }) }));
    expect(menu[0]!.label).toBe('Engine running (external)');
    for (const l of ['Start engine', 'Stop engine', 'Restart engine']) expect(find(menu, l).enabled).toBe(false);
  });

  it('offers engine setup when there is no engine at all', () => {
    const menu = buildTrayMenu(state({ engine: engineStatus({ state: 'none', kind: 'none', managed: false }) }));
    expect(menu[0]!.label).toBe('Engine not set up');
    expect(find(menu, 'Set up an engine…').action).toEqual({ open: '#/engine' });
    expect(labels(menu)).not.toContain('Start engine');
  });

  it('lists no containers unless the engine runs', () => {
    const menu = buildTrayMenu(
      state({ engine: engineStatus({ state: 'stopped' }), containers: [container({ id: 'a' })] }),
    );
    expect(labels(menu).some((l) => /containers/i.test(l))).toBe(false);
  });
});

describe('tray menu: containers', () => {
  it('says so when nothing runs (0 running)', () => {
    const menu = buildTrayMenu(state({ containers: [] }));
    expect(labels(menu)).toContain('No running containers');
  });

  it('gives one running container a submenu with stop, restart, terminal, logs and its ports (1 running)', () => {
    const web = container({
      id: 'abc123',
      name: 'web',
      image: 'nginx:1.27',
      ports: [
        { containerPort: 80, hostPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' },
        { containerPort: 80, hostPort: 8080, hostIp: '::', protocol: 'tcp' },
        { containerPort: 443, hostPort: 8443, protocol: 'tcp' },
        { containerPort: 53, hostPort: 5353, protocol: 'udp' },
        { containerPort: 9000, protocol: 'tcp' },
      ],
    });
    const menu = buildTrayMenu(state({ containers: [web] }));
    expect(labels(menu)).toContain('Running containers (1)');
    const sub = find(menu, 'web').submenu!;
    expect(sub[0]).toMatchObject({ type: 'header', label: 'nginx:1.27' });
    expect(find(sub, 'Stop').action).toEqual({ request: 'containers.stop', args: { id: 'abc123' } });
    expect(find(sub, 'Restart').action).toEqual({ request: 'containers.restart', args: { id: 'abc123' } });
    expect(find(sub, 'Open terminal').action).toEqual({ open: '#/containers/abc123/terminal' });
    expect(find(sub, 'View logs').action).toEqual({ open: '#/containers/abc123/logs' });
    // One link per published TCP port; the IPv4 and IPv6 bindings of 8080 are one; UDP and unpublished ports have none.
    expect(sub.filter((i) => i.label.startsWith('Open http')).map((i) => i.action)).toEqual([
      { openExternal: 'http://localhost:8080' },
      { openExternal: 'http://localhost:8443' },
    ]);
  });

  it('uses the bound address when a port is published on a specific IP', () => {
    const c = container({
      id: 'x',
      ports: [
        { containerPort: 80, hostPort: 81, hostIp: '192.168.1.5', protocol: 'tcp' },
        { containerPort: 80, hostPort: 82, hostIp: 'fe80::1', protocol: 'tcp' },
        { containerPort: 80, hostPort: 83, hostIp: '127.0.0.1', protocol: 'tcp' },
      ],
    });
    expect(publishedUrls(c)).toEqual(['http://192.168.1.5:81', 'http://[fe80::1]:82', 'http://localhost:83']);
  });

  it('offers Resume for a paused container and no terminal', () => {
    const sub = find(
      buildTrayMenu(state({ containers: [container({ id: 'p', name: 'db', state: 'paused' })] })),
      'db (paused)',
    ).submenu!;
    expect(find(sub, 'Resume').action).toEqual({ request: 'containers.unpause', args: { id: 'p' } });
    expect(find(sub, 'Open terminal').enabled).toBe(false);
  });

  it('stays bounded and readable at 50 running containers', () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      container({ id: `c${i}`, name: `svc-${String(i).padStart(2, '0')}` }),
    );
    const menu = buildTrayMenu(state({ containers: many }));
    expect(labels(menu)).toContain('Running containers (50)');
    const shown = menu.filter((i) => i.type === 'submenu' && i.label.startsWith('svc-'));
    expect(shown).toHaveLength(TRAY_LIMITS.running);
    expect(shown[0]!.label).toBe('svc-00'); // sorted by name
    expect(find(menu, '35 more… (open dashboard)').action).toEqual({ open: '#/containers' });
    expect(menu.length).toBeLessThan(30);
  });

  it('shortens very long names and escapes & so it is not read as a mnemonic', () => {
    const menu = buildTrayMenu(state({ containers: [container({ id: 'l', name: `a&b-${'x'.repeat(100)}` })] }));
    const item = menu.find((i) => i.label.startsWith('a&&b'))!;
    expect(item.label.length).toBeLessThanOrEqual(TRAY_LIMITS.label + 2);
    expect(item.label.endsWith('…')).toBe(true);
  });

  it('lists stopped containers most recent first, bounded, each with Start', () => {
    const stopped = Array.from({ length: 14 }, (_, i) =>
      container({
        id: `s${i}`,
        name: `old-${i}`,
        state: 'exited',
        status: `Exited (0) ${i} hours ago`,
        created: 1000 + i,
      }),
    );
    const menu = buildTrayMenu(state({ containers: stopped }));
    const section = find(menu, 'Stopped containers (14)').submenu!;
    expect(section).toHaveLength(TRAY_LIMITS.stopped + 1);
    expect(section[0]!.label).toBe('old-13');
    expect(find(section[0]!.submenu!, 'Start').action).toEqual({ request: 'containers.start', args: { id: 's13' } });
    expect(find(section, '4 more… (open dashboard)').action).toEqual({ open: '#/containers' });
  });

  it('hides stopped containers and compose projects when the settings say so', () => {
    const cs = [container({ id: 'a', state: 'exited', labels: { 'com.docker.compose.project': 'shop' } })];
    const menu = buildTrayMenu(
      state({ containers: cs, settings: { tray: { showStopped: false, showCompose: false } } }),
    );
    expect(labels(menu).some((l) => l.startsWith('Stopped') || l.startsWith('Compose'))).toBe(false);
  });

  it('shows a list failure as a sentence, and a loading line before the first list', () => {
    expect(labels(buildTrayMenu(state({ containers: undefined })))).toContain('Loading containers…');
    expect(
      labels(
        buildTrayMenu(state({ containersError: 'Containers could not be listed: The engine is not responding.' })),
      ),
    ).toContain('Containers could not be listed: The engine is not responding.');
  });
});

describe('tray menu: compose projects', () => {
  const shop = (id: string, running: boolean) =>
    container({
      id,
      name: `shop-${id}-1`,
      state: running ? 'running' : 'exited',
      labels: { 'com.docker.compose.project': 'shop' },
    });

  it('groups containers by the compose project label, with Start and Stop for the project', () => {
    const containers = [shop('web', true), shop('db', true), shop('worker', false), container({ id: 'solo' })];
    const menu = buildTrayMenu(state({ containers }));
    const projects = find(menu, 'Compose projects (1)').submenu!;
    const project = find(projects, 'shop — 2/3 running').submenu!;
    expect(find(project, 'Start').action).toEqual({
      requests: [{ request: 'containers.start', args: { id: 'worker' } }],
      label: 'Starting shop',
    });
    expect(find(project, 'Stop').action).toEqual({
      requests: [
        { request: 'containers.stop', args: { id: 'web' } },
        { request: 'containers.stop', args: { id: 'db' } },
      ],
      label: 'Stopping shop',
    });
  });

  it('disables Start when all run and Stop when none run; reads the compose field too', () => {
    const allUp = [container({ id: 'a', compose: { project: 'blog', service: 'web' } })];
    const up = find(find(buildTrayMenu(state({ containers: allUp })), /^Compose/).submenu!, /^blog/).submenu!;
    expect(find(up, 'Start').enabled).toBe(false);
    expect(find(up, 'Stop').enabled).toBe(true);
    const allDown = [container({ id: 'a', state: 'exited', compose: { project: 'blog', service: 'web' } })];
    const down = find(find(buildTrayMenu(state({ containers: allDown })), /^Compose/).submenu!, /^blog/).submenu!;
    expect(find(down, 'Stop').enabled).toBe(false);
  });
});

describe('tray menu: always there', () => {
  it('ends with Open dashboard, Settings and Quit', () => {
    const menu = buildTrayMenu(state());
    expect(find(menu, 'Open dashboard').action).toEqual({ open: '#/containers' });
    expect(find(menu, 'Settings…').action).toEqual({ open: '#/settings' });
    expect(menu.at(-1)).toMatchObject({ label: 'Quit Berth', action: { quit: true } });
  });

  it('is plain serialisable data, the same for the same state', () => {
    const s = state({
      containers: [container({ id: 'a', ports: [{ containerPort: 1, hostPort: 2, protocol: 'tcp' }] })],
    });
    const menu = buildTrayMenu(s);
    expect(JSON.parse(JSON.stringify(menu))).toEqual(menu);
    expect(buildTrayMenu(s)).toEqual(menu);
  });

  it('every enabled clickable item carries an action', () => {
    const menu = buildTrayMenu(
      state({ containers: [container({ id: 'a' }), container({ id: 'b', state: 'exited' })] }),
    );
    for (const i of flat(menu).filter((i) => i.type === 'action')) expect(i.action, i.label).toBeDefined();
  });

  it('has a tooltip with the engine state and the running count', () => {
    expect(trayTooltip(state({ containers: [container({ id: 'a' })] }))).toBe(
      'Berth — engine running (native), 1 running',
    );
    expect(trayTooltip(state({ engine: engineStatus({ state: 'stopped' }) }))).toBe('Berth — engine stopped (native)');
  });
});
