// Sums the Vitest and Playwright JSON reports into the one line CI reads: "N passed, N failed".
// A report that is missing counts as one failure, so a runner that never started cannot pass.
import { existsSync, readFileSync } from 'node:fs';

const [unitPath, e2ePath] = process.argv.slice(2);
let passed = 0;
let failed = 0;

function read(path, label) {
  if (!path || !existsSync(path)) {
    console.error(`${label}: no report at ${path}`);
    failed += 1;
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    console.error(`${label}: unreadable report (${err.message})`);
    failed += 1;
    return undefined;
  }
}

const unit = read(unitPath, 'unit tests');
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += (unit.numFailedTests ?? 0) + (unit.numRuntimeErrorTestSuites ?? 0);
}
const e2e = read(e2ePath, 'browser tests');
if (e2e) {
  passed += (e2e.stats?.expected ?? 0) + (e2e.stats?.flaky ?? 0);
  failed += e2e.stats?.unexpected ?? 0;
  if ((e2e.errors ?? []).length > 0) failed += e2e.errors.length;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
