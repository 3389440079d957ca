import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ready } from './ready';

// The audit page's evidence, readable at a phone's and a desk's width and printable
// as a certificate; and the sample-size planner, with and without JavaScript.

const BOONE = '/audits/boone-county-2024-general-rla';
const PLANNER = '/audits/planner';

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, summary.join('\n')).toEqual([]);
}

async function fillContest(page: Page, ballots: string, winner: string, runnerUp: string) {
  await page.getByLabel('Ballots cast').fill(ballots);
  await page.getByLabel("Reported winner's votes").fill(winner);
  await page.getByLabel("Runner-up's votes").fill(runnerUp);
}

test.describe('the planner without JavaScript', () => {
  test('the GET form is answered by the server, and a mistake is named beside its field', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // No ready(): waiting on page functions is unreliable with scripts off.
    await page.goto(PLANNER);
    await expect(page.locator('#plan-result')).toHaveText('Fill in the form to see the sample size.');
    await fillContest(page, '92,415', '51208', '39877');
    await Promise.all([
      page.waitForURL(/ballots=92%2C415/),
      page.getByRole('button', { name: 'Compute the sample size' }).click(),
    ]);
    await expect(page.locator('#plan-result .plan-size')).toHaveText(/^Plan for [\d,]+ ballots$/);
    await expect(page.locator('#plan-result')).toContainText('Diluted margin: 12.26%');
    await expect(page.getByLabel('Ballots cast')).toHaveValue('92,415');

    await page.getByLabel('Risk limit (%)').fill('abc');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('risk=abc')),
      page.getByRole('button', { name: 'Compute the sample size' }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.locator('#risk-error')).toHaveText('Enter a number, such as 5 or 0.1.');
    await expect(page.getByLabel('Risk limit (%)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Risk limit (%)')).toHaveValue('abc');
    await expect(page.locator('#plan-result .plan-size')).toHaveCount(0);
    await context.close();
  });
});

test.describe('the planner with JavaScript', () => {
  test('the result follows the typing, without a navigation, and passes axe', async ({ page }) => {
    await page.goto(PLANNER);
    await ready(page);
    await page.evaluate(() => ((window as any).stillHere = true));
    const url = page.url();
    await fillContest(page, '92415', '51208', '39877');
    const size = page.locator('#plan-result .plan-size');
    await expect(size).toHaveText(/^Plan for [\d,]+ ballots$/);
    const bravo = await size.textContent();

    await page.getByLabel('Method').selectOption('kaplan_markov');
    await expect(size).not.toHaveText(bravo!);
    await expect(page.locator('#plan-result')).toContainText('If the sample finds no discrepancies at all');
    await page.getByLabel('Expected one-vote overstatements (% of ballots)').fill('0.5');
    await expect(page.locator('#plan-result .plan-custom')).toContainText('0.5%');

    await page.getByLabel("Runner-up's votes").fill('60000');
    await expect(page.locator('#runner_up-error')).toHaveText('The runner-up cannot have more votes than the winner.');
    await expect(size).toHaveCount(0);
    await page.getByLabel("Runner-up's votes").fill('39877');
    await expect(size).toHaveText(/^Plan for [\d,]+ ballots$/);
    await expect(page.locator('#runner_up-error')).toBeEmpty();

    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => (window as any).stillHere)).toBe(true);
    await expectNoAxeViolations(page);
  });

  test('in Spanish the planner answers in Spanish as the reader types', async ({ page }) => {
    await page.goto(`/es${PLANNER}`);
    await ready(page);
    const url = page.url();
    await page.getByLabel('Boletas emitidas').fill('92415');
    await page.getByLabel('Votos del ganador reportado').fill('51208');
    await page.getByLabel('Votos del segundo lugar').fill('60000');
    await expect(page.locator('#runner_up-error')).toHaveText(
      'El segundo lugar no puede tener más votos que el ganador.',
    );
    await page.getByLabel('Votos del segundo lugar').fill('39877');
    await expect(page.locator('#plan-result .plan-size')).toHaveText(/^Planifique [\d.,\s]+ boletas$/);
    expect(page.url()).toBe(url);
  });

  test('the answer without JavaScript passes axe too (in Spanish as well)', async ({ page }) => {
    for (const path of [
      `${PLANNER}?method=bravo&risk=5&ballots=92415&winner=51208&runner_up=39877`,
      `/es${PLANNER}?method=bravo&risk=5&ballots=92415&winner=51208&runner_up=39877`,
      `${PLANNER}?method=bravo&risk=abc&ballots=10&winner=20&runner_up=1`,
    ]) {
      await page.goto(path);
      await ready(page);
      await expectNoAxeViolations(page);
    }
  });

  test('the audits list and the audit page link the planner', async ({ page }) => {
    await page.goto('/audits');
    await ready(page);
    await page.getByRole('link', { name: 'Plan a sample size for an audit' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sample-size planner');
    await page.goto(BOONE);
    await ready(page);
    await page.getByRole('link', { name: 'Plan a sample for a contest like this one' }).click();
    await expect(page.locator('#plan-result .plan-size')).toHaveText(/^Plan for [\d,]+ ballots$/);
    await expect(page.getByLabel('Ballots cast')).toHaveValue('92415');
  });
});

