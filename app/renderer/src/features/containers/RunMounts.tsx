// The run and edit forms' mounts: rows of a volume name or absolute host path, the path in the
// container, and read-only.
import { ReadOnlyBox, rowInputs, type FieldChecks } from './FormFields';
import { RowListField } from './RowListField';
import type { VolumeRow } from './run-form';

export function RunMounts({
  rows,
  onChange,
  onRemoved,
  checks,
  errors,
}: {
  rows: VolumeRow[];
  onChange(rows: VolumeRow[]): void;
  onRemoved(index: number): void;
  checks: FieldChecks;
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
      renderRow={(v, update, i) => {
        const bind = rowInputs(v, update, checks, `volumes.${i}`);
        return (
          <>
            <input
              aria-label={`Volume or host path ${i + 1}`}
              placeholder="volume name or /host/path"
              {...bind('source')}
            />
            <span aria-hidden="true">→</span>
            <input aria-label={`Path in container ${i + 1}`} placeholder="/path/in/container" {...bind('target')} />
            <ReadOnlyBox checked={v.readOnly} onChange={(readOnly) => update({ readOnly })} />
          </>
        );
      }}
    />
  );
}
