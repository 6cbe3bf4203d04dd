// The small text buttons at the end of a table row (Run, Inspect, Remove …), named by their labels.
// Secondary ones give way to a "More actions" menu when the table's box is narrow (app.css), so a
// row's main buttons stay visible in a small window.
import { Icon } from './Icon';
import { MenuButton } from './Menu';

export interface RowButton {
  label: string;
  onClick(): void;
  disabled?: boolean;
  /** Why it is disabled (shown on hover). */
  reason?: string;
  /** Destructive: highlighted in the danger colour on hover. */
  danger?: boolean;
  /** Moves into "More actions" when the table is narrow. */
  secondary?: boolean;
}

export function RowButtons({
  buttons,
  owner,
}: {
  buttons: RowButton[];
  /** Names the menu: "More actions for …". */ owner?: string;
}) {
  const secondary = buttons.filter((b) => b.secondary);
  return (
    <div className="row-buttons">
      {buttons.map((b) => (
        <button
          key={b.label}
          type="button"
          className={`small${b.danger ? ' danger-hover' : ''}${b.secondary ? ' secondary' : ''}`}
          aria-label={b.label}
          disabled={b.disabled}
          title={b.disabled ? b.reason : undefined}
          onClick={b.onClick}
        >
          {b.label}
        </button>
      ))}
      {secondary.length > 0 && (
        <span className="more-toggle">
          <MenuButton
            label="More actions"
            menuLabel={owner ? `More actions for ${owner}` : 'More actions'}
            items={secondary.map((b) => ({
              label: b.label,
              onSelect: b.onClick,
              ...(b.disabled ? { disabled: true } : {}),
            }))}
          >
            <Icon name="more" />
          </MenuButton>
        </span>
      )}
    </div>
  );
}
