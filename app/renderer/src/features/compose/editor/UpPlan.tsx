// What `up` would change, service by service (from compose.check), with each service's own actions:
// Up as a button, the rest (Restart, Pull, Build, Remove) in a menu named with the service.
import type { ServiceChange, ServiceChangeKind } from '../../../../../shared/contract/areas/compose-files';
import { MenuButton } from '../../../components/Menu';
import { ActionsHeading } from '../../../components/table-parts';

export const changeLabels: Record<ServiceChangeKind, string> = {
  create: 'Create',
  recreate: 'Recreate',
  start: 'Start',
  unchanged: 'Unchanged',
  remove: 'Remove',
};

export type ServiceVerb = 'up' | 'restart' | 'pull' | 'build' | 'down';

/** "2 to create, 1 to recreate" (or "Nothing to change"). */
export function planSummary(changes: readonly ServiceChange[]): string {
  const order: ServiceChangeKind[] = ['create', 'recreate', 'start', 'remove'];
  const parts = order
    .map((k) => [k, changes.filter((c) => c.change === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} to ${k}`);
  return parts.length ? parts.join(', ') : 'Nothing to change: every service is up to date';
}

export function UpPlan({
  changes,
  method,
  busy,
  onAct,
}: {
  changes: readonly ServiceChange[];
  method: string;
  busy: boolean;
  onAct(verb: ServiceVerb, service: string): void;
}) {
  return (
    <div className="up-plan">
      <p className="up-plan-summary" role="status">
        {planSummary(changes)}
      </p>
      <table className="plan-table" aria-label="What up would change">
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Up would</th>
            <ActionsHeading />
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.service} aria-label={c.service}>
              <th scope="row" className="mono">
                {c.service}
              </th>
              <td>
                <span className={`plan-badge ${c.change}`}>{changeLabels[c.change]}</span>
                <span className="plan-reason">{c.reason}</span>
              </td>
              <td className="plan-actions">
                {c.change !== 'remove' && (
                  <button
                    type="button"
                    className="small"
                    aria-label={`Up service ${c.service}`}
                    disabled={busy}
                    onClick={() => onAct('up', c.service)}
                  >
                    Up
                  </button>
                )}
                <MenuButton
                  label={`More actions for service ${c.service}`}
                  menuLabel={`Actions for service ${c.service}`}
                  className="small"
                  items={[
                    {
                      label: 'Restart',
                      disabled: busy || c.containers === 0,
                      onSelect: () => onAct('restart', c.service),
                    },
                    {
                      label: 'Pull',
                      disabled: busy || c.change === 'remove',
                      onSelect: () => onAct('pull', c.service),
                    },
                    {
                      label: 'Build',
                      disabled: busy || c.change === 'remove',
                      onSelect: () => onAct('build', c.service),
                    },
                    {
                      label: 'Remove containers…',
                      danger: true,
                      disabled: busy || c.containers === 0,
                      onSelect: () => onAct('down', c.service),
                    },
                  ]}
                >
                  More
                </MenuButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="plan-method">{method}</p>
    </div>
  );
}
