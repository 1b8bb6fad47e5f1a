// Reads a vitest or Playwright JSON report and prints "passed failed skipped", then one line per
// skipped test ("skipped: <file> › <title>") so the test command can name every skip.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const skipped = [];
let passed;
let failed;

if (report.stats) {
  // Playwright: walk suites → specs → tests; a test's last result decides.
  const walk = (suite, file) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'skipped') skipped.push(`${file ?? spec.file} › ${spec.title}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, file ?? suite.file);
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file);
  passed = report.stats.expected + report.stats.flaky;
  failed = report.stats.unexpected;
} else {
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  // A file that failed to load has no failed test but fails the run: count it once.
  if (report.success === false && failed === 0) failed = 1;
  for (const file of report.testResults ?? []) {
    for (const a of file.assertionResults ?? []) {
      if (a.status === 'skipped' || a.status === 'pending' || a.status === 'todo')
        skipped.push(`${file.name.replace(process.cwd() + '/', '')} › ${a.fullName}`);
    }
  }
}
console.log(passed, failed, skipped.length);
for (const s of skipped) console.log(`skipped: ${s}`);
