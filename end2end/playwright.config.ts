import { defineConfig, devices } from '@playwright/test';
import { samskapBinary, serverEnvironment, baseURL } from './support/server';

// Debian's Chromium, started with flags that keep it off the closed network.
export default defineConfig({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // One retry in CI, for a 2-core machine's slow moments; every try starts
  // from state of its own (README, "Retries and the lost headers"), so a
  // real fault fails twice.
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 30_000,
  use: {
    baseURL,
    // Residents browse in Norwegian; tests that need another language ask for it.
    locale: 'nb-NO',
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        locale: 'nb-NO',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: samskapBinary(),
    url: `${baseURL}/readyz`,
    env: serverEnvironment(),
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
