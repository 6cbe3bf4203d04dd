// The run and edit forms' mounts: rows of a volume name or absolute host path, the path in the
// container, and read-only.
import { FormRowList, ReadOnlyBox, type FormList } from './FormFields';
import type { VolumeRow } from './run-form';

export function RunMounts({ list }: { list: FormList<VolumeRow> }) {
  return (
    <FormRowList
      {...list}
      legend="Volumes and bind mounts"
      newRow={() => ({ source: '', target: '', readOnly: false })}
      addLabel="Add a mount"
      rowLabel="Mount"
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
