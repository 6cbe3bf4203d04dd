// How a log subscription's items become lines in a LogBuffer. A container's log arrives as bytes
// (containers.logs): the page splits them into lines itself, keeping a line that is not finished
// until its end arrives; other sources (a compose project's merged lines) arrive as lines.
import type { BytesItem, LogLine } from '../../../../../../shared/contract';
import { LogLineSplitter } from '../../../../../../shared/log-lines';
import type { LogBuffer } from './log-buffer';

export interface LogFeed<D> {
  /** Adds one batch of items to the buffer. */
  read(items: readonly D[], into: LogBuffer): void;
  /** The stream ended: what was held back (a last line without its newline) goes in. */
  end?(into: LogBuffer): void;
  /** The stream starts over (reconnected): forget what was held back. */
  reset?(): void;
}

/** Items that are lines already. */
export function linesFeed<D>(toLines: (items: readonly D[]) => readonly LogLine[]): LogFeed<D> {
  return { read: (items, into) => into.append(toLines(items)) };
}

/** A container's log bytes, split into lines here; `timestamps` as the subscription asked. */
export function bytesFeed(timestamps: boolean): LogFeed<BytesItem> {
  let lines = new LogLineSplitter(timestamps);
  return {
    read(items, into) {
      const add = into.add;
      for (const item of items) lines.push(item.data, item.stderr === true, add);
      into.commit();
    },
    end(into) {
      lines.end(into.add);
      into.commit();
    },
    reset() {
      lines = new LogLineSplitter(timestamps);
    },
  };
}
