// Upload files, or a whole folder, into the volume's folder on screen: the picked files become one
// tar (api/tar-blob.ts, the files' contents stay Blobs) uploaded through volumes.upload in the
// transfer window, then unpacked by the engine; the listing is read again afterwards.
import { useRef } from 'react';
import { MAX_UPLOAD_BYTES } from '../../../../shared/contract/areas/transfers';
import { useClient, useQueryClient } from '../../api/hooks';
import { tarBlob, tarPathProblem, type TarFile } from '../../api/tar-blob';
import { upload } from '../../api/transfers';
import { formatBytes } from '../../components/format';
import { messageOf } from '../../components/kit';
import { countOf } from '../../components/count';
import './volumes.css';

/** The picked files with their paths in the tar (a folder's keep their relative paths), or why not. */
export function pickedFiles(files: File[]): { files: TarFile[] } | { problem: string } {
  if (!files.length) return { problem: 'No files were chosen.' };
  const out = files.map((f) => ({
    path: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name,
    file: f,
    lastModified: f.lastModified,
  }));
  for (const f of out) {
    const problem = tarPathProblem(f.path);
    if (problem) return { problem: `Could not upload: ${problem}` };
  }
  const total = out.reduce((n, f) => n + f.file.size, 0);
  if (total > MAX_UPLOAD_BYTES)
    return {
      problem: `The files come to ${formatBytes(total)}; one upload can be at most ${formatBytes(MAX_UPLOAD_BYTES)}.`,
    };
  return { files: out };
}

export function UploadButtons({
  volume,
  dir,
  disabled,
  onNote,
  onBusy,
}: {
  volume: string;
  dir: string;
  disabled: boolean;
  onNote(note: { error?: string; text?: string }): void;
  onBusy(what: string | undefined): void;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const put = async (list: FileList | null) => {
    const picked = pickedFiles([...(list ?? [])]);
    if ('problem' in picked) return onNote({ error: picked.problem });
    const tar = tarBlob(picked.files);
    onBusy(`upload:${dir}`);
    onNote({ text: `Uploading ${countOf(picked.files.length, 'file')}…` });
    try {
      await upload(client, 'volumes.upload', { name: volume, dir }, tar, {
        onProgress: (bytes, total) => onNote({ text: `Uploading ${formatBytes(bytes)} of ${formatBytes(total)}…` }),
      });
      onNote({ text: `Uploaded ${countOf(picked.files.length, 'file')} to ${dir}.` });
      await queryClient.invalidateQueries({ queryKey: ['volumes.files'] });
    } catch (e) {
      onNote({ error: messageOf(e) });
    } finally {
      onBusy(undefined);
      if (filesInput.current) filesInput.current.value = '';
      if (folderInput.current) folderInput.current.value = '';
    }
  };
  return (
    <div className="upload-buttons">
      <button type="button" className="small" disabled={disabled} onClick={() => filesInput.current?.click()}>
        Upload files
      </button>
      <button type="button" className="small" disabled={disabled} onClick={() => folderInput.current?.click()}>
        Upload a folder
      </button>
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        aria-label={`Files to upload to ${dir}`}
        onChange={(e) => void put(e.target.files)}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        aria-label={`Folder to upload to ${dir}`}
        {...{ webkitdirectory: '' }}
        onChange={(e) => void put(e.target.files)}
      />
    </div>
  );
}
