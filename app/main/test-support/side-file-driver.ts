// A Berth-like process for leftovers.int.test.ts: records its side files under $DATA_DIR as Berth
// does, starts writing $TARGET through a side file, prints the side file's path, and waits to be killed.
import { writeFileSync } from 'node:fs';
import { recordSideFilesIn, sideFileFor } from '../../engine/docker/side-file';
import { sideFileList } from '../leftovers';

recordSideFilesIn(sideFileList(process.env.DATA_DIR!));
const side = sideFileFor(process.env.TARGET!);
writeFileSync(side, 'half an archive');
process.stdout.write(`SIDE ${side}\n`);
setInterval(() => undefined, 1000);
