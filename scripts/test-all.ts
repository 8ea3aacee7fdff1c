// `npm test`: lint, typecheck, unit + integration (Vitest), then e2e (Playwright in Chromium).
// Prints one closing line with the totals, and the reason for every skipped test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  process.stdout.write(`\n== ${title}\n`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.error) process.stdout.write(`${title}: could not run ${command}: ${run.error.message}\n`);
  return run.status === 0;
}

const VitestReport = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number(),
});

type PlaywrightSpec = { title: string; tests: { status: string; annotations: { type: string; description?: string }[] }[] };
type PlaywrightSuite = { title: string; specs?: PlaywrightSpec[]; suites?: PlaywrightSuite[] };

function* playwrightTests(suite: PlaywrightSuite, prefix: string): Generator<{ title: string; status: string; reason: string }> {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) {
      const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? '';
      yield { title: `${prefix}${spec.title}`, status: test.status, reason };
    }
  }
  for (const child of suite.suites ?? []) yield* playwrightTests(child, `${prefix}${child.title} › `);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const skipped: string[] = [];
let ok = true;

ok = step('lint', bin('eslint'), ['.']) && ok;
ok = step('typecheck', bin('tsc'), ['-p', 'tsconfig.json']) && ok;
ok = step('typecheck (renderer)', bin('tsc'), ['-p', 'tsconfig.renderer.json']) && ok;

const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
ok = step('unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]) && ok;
if (fs.existsSync(vitestJson)) {
  const report = VitestReport.parse(JSON.parse(fs.readFileSync(vitestJson, 'utf8')));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
} else {
  totals.failed += 1;
}

const playwrightJson = path.join(results, 'playwright.json');
fs.rmSync(playwrightJson, { force: true });
ok =
  step('end-to-end tests (Chromium)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }) && ok;
if (fs.existsSync(playwrightJson)) {
  const report = JSON.parse(fs.readFileSync(playwrightJson, 'utf8')) as { suites: PlaywrightSuite[] };
  for (const suite of report.suites) {
    for (const test of playwrightTests(suite, `${suite.title} › `)) {
      if (test.status === 'skipped') {
        totals.skipped += 1;
        skipped.push(`${test.title}: ${test.reason || 'no reason given'}`);
      } else if (test.status === 'expected' || test.status === 'flaky') totals.passed += 1;
      else totals.failed += 1;
    }
  }
} else {
  totals.failed += 1;
}

if (skipped.length > 0) process.stdout.write(`\nSkipped:\n${skipped.map((s) => `- ${s}`).join('\n')}\n`);
if (!ok && totals.failed === 0) totals.failed = 1; // lint or typecheck failed
process.stdout.write(`\ntotal: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(ok ? 0 : 1);
