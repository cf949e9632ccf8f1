import type { Browser, Page } from '@playwright/test';

/**
 * Runs `look` in a browser of someone signed out, at phone width, in
 * bokmål. (A new context takes the test's `use` options, its stored
 * sign-in included, unless it is given an empty storage state.)
 */
export async function asVisitor(
  browser: Browser,
  javaScriptEnabled: boolean,
  look: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 320, height: 720 },
    locale: 'nb-NO',
    storageState: { cookies: [], origins: [] },
  });
  try {
    await look(await context.newPage());
  } finally {
    await context.close();
  }
}
