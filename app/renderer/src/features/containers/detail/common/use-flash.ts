// A message that clears itself after a moment ("Copied", "Uploaded hosts").
import { useCallback, useEffect, useRef, useState } from 'react';

export function useFlash(ms = 2500): [string, (text: string) => void] {
  const [text, setText] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flash = useCallback(
    (t: string) => {
      clearTimeout(timer.current);
      setText(t);
      timer.current = setTimeout(() => setText(''), ms);
    },
    [ms],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  return [text, flash];
}

/** Copies text; resolves to a sentence for the status line. */
export async function copyText(text: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return 'Copied.';
  } catch {
    return 'Could not copy: the clipboard is not available here.';
  }
}
