// The `berth` command line (Node side): `berth serve` runs the UI in a browser, `berth diagnose`
// prints the engine checks. The desktop app itself starts from bin/berth.mjs through Electron.
import { parseServeArgs, serveUsage } from './serve/args';

const usage = `Usage: berth [command]

  (no command)   open the Berth desktop app
  serve          serve the Berth UI on http://127.0.0.1 for a browser (headless hosts)
  diagnose       check the engine set-up and print what to fix
  help           show this help

${serveUsage}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const parsed = parseServeArgs(rest);
      if ('error' in parsed) {
        process.stderr.write(`berth serve: ${parsed.error}\n\n${serveUsage}\n`);
        return 2;
      }
      const { runServe } = await import('./serve/run');
      return runServe(parsed);
    }
    case 'diagnose': {
      const { runDiagnose } = await import('./diagnose');
      return runDiagnose();
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${usage}\n`);
      return 0;
    default:
      process.stderr.write(`berth: unknown command "${command}".\n\n${usage}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`berth: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
