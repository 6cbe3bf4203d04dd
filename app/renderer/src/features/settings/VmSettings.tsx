// The resources and idle saver of Berth's VM (Lima on macOS, WSL 2 on Windows, the isolated VM on
// Linux): four whole numbers checked with the contract's own rules as they are typed, saved together.
import { useEffect, useState, type FormEvent } from 'react';
import type { SettingsState } from '../../../../shared/contract/areas/settings';
import { vmSettings, type VmSettings } from '../../../../shared/contract/areas/vm';
import { firstIssue } from '../../../../shared/rules';
import { useClient, useQueryClient } from '../../api/hooks';
import { useUi } from '../../app/ui-store';
import { ErrorText, Field, messageOf } from '../../components/kit';

type Key = keyof VmSettings;
const keys: readonly Key[] = ['cpus', 'memoryGiB', 'diskGiB', 'idleMinutes'];

const labels: Record<Key, string> = {
  cpus: 'CPUs',
  memoryGiB: 'Memory (GiB)',
  diskGiB: 'Disk (GiB)',
  idleMinutes: 'Stop the VM after idle minutes (0 = never)',
};

const limits: Record<Key, { min: number; max: number }> = {
  cpus: { min: 1, max: 64 },
  memoryGiB: { min: 1, max: 256 },
  diskGiB: { min: 8, max: 4096 },
  idleMinutes: { min: 0, max: 1440 },
};

type Texts = Record<Key, string>;

const textsOf = (v: VmSettings): Texts => Object.fromEntries(keys.map((k) => [k, String(v[k])])) as Texts;

/** The contract's sentence for a field, or undefined when the value is allowed. */
function problemOf(k: Key, text: string): string | undefined {
  const t = text.trim();
  if (t === '' || !Number.isFinite(Number(t))) return 'Give a number.';
  return firstIssue(vmSettings.shape[k].unwrap().safeParse(Number(t)));
}

export function VmSettingsSection({ stored }: { stored: VmSettings }) {
  const client = useClient();
  const queryClient = useQueryClient();
  const toast = useUi((s) => s.toast);
  const [texts, setTexts] = useState<Texts>(() => textsOf(stored));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const storedKey = keys.map((k) => stored[k]).join('/');
  useEffect(() => {
    setTexts(textsOf(stored));
  }, [storedKey]); // reset the fields only when the stored values change
  const problems = Object.fromEntries(keys.map((k) => [k, problemOf(k, texts[k])])) as Record<Key, string | undefined>;
  const invalid = keys.some((k) => problems[k]);
  const changed = keys.some((k) => texts[k].trim() !== String(stored[k]));

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (invalid) {
      // Refused before sending: the sentences are already under the fields; take the user to the first.
      const first = keys.find((k) => problems[k]);
      if (first) document.getElementById(`vm-${first}`)?.focus();
      return;
    }
    const vm = Object.fromEntries(keys.map((k) => [k, Number(texts[k].trim())])) as VmSettings;
    setSaving(true);
    setError(undefined);
    try {
      const next = await client.request('settings.update', { vm });
      queryClient.setQueryData<SettingsState>(['settings.get', {}], next);
      void queryClient.invalidateQueries({ queryKey: ['engine.vm'] });
      const s = next.settings.vm;
      toast(
        'success',
        `Saved the VM settings: ${s.cpus} CPU${s.cpus === 1 ? '' : 's'}, ${s.memoryGiB} GiB memory, ${s.diskGiB} GiB disk, ${
          s.idleMinutes
            ? `stops after ${s.idleMinutes} idle minute${s.idleMinutes === 1 ? '' : 's'}`
            : 'never stops when idle'
        }.`,
      );
    } catch (err) {
      setError(`The VM settings were not saved: ${messageOf(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card vm-settings" aria-labelledby="vm-settings-title">
      <h2 id="vm-settings-title">Berth's VM</h2>
      <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="vm-settings-title">
        <div className="vm-fields">
          {keys.map((k) => (
            <Field key={k} id={`vm-${k}`} label={labels[k]} error={problems[k]}>
              <input
                id={`vm-${k}`}
                type="number"
                inputMode="numeric"
                min={limits[k].min}
                max={limits[k].max}
                step={1}
                value={texts[k]}
                aria-invalid={problems[k] ? true : undefined}
                aria-describedby={problems[k] ? `vm-${k}-error` : undefined}
                onChange={(e) => setTexts((t) => ({ ...t, [k]: e.target.value }))}
              />
            </Field>
          ))}
        </div>
        <div className="button-row">
          <button type="submit" disabled={saving || !changed}>
            {saving ? 'Saving…' : 'Save VM settings'}
          </button>
        </div>
      </form>
      <ErrorText message={error} />
      <p className="muted small">
        These apply to Berth's VM (Lima on macOS, WSL 2 on Windows, the isolated VM on Linux) and take effect when the
        VM restarts. The idle saver stops the VM when no container runs and starts it again on the next request.
      </p>
    </section>
  );
}
