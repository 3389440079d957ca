import { defineConfig } from '@playwright/test';

import { OFFICIALS, PASSWORD } from './tests/officials';

// The release build serves a fresh SQLite file with the demo data on its own port.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: {
      // Debian's Chromium: a test tool's own browser download does not work here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true }, testIgnore: /officials\.spec\.ts/ },
    { name: 'no-js', use: { javaScriptEnabled: false }, testMatch: /voter\.spec\.ts/ },
    // Officials publish, which changes public figures: after the readers' tests.
    { name: 'officials', use: { javaScriptEnabled: true }, testMatch: /officials\.spec\.ts/, dependencies: ['js', 'no-js'] },
  ],
  webServer: {
    command:
      'rm -f ../target/e2e.db ../target/e2e.db-shm ../target/e2e.db-wal && ../target/release/portal demo && ' +
      OFFICIALS.map(([email, role, office]) =>
        `echo '${PASSWORD}' | ../target/release/portal user add ${email} --role ${role}${office ? ` --office ${office}` : ''} && `).join('') +
      'exec ../target/release/portal serve',
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DATABASE_URL: 'sqlite://../target/e2e.db?mode=rwc',
      PORTAL_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: '../target/site',
      PORTAL_LOG: 'warn',
    },
  },
});
