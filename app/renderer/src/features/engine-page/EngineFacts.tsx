// What the running engine is: version, API, system, resources, storage.
import { useRequest } from '../../api/hooks';
import { formatBytes } from '../../components/format';

export function EngineFacts({ running }: { running: boolean }) {
  const info = useRequest('engine.info', undefined, { enabled: running });
  const i = info.data;
  return (
    <div className="card" role="region" aria-label="Engine details">
      <h2>Details</h2>
      {!running && <p className="muted">Shown while the engine runs.</p>}
      {running && info.error && <p className="error-text">{info.error.message}</p>}
      {running && i && (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{i.version}</dd>
          <dt>API version</dt>
          <dd>{i.apiVersion}</dd>
          <dt>System</dt>
          <dd>
            {i.os}, kernel {i.kernel}, {i.architecture}
          </dd>
          <dt>CPUs</dt>
          <dd>{i.cpus}</dd>
          <dt>Memory</dt>
          <dd>{formatBytes(i.memory)}</dd>
          <dt>Data root</dt>
          <dd className="mono small">{i.dataRoot}</dd>
          <dt>Storage</dt>
          <dd>
            {i.storageDriver}, cgroup v{i.cgroupVersion}
          </dd>
          {i.loggingDriver && (
            <>
              <dt>Log driver</dt>
              <dd>{i.loggingDriver}</dd>
            </>
          )}
          {!!i.registryMirrors?.length && (
            <>
              <dt>Registry mirrors</dt>
              <dd className="mono small">{i.registryMirrors.join(', ')}</dd>
            </>
          )}
          {i.liveRestore && (
            <>
              <dt>Live restore</dt>
              <dd>On: containers keep running while the engine restarts</dd>
            </>
          )}
          <dt>Containers</dt>
          <dd>
            {i.containers.total} ({i.containers.running} running, {i.containers.paused} paused, {i.containers.stopped}{' '}
            stopped)
          </dd>
          <dt>Images</dt>
          <dd>
            {i.images}
            {i.intermediateImages > 0 && (
              <span className="muted small">
                {' '}
                as on the Images page; the engine also keeps {i.intermediateImages} intermediate image
                {i.intermediateImages === 1 ? '' : 's'} of classic builds, which docker images hides too
              </span>
            )}
          </dd>
        </dl>
      )}
    </div>
  );
}
