import { test, expect, type Page } from '../support/fixtures';
import { checkAccessibility } from '../support/checks';

// A resident's browsing, as every project runs it (on SQLite too): the
// lists page by page in every order, an idea with its comments, a challenge
// with its ideas. The demo data set has over 40 active ideas, three pages.
test.use({ javaScriptEnabled: false, viewport: { width: 320, height: 720 } });

/** The ids of the ideas on this page of a list. */
async function listedIdeas(page: Page): Promise<number[]> {
  const links = page.locator('.idea-list .idea-card__link');
  const hrefs = await links.evaluateAll((found) => found.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => Number(href.split('/').pop()));
}

/**
 * Sends the sort form or follows "more", and waits for the page it leads to:
 * without JavaScript each is a new page, and read too early the list would
 * be the old page's, or none while the new one loads.
 */
async function goOn(page: Page, act: () => Promise<void>): Promise<void> {
  const before = page.url();
  await act();
  await page.waitForURL((url) => url.href !== before);
}

test('a visitor pages through the ideas in every order, and reads an idea and a challenge', { tag: '@resident' }, async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await page.getByRole('link', { name: 'Idéer', exact: true }).first().click();
  await expect(page.locator('h1')).toHaveText('Idéer');

  for (const sort of ['Nyeste', 'Mest støttet', 'Populære nå', 'Mest diskutert']) {
    await page.getByLabel('Sorter etter').selectOption({ label: sort });
    await goOn(page, () => page.getByRole('button', { name: 'Vis idéer' }).click());
    const seen: number[] = [];
    for (let shown = 1; ; shown++) {
      const ideas = await listedIdeas(page);
      expect(ideas.length, `${sort}, page ${shown}`).toBeGreaterThan(0);
      seen.push(...ideas);
      const next = page.getByRole('link', { name: 'Flere idéer' });
      if ((await next.count()) === 0) break;
      expect(shown, `${sort}: the pager ends`).toBeLessThan(6);
      await goOn(page, () => next.click());
      if (sort === 'Nyeste' && shown === 1) await checkAccessibility(page, browser, false);
    }
    // Newest first is the one order that supports and comments made side by
    // side cannot change: each idea comes exactly once.
    if (sort === 'Nyeste') expect(seen.length, 'no idea twice').toBe(new Set(seen).size);
    expect(new Set(seen).size, `${sort}: every active idea`).toBeGreaterThanOrEqual(40);
    await expect(page.getByLabel('Sorter etter').locator('option:checked')).toHaveText(sort);
  }

  // The first idea of the demo data set has six comments, oldest first, or newest.
  await page.goto('/ideas/1');
  await expect(page.getByRole('heading', { name: 'Kommentarer (6)' })).toBeVisible();
  const comments = page.locator('li.comment .comment__text');
  await expect(comments).toHaveCount(6);
  const oldestFirst = await comments.allInnerTexts();
  await page.getByRole('link', { name: 'Nyeste først' }).click();
  await expect(page).toHaveURL(/comments=newest/);
  await expect(page.getByRole('link', { name: 'Nyeste først' })).toHaveAttribute('aria-current', 'true');
  await expect(comments).toHaveCount(6);
  expect(new Set(await comments.allInnerTexts())).toEqual(new Set(oldestFirst));

  // A challenge lists the ideas sent to it; each leads back to its challenge.
  const challenge = 'Hvordan får vi flere til å sykle til og fra jobb på Fornebu?';
  await page.getByRole('link', { name: 'Utfordringer', exact: true }).first().click();
  await page.getByRole('link', { name: challenge }).click();
  await expect(page.locator('h1')).toHaveText(challenge);
  await expect(page.getByRole('heading', { name: 'Idéer til utfordringen' })).toBeVisible();
  const ideaOfIt = page.locator('.idea-card__link').first();
  const title = await ideaOfIt.innerText();
  await ideaOfIt.click();
  await expect(page.locator('h1')).toHaveText(title);
  await expect(page.getByRole('link', { name: challenge })).toBeVisible();
  await checkAccessibility(page, browser, false);
});
