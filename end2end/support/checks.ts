import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

/** axe-core with the WCAG 2.1 A and AA rules: the page must have no violations. */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, 'WCAG 2.1 AA violations').toEqual([]);
}

/**
 * axe-core runs inside the page, which a context without JavaScript cannot do.
 * The page a visitor without JavaScript gets is the server's HTML with none of
 * Samskap's scripts run, so axe checks exactly that: a fresh page whose own
 * scripts and WebAssembly are blocked. The same page is checked for reflow.
 */
export async function expectAccessibleWithoutScripts(
  browser: Browser,
  url: string,
  options: { viewport: { width: number; height: number }; cookies: { name: string; value: string; url: string }[] },
): Promise<void> {
  // The test runner hands its own options (JavaScript off) to new contexts: turn it back on here.
  const context = await browser.newContext({ viewport: options.viewport, locale: 'nb-NO', javaScriptEnabled: true });
  try {
    await context.addCookies(options.cookies);
    const page = await context.newPage();
    await page.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    await page.goto(url);
    await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
    await expectNoSidewaysScrolling(page);
    await expectNoAccessibilityViolations(page);
  } finally {
    await context.close();
  }
}

/** WCAG 1.4.10 reflow: nothing may make the page scroll sideways. */
export async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'horizontal overflow in CSS pixels').toBeLessThanOrEqual(0);
}

/**
 * The browser bundle loaded and woke the page up. Leptos hydrates islands
 * when the browser is idle, which on a loaded CI machine can take a while.
 */
export async function expectHydrated(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
}

/**
 * The page as its reader has it, checked with axe: hydrated first when
 * JavaScript runs, or loaded again in a script-free browser with the same
 * cookies when it does not.
 */
export async function checkAccessibility(
  page: Page,
  browser: Browser,
  javaScriptEnabled: boolean,
  viewport = { width: 320, height: 720 },
): Promise<void> {
  if (javaScriptEnabled) {
    await expectHydrated(page);
    await expectNoAccessibilityViolations(page);
  } else {
    const cookies = await page.context().cookies();
    await expectAccessibleWithoutScripts(browser, page.url(), {
      viewport,
      cookies: cookies.map(({ name, value }) => ({ name, value, url: page.url() })),
    });
  }
}
