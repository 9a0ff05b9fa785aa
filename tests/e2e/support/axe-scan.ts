import AxeBuilder from '@axe-core/playwright';
import { type Page, type TestInfo } from '@playwright/test';

// Types taken from AxeBuilder itself: axe-core is its dependency, not ours.
type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Result = AxeResults['violations'][number];
type NodeResult = Result['nodes'][number];

/** The impacts that fail a test (every page must have none); moderate and minor findings are printed but do not fail it. */
const BLOCKING = new Set(['serious', 'critical']);

export interface AxeScan {
  /** Serious and critical violations only. */
  blocking: Result[];
  /** True when at least one checked node sat inside an iframe (axe reports those with a frame path). */
  reachedFrames: boolean;
  results: AxeResults;
}

/**
 * Runs axe-core over the page and every iframe in it (AxeBuilder injects itself
 * into frames), attaches what it found to the report and prints each
 * violation, so a failing run says what to fix.
 */
export async function scanForAccessibility(page: Page, name: string, testInfo: TestInfo): Promise<AxeScan> {
  // axe's default rule set: WCAG 2.x A and AA plus its best practices.
  const results = await new AxeBuilder({ page }).analyze();
  // Violations and the cases axe could not decide, in full; passing rules by name only (the whole result is megabytes).
  const summary = {
    url: results.url,
    violations: results.violations,
    incomplete: results.incomplete,
    passed: results.passes.map((rule) => rule.id),
  };
  await testInfo.attach(`axe-${name}.json`, {
    body: JSON.stringify(summary, null, 2),
    contentType: 'application/json',
  });
  console.log(
    `[axe ${name}] ${results.passes.length} rules passed, ${results.violations.length} violated, ` +
      `${results.incomplete.length} for a person to review`,
  );
  for (const violation of results.violations) {
    console.log(`[axe ${name}] ${describe(violation)}`);
  }
  const nodes = [...results.passes, ...results.violations, ...results.incomplete].flatMap((rule) => rule.nodes);
  return {
    blocking: results.violations.filter((violation) => BLOCKING.has(violation.impact ?? '')),
    reachedFrames: nodes.some(insideFrame),
    results,
  };
}

/** One line per violation: impact, rule, help, and where. */
export function describe(violation: Result): string {
  const where = violation.nodes.map((node) => JSON.stringify(node.target)).join(', ');
  return `${violation.impact ?? 'unknown'} ${violation.id}: ${violation.help} (${violation.helpUrl}) at ${where}`;
}

function insideFrame(node: NodeResult): boolean {
  return node.target.length > 1;
}
