// Download (base64 -> Blob -> file) and upload (file -> base64) for the Files tab.
import { useState } from 'react';
import { useAction, useQueryClient } from '../../../../api/hooks';
import { base64ToBytes, bytesToBase64 } from '../common/base64';
import { safeFileName, saveBlob } from '../common/download';
import { joinPath, uploadProblem } from './paths';

export function useFileTransfer(id: string, dir: string, flash: (t: string) => void) {
  const download = useAction('containers.download');
  const upload = useAction('containers.upload');
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const get = async (name: string) => {
    const path = joinPath(dir, name);
    setBusy(path);
    setError(undefined);
    try {
      const r = await download.mutateAsync({ id, path });
      const bytes = base64ToBytes(r.base64);
      const type = r.name.endsWith('.tar') ? 'application/x-tar' : 'application/octet-stream';
      saveBlob(new Blob([bytes as BlobPart], { type }), safeFileName(r.name));
      flash(`Downloading ${r.name}.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The download failed.');
    } finally {
      setBusy(undefined);
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
      const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      await upload.mutateAsync({ id, dir, name: file.name, base64 });
      flash(`Uploaded ${file.name} to ${dir}.`);
      await queryClient.invalidateQueries({ queryKey: ['containers.files', { id, path: dir }] });
    } catch (e) {
      setError(e instanceof Error ? e.message : 'The upload failed.');
    } finally {
      setBusy(undefined);
    }
  };

  return { get, put, busy, error, clearError: () => setError(undefined) };
}
