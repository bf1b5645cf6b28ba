// Prints the security suites' figures as one block when the run ends, ahead of vitest's own summary:
// what was tried (routes × ids, roles × routes, fuzz cases, concurrent operations) and how many of
// those tests failed. The suites hand their counts over in `task.meta.securityFigures`.
import type { Reporter, TestModule } from 'vitest/node';
import type { SecurityFigures } from './harness';

export default class SecurityFiguresReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const suites = testModules.filter((module) => module.relativeModuleId.startsWith('test/security/'));
    if (suites.length === 0) return;
    const lines = ['', 'Security sweeps (test/security, docs/security.md)'];
    let tests = 0;
    let failed = 0;
    for (const module of suites) {
      for (const test of module.children.allTests()) {
        tests += 1;
        if (test.result().state === 'failed') failed += 1;
        const figures: SecurityFigures | undefined = test.meta().securityFigures;
        if (!figures) continue;
        const { suite, ...counts } = figures;
        lines.push(
          `  ${String(suite).padEnd(12)} ${Object.entries(counts)
            .map(([name, value]) => `${name}: ${value}`)
            .join(' · ')}`,
        );
      }
    }
    lines.push(`  ${'result'.padEnd(12)} ${tests} tests in ${suites.length} files, ${failed} failed`, '');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
