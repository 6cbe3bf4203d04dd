// Save images to a tar file, and load images from one, on the disk of the machine Berth runs on.
import { tarPath } from '../../../../shared/contract/areas/images';
import { useClient } from '../../api/hooks';
import { DialogForm, TextField, useCheckedText } from '../../components/forms';
import { TaskDialog } from '../../components/TaskDialog';
import { useStart } from '../../components/use-start';

function ArchiveDialog({
  title,
  verb,
  hint,
  initial,
  start,
  onClose,
}: {
  title: string;
  verb: string;
  hint: string;
  initial: string;
  start(path: string): Promise<unknown>;
  onClose(): void;
}) {
  const path = useCheckedText(tarPath, initial);
  const s = useStart();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (path.check()) void s.run(() => start(path.trimmed));
  };
  return (
    <TaskDialog title={title} task={s.task} onClose={onClose}>
      <DialogForm submitLabel={verb} busy={s.busy} onSubmit={submit} onCancel={onClose}>
        <TextField id="archive-path" label="Tar file path" hint={hint} {...path.field(s.error?.message)} />
      </DialogForm>
    </TaskDialog>
  );
}

export function SaveImageDialog({ image, onClose }: { image: string; onClose(): void }) {
  const client = useClient();
  const file = `/tmp/${image.replace(/[^a-zA-Z0-9_.-]+/g, '_')}.tar`;
  return (
    <ArchiveDialog
      title={`Save ${image} to a tar file`}
      verb="Save"
      hint="An absolute path on the machine Berth runs on; an existing file there is replaced."
      initial={file}
      start={(path) => client.request('images.save', { refs: [image], path })}
      onClose={onClose}
    />
  );
}

export function LoadImagesDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  return (
    <ArchiveDialog
      title="Load images from a tar file"
      verb="Load"
      hint="A tar written by Save or docker save, on the machine Berth runs on."
      initial=""
      start={(path) => client.request('images.load', { path })}
      onClose={onClose}
    />
  );
}
