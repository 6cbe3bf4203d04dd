// What the running engine is: version, API, system, resources, storage.
import { useRequest } from '../../api/hooks';
import { Fact } from '../../components/Fact';
import { formatBytes } from '../../components/format';
import { EngineCard } from './EngineCard';

export function EngineFacts({ running }: { running: boolean }) {
  const info = useRequest('engine.info', undefined, { enabled: running });
  return (
    <EngineCard
      title="Details"
      label="Engine details"
      running={running}
      query={info}
      show={(i) => (
        <dl className="facts">
          <Fact term="Version">{i.version}</Fact>
          <Fact term="API version">{i.apiVersion}</Fact>
          <Fact term="System">
            {i.os}, kernel {i.kernel}, {i.architecture}
          </Fact>
          <Fact term="CPUs">{i.cpus}</Fact>
          <Fact term="Memory">{formatBytes(i.memory)}</Fact>
          <Fact term="Data root" className="mono small">
            {i.dataRoot}
          </Fact>
          <Fact term="Storage">
            {i.storageDriver}, cgroup v{i.cgroupVersion}
          </Fact>
          {i.loggingDriver && <Fact term="Log driver">{i.loggingDriver}</Fact>}
          {!!i.registryMirrors?.length && (
            <Fact term="Registry mirrors" className="mono small">
              {i.registryMirrors.join(', ')}
            </Fact>
          )}
          {i.liveRestore && <Fact term="Live restore">On: containers keep running while the engine restarts</Fact>}
          <Fact term="Containers">
            {i.containers.total} ({i.containers.running} running, {i.containers.paused} paused, {i.containers.stopped}{' '}
            stopped)
          </Fact>
          <Fact term="Images">
            {i.images}
            {i.intermediateImages > 0 && (
              <span className="muted small">
                {' '}
                as on the Images page; the engine also keeps {i.intermediateImages} intermediate image
                {i.intermediateImages === 1 ? '' : 's'} of classic builds, which docker images hides too
              </span>
            )}
          </Fact>
        </dl>
      )}
    />
  );
}
