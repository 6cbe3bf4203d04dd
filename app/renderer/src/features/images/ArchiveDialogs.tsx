// Save images to a tar file, and load images from one, on the disk of the machine Berth runs on.
import { useState } from 'react';
import { tarPath } from '../../../../shared/contract/areas/images';
import { firstIssue } from '../../../../shared/rules';
import { useClient } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { Field, TaskView, useTask } from '../../components/kit';
import { useStart } from './use-start';

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
  const [path, setPath] = useState(initial);
  const [touched, setTouched] = useState(false);
  const s = useStart();
  const live = useTask(s.task?.id);
  const problem = touched ? firstIssue(tarPath.safeParse(path.trim())) : undefined;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (firstIssue(tarPath.safeParse(path.trim()))) return;
    void s.run(() => start(path.trim()));
  };
  return (
    <Dialog title={title} onClose={onClose}>
      {!s.task ? (
        <form className="form-stack" onSubmit={submit} noValidate>
          <Field id="archive-path" label="Tar file path" error={problem ?? s.error?.message} hint={hint}>
            <input id="archive-path" value={path} spellCheck={false} onChange={(e) => setPath(e.target.value)} />
          </Field>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={s.busy}>
              {verb}
            </button>
          </div>
        </form>
      ) : (
        <>
          <TaskView id={s.task.id} initial={s.task} />
          <div className="dialog-actions">
            <button type="button" className="primary" autoFocus onClick={onClose}>
              {live?.state === 'running' ? 'Continue in the background' : 'Close'}
            </button>
          </div>
        </>
      )}
    </Dialog>
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
