// A Berth-like process for task-journal.test.ts: a task centre with a journal in $JOURNAL_DIR runs one
// task that reports progress and never ends; prints READY once the progress is in the journal.
import { readFileSync } from 'node:fs';
import { TaskJournal } from '../task-journal';
import { TaskManager } from '../tasks';

const journal = new TaskJournal(process.env.JOURNAL_DIR!);
const tasks = new TaskManager(journal);
tasks.start('save', 'Save berth/app:1 to /srv/app.tar', async (report) => {
  report({ text: 'Writing /srv/app.tar', current: 4 << 20 });
  await new Promise(() => undefined);
});
const waitForProgress = setInterval(() => {
  if (readFileSync(journal.file, 'utf8').includes('Writing /srv/app.tar')) {
    clearInterval(waitForProgress);
    process.stdout.write('READY\n');
  }
}, 50);
setInterval(() => undefined, 1000);
