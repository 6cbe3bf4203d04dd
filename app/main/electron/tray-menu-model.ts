// The tray menu as plain data, built by a pure function from state. Each item carries an action
// descriptor (a contract request, a page to open, a link, or quit); tray.ts turns the model into an
// Electron menu and tray-actions.ts performs the actions. Tested without Electron.
import type { ContainerSummary, EngineStatus, RequestArgs, RequestName } from '../../shared/contract';
import type { BerthSettings } from '../../shared/contract/areas/settings';

export type ContractCall = { [M in RequestName]: { request: M; args: RequestArgs<M> } }[RequestName];

export type TrayAction =
  | ContractCall
  /** Several requests at once (a compose project's containers); each one's failure is reported. */
  | { requests: ContractCall[]; label: string }
  /** Show the window on this hash route. */
  | { open: string }
  /** Open an http(s) URL in the user's browser. */
  | { openExternal: string }
  | { quit: true };

export interface TrayMenuItem {
  /** 'header' is a disabled line of text (a state line or a section title). */
  type: 'action' | 'header' | 'separator' | 'submenu';
  label: string;
  enabled: boolean;
  action?: TrayAction;
  submenu?: TrayMenuItem[];
}

export interface TrayState {
  engine: EngineStatus;
  /** Undefined while the list is loading or the engine is not running. */
  containers?: ContainerSummary[];
  /** A sentence when listing containers failed. */
  containersError?: string;
  settings: Pick<BerthSettings, 'tray'>;
}

export const TRAY_LIMITS = { running: 15, stopped: 10, projects: 10, label: 48 } as const;
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

const header = (label: string): TrayMenuItem => ({ type: 'header', label, enabled: false });
const separator = (): TrayMenuItem => ({ type: 'separator', label: '', enabled: false });
const item = (label: string, action: TrayAction, enabled = true): TrayMenuItem => ({
  type: 'action',
  label,
  enabled,
  action,
});
const submenu = (label: string, items: TrayMenuItem[]): TrayMenuItem => ({
  type: 'submenu',
  label,
  enabled: true,
  submenu: items,
});

/** Shortens long names so the menu stays readable; `&` is escaped (it marks mnemonics on Windows/Linux). */
export function menuLabel(text: string, max: number = TRAY_LIMITS.label): string {
  const short = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return short.replace(/&/g, '&&');
}

const engineWords: Record<EngineStatus['state'], string> = {
  none: 'not set up',
  stopped: 'stopped',
  starting: 'starting',
  running: 'running',
  stopping: 'stopping',
  error: 'failed',
};

export function engineStateLine(engine: EngineStatus): string {
  const how = engine.kind === 'none' ? '' : ` (${engine.kind === 'external' ? 'external' : engine.kind})`;
  return `Engine ${engineWords[engine.state]}${how}`;
}

function engineSection(engine: EngineStatus): TrayMenuItem[] {
  const items = [header(engineStateLine(engine))];
  if (engine.state === 'starting' || engine.state === 'stopping') {
    if (engine.progress) items.push(header(menuLabel(engine.progress, 60)));
  }
  if (engine.state === 'error' && engine.error) items.push(header(menuLabel(engine.error.message, 100)));
  if (engine.state === 'none') {
    items.push(item('Set up an engine…', { open: '#/engine' }));
    return items;
  }
  const managed = engine.managed;
  const { state } = engine;
  items.push(
    item('Start engine', { request: 'engine.start', args: {} }, managed && (state === 'stopped' || state === 'error')),
    item('Stop engine', { request: 'engine.stop', args: {} }, managed && (state === 'running' || state === 'starting')),
    item(
      'Restart engine',
      { request: 'engine.restart', args: {} },
      managed && (state === 'running' || state === 'error'),
    ),
  );
  return items;
}

const isRunning = (c: ContainerSummary) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
const isStopped = (c: ContainerSummary) => c.state === 'exited' || c.state === 'created' || c.state === 'dead';
const route = (...parts: string[]) => `#/${parts.map(encodeURIComponent).join('/')}`;

/** One "Open http://…" link per published TCP port; IPv4 and IPv6 bindings of a port are one link. */
export function publishedUrls(c: ContainerSummary): string[] {
  const urls = new Set<string>();
  for (const p of c.ports) {
    if (p.protocol !== 'tcp' || !p.hostPort) continue;
    const ip = p.hostIp ?? '';
    const anyAddress = ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '127.0.0.1' || ip === '::1';
    const host = anyAddress ? 'localhost' : ip.includes(':') ? `[${ip}]` : ip;
    urls.add(`http://${host}:${p.hostPort}`);
  }
  return [...urls].sort((a, b) => Number(a.split(':').pop()) - Number(b.split(':').pop()));
}

