// The compose projects opened lately (kept across restarts by Berth), each openable in the editor
// whether or not anything runs, and forgettable (the files are not touched).
import { useClient, useQueryClient, useRequest } from '../../../api/hooks';
import { useUi } from '../../../app/ui-store';
import { messageOf } from '../../../components/kit';
import { editorHref } from './editor-href';

export function RecentProjects() {
  const recent = useRequest('compose.recent', {});
  const client = useClient();
  const queryClient = useQueryClient();
  const toast = useUi((s) => s.toast);
  const list = recent.data ?? [];
  if (!list.length) return null;
  const forget = async (project: string) => {
    try {
      queryClient.setQueryData(['compose.recent', {}], await client.request('compose.forget', { project }));
    } catch (e) {
      toast('error', messageOf(e));
    }
  };
  return (
    <section className="card recent-projects" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent projects</h2>
      <ul aria-label="Recent projects">
        {list.map((r) => (
          <li key={r.project}>
            {r.filesPresent ? (
              <a href={editorHref(r.project, r.files)} aria-label={`Open ${r.project} in the editor`}>
                {r.project}
              </a>
            ) : (
              <span title="Its compose file is gone">{r.project}</span>
            )}
            <span className="mono" title={r.files.join('\n')}>
              {r.filesPresent ? r.files.join(', ') : `file gone: ${r.files.join(', ')}`}
            </span>
            <button
              type="button"
              className="small"
              aria-label={`Forget ${r.project}`}
              onClick={() => void forget(r.project)}
            >
              Forget
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
