// The theme lives in Berth's settings (settings.json) so every window and browser agrees;
// localStorage only keeps the first paint from flashing the wrong theme.
import { useCallback, useEffect } from 'react';
import { useClient, useQueryClient, useRequest } from '../api/hooks';
import { useUi, type ThemeChoice } from './ui-store';

/** Mount once: applies the stored theme when the settings arrive. */
export function useStoredTheme(): void {
  const stored = useRequest('settings.get', {}).data?.settings.theme;
  const setLocal = useUi((s) => s.setTheme);
  useEffect(() => {
    if (stored) setLocal(stored);
  }, [stored, setLocal]);
}

/** Changes the theme here at once and in Berth's settings. */
export function useSetTheme(): (t: ThemeChoice) => void {
  const client = useClient();
  const queryClient = useQueryClient();
  const setLocal = useUi((s) => s.setTheme);
  const toast = useUi((s) => s.toast);
  return useCallback(
    (theme: ThemeChoice) => {
      setLocal(theme);
      client.request('settings.update', { theme }).then(
        (next) => queryClient.setQueryData(['settings.get', {}], next),
        (e: unknown) => toast('error', (e as Error).message),
      );
    },
    [client, queryClient, setLocal, toast],
  );
}
