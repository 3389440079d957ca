import { test, expect, Page } from '@playwright/test';
import { scriptCount } from './ready';

// What a voter reads, in each language.
const TEXT = {
  en: {
    home: 'Election audits and security spending, in plain language',
    nav: { audits: 'Audits', spending: 'Security spending', updates: 'Updates', about: 'About' },
    auditsTitle: 'Post-election audits',
    outcomeLabel: 'Outcome',
    confirmed: 'Outcome confirmed',
    apply: 'Apply filters',
    withheld: 'Security details withheld under RSMo 610.021(21)',
    category: 'Category',
    cyber: 'Cyber Security',
    sixResults: '6 results',
    glossary: 'Glossary',
    sample: 'sample data',
    switchTo: 'Español',
    otherHome: 'Auditorías electorales y gasto en seguridad, en lenguaje claro',
  },
  es: {
    home: 'Auditorías electorales y gasto en seguridad, en lenguaje claro',
    nav: { audits: 'Auditorías', spending: 'Gasto en seguridad', updates: 'Avisos', about: 'Acerca de' },
    auditsTitle: 'Auditorías poselectorales',
    outcomeLabel: 'Resultado',
    confirmed: 'Resultado confirmado',
    apply: 'Aplicar filtros',
    withheld: 'Detalles de seguridad reservados conforme a RSMo 610.021(21)',
    category: 'Categoría',
    cyber: 'Ciberseguridad',
    sixResults: '6 resultados',
    glossary: 'Glosario',
    sample: 'datos de ejemplo',
    switchTo: 'English',
    otherHome: 'Election audits and security spending, in plain language',
  },
} as const;

// The voter's pages hold no interactive element: with JavaScript on or off they
// load no WASM and run no script, so there is no hydration to wait for; this
// checks that instead.
async function expectNoScript(page: Page) {
  expect(await scriptCount(page)).toBe(0);
}

async function nav(page: Page, name: string) {
  await page.getByRole('navigation').first().getByRole('link', { name, exact: true }).click();
}

for (const lang of ['en', 'es'] as const) {
  test(`a voter's path through every public page (${lang})`, async ({ page }, info) => {
    const t = TEXT[lang];
    const js = info.project.name === 'js';
    const prefix = lang === 'en' ? '' : '/es';

    await page.goto(prefix || '/');
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.home);
    await expect(page.getByText(t.sample).first()).toBeVisible();
    await expectNoScript(page);

    // Audits: filter by outcome, open one audit.
    await nav(page, t.nav.audits);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.auditsTitle);
    await page.getByLabel(t.outcomeLabel).selectOption('confirmed');
    await page.getByRole('button', { name: t.apply }).click();
    await expect(page).toHaveURL(/outcome=confirmed/);
    const table = page.locator('table').first();
    await expect(table.getByRole('link', { name: 'Boone County' })).toBeVisible();
    await expect(table.getByText('St. Charles County')).toHaveCount(0);
    await expectNoScript(page);
    await table.getByRole('link', { name: 'Boone County' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Boone County');
    await expect(page.getByText(t.confirmed).first()).toBeVisible();
    await expect(page.getByText(t.withheld)).toBeVisible();
    // The seed among the audit's facts (the evidence repeats it in the re-draw command).
    await expect(page.locator('dl.facts').getByText('48271965018437261934')).toBeVisible();

    // Spending: the EAC figures, the charts, one grant filtered by category.
    await nav(page, t.nav.spending);
    for (const figure of ['$7,230,625', '$361,531', '$7,592,156']) {
      await expect(page.getByRole('cell', { name: figure, exact: true }).first()).toBeVisible();
    }
    const chart = page.locator('figure img').first();
    await expect(chart).toBeVisible();
    const svg = await page.request.get((await chart.getAttribute('src'))!);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    if (js) expect(await chart.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.getByRole('link', { name: '2018 HAVA Election Security Grant' }).click();
    await page.getByLabel(t.category).selectOption('cyber_security');
    await page.getByRole('button', { name: t.apply }).click();
    await expect(page.getByText(t.sixResults)).toBeVisible();
    await expect(page.getByRole('cell', { name: t.cyber }).first()).toBeVisible();

    // Updates: the list and one notice.
    await expectNoScript(page);
    await nav(page, t.nav.updates);
    await page.locator('.update-list a').first().click();
    await expect(page.locator('article h1')).toBeVisible();
    await expect(page.locator('article .prose')).not.toBeEmpty();

    // The office's jurisdiction page, from the update.
    await page.locator('article .lead a').click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    // About: the glossary, then the same page in the other language.
    await nav(page, t.nav.about);
    await expect(page.getByRole('heading', { name: t.glossary })).toBeVisible();
    await page.getByRole('link', { name: t.switchTo }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang === 'en' ? 'es' : 'en');
    await page.goto(lang === 'en' ? '/es' : '/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.otherHome);
  });
}

test('unknown pages say so in the reader\'s language', async ({ page }) => {
  const res = await page.goto('/es/auditorias-inexistentes');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Página no encontrada');
});
