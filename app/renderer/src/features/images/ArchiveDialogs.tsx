// Save images to a tar file, and load images from one, on the disk of the machine Berth runs on.
// Saving over an existing file asks first: the server refuses it (a conflict on the path) until the
// user confirmed "Replace <file>?".
import { useState } from 'react';
import { tarPath } from '../../../../shared/contract/areas/images';
import { useClient } from '../../api/hooks';
import { fieldOf } from '../../components/kit';
import { DialogForm, TextField, useCheckedText } from '../../components/forms';
import { TaskDialog } from '../../components/TaskDialog';
import { useStart } from '../../components/use-start';

/** The question to ask when a save was refused because a file is already at `path`; undefined otherwise. */
export function replaceQuestion(error: unknown, path: string): string | undefined {
  const kind = (error as { kind?: string } | null)?.kind;
  return kind === 'conflict' && fieldOf(error) === 'path' ? `Replace ${path}?` : undefined;
}

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
  /** `replace`: the user confirmed replacing the file already at `path`. */
  start(path: string, replace: boolean): Promise<unknown>;
  onClose(): void;
}) {
  const path = useCheckedText(tarPath, initial);
  const s = useStart();
  /** The path the user is being asked about, and the question. */
  const [ask, setAsk] = useState<{ path: string; question: string }>();
  const asking = ask?.path === path.trimmed ? ask : undefined;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!path.check()) return;
    const target = path.trimmed;
    const replace = asking !== undefined;
    void s.run(async () => {
      try {
        return await start(target, replace);
      } catch (err) {
        const question = replace ? undefined : replaceQuestion(err, target);
        if (!question) throw err;
        setAsk({ path: target, question });
        return undefined;
      }
    });
  };
  return (
    <TaskDialog title={title} task={s.task} onClose={onClose}>
      <DialogForm submitLabel={asking ? 'Replace' : verb} busy={s.busy} onSubmit={submit} onCancel={onClose}>
        <TextField id="archive-path" label="Tar file path" hint={hint} {...path.field(s.error?.message)} />
        {asking && (
          <p role="alert" className="confirm-replace">
            <strong>{asking.question}</strong> A file with that name already exists there; Replace overwrites it.
          </p>
        )}
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
      hint="An absolute path on the machine Berth runs on. An existing file there is replaced only after you confirm."
      initial={file}
      start={(path, overwrite) => client.request('images.save', { refs: [image], path, overwrite })}
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
