// What both log views (a container's, a compose project's) share around the list: Ctrl/Cmd+F to
// the search box, and copying or downloading exactly the lines shown (filtered or all).
import { useEffect, type RefObject } from 'react';
import { safeFileName, saveBlob } from '../common/download';
import { shortTimestamp } from '../common/format';
import { copyText } from '../common/use-flash';
import type { LogBuffer } from './log-buffer';
import type { RowIndex } from './LogList';

/** Ctrl/Cmd+F focuses the search box while the view is shown. */
export function useFindShortcut(root: RefObject<HTMLElement | null>, input: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        (e.ctrlKey || e.metaKey) &&
        !e.shiftKey &&
        !e.altKey &&
        e.key.toLowerCase() === 'f' &&
        root.current?.offsetParent !== null
      ) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root, input]);
}

/** "Copy all" and "Download" over the lines shown: the filter's matches, or everything. */
export function logExport(o: {
  buffer: LogBuffer;
  index: RowIndex | null | undefined;
  filterOn: boolean;
  showTs: boolean;
  fileName: string;
  flash(text: string): void;
}) {
  const shown = (): Iterable<number> | { from: number; to: number } => {
    const idx = o.index;
    if (o.filterOn && idx)
      return (function* () {
        for (let i = 0; i < idx.lineCount; i++) yield idx.lineAt(i);
      })();
    return { from: o.buffer.first, to: o.buffer.end };
  };
  const format = (abs: number) =>
    o.showTs ? `${shortTimestamp(o.buffer.timestamp(abs))} ${o.buffer.plain(abs)}` : o.buffer.plain(abs);
  return {
    copyAll: async () => o.flash(await copyText(o.buffer.textParts(shown(), format).join(''))),
    download: () => {
      saveBlob(
        new Blob(o.buffer.textParts(shown(), format), { type: 'text/plain' }),
        `${safeFileName(o.fileName)}.log`,
      );
      o.flash('Download started.');
    },
  };
}
