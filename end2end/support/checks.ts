import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { languages } from './server';

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

const phone = { width: 320, height: 640 };
const desktop = { width: 1280, height: 800 };

/**
 * One page as its readers have it, in every language. Without JavaScript
 * (Samskap's scripts blocked, so axe still runs): axe and reflow at 320 px
 * in each language, where words change widths; at desktop width reflow in
 * each language and axe in bokmål (the same markup, other media queries).
 * With JavaScript, in bokmål: the bundle starts under the page's policy.
 * When the page has islands, they change it: then axe and reflow with
 * JavaScript too, in every language at 320 px and in bokmål on a desktop.
 *
 * `storageState` is whom the page is shown to (a visitor when undefined).
 */
export async function checkPageEverywhere(
  browser: Browser,
  baseURL: string,
  path: string,
  storageState: string | undefined,
): Promise<void> {
  // Four to eight runs of axe: more than the default budget on a busy 2-core machine.
  test.setTimeout(90_000);
  const options = { locale: 'nb-NO', storageState: storageState ?? { cookies: [], origins: [] } };
  const withLanguage = (language: string) => [{ name: 'samskap_lang', value: language, url: baseURL }];

  const scriptFree = await browser.newContext({ ...options, viewport: phone, javaScriptEnabled: true });
  try {
    await scriptFree.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    const page = await scriptFree.newPage();
    for (const language of languages) {
      await scriptFree.addCookies(withLanguage(language));
      await page.setViewportSize(phone);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
      await checkLayout(page, language, `${path} in ${language} without JavaScript`);
    }
  } finally {
    await scriptFree.close();
  }

  const scripted = await browser.newContext({ ...options, viewport: phone, javaScriptEnabled: true });
  try {
    const page = await scripted.newPage();
    for (const language of languages) {
      await scripted.addCookies(withLanguage(language));
      await page.setViewportSize(phone);
      await page.goto(path);
      await expectHydrated(page);
      await expectNoSidewaysScrolling(page);
      // Without islands the page is the server's HTML, checked above.
      if ((await page.locator('leptos-island').count()) === 0) break;
      await checkLayout(page, language, `${path} in ${language} with JavaScript`);
    }
  } finally {
    await scripted.close();
  }
}

/** Axe and reflow at 320 px, then reflow (and in bokmål axe) at desktop width. */
async function checkLayout(page: Page, language: string, what: string): Promise<void> {
  await test.step(what, async () => {
    await expectNoSidewaysScrolling(page);
    await expectNoAccessibilityViolations(page);
    await page.setViewportSize(desktop);
    await expectNoSidewaysScrolling(page);
    if (language === 'nb') await expectNoAccessibilityViolations(page);
  });
}
