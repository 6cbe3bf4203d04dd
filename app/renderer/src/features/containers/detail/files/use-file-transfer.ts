// Download (a transfer stream -> Blob -> file) and upload (file -> a transfer stream) for the Files tab.
import { useState } from 'react';
import { useClient, useQueryClient } from '../../../../api/hooks';
import { download, upload } from '../../../../api/transfers';
import { formatBytes } from '../../../../components/format';
import { safeFileName, saveBlob } from '../common/download';
import { joinPath, uploadProblem } from './paths';

export function useFileTransfer(id: string, dir: string, flash: (t: string) => void) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string>();
  const [progress, setProgress] = useState<string>();
  const [error, setError] = useState<string>();
  const report = (verb: string) => (bytes: number, total?: number) =>
    setProgress(`${verb} ${formatBytes(bytes)}${total ? ` of ${formatBytes(total)}` : ''}…`);

  const get = async (name: string) => {
    const path = joinPath(dir, name);
    setBusy(path);
    setError(undefined);
    try {
      const r = await download(client, 'containers.download', { id, path }, { onProgress: report('Downloading') });
      const type = r.name.endsWith('.tar') ? 'application/x-tar' : 'application/octet-stream';
      saveBlob(new Blob([r.blob], { type }), safeFileName(r.name));
      flash(`Downloaded ${r.name} (${formatBytes(r.blob.size)}).`);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The download failed.');
    } finally {
      setBusy(undefined);
      setProgress(undefined);
    }
  };

  const put = async (file: File) => {
    setError(undefined);
    const problem = uploadProblem(file.size, file.name);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(`upload:${file.name}`);
    try {
      await upload(client, 'containers.upload', { id, dir, name: file.name }, file, {
        onProgress: report('Uploading'),
      });
      flash(`Uploaded ${file.name} to ${dir}.`);
      await queryClient.invalidateQueries({ queryKey: ['containers.files', { id, path: dir }] });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The upload failed.');
    } finally {
      setBusy(undefined);
      setProgress(undefined);
    }
  };

  return { get, put, busy, progress, error, clearError: () => setError(undefined) };
}
