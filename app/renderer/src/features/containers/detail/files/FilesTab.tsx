// The Files tab: browse the container's filesystem, download files and folders, upload a file.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ContainerSummary, FileEntry } from '../../../../../../shared/contract';
import { useRequest } from '../../../../api/hooks';
import { ActionsHeading } from '../../../../components/table-parts';
import { formatBytes, formatUnixTime } from '../common/format';
import { Empty, ErrorNote, Loading, StatusText } from '../common/States';
import { useFlash } from '../common/use-flash';
import { breadcrumbs, joinPath, parentPath, sortEntries, typeLabel } from './paths';
import { useFileTransfer } from './use-file-transfer';
import '../common/common.css';
import './files.css';

const MAX_ROWS = 5000;

export function FilesTab({ container }: { container: ContainerSummary }) {
  const [path, setPath] = useState('/');
  // Listings are not kept current by engine events: refetch whenever a folder is shown again.
  const q = useRequest('containers.files', { id: container.id, path }, { staleTime: 0, retry: false });
  const [flash, setFlash] = useFlash(4000);
  const t = useFileTransfer(container.id, path, setFlash);
  const fileInput = useRef<HTMLInputElement>(null);
  const entries = useMemo(() => (q.data ? sortEntries(q.data) : []), [q.data]);
  const crumbs = breadcrumbs(path);

  useEffect(() => t.clearError(), [path]);

  const open = (e: FileEntry) => {
    if (e.type === 'dir' || e.type === 'symlink') setPath(joinPath(path, e.name));
  };

  return (
    <div className="bd-tab files-tab">
      <div className="bd-toolbar">
        <nav aria-label="Path" className="files-crumbs">
          {crumbs.map((c, i) => (
            <span key={c.path} className="files-crumb">
              {i > 1 && <span aria-hidden="true">/</span>}
              <button
                type="button"
                className="files-crumb-btn"
                aria-current={c.path === path ? 'location' : undefined}
                onClick={() => setPath(c.path)}
              >
                {c.name}
              </button>
            </span>
          ))}
        </nav>
        <button type="button" className="bd-btn" disabled={path === '/'} onClick={() => setPath(parentPath(path))}>
          Parent folder
        </button>
        <span className="bd-spacer" />
        <button type="button" className="bd-btn" onClick={() => void q.refetch()}>
          Refresh
        </button>
        <button
          type="button"
          className="bd-btn bd-btn-primary"
          disabled={!!t.busy}
          onClick={() => fileInput.current?.click()}
        >
          Upload
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          aria-label={`Upload a file to ${path}`}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void t.put(f);
          }}
        />
        <StatusText text={t.progress ?? (t.busy?.startsWith('upload:') ? `Uploading ${t.busy.slice(7)}…` : flash)} />
      </div>
      <ErrorNote error={t.error ? { message: t.error } : null} />
      {q.isPending && <Loading label={`Listing ${path}…`} />}
      {q.error && (
        <div className="files-error">
          <ErrorNote error={q.error} onRetry={() => void q.refetch()} />
          {path !== '/' && (
            <button type="button" className="bd-btn" onClick={() => setPath(parentPath(path))}>
              Back to {parentPath(path)}
            </button>
          )}
        </div>
      )}
      {q.data && entries.length === 0 && <Empty>This folder is empty.</Empty>}
      {entries.length > 0 && (
        <div className="bd-scroll">
          <table className="bd-table files-table" aria-label={`Files in ${path}`}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Modified</th>
                <ActionsHeading />
              </tr>
            </thead>
            <tbody>
              {entries.slice(0, MAX_ROWS).map((e) => {
                const openable = e.type === 'dir' || e.type === 'symlink';
                const full = joinPath(path, e.name);
                return (
                  <tr
                    key={e.name}
                    aria-label={e.name}
                    tabIndex={openable ? 0 : undefined}
                    className={openable ? 'files-openable' : undefined}
                    onClick={() => open(e)}
                    onKeyDown={(ev) => {
                      if (ev.key === 'Enter' && ev.target === ev.currentTarget) open(e);
                    }}
                  >
                    <td className="files-name">
                      <span className={`files-icon files-icon-${e.type}`} aria-hidden="true" />
                      {e.name}
                      {e.linkTarget && <span className="files-link"> → {e.linkTarget}</span>}
                    </td>
                    <td>{typeLabel(e.type)}</td>
                    <td className="num">{e.type === 'dir' ? '—' : formatBytes(e.size)}</td>
                    <td>{formatUnixTime(e.mtime)}</td>
                    <td className="files-actions">
                      <button
                        type="button"
                        className="bd-btn"
                        aria-label="Download"
                        title={e.type === 'dir' ? `Download ${e.name} as a .tar` : `Download ${e.name}`}
                        disabled={t.busy === full}
                        onClick={(ev) => {
                          ev.stopPropagation();
                          void t.get(e.name);
                        }}
                      >
                        {t.busy === full ? 'Downloading…' : 'Download'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {entries.length > MAX_ROWS && (
            <p className="files-more">
              Showing the first {MAX_ROWS.toLocaleString()} of {entries.length.toLocaleString()} entries.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
