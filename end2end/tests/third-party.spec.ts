import { test, expect } from '@playwright/test';
import { ALL_PAGES } from './pages';
import { loadsWasm } from './ready';

test('public pages make no third-party requests', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(baseURL!) && !url.startsWith('data:')) foreign.push(url);
  });
  for (const path of ALL_PAGES) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(foreign).toEqual([]);
});

test('only the audit planner loads WASM or JavaScript', async ({ page }) => {
  let loaded: string[] = [];
  page.on('request', (req) => {
    if (/\.(wasm|js)(\?|$)/.test(new URL(req.url()).pathname)) loaded.push(req.url());
  });
  for (const path of ALL_PAGES) {
    loaded = [];
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    if (loadsWasm(page)) {
      expect(loaded.some((u) => u.endsWith('.wasm')), `${path} loads the planner's WASM`).toBe(true);
    } else {
      expect(loaded, `${path} loads no script`).toEqual([]);
      expect(await page.locator('script:not([type="application/ld+json"])').count(), path).toBe(0);
    }
  }
});
