// The final image's file tree as a treegrid: folders open and shut with a click, Enter, or the
// arrow keys (Right opens or goes in, Left shuts or goes up, Up/Down/Home/End move); one row is in the
// tab order at a time. Rows are named by their path and virtualized, so a folder of thousands of
// entries stays smooth.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FileTreeNode } from '../../../../shared/contract/areas/image-files';
import { formatBytes } from '../../components/format';
import { VirtualBody } from '../../components/table-parts';
import { useVirtualRows } from '../../components/use-virtual-rows';
import { layerName, visibleRows } from './layer-files-view';

const ROW_HEIGHT = 30;

export function FileTree({
  tree,
  stepOf,
  label = 'Final file tree',
}: {
  tree: FileTreeNode;
  stepOf: (number | undefined)[];
  label?: string;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => visibleRows(tree, open), [tree, open]);
  const [focus, setFocus] = useState(0);
  const current = Math.min(focus, Math.max(0, rows.length - 1));
  const rowEls = useRef(new Map<string, HTMLTableRowElement>());
  const moved = useRef(false);
  const { scroller, virtualizer, view } = useVirtualRows(rows, ROW_HEIGHT, 12);

  // After a key moved the focus, the row (rendered once scrolled into view) takes it.
  useEffect(() => {
    if (!moved.current) return;
    const path = rows[current]?.path;
    const el = path ? rowEls.current.get(path) : undefined;
    if (el) {
      el.focus();
      moved.current = false;
    }
  });

  const toggle = (path: string, to?: boolean) =>
    setOpen((was) => {
      const next = new Set(was);
      if (to ?? !next.has(path)) next.add(path);
      else next.delete(path);
      return next;
    });
  const moveTo = (i: number) => {
    const to = Math.max(0, Math.min(rows.length - 1, i));
    moved.current = true;
    setFocus(to);
    virtualizer.scrollToIndex(to);
  };
  const onKey = (e: KeyboardEvent, i: number) => {
    const r = rows[i]!;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(i + 1),
      ArrowUp: () => moveTo(i - 1),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      ArrowRight: () => (r.folder && !r.expanded ? toggle(r.path, true) : r.expanded ? moveTo(i + 1) : undefined),
      ArrowLeft: () =>
        r.expanded ? toggle(r.path, false) : r.parent ? moveTo(rows.findIndex((x) => x.path === r.parent)) : undefined,
      Enter: () => r.folder && toggle(r.path),
      ' ': () => r.folder && toggle(r.path),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  if (!tree.children?.length) return <p className="muted small">The image's file system is empty.</p>;
  return (
    <div className="table-scroll file-tree-scroll" ref={scroller}>
      <table className="data-table file-tree" role="treegrid" aria-label={label} aria-rowcount={rows.length + 1}>
        <thead>
          <tr>
            <th className="col-grow">Name</th>
            <th className="num">Size</th>
            <th className="nowrap">Written by</th>
          </tr>
        </thead>
        <VirtualBody
          view={view}
          row={(r, index) => (
            <tr
              key={r.path}
              ref={(el) => {
                if (el) rowEls.current.set(r.path, el);
                else rowEls.current.delete(r.path);
              }}
              aria-label={r.path}
              aria-level={r.level}
              aria-rowindex={index + 2}
              {...(r.folder ? { 'aria-expanded': r.expanded } : {})}
              tabIndex={index === current ? 0 : -1}
              style={{ height: ROW_HEIGHT }}
              onClick={() => {
                setFocus(index);
                if (r.folder) toggle(r.path);
              }}
              onKeyDown={(e) => onKey(e, index)}
            >
              <td className="col-grow">
                <span className="tree-name mono small" style={{ paddingLeft: (r.level - 1) * 16 }}>
                  <span className="tree-twisty" aria-hidden="true">
                    {r.folder ? (r.expanded ? '▾' : '▸') : ''}
                  </span>
                  <span className="tree-label">
                    {r.node.name}
                    {r.folder ? '/' : ''}
                    {r.node.target !== undefined && <span className="muted"> → {r.node.target}</span>}
                  </span>
                </span>
              </td>
              <td className="num nowrap">{r.node.kind === 'file' || r.folder ? formatBytes(r.node.size) : ''}</td>
              <td className="nowrap muted small">{layerName(r.node.layer, stepOf)}</td>
            </tr>
          )}
        />
      </table>
    </div>
  );
}