function runningContainerMenu(c: ContainerSummary): TrayMenuItem {
  const paused = c.state === 'paused';
  const items: TrayMenuItem[] = [
    header(menuLabel(c.image)),
    paused
      ? item('Resume', { request: 'containers.unpause', args: { id: c.id } })
      : item('Stop', { request: 'containers.stop', args: { id: c.id } }),
    item('Restart', { request: 'containers.restart', args: { id: c.id } }),
    separator(),
    item('Open terminal', { open: route('containers', c.id, 'terminal') }, !paused),
    item('View logs', { open: route('containers', c.id, 'logs') }),
  ];
  const urls = publishedUrls(c);
  if (urls.length > 0) items.push(separator(), ...urls.map((u) => item(`Open ${u}`, { openExternal: u })));
  const suffix = paused ? ' (paused)' : c.state === 'restarting' ? ' (restarting)' : '';
  return submenu(`${menuLabel(c.name)}${suffix}`, items);
}

function stoppedContainerMenu(c: ContainerSummary): TrayMenuItem {
  return submenu(menuLabel(c.name), [
    header(menuLabel(c.status || c.image)),
    item('Start', { request: 'containers.start', args: { id: c.id } }),
    item('View logs', { open: route('containers', c.id, 'logs') }),
  ]);
}

const more = (n: number, page: string) => item(`${n} more… (open dashboard)`, { open: `#/${page}` });

export function composeProjectOf(c: ContainerSummary): string | undefined {
  return c.compose?.project ?? c.labels[COMPOSE_PROJECT_LABEL];
}

export interface ComposeProject {
  name: string;
  running: ContainerSummary[];
  stopped: ContainerSummary[];
}

export function composeProjects(containers: ContainerSummary[]): ComposeProject[] {
  const byName = new Map<string, ComposeProject>();
  for (const c of containers) {
    const name = composeProjectOf(c);
    if (!name) continue;
    const p = byName.get(name) ?? { name, running: [], stopped: [] };
    (isRunning(c) ? p.running : p.stopped).push(c);
    byName.set(name, p);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function projectMenu(p: ComposeProject): TrayMenuItem {
  const total = p.running.length + p.stopped.length;
  const start: ContractCall[] = p.stopped.map((c) => ({ request: 'containers.start', args: { id: c.id } }));
  const stop: ContractCall[] = p.running.map((c) => ({ request: 'containers.stop', args: { id: c.id } }));
  return submenu(`${menuLabel(p.name)} — ${p.running.length}/${total} running`, [
    item('Start', { requests: start, label: `Starting ${p.name}` }, start.length > 0),
    item('Stop', { requests: stop, label: `Stopping ${p.name}` }, stop.length > 0),
    item('Open in dashboard', { open: '#/compose' }),
  ]);
}

function containerSections(state: TrayState): TrayMenuItem[] {
  if (state.engine.state !== 'running') return [];
  if (state.containersError) return [separator(), header(menuLabel(state.containersError, 100))];
  if (!state.containers) return [separator(), header('Loading containers…')];
  const byName = (a: ContainerSummary, b: ContainerSummary) => a.name.localeCompare(b.name);
  const running = state.containers.filter(isRunning).sort(byName);
  const items: TrayMenuItem[] = [
    separator(),
    header(running.length ? `Running containers (${running.length})` : 'No running containers'),
  ];
  items.push(...running.slice(0, TRAY_LIMITS.running).map(runningContainerMenu));
  if (running.length > TRAY_LIMITS.running) items.push(more(running.length - TRAY_LIMITS.running, 'containers'));

  if (state.settings.tray.showStopped) {
    const stopped = state.containers.filter(isStopped).sort((a, b) => b.created - a.created || byName(a, b));
    if (stopped.length) {
      const shown = stopped.slice(0, TRAY_LIMITS.stopped).map(stoppedContainerMenu);
      if (stopped.length > TRAY_LIMITS.stopped) shown.push(more(stopped.length - TRAY_LIMITS.stopped, 'containers'));
      items.push(submenu(`Stopped containers (${stopped.length})`, shown));
    }
  }
  if (state.settings.tray.showCompose) {
    const projects = composeProjects(state.containers);
    if (projects.length) {
      const shown = projects.slice(0, TRAY_LIMITS.projects).map(projectMenu);
      if (projects.length > TRAY_LIMITS.projects) shown.push(more(projects.length - TRAY_LIMITS.projects, 'compose'));
      items.push(submenu(`Compose projects (${projects.length})`, shown));
    }
  }
  return items;
}

/** The whole tray menu for this state. Pure: same state, same menu. */
export function buildTrayMenu(state: TrayState): TrayMenuItem[] {
  return [
    ...engineSection(state.engine),
    ...containerSections(state),
    separator(),
    item('Open dashboard', { open: '#/containers' }),
    item('Settings…', { open: '#/settings' }),
    separator(),
    item('Quit Berth', { quit: true }),
  ];
}

/** The tooltip next to the tray icon. */
export function trayTooltip(state: TrayState): string {
  const line = `Berth — ${engineStateLine(state.engine).toLowerCase()}`;
  const running = state.containers?.filter(isRunning).length;
  return state.engine.state === 'running' && running !== undefined ? `${line}, ${running} running` : line;
}
