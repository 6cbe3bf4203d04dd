// A labelled select in a tab's toolbar (a log view's history, a terminal's shell or container).
import { Options, type Choice } from '../../../../components/Options';

export interface ToolbarSelectProps<V extends string> {
  /** The text before the select (its accessible name unless `ariaLabel` is given). */
  label: string;
  ariaLabel?: string;
  title?: string;
  choices: readonly Choice<V>[];
  value: NoInfer<V>;
  onChange(value: NoInfer<V>): void;
}

export function ToolbarSelect<V extends string>(p: ToolbarSelectProps<V>) {
  return (
    <label className="bd-check" title={p.title}>
      {p.label}
      <select
        className="bd-select"
        aria-label={p.ariaLabel}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value as V)}
      >
        <Options choices={p.choices} />
      </select>
    </label>
  );
}
