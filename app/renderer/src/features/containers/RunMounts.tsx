// The run and edit forms' mounts: rows of a volume name or absolute host path, the path in the
// container, and read-only.
import { RowListField } from './RowListField';
import type { VolumeRow } from './run-form';

export function RunMounts({
  rows,
  onChange,
  onRemoved,
  left,
  invalid,
  errors,
}: {
  rows: VolumeRow[];
  onChange(rows: VolumeRow[]): void;
  onRemoved(index: number): void;
  /** The blur handler that shows a field's problem once it is left. */
  left(key: string): (e: React.FocusEvent) => void;
  invalid(key: string): boolean;
  errors: string[];
}) {
  return (
    <RowListField
      legend="Volumes and bind mounts"
      rows={rows}
      onChange={onChange}
      onRemoved={onRemoved}
      newRow={() => ({ source: '', target: '', readOnly: false })}
      addLabel="Add a mount"
      rowLabel="Mount"
      errors={errors}
      renderRow={(v, update, i) => (
        <>
          <input
            aria-label={`Volume or host path ${i + 1}`}
            placeholder="volume name or /host/path"
            value={v.source}
            aria-invalid={invalid(`volumes.${i}.source`)}
            onChange={(e) => update({ source: e.target.value })}
            onBlur={left(`volumes.${i}.source`)}
          />
          <span aria-hidden="true">→</span>
          <input
            aria-label={`Path in container ${i + 1}`}
            placeholder="/path/in/container"
            value={v.target}
            aria-invalid={invalid(`volumes.${i}.target`)}
            onChange={(e) => update({ target: e.target.value })}
            onBlur={left(`volumes.${i}.target`)}
          />
          <label className="inline">
            <input type="checkbox" checked={v.readOnly} onChange={(e) => update({ readOnly: e.target.checked })} />{' '}
            read-only
          </label>
        </>
      )}
    />
  );
}
