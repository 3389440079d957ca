import { expect, Page } from '@playwright/test';

// A page is ready to measure when its stylesheet has been applied, its fonts are
// loaded and (with JavaScript) hydration is done: tests wait for these, never for
// a length of time, so a busy machine does not make them flake.
export async function ready(page: Page, js = true) {
  await page.waitForFunction(() =>
    document.fonts.status === 'loaded' &&
    [...document.styleSheets].some((s) => (s.href ?? '').endsWith('/pkg/portal.css') && s.cssRules.length > 0),
  );
  if (js) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}
