import { test, expect } from '../support/fixtures';
import { pageRoutes } from '../support/server';
import { checkPageEverywhere, expectNoAccessibilityViolations } from '../support/checks';

// Every route of the route table (read from the server binary, not typed
// here), as its readers have it, in all three languages: axe and reflow at
// 320 px and on a desktop, with and without JavaScript where islands change
// the page (checkPageEverywhere says which check runs where). Status,
// `<html lang>`, one h1 and the title of each page in each language need no
// browser: server/tests/page_basics.rs checks them on both databases.
//
// Pages of one item show the first of the demo data set (the global setup
// loads it; its first comment is on its first idea). A page for signed-in
// people sends a visitor to sign in; it is checked as the participant, and
// the back office as the admin (admin.spec.ts, with the idea under review,
// an idea's benefit plan, staff's edit page of a challenge and the guide
// forms). The author's own edit page is tried by the idea journey, signed
// in as its author. A guide's page shows the demo data set's interview guide;
// a solution card's, the demo data set's first card (made from its tenth
// idea, with public KPIs).
const forStaff = [
  '/ideas/{id}/edit',
  '/challenges/{id}/edit',
  '/ideas/{id}/benefits',
  '/guides/new',
  '/guides/{slug}/edit',
  '/solutions/new',
  '/solutions/{id}/edit',
];
const routes = pageRoutes()
  .filter((route) => !forStaff.includes(route))
  .map((route) => route.replace('{id}', '1').replace('{comment_id}', '1').replace('{slug}', 'intervjuguide'));

test('the route table lists the pages', () => {
  expect(routes).toEqual(
    expect.arrayContaining(['/', '/privacy', '/accessibility', '/guides', '/guides/intervjuguide', '/solutions', '/solutions/1']),
  );
});

for (const route of routes) {
  test(`${route}`, async ({ browser, baseURL, server, request }) => {
    const answer = await request.get(route, { maxRedirects: 0 });
    if (answer.status() !== 303) {
      await checkPageEverywhere(browser, baseURL!, route, undefined);
      return;
    }
    // A visitor is sent to sign in, and back here afterwards.
    expect(answer.headers()['location']).toBe(`/login?return_to=${encodeURIComponent(route)}`);
    if (route.startsWith('/admin')) return; // admin.spec.ts
    await checkPageEverywhere(browser, baseURL!, route, server.participantState);
  });
}

// The sign-in page a visitor is sent to, with where they were going.
test('/login on the way to a page for signed-in people', async ({ browser, baseURL }) => {
  await checkPageEverywhere(browser, baseURL!, `/login?return_to=${encodeURIComponent('/notifications')}`, undefined);
});

// An implemented idea with public KPIs: their charts and tables.
test('/ideas/10, an idea with measured public KPIs', async ({ browser, baseURL }) => {
  await checkPageEverywhere(browser, baseURL!, '/ideas/10', undefined);
});

// A participant's idea page and comment thread carry islands (the support
// buttons) that a visitor does not get.
for (const route of ['/ideas/1', '/ideas/1/comments/1']) {
  test(`${route} as a participant`, async ({ browser, baseURL, server }) => {
    await checkPageEverywhere(browser, baseURL!, route, server.participantState);
  });
}

test('an unknown address gets a translated, accessible 404 page', async ({ page }) => {
  const response = await page.goto('/finnes-ikke');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Fant ikke siden');
  await expectNoAccessibilityViolations(page);
});