for (const viewport of [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
]) {
  test(`at ${viewport.width}px the first contest's outcome, sample, p-value and check need no sideways scrolling`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto(BOONE);
    await ready(page);
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(overflow.scroll, `page is ${overflow.scroll}px wide`).toBeLessThanOrEqual(overflow.client);
    const card = page.locator('.contest-card').first();
    await expect(card.locator('.contest-p')).toContainText(
      'Published p = 0.0176; recomputed from the numbers on this page: p = 0.0176 (consistent)',
    );
    for (const part of ['.contest-winners', '.contest-sample', '.contest-p', '.contest-limit']) {
      const item = card.locator(part);
      await item.scrollIntoViewIfNeeded();
      await expect(item).toBeVisible();
      const box = (await item.boundingBox())!;
      expect(box.x, `${part} starts inside the screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${part} ends inside the screen`).toBeLessThanOrEqual(overflow.client);
    }
    // The timeline and the exact command are on the page, also inside the screen.
    const command = page.locator('pre.command').first();
    await expect(command).toHaveText(
      'portal sample --method consistent --seed 48271965018437261934 --size 412 --manifest manifest.csv',
    );
    const box = (await command.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(overflow.client);
  });
}

test.describe('the printed audit certificate', () => {
  test('print hides the navigation, shows the QR code and fits on two pages', async ({ page }) => {
    await page.goto(BOONE);
    await ready(page);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await expect(page.locator('.site-header')).toBeHidden();
    await expect(page.locator('.history')).toBeHidden();
    const certificate = page.locator('.certificate');
    await expect(certificate).toBeVisible();
    await expect(certificate).toContainText('/audits/boone-county-2024-general-rla/v/2');
    await expect(certificate.locator('code.hash')).toHaveText(/^[0-9a-f]{64}$/);
    const qr = certificate.locator('img');
    await expect(qr).toBeVisible();
    await expect(qr).toHaveAttribute('src', '/audits/boone-county-2024-general-rla/v/2/qr.svg');
    await expect(qr).toHaveAttribute('alt', /permanent address: http.*\/audits\/boone-county-2024-general-rla\/v\/2$/);

    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length, `the certificate prints on ${pages.length} pages`).toBeGreaterThanOrEqual(1);
    expect(pages.length, `the certificate prints on ${pages.length} pages`).toBeLessThanOrEqual(2);
    const a4 = await page.pdf({ format: 'A4', printBackground: true });
    expect((a4.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length).toBeLessThanOrEqual(2);

    // On screen the certificate is for paper only.
    await page.emulateMedia({ media: 'screen' });
    await expect(certificate).toBeHidden();
  });

  test('the QR image loads as an SVG drawing', async ({ page, request }) => {
    const qr = await request.get(`${BOONE}/v/2/qr.svg`);
    expect(qr.status()).toBe(200);
    expect(qr.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    await page.goto(BOONE);
    await ready(page);
    await page.emulateMedia({ media: 'print' });
    const img = page.locator('.certificate img');
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
  });
});
