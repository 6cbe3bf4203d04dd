// Per-image dialogs: Tag, Push, Remove (force only when asked, naming the containers that use it).
import { useState } from 'react';
import type { ImageSummary } from '../../../../shared/contract';
import { imageRef } from '../../../../shared/rules';
import { useClient } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { shortId } from '../../components/format';
import { DialogForm, TextField, useCheckedText } from '../../components/forms';
import { ErrorText, Field } from '../../components/kit';
import { TaskDialog } from '../../components/TaskDialog';
import { useStart } from '../../components/use-start';

export const refOf = (i: ImageSummary) => i.tags[0] ?? `<none> (${shortId(i.id)})`;

export function TagDialog({ image, onClose }: { image: ImageSummary; onClose(): void }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const target = useCheckedText(imageRef);
  const s = useStart();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!target.check()) return;
    const r = await s.run(() => client.request('images.tag', { source: image.id, target: target.trimmed }));
    if (r) {
      toast('success', `Tagged ${refOf(image)} as ${r.ref}.`);
      onClose();
    }
  };
  return (
    <Dialog title={`Tag ${refOf(image)}`} onClose={onClose}>
      <DialogForm submitLabel="Tag" busy={s.busy} onSubmit={(e) => void submit(e)} onCancel={onClose}>
        <TextField
          id="tag-target"
          label="New reference"
          hint="repository[:tag], e.g. 127.0.0.1:5000/team/app:1.0"
          {...target.field(s.error?.message)}
        />
      </DialogForm>
    </Dialog>
  );
}

export function PushDialog({ image, onClose }: { image: ImageSummary; onClose(): void }) {
  const client = useClient();
  const [ref, setRef] = useState(image.tags[0] ?? '');
  const s = useStart();
  return (
    <TaskDialog title={`Push ${refOf(image)}`} wide task={s.task} onClose={onClose}>
      <DialogForm
        submitLabel="Push"
        busy={s.busy}
        canSubmit={!!ref}
        onSubmit={(e) => {
          e.preventDefault();
          void s.run(() => client.request('images.push', { ref }));
        }}
        onCancel={onClose}
      >
        {image.tags.length > 1 ? (
          <Field id="push-ref" label="Reference to push" error={s.error?.message}>
            <select id="push-ref" value={ref} onChange={(e) => setRef(e.target.value)}>
              {image.tags.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </Field>
        ) : (
          <>
            <p>
              Push <span className="mono">{ref}</span> to its registry. To push elsewhere, Tag it with that registry's
              name first.
            </p>
            <ErrorText message={s.error?.message} />
          </>
        )}
      </DialogForm>
    </TaskDialog>
  );
}

export function RemoveImageDialog({ image, onClose }: { image: ImageSummary; onClose(): void }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  const s = useStart();
  const [refused, setRefused] = useState(false);
  const name = refOf(image);
  // A tagged image is removed by its reference (untagging just that name when it has several).
  const target = image.tags[0] ?? image.id;
  const remove = async (force: boolean) => {
    const r = await s.run(() => client.request('images.remove', { ref: target, force }));
    if (r) {
      toast('success', r.deleted.length ? `Removed ${name}.` : `Removed the tag ${name}.`);
      onClose();
    } else setRefused(true);
  };
  const users = image.containers;
  return (
    <ConfirmDialog
      title={`Remove image ${name}?`}
      confirmLabel={refused && image.inUse ? 'Remove with force' : 'Remove'}
      busy={s.busy}
      error={s.error?.message}
      onConfirm={() => void remove(refused && image.inUse)}
      onClose={onClose}
    >
      <p>
        {image.tags.length > 1
          ? `This removes the tag ${name}; the image keeps its other tags (${image.tags.slice(1).join(', ')}).`
          : `This deletes the image ${name} from the engine.`}
      </p>
      {users.length > 0 && (
        <p className="warning-text">
          It is used by {users.length === 1 ? 'the container' : 'the containers'} {users.join(', ')}. Removing it anyway
          needs force, and leaves {users.length === 1 ? 'that container' : 'those containers'} without a named image.
        </p>
      )}
    </ConfirmDialog>
  );
}
