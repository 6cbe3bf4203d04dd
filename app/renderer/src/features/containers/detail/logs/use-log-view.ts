// The state both log views (a container's, a compose project's) keep around a LogStream: follow,
// timestamps, search (query, options, filter, jumping to a match), the JSON field filter and the
// JSON line shown formatted, Ctrl/Cmd+F, and copy/download of the lines shown. The views spread `searchBar` into LogSearchBar and hand the rest to LogFrame,
// LogFooter and LogToolbarActions.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useFlash } from '../common/use-flash';
import { JsonLineCache } from './json-lines';
import type { LogListHandle, LogListProps, RowIndex } from './LogList';
import type { LogSearchBarProps } from './LogSearchBar';
import { logExport, useFindShortcut } from './log-view-tools';
import type { SearchIndex } from './search';
import { useFieldFilter, type FieldFilter } from './use-field-filter';
import { useLogSearch, type LogSearch } from './use-log-search';
import type { LogStream } from './use-log-stream';

export interface LogView {
  source: LogStream;
  /** The view's outer element: Ctrl/Cmd+F acts only while it is shown. */
  root: RefObject<HTMLDivElement | null>;
  follow: boolean;
  setFollow(follow: boolean): void;
  showTs: boolean;
  setShowTs(show: boolean): void;
  /** Only matching lines are shown. */
  filterOn: boolean;
  search: LogSearch;
  /** The JSON field filter (its lines are the rows shown while it is set). */
  field: FieldFilter;
  /** The rows shown when not all lines: the search's matches (Filter) or the field filter's lines. */
  rows: RowIndex | null;
  /** The JSON line shown formatted (absolute line number), or null. */
  openJson: number | null;
  setOpenJson(line: number | null): void;
  /** Gives the keyboard to the list (after a panel over it closes). */
  focusList(): void;
  /** Scrolls to match k (and stops following). */
  jumpTo(k: number, index: SearchIndex): void;
  searchBar: LogSearchBarProps;
  /** Everything LogList needs but its label. */
  list: Omit<LogListProps, 'label'>;
  copyAll(): Promise<void>;
  download(): void;
  /** A short-lived status ("Copied.", "Download started."). */
  flash: string;
}

export function useLogView(source: LogStream, fileName: string): LogView {
  const { buffer, version } = source;
  const [follow, setFollow] = useState(true);
  const [showTs, setShowTs] = useState(false);
  const [query, setQuery] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [filter, setFilter] = useState(false);
  const [fieldQuery, setFieldQuery] = useState('');
  // The line shown formatted belongs to one subscription: a new one (buffer cleared) closes it.
  const [opened, setOpened] = useState<{ line: number; epoch: number } | null>(null);
  const openJson = opened && opened.epoch === buffer.epoch ? opened.line : null;
  const setOpenJson = useCallback(
    (line: number | null) => setOpened(line === null ? null : { line, epoch: buffer.epoch }),
    [buffer],
  );
  const json = useMemo(() => new JsonLineCache(), []);
  const [flash, setFlash] = useFlash();
  const list = useRef<LogListHandle>(null);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const opts = useMemo(() => ({ regex, caseSensitive }), [regex, caseSensitive]);
  const filterOn = filter && !!query;
  const field = useFieldFilter(buffer, version, fieldQuery);

  const topLine = useCallback(() => buffer.first + (list.current?.topRow() ?? 0), [buffer]);
  const jumpTo = useCallback(
    (k: number, index: SearchIndex) => {
      const at = index.locate(k);
      if (!at) return;
      setFollow(false);
      const row = filterOn
        ? at.lineIndex
        : field.index
          ? field.index.lineIndexAtOrAfter(at.line)
          : at.line - buffer.first;
      requestAnimationFrame(() => list.current?.scrollToRow(row));
    },
    [buffer, filterOn, field.index],
  );
  // With a field filter the search looks only at the lines it keeps (the lines shown).
  const search = useLogSearch(buffer, version, query, opts, topLine, jumpTo, field.keep);
  const rows: RowIndex | null = filterOn ? search.index : field.index;
  const current = search.index && search.current >= 0 ? search.index.locate(search.current) : undefined;

  useFindShortcut(root, input);

  // A new subscription (another range, another history choice) starts at its newest lines.
  const epoch = buffer.epoch;
  useEffect(() => setFollow(true), [epoch]);

  const { copyAll, download } = logExport({
    buffer,
    index: rows,
    filterOn: rows !== null,
    showTs,
    fileName,
    flash: setFlash,
  });

  return {
    source,
    root,
    follow,
    setFollow,
    showTs,
    setShowTs,
    filterOn,
    search,
    field,
    rows,
    openJson,
    setOpenJson,
    focusList: () => list.current?.focus(),
    jumpTo,
    searchBar: {
      inputRef: input,
      query,
      onQuery: setQuery,
      regex,
      onRegex: setRegex,
      caseSensitive,
      onCaseSensitive: setCaseSensitive,
      filter,
      onFilter: setFilter,
      error: search.error,
      total: search.index?.total ?? 0,
      current: search.current,
      scanning: search.scanning,
      onNext: search.next,
      onPrev: search.prev,
      field: {
        value: fieldQuery,
        onChange: setFieldQuery,
        error: field.error,
        kept: field.index?.lineCount,
        notJson: field.index?.notJson ?? 0,
        scanning: field.scanning,
        fields: [...json.keys].sort(),
      },
    },
    list: {
      buffer,
      version,
      filter: rows,
      showTs,
      re: search.index?.re ?? null,
      current,
      follow,
      onFollowChange: setFollow,
      handle: list,
      tick: search.tick + field.tick,
      json,
      onOpenJson: setOpenJson,
    },
    copyAll,
    download,
    flash,
  };
}

/** Turning the filter on or off changes every row's position: keeps the current match in view. */
export function useKeepMatchOnFilterToggle(view: LogView): void {
  const { filterOn, jumpTo, search } = view;
  const lastFilter = useRef(filterOn);
  useEffect(() => {
    if (lastFilter.current === filterOn) return;
    lastFilter.current = filterOn;
    if (search.index && search.current >= 0) jumpTo(search.current, search.index);
  }, [filterOn, jumpTo, search.index, search.current]);
}
