// The actions of one container, named exactly as users and tests expect. Always shown: Start or
// Stop, Restart, Pause or Resume, Remove; Logs, Terminal and Inspect sit beside them where there is
// room (a narrow table hides them) and in "More actions" always, with the other tabs. The control of
// an action that is out shows it is working until the row shows what the engine says.
import type { ContainerSummary } from '../../../../shared/contract';
import { href, navigate } from '../../app/router';
import { Icon, type IconName } from '../../components/Icon';
import { MenuButton, type MenuItem } from '../../components/Menu';
import { doingWord, useContainerAction, usePending, type Verb } from './use-container-action';

interface Action {
  label: string;
  icon: IconName;
  onClick(): void;
  disabled?: boolean;
  /** Shown as the tooltip when it differs from the label. */
  title?: string;
  danger?: boolean;
  /** The lifecycle verb it runs (its control shows the pending state). */
  verb?: Verb;
  /** Hidden from the row when the table is narrow (still in More actions). */
  secondary?: boolean;
}

export function containerActions(
  c: ContainerSummary,
  pending: Verb | undefined,
  run: (verb: Verb) => void,
  onRemove: () => void,
): Action[] {
  const running = c.state === 'running' || c.state === 'restarting';
  const paused = c.state === 'paused';
  const busy = pending !== undefined;
  const open = (tab: string) => () => navigate(href('containers', c.id, tab));
  const verb = (v: Verb, label: string, icon: IconName, disabled = false): Action => ({
    label,
    icon,
    verb: v,
    disabled: busy || disabled,
    title: pending === v ? doingWord(v) : label,
    onClick: () => run(v),
  });
  return [
    running || paused ? verb('containers.stop', 'Stop', 'stop') : verb('containers.start', 'Start', 'play'),
    verb('containers.restart', 'Restart', 'restart', c.state === 'created'),
    ...(running ? [verb('containers.pause', 'Pause', 'pause', c.state === 'restarting')] : []),
    ...(paused ? [verb('containers.unpause', 'Resume', 'resume')] : []),
    { label: 'Logs', icon: 'logs', onClick: open('logs'), secondary: true },
    {
      label: 'Terminal',
      icon: 'terminal',
      disabled: !running,
      title: running ? 'Terminal' : 'Terminal (start the container first)',
      onClick: open('terminal'),
      secondary: true,
    },
    { label: 'Inspect', icon: 'inspect', onClick: open('inspect'), secondary: true },
    { label: 'Remove', icon: 'trash', disabled: busy, danger: true, onClick: onRemove },
  ];
}

/** What "More actions" lists: the row's secondary actions and the other tabs. */
export function moreItems(c: ContainerSummary, actions: Action[]): MenuItem[] {
  const tab = (label: string, id: string): MenuItem => ({ label, href: href('containers', c.id, id) });
  const items: MenuItem[] = actions
    .filter((a) => a.secondary)
    .map((a) => ({
      label: a.label,
      onSelect: a.onClick,
      ...(a.disabled ? { disabled: true } : {}),
      ...(a.title && a.title !== a.label ? { title: a.title } : {}),
    }));
  items.push(tab('Stats', 'stats'), tab('Files', 'files'), tab('Processes', 'processes'));
  if (c.compose)
    items.push({ label: `Compose project ${c.compose.project}`, href: href('compose', c.compose.project) });
  return items;
}

export function RowActions({ container: c, onRemove }: { container: ContainerSummary; onRemove(): void }) {
  const act = useContainerAction();
  const pending = usePending(c.id);
  const actions = containerActions(c, pending, (v) => void act.run(v, c), onRemove);
  return (
    <div className="row-actions" role="group" aria-label={`Actions for ${c.name}`}>
      {actions.map((a) => {
        const working = a.verb !== undefined && a.verb === pending;
        return (
          <button
            key={a.label}
            type="button"
            className={`icon${a.danger ? ' danger-hover' : ''}${a.secondary ? ' secondary' : ''}${working ? ' working' : ''}`}
            title={a.title ?? a.label}
            aria-label={a.label}
            aria-busy={working || undefined}
            disabled={a.disabled}
            onClick={a.onClick}
          >
            {working ? <span className="spinner" aria-hidden="true" /> : <Icon name={a.icon} />}
          </button>
        );
      })}
      <MenuButton label="More actions" menuLabel={`More actions for ${c.name}`} items={moreItems(c, actions)}>
        <Icon name="more" />
      </MenuButton>
    </div>
  );
}
