import { expect, Page } from '@playwright/test';

// Only pages with an interactive element load the WASM: the audit planner. Every
// other page is complete as HTML and has no script, so it has no hydration to
// wait for (and must not be waited on for one).
export function loadsWasm(page: Page): boolean {
  const path = new URL(page.url()).pathname;
  return path === '/audits/planner' || path === '/es/audits/planner';
}

// A page is ready to measure when its stylesheet (under its hashed name,
// /pkg/portal.<hash>.css) has been applied, its fonts are loaded and, on a page
// that loads the WASM and with JavaScript on, hydration is done: tests wait for
// these, never for a length of time, so a busy machine does not make them flake.
export async function ready(page: Page, js = true) {
  await page.waitForFunction(() =>
    document.fonts.status === 'loaded' &&
    [...document.styleSheets].some(
      (s) => /\/pkg\/portal\.[0-9a-f]{16}\.css$/.test(s.href ?? '') && s.cssRules.length > 0,
    ),
  );
  if (js && loadsWasm(page)) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

// The scripts a page runs or loads, JSON-LD data blocks aside.
export async function scriptCount(page: Page): Promise<number> {
  return page.locator('script:not([type="application/ld+json"])').count();
}
