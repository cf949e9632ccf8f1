import { test, expect } from '@playwright/test';
import { pageRoutes, languages } from '../support/server';
import {
  expectAccessibleWithoutScripts,
  expectHydrated,
  expectNoAccessibilityViolations,
  expectNoSidewaysScrolling,
} from '../support/checks';

// Every route of the route table (read from the server binary, not typed
// here), with and without JavaScript, on a 320 px phone and a desktop, in
// all three languages. Pages of one item show the first of the demo data
// set (the global setup loads it; its first comment is on its first idea);
// the author's own edit page is tried by the idea journey, signed in as
// its author, and staff's edit page of a challenge by the admin's pages
// (admin.spec.ts) and the challenge journey.
const routes = pageRoutes()
  .filter((route) => route !== '/ideas/{id}/edit' && route !== '/challenges/{id}/edit')
  .map((route) => route.replace('{id}', '1').replace('{comment_id}', '1'));
const widths = [
  { name: 'phone 320 px', viewport: { width: 320, height: 640 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
];

test('the route table lists the pages', () => {
  expect(routes).toEqual(expect.arrayContaining(['/', '/privacy', '/accessibility']));
});

for (const javaScriptEnabled of [true, false]) {
  for (const width of widths) {
    test.describe(`${javaScriptEnabled ? 'with' : 'without'} JavaScript, ${width.name}`, () => {
      test.use({ javaScriptEnabled, viewport: width.viewport });

      for (const route of routes) {
        for (const language of languages) {
          test(`${route} in ${language}`, async ({ page, context, baseURL, browser }) => {
            const cookies = [{ name: 'samskap_lang', value: language, url: baseURL! }];
            await context.addCookies(cookies);
            const response = await page.goto(route);
            expect(response?.status()).toBe(200);
            await expect(page.locator('html')).toHaveAttribute('lang', language);
            await expect(page.locator('h1')).toHaveCount(1);
            if (javaScriptEnabled) {
              await expectHydrated(page);
              await expectNoSidewaysScrolling(page);
              await expectNoAccessibilityViolations(page);
            } else {
              await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
              await expectAccessibleWithoutScripts(browser, page.url(), { viewport: width.viewport, cookies });
            }
          });
        }
      }
    });
  }
}

test('an unknown address gets a translated, accessible 404 page', async ({ page }) => {
  const response = await page.goto('/finnes-ikke');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Fant ikke siden');
  await expectNoAccessibilityViolations(page);
});
