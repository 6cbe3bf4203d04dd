// The files inside a volume (read through a short-lived helper container), with download of a
// file or of a folder as a tar, and upload of files or a folder into the folder shown.
import { useState } from 'react';
import { UploadButtons } from './UploadButtons';
import { useClient, useRequest } from '../../api/hooks';
import { download as downloadStream } from '../../api/transfers';
import { DataTable, num } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { formatBytes } from '../../components/format';
import { safeFileName, saveBlob } from '../containers/detail/common/download';
import { breadcrumbs, joinPath, parentPath, sortEntries } from '../containers/detail/files/paths';
import { ErrorText, messageOf } from '../../components/kit';

export function BrowseVolumeDialog({ name, onClose }: { name: string; onClose(): void }) {
  const client = useClient();
  const [dir, setDir] = useState('/');
  const [note, setNote] = useState<{ error?: string; text?: string }>({});
  const [busy, setBusy] = useState<string>();
  const q = useRequest('volumes.files', { name, path: dir }, { staleTime: 0 });
  const download = async (path: string) => {
    setBusy(path);
    setNote({});
    try {
      const r = await downloadStream(
        client,
        'volumes.download',
        { name, path },
        { onProgress: (bytes) => setNote({ text: `Downloading ${formatBytes(bytes)}…` }) },
      );
      saveBlob(r.blob, safeFileName(r.name));
      setNote({ text: `Downloaded ${r.name} (${formatBytes(r.blob.size)}).` });
    } catch (e) {
      setNote({ error: messageOf(e) });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Dialog title={`Files in volume ${name}`} onClose={onClose} wide>
      <nav aria-label="Folder path" className="crumbs">
        {breadcrumbs(dir).map((c, i, all) => (
          <span key={c.path}>
            {i > 0 && <span className="muted"> / </span>}
            {i === all.length - 1 ? (
              <strong>{c.path === '/' ? name : c.name}</strong>
            ) : (
              <button type="button" className="link" onClick={() => setDir(c.path)}>
                {c.path === '/' ? name : c.name}
              </button>
            )}
          </span>
        ))}
        <button type="button" className="small crumbs-download" disabled={!!busy} onClick={() => void download(dir)}>
          {dir === '/' ? 'Download everything' : 'Download this folder'}
        </button>
      </nav>
      <UploadButtons volume={name} dir={dir} disabled={!!busy} onNote={setNote} onBusy={setBusy} />
      {q.isPending && <p className="muted">Opening the volume…</p>}
      <ErrorText message={q.error?.message} />
      {q.data && (
        <div className="table-scroll">
          <DataTable label={`Files in ${dir}`} columns={['Name', num('Size'), 'Modified']} actions>
            {dir !== '/' && (
              <tr aria-label="Parent folder">
                <td colSpan={4}>
                  <button type="button" className="link" onClick={() => setDir(parentPath(dir))}>
                    ..
                  </button>
                </td>
              </tr>
            )}
            {q.data.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  This folder is empty.
                </td>
              </tr>
            )}
            {sortEntries(q.data).map((f) => (
              <tr key={f.name} aria-label={f.name}>
                <td>
                  {f.type === 'dir' ? (
                    <button type="button" className="link file-link" onClick={() => setDir(joinPath(dir, f.name))}>
                      {f.name}/
                    </button>
                  ) : (
                    <span className="mono small">
                      {f.name}
                      {f.linkTarget ? ` → ${f.linkTarget}` : ''}
                    </span>
                  )}
                </td>
                <td className="num">{f.type === 'dir' ? '' : formatBytes(f.size)}</td>
                <td className="muted small">{f.mtime ? new Date(f.mtime * 1000).toLocaleString() : ''}</td>
                <td>
                  <button
                    type="button"
                    className="small"
                    aria-label={`Download ${f.name}`}
                    disabled={!!busy}
                    onClick={() => void download(joinPath(dir, f.name))}
                  >
                    Download
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      {note.text && (
        <p role="status" className="muted small">
          {note.text}
        </p>
      )}
      <ErrorText message={note.error} />
    </Dialog>
  );
}
