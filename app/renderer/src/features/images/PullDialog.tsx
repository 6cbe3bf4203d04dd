// Pull an image by reference; the dialog then follows the pull's layers until it ends.
import { imageRef } from '../../../../shared/rules';
import { useClient } from '../../api/hooks';
import { DialogForm, TextField, useCheckedText } from '../../components/forms';
import { TaskDialog } from '../../components/TaskDialog';
import { useStart } from '../../components/use-start';

export function PullDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const ref = useCheckedText(imageRef);
  const s = useStart();
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (ref.check()) void s.run(() => client.request('images.pull', { ref: ref.trimmed }));
  };
  const again = () => {
    s.reset();
    ref.reset();
  };
  return (
    <TaskDialog
      title="Pull an image"
      wide
      task={s.task}
      again={{ label: 'Pull another', onClick: again }}
      onClose={onClose}
    >
      <DialogForm submitLabel="Pull" busy={s.busy} onSubmit={submit} onCancel={onClose}>
        <TextField
          id="pull-ref"
          label="Image reference"
          hint="For example busybox:latest or 127.0.0.1:5000/team/app:1.2"
          autoComplete="off"
          aria-invalid={!!(ref.shown || s.error)}
          {...ref.field(s.error?.message)}
        />
      </DialogForm>
    </TaskDialog>
  );
}
