import { test, expect } from '@playwright/test';
import { ALL_PAGES } from './pages';
import { ready } from './ready';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

for (const path of ALL_PAGES) {
  test(`phone: ${path} fits a 360px screen without sideways scrolling`, async ({ page }) => {
    await page.goto(path);
    await ready(page);
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(overflow.scroll, `page is ${overflow.scroll}px wide`).toBeLessThanOrEqual(overflow.client);
  });
}
