// The compose CLI's problems and warnings for the open files: each says where (line and column) and
// jumps there when chosen; problems in another file switch to it.
import type { ComposeProblem } from '../../../../../shared/contract/areas/compose-files';

export function placeText(p: ComposeProblem): string {
  if (p.line === undefined) return '';
  return p.column !== undefined ? `Line ${p.line}, column ${p.column}` : `Line ${p.line}`;
}

const baseName = (path: string) => path.split('/').pop() ?? path;

export function ProblemList({
  problems,
  warnings,
  multiFile,
  onGo,
}: {
  problems: readonly ComposeProblem[];
  warnings: readonly ComposeProblem[];
  /** Name the file in each entry (the project has more than one). */
  multiFile: boolean;
  onGo(p: ComposeProblem): void;
}) {
  const all = [
    ...problems.map((p) => ({ p, severity: 'error' as const })),
    ...warnings.map((p) => ({ p, severity: 'warning' as const })),
  ];
  if (!all.length) return null;
  return (
    <ul className="compose-problems" aria-label="Problems">
      {all.map(({ p, severity }, i) => {
        const where = [multiFile && p.file ? baseName(p.file) : '', placeText(p)].filter(Boolean).join(', ');
        const text = (
          <>
            <span className={`problem-kind ${severity}`}>{severity === 'error' ? 'Error' : 'Warning'}</span>
            {where && <span className="problem-where">{where}:</span>} <span>{p.message}</span>
          </>
        );
        return (
          <li key={i} className={severity}>
            {p.line !== undefined ? (
              <button type="button" className="link-like" onClick={() => onGo(p)}>
                {text}
              </button>
            ) : (
              <span role={severity === 'error' ? 'alert' : undefined}>{text}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
