// Berth's own log for this session: the lines Berth writes (leftovers swept at start, …) still go
// where they went (stderr by default), and the last MAX_LINES are kept in memory, with their time,
// for the diagnostics bundle. Berth keeps no log file of its own.
export const MAX_LINES = 2000;

export class BerthLog {
  private readonly kept: string[] = [];

  constructor(
    private readonly sink: (line: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes a line to the sink and keeps it. */
  readonly write = (line: string): void => {
    this.kept.push(`${this.now().toISOString()} ${line}`);
    if (this.kept.length > MAX_LINES) this.kept.splice(0, this.kept.length - MAX_LINES);
    this.sink(line);
  };

  /** The lines kept, oldest first. */
  lines(): string[] {
    return [...this.kept];
  }
}
