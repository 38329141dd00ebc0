// axe-core (the npm devDependency) run inside the page: every WCAG 2.2 AA rule.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

export async function assertNoViolations(page, view) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async (tags) => {
    const results = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n`
      + violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary.replace(/\n/g, ' ')}`).join('\n'));
  }, TAGS);
  assert.deepEqual(violations, [], `axe on ${view}:\n${violations.join('\n')}`);
}

