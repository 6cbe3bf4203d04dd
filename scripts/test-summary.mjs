// The closing line of `npm test`: adds up what the unit, integration and end-to-end runners
// reported (their JSON reports in .test-results/) and prints the plain "N passed, N failed, N skipped"
// alone as the last line, so a reader of the log (or CI) sees how many tests ran without scrolling
// through three runners. The line before it says how each runner contributed.
import { readFileSync } from 'node:fs';

const reports = [
  { name: 'unit', file: '.test-results/unit.json', count: vitestCounts },
  { name: 'integration', file: '.test-results/integration.json', count: vitestCounts },
  { name: 'end-to-end', file: '.test-results/e2e.json', count: playwrightCounts },
];

function vitestCounts(report) {
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(report) {
  const { expected, unexpected, flaky, skipped } = report.stats;
  return { passed: expected + flaky, failed: unexpected, skipped };
}

const total = { passed: 0, failed: 0, skipped: 0 };
let missing = 0;
const parts = [];
for (const { name, file, count } of reports) {
  let counts;
  try {
    counts = count(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    missing += 1;
    console.log(`${name}: no report at ${file} (${err.message}); that runner's tests are not counted`);
    continue;
  }
  parts.push(`${name} ${counts.passed}/${counts.failed}/${counts.skipped}`);
  for (const key of Object.keys(total)) total[key] += counts[key];
}
console.log(`Tests by runner (passed/failed/skipped): ${parts.join(' · ')}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(missing > 0 || total.failed > 0 || total.passed === 0 ? 1 : 0);
