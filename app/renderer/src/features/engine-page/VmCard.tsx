// Berth's VM when the engine runs in one (Lima, WSL 2 or the isolated QEMU VM): how it runs, the
// resources asked for, its data disk, the idle saver, what a restart would change, and warnings.
// Shown only when engine.vm answers with a VM.
import { useEffect, useRef, useState } from 'react';
import type { EngineStatus } from '../../../../shared/contract';
import type { VmState } from '../../../../shared/contract/areas/vm';
import { useClient, useRequest } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { Fact } from '../../components/Fact';
import { formatBytes } from '../../components/format';
import { messageOf } from '../../components/kit';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

const seconds = (ms: number) => `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;

/** One `export NAME=value` line per variable, for a POSIX shell. */
const exportLine = (env: Record<string, string>) =>
  Object.entries(env)
    .map(([k, v]) => `export ${k}=${/^[\w./:-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`}`)
    .join('\n');

function idleText(idle: VmState['idle']): string {
  return idle.minutes === 0 ? 'Off' : `Stops the VM after ${plural(idle.minutes, 'idle minute')}`;
}

export function VmCard({ status }: { status: EngineStatus }) {
  const client = useClient();
  const toast = useUi((s) => s.toast);
  // Refreshed when the engine's status changes and at most every 30 s while the page is shown.
  const q = useRequest('engine.vm', {}, { refetchInterval: 30_000, refetchIntervalInBackground: false });
  const [restarting, setRestarting] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const { refetch } = q;
  const statusKey = `${status.kind}/${status.state}/${status.sleeping ? 'sleeping' : 'awake'}`;
  const seenKey = useRef(statusKey);
  useEffect(() => {
    if (seenKey.current === statusKey) return; // the query's own first fetch covers the mount
    seenKey.current = statusKey;
    void refetch();
  }, [statusKey, refetch]);

  const vm = q.data;
  if (!vm) return null;

  const restart = async () => {
    setRestarting(true);
    setResult(undefined);
    try {
      const s = await client.request('engine.restart');
      if (s.state === 'error' && s.error) setResult({ ok: false, text: `${s.error.step}: ${s.error.message}` });
      else {
        setResult({ ok: true, text: 'The VM restarted with its new settings.' });
        toast('success', 'The VM restarted.');
      }
    } catch (e) {
      setResult({ ok: false, text: messageOf(e) });
    } finally {
      setRestarting(false);
      void refetch();
    }
  };

  const r = vm.settings;
  return (
    <div className="card vm-card" role="region" aria-label="Virtual machine">
      <h2>Virtual machine</h2>
      <dl className="facts">
        <Fact term="VM">{vm.label}</Fact>
        <Fact term="Runs with">{vm.accel}</Fact>
        <Fact term="Resources">
          {plural(r.cpus, 'CPU')}, {r.memoryGiB} GiB memory, {r.diskGiB} GiB disk
        </Fact>
        {vm.disk && (
          <>
            <Fact term="Disk size">{formatBytes(vm.disk.sizeBytes)}</Fact>
            <Fact term="Host disk">
              {formatBytes(vm.disk.usedBytes)} used by the VM, {formatBytes(vm.disk.hostFreeBytes)} free
            </Fact>
          </>
        )}
        <Fact term="From a terminal">
          <code className="vm-terminal-env">{exportLine(vm.terminalEnv)}</code>
          <button
            type="button"
            className="small"
            aria-label="Copy the docker CLI settings for this engine"
            onClick={() =>
              void navigator.clipboard
                .writeText(exportLine(vm.terminalEnv))
                .then(() => toast('success', 'Copied: paste it in a terminal, then use docker as usual.'))
                .catch(() =>
                  toast('error', 'Could not copy: the clipboard is not available here. Select the text instead.'),
                )
            }
          >
            Copy
          </button>
        </Fact>
        <Fact term="Idle saver">
          <span aria-label="Idle saver state">{idleText(vm.idle)}</span>
          {vm.idle.sleeping && <div className="vm-sleeping">Sleeping: starts on the next request</div>}
          {vm.idle.lastWakeMs !== undefined && (
            <div className="muted small">Last wake took {seconds(vm.idle.lastWakeMs)}</div>
          )}
        </Fact>
      </dl>
      {vm.restartNeeded && (
        <div className="vm-restart">
          <p className="warning-text">{vm.restartNeeded}</p>
          <button type="button" disabled={restarting} onClick={() => void restart()}>
            {restarting ? 'Restarting the VM…' : 'Restart the VM'}
          </button>
        </div>
      )}
      {(restarting || result) && (
        <p className={result && !result.ok ? 'error-text' : 'muted'} role={result && !result.ok ? 'alert' : 'status'}>
          {restarting ? `Restarting the VM…${status.progress ? ` ${status.progress}` : ''}` : result?.text}
        </p>
      )}
      {vm.warnings.length > 0 && (
        <ul className="vm-warnings" aria-label="VM warnings">
          {vm.warnings.map((w) => (
            <li key={w} className="warning-text">
              {w}
            </li>
          ))}
        </ul>
      )}
      {q.error && <p className="error-text">{q.error.message}</p>}
    </div>
  );
}
