// The engine: what runs and its state with the live progress line, its controls, Berth's VM when
// the engine runs in one, its own log, disk usage with a prune per kind, the diagnostics with
// fixes, and the engines Berth can switch to.
import { useEngineStatus } from '../../app/engine-status';
import { DaemonSettingsCard } from './daemon/DaemonSettingsCard';
import { Diagnostics } from './Diagnostics';
import { DiskUsage } from './DiskUsage';
import { EngineFacts } from './EngineFacts';
import { EngineLog } from './EngineLog';
import { EngineState } from './EngineState';
import { EngineSwitch } from './EngineSwitch';
import { VmCard } from './VmCard';
import { SwarmCard } from '../swarm/SwarmCard';
import { Troubleshoot } from './Troubleshoot';
import '../../components/kit.css';
import './engine.css';

export function EnginePage() {
  const status = useEngineStatus();
  const running = status?.state === 'running';
  return (
    <section aria-labelledby="engine-title" className="list-page engine-page">
      <div className="page-head">
        <h1 id="engine-title">Engine</h1>
      </div>
      {!status ? (
        <p className="muted">Connecting to Berth…</p>
      ) : (
        <div className="cards">
          <EngineState status={status} />
          <VmCard status={status} />
          <EngineFacts running={running} />
          <DaemonSettingsCard />
          <SwarmCard running={running} />
          <Diagnostics />
          <Troubleshoot />
          <DiskUsage running={running} />
          <EngineLog />
          <EngineSwitch />
        </div>
      )}
    </section>
  );
}
