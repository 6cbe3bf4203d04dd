// The run and edit forms' mounts: rows of a volume name or absolute host path, the path in the
// container, and read-only.
import { FormRowList, ReadOnlyBox, type FieldChecks } from './FormFields';
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
    <FormRowList
      group="volumes"
      checks={checks}
      legend="Volumes and bind mounts"
      rows={rows}
      onChange={onChange}
      onRemoved={onRemoved}
      newRow={() => ({ source: '', target: '', readOnly: false })}
      addLabel="Add a mount"
      rowLabel="Mount"
      errors={errors}
      renderRow={(v, bind, update) => (
        <>
          <input {...bind('source', 'Volume or host path')} placeholder="volume name or /host/path" />
          <span aria-hidden="true">→</span>
          <input {...bind('target', 'Path in container')} placeholder="/path/in/container" />
          <ReadOnlyBox checked={v.readOnly} onChange={(readOnly) => update({ readOnly })} />
        </>
      )}
    />
  );
}
