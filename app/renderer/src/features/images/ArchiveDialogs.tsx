// Save images to a tar file, and load images from one. In the desktop app (which has native file
// pickers) the tar is a file on the machine Berth runs on, written and read by a task; in a browser
// on `berth serve` the tar travels through the browser: saved with its own download, loaded from a
// file the user picks, never a path on the server. Saving over an existing file on the server asks
// first: the server refuses it (a conflict on the path) until the user confirmed "Replace <file>?".
import { useState } from 'react';
import { tarPath } from '../../../../shared/contract/areas/images';
import { useClient, useRequest } from '../../api/hooks';
import { upload } from '../../api/transfers';
import { DialogForm, TextField, useCheckedText } from '../../components/forms';
import { fieldOf } from '../../components/kit';
import { TransferDialog, useTransfer } from '../../components/TransferDialog';
import { DownloadDialog, FilePickField, uploadStatus } from '../../components/TransferDialogs';
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

/** Whether tars are files on Berth's machine (the desktop app) or travel through the browser. */
function useServerFiles(): boolean | undefined {
  return useRequest('host.capabilities', {}, { staleTime: Infinity }).data?.filePicker;
}

function BrowserSaveDialog({ image, onClose }: { image: string; onClose(): void }) {
  return (
    <DownloadDialog
      title={`Save ${image} to a tar file`}
      intro={
        <p>
          Berth streams the image as a <code>docker save</code> tar to this browser, which saves it with your other
          downloads.
        </p>
      }
      submitLabel="Download"
      topic="images.export"
      args={{ refs: [image] }}
      type="application/x-tar"
      onClose={onClose}
    />
  );
}

function BrowserLoadDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const t = useTransfer();
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const close = () => {
    t.cancel();
    onClose();
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return setProblem('Choose a tar file written by Save or docker save.');
    setProblem(undefined);
    void t.run(async (signal) => {
      const r = await upload(client, 'images.import', {}, file, {
        signal,
        onProgress: (bytes, total) =>
          t.setStatus(uploadStatus(bytes, total, 'Uploaded; the engine is loading the images…')),
      });
      return r.images.length ? `Loaded ${r.images.join(', ')}` : 'The archive held no images.';
    });
  };
  return (
    <TransferDialog
      title="Load images from a tar file"
      transfer={t}
      submitLabel="Load"
      onSubmit={submit}
      onClose={close}
    >
      <FilePickField
        id="archive-file"
        label="Tar file"
        hint="A tar written by Save or docker save."
        accept=".tar,application/x-tar"
        error={problem}
        disabled={t.busy}
        onFile={setFile}
      />
    </TransferDialog>
  );
}

export function SaveImageDialog({ image, onClose }: { image: string; onClose(): void }) {
  const client = useClient();
  const serverFiles = useServerFiles();
  if (serverFiles === undefined) return null;
  if (!serverFiles) return <BrowserSaveDialog image={image} onClose={onClose} />;
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
  const serverFiles = useServerFiles();
  if (serverFiles === undefined) return null;
  if (!serverFiles) return <BrowserLoadDialog onClose={onClose} />;
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
