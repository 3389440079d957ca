import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ALL_PAGES } from './pages';
import { ready } from './ready';

// axe runs with JavaScript on (in a no-JS context it hangs); the no-JS path is
// covered by voter.spec.ts in the no-js project.
for (const path of ALL_PAGES) {
  test(`axe: no WCAG 2.1 AA violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await ready(page);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
    );
    expect(summary, summary.join('\n')).toEqual([]);
  });
}
