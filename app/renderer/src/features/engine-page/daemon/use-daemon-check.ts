// The check of the edited daemon.json (engine.config.check): a moment after typing stops, the
// previous one cancelled, and only a result for the text shown now counts.
import { useEffect, useState } from 'react';
import type { DaemonConfigCheck } from '../../../../../shared/contract/areas/engine-config';
import { useClient } from '../../../api/hooks';
import { messageOf } from '../../../components/kit';

/** How long typing must pause before the text is checked. */
export const CHECK_AFTER_MS = 400;

export interface DaemonCheckState {
  /** The check of the text shown now; absent while it is being checked. */
  check?: DaemonConfigCheck;
  checking: boolean;
  error?: string;
}

export function useDaemonCheck(text: string, token = 0): DaemonCheckState {
  const client = useClient();
  const [result, setResult] = useState<{ text: string; token: number; check?: DaemonConfigCheck; error?: string }>();
  useEffect(() => {
    const ac = new AbortController();
    const timer = setTimeout(() => {
      client
        .request('engine.config.check', { text }, { signal: ac.signal })
        .then((check) => setResult({ text, token, check }))
        .catch((e: unknown) => !ac.signal.aborted && setResult({ text, token, error: messageOf(e) }));
    }, CHECK_AFTER_MS);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [client, text, token]);
  const current = result && result.text === text && result.token === token ? result : undefined;
  return {
    ...(current?.check ? { check: current.check } : {}),
    checking: !current,
    ...(current?.error ? { error: current.error } : {}),
  };
}
