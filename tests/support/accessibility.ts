/**
 * The automated accessibility check of a page in the browser tests: axe-core (a dev dependency,
 * injected from node_modules, so nothing is fetched) run on the page as it is, answering its
 * violations as readable lines (rule, what it asks, and the elements), so a failing test names them.
 */
import type { Frame, Page } from 'playwright-core';

const AXE = require.resolve('axe-core/axe.min.js');

interface AxeResults {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
}

export async function accessibilityViolations(page: Page | Frame): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run());
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(', ')})`,
  );
}
