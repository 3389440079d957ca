import { test, expect, Page, Browser } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PASSWORD } from './officials';

test.describe.configure({ mode: 'serial' });

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/admin');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  return page;
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, `${page.url()}\n${summary.join('\n')}`).toEqual([]);
}

async function fillExpenditure(page: Page, description: string, federal: string) {
  await page.getByLabel('Grant (slug)').fill('hava-2018-election-security');
  await page.getByLabel('EAC category').selectOption('voter_education');
  await page.getByLabel('Federal amount (dollars)').fill(federal);
  await page.getByLabel('Match amount (dollars)').fill('0');
  await page.getByLabel('Date').fill('2025-05-01');
  await page.getByLabel('Vendor (always public)').fill('Browser Test Printing');
  await page.getByLabel('Public description').fill(description);
}

test('an author and a reviewer publish and correct a record through the browser', async ({ browser }) => {
  const author = await signIn(browser, 'author@boone.example');
  await axe(author);

  // Draft, with a defensive detail the scanner should catch.
  await author.getByRole('link', { name: 'New expenditure', exact: true }).click();
  await axe(author);
  await author.getByLabel('Slug (its address: /expenditures/{slug})').fill('browser-guides');
  await fillExpenditure(author, 'Voter guides; proofs stored on fileserver.corp.local.', '800.00');
  await author.getByRole('button', { name: 'Save draft' }).click();
  const findings = author.getByRole('region', { name: 'Scanner findings' }).or(author.locator('section[aria-labelledby="findings"]'));
  await expect(findings).toContainText('fileserver.corp.local');
  await axe(author);
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await expect(author.getByRole('status')).toContainText('Not submitted');

  // Fix the text, then submit.
  await author.getByLabel('Public description').fill('Voter guides in English and Spanish.');
  await author.getByRole('button', { name: 'Save draft' }).click();
  await expect(author.getByRole('status')).toContainText('Draft saved');
  await expect(author.locator('section[aria-labelledby="findings"]')).toContainText('no defensive details');
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await expect(author.getByRole('status')).toContainText('waiting for a reviewer');

  // A second official reviews and approves.
  const reviewer = await signIn(browser, 'reviewer@boone.example');
  await reviewer.getByRole('link', { name: 'Review queue', exact: true }).click();
  await axe(reviewer);
  await reviewer.getByRole('link', { name: /^Submission \d+$/ }).first().click();
  await expect(reviewer.getByRole('region', { name: 'What changes' })).toContainText('Browser Test Printing');
  await axe(reviewer);
  await reviewer.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(reviewer.getByRole('status')).toContainText('Published browser-guides version 1');

  // The record is on the public site.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto('/expenditures/browser-guides');
  await expect(reader.getByRole('heading', { level: 1 })).toContainText('Browser Test Printing');

  // A correction: from the published version, with a public note.
  await author.getByRole('link', { name: 'Workspace', exact: true }).click();
  await author.getByLabel('Kind').first().selectOption('expenditure');
  await author.getByLabel('Slug', { exact: true }).first().fill('browser-guides');
  await author.getByRole('button', { name: 'Start a correction' }).click();
  await author.getByLabel('Federal amount (dollars)').fill('850.00');
  await author.getByRole('button', { name: 'Save draft' }).click();
  await author.getByLabel('Public correction note').fill('The printer invoiced $850, not $800.');
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await expect(author.getByRole('status')).toContainText('waiting for a reviewer');

  await reviewer.getByRole('link', { name: 'Review queue', exact: true }).click();
  await reviewer.getByRole('link', { name: /^Submission \d+$/ }).first().click();
  await expect(reviewer.getByRole('region', { name: 'What changes' })).toContainText('850.00');
  await reviewer.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(reviewer.getByRole('status')).toContainText('version 2');

  // A new visitor (pages may be cached for a minute by the first one's browser).
  const later = await (await browser.newContext()).newPage();
  await later.goto('/expenditures/browser-guides');
  await expect(later.getByText('Version 2').first()).toBeVisible();
  await expect(later.getByText('The printer invoiced $850, not $800.').first()).toBeVisible();
  await expect(later.locator('main')).toContainText('$850');
  // The record's page holds no interactive element: it loads no WASM, runs no script.
  expect(await later.locator('script:not([type="application/ld+json"])').count()).toBe(0);
});

test("the officials' other pages pass axe", async ({ browser }) => {
  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto('/admin');
  await axe(anonymous);
  const admin = await signIn(browser, 'admin@sos.example');
  for (const path of ['/admin/sessions', '/admin/account', '/admin/new/update', '/admin/new/audit', '/admin/new/grant', '/admin/import', '/admin/activity', '/admin/review', '/admin/accounts']) {
    await admin.goto(path);
    await axe(admin);
  }
  // The second factor's set-up page (after the password) passes too.
  await admin.goto('/admin/account');
  await admin.getByLabel('Your current password').first().fill(PASSWORD);
  await admin.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await expect(admin.getByLabel('Code from your app')).toBeVisible();
  await axe(admin);
});
