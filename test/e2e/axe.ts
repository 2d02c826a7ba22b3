/**
 * axe-core in the e2e suite: the serious and critical violations of a page as readable lines, so a spec
 * can assert there are none on each view it opens.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from '@playwright/test';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical axe violations of the page as it is now, as readable lines. */
export async function violations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, so the app's CSP (no inline scripts) does not apply to the checker. Only
  // once per document: re-evaluating the 650 KB script cost up to 0.6 s per call; a reload clears it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}
