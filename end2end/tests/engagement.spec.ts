import { test, expect, type Page } from '../support/fixtures';
import { checkAccessibility, expectAccessibleWithoutScripts, expectHydrated } from '../support/checks';
import { participant } from '../support/global-setup';
import { linkFromEmail } from '../support/mail';

const phone = { width: 320, height: 720 };

// Demo ideas by other people (the demo data set loads them in this order).
// The two runs below go side by side, so each takes its own ideas; each try
// supports an idea of its own, so a retry never finds the first try's support.
const ideas = {
  withJs: { support: [3, 43], discuss: 8 },
  withoutJs: { support: [6, 44], discuss: 7 },
};

/** The number in "12 støtter" of the idea's support area. */
async function supportCount(page: Page): Promise<number> {
  const text = await page.locator('#support .support-toggle__count').innerText();
  return Number.parseInt(text, 10);
}

for (const javaScriptEnabled of [true, false]) {
  const mine = javaScriptEnabled ? ideas.withJs : ideas.withoutJs;

  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled, viewport: phone, signedInAs: 'participant' });
    // Residents' journeys, run on SQLite too: a support with JavaScript (the
    // island asks the server itself), a comment thread without.
    const supportTag = javaScriptEnabled ? ['@resident'] : [];
    const commentTag = javaScriptEnabled ? [] : ['@resident'];

    test('support an idea and take the support back', { tag: supportTag }, async ({ page, browser }, testInfo) => {
      const idea = mine.support[testInfo.retry];
      await page.goto(`/ideas/${idea}`);
      const before = await supportCount(page);
      const support = page.getByRole('button', { name: 'Støtt idéen' });
      await expect(support).toBeVisible();
      if (javaScriptEnabled) {
        await expectHydrated(page);
        // The button works in place: no new page (the marker survives) and
        // no jump (the scroll position stays).
        await support.scrollIntoViewIfNeeded();
        await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
        const scrolled = await page.evaluate(() => window.scrollY);
        await support.click();
        await expect(page.getByRole('button', { name: 'Trekk støtten' })).toBeVisible();
        expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
        expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
      } else {
        await support.click();
        // The page comes back at the support button.
        await expect(page).toHaveURL(new RegExp(`/ideas/${idea}#support$`));
        await expect(page.getByRole('button', { name: 'Trekk støtten' })).toBeVisible();
      }
      await expect(page.locator('#support .support-toggle__count')).toHaveText(`${before + 1} støtter`);
      // It holds on the next visit, and supporting followed the idea.
      await page.reload();
      await expect(page.getByRole('button', { name: 'Trekk støtten' })).toBeVisible();
      await expect(page.getByRole('button', { name: /^Slutt å følge/ })).toBeVisible();
      await checkAccessibility(page, browser, javaScriptEnabled);

      await page.getByRole('button', { name: 'Trekk støtten' }).click();
      await expect(page.getByRole('button', { name: 'Støtt idéen' })).toBeVisible();
      await expect(page.locator('#support .support-toggle__count')).toHaveText(`${before} støtter`);
    });

    test('reply to a comment, see the notification, unsubscribe from the email', { tag: commentTag }, async ({ page, browser, server }) => {
      test.setTimeout(120_000);
      const marker = `benk${javaScriptEnabled ? 'js' : 'nojs'}${Date.now().toString(36)}`;
      await page.goto(`/ideas/${mine.discuss}`);
      const title = await page.locator('h1').innerText();
      // The idea's own comment form comes first; each comment has a reply form of its own.
      const form = page.locator('form.comment-form').first();
      await form.getByLabel('Din kommentar').fill(`Hva med en benk ved ${marker}?`);
      await form.getByLabel('Ditt standpunkt (valgfritt)').selectOption('for');
      await form.getByRole('button', { name: 'Publiser kommentaren' }).click();
      const mineComment = page.locator('li.comment').filter({ hasText: marker });
      await expect(mineComment).toBeVisible();
      await expect(mineComment.locator('.stance-badge')).toHaveText('For');
      await checkAccessibility(page, browser, javaScriptEnabled);

      // Someone else replies: the admin, signed in in a browser of their own.
      const other = await browser.newContext({ storageState: server.adminState, javaScriptEnabled, viewport: phone, locale: 'nb-NO' });
      try {
        const adminPage = await other.newPage();
        await adminPage.goto(`/ideas/${mine.discuss}?comments=newest`);
        const theirs = adminPage.locator('li.comment').filter({ hasText: marker }).first();
        await theirs.getByText('Svar', { exact: true }).click();
        await theirs.getByLabel('Ditt svar').fill(`Godt forslag om ${marker}, vi ser på det.`);
        await theirs.getByRole('button', { name: 'Publiser svaret' }).click();
        await expect(adminPage.locator('.comment__text', { hasText: `Godt forslag om ${marker}` })).toBeVisible();
      } finally {
        await other.close();
      }

      // The header counts it; the list says who replied to what.
      await page.goto('/ideas');
      const bell = page.getByRole('link', { name: /Varsler/ });
      await expect(bell.locator('.unread-count')).toBeVisible();
      await bell.click();
      await expect(page.locator('h1')).toHaveText('Varsler');
      const notification = page.getByRole('link', { name: `Kari Admin svarte på kommentaren din til «${title}».` }).first();
      await expect(notification).toBeVisible();
      await checkAccessibility(page, browser, javaScriptEnabled);
      await notification.click();
      await expect(page.locator('.comment__text', { hasText: `Godt forslag om ${marker}` })).toBeVisible();

      if (javaScriptEnabled) return;
      // The email came too, with a link that works signed out. (Once: the
      // run with JavaScript goes side by side and keeps its emails on.)
      const link = await linkFromEmail(server, participant.email, '/unsubscribe');
      const signedOut = await browser.newContext({ javaScriptEnabled: false, viewport: phone, locale: 'nb-NO' });
      try {
        const unsubscribe = await signedOut.newPage();
        await unsubscribe.goto(link);
        await expect(unsubscribe.locator('h1')).toHaveText('Slutt å få varsler på e-post');
        await expect(unsubscribe.getByText('s•••@example.no')).toBeVisible();
        await expectAccessibleWithoutScripts(browser, unsubscribe.url(), { viewport: phone, cookies: [] });
        await unsubscribe.getByRole('button', { name: 'Ja, slutt å sende meg varsler' }).click();
        await expect(unsubscribe.getByRole('status')).toContainText('Vi sender ikke flere varsler på e-post');
      } finally {
        await signedOut.close();
      }
      // Back on: the choice is the person's own, on /notifications.
      await page.goto('/notifications');
      await expect(page.getByLabel('Aldri')).toBeChecked();
      await page.getByLabel('Med en gang').check();
      await page.getByRole('button', { name: 'Lagre valget' }).click();
      await expect(page.getByText('Valget ditt er lagret.')).toBeVisible();
      await expect(page.getByLabel('Med en gang')).toBeChecked();
    });
  });
}
