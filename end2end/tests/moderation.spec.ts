import { test, expect } from '../support/fixtures';
import { checkAccessibility } from '../support/checks';
import { asVisitor } from '../support/visitor';

const phone = { width: 320, height: 720 };

// Demo ideas by other people that take comments; each run takes its own.
const ideaFor = { withJs: 11, withoutJs: 13 };

for (const javaScriptEnabled of [true, false]) {
  const idea = javaScriptEnabled ? ideaFor.withJs : ideaFor.withoutJs;

  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled, viewport: phone, signedInAs: 'participant' });

    test('a reported comment is hidden by a moderator, and its author reads why', async ({ page, browser, server }) => {
      test.setTimeout(120_000);
      const marker = `rapport${javaScriptEnabled ? 'js' : 'nojs'}${Date.now().toString(36)}`;
      const reason = `Personopplysninger om en nabo (${marker.slice(-4)})`;

      // The participant comments.
      await page.goto(`/ideas/${idea}`);
      const form = page.locator('form.comment-form').first();
      await form.getByLabel('Din kommentar').fill(`Naboen min ${marker} bor i nummer 4.`);
      await form.getByRole('button', { name: 'Publiser kommentaren' }).click();
      await expect(page.locator('.comment__text', { hasText: marker })).toBeVisible();

      // The admin (who moderates too) reports it, then hides it from the queue.
      const other = await browser.newContext({ storageState: server.adminState, javaScriptEnabled, viewport: phone, locale: 'nb-NO' });
      try {
        const moderator = await other.newPage();
        await moderator.goto(`/ideas/${idea}?comments=newest`);
        const theirs = moderator.locator('li.comment').filter({ hasText: marker }).first();
        await theirs.locator('summary', { hasText: 'Rapporter' }).click();
        await theirs.getByLabel('Personopplysninger').check();
        await theirs.getByRole('button', { name: 'Send rapport' }).click();
        await expect(
          moderator.locator('li.comment').filter({ hasText: marker }).first().getByText('Du har rapportert dette.'),
        ).toBeVisible();

        await moderator.goto('/admin/moderation?waiting=reports');
        await expect(moderator.locator('h1')).toHaveText('Moderering');
        const item = moderator.locator('li.queue-item').filter({ hasText: marker });
        await expect(item).toBeVisible();
        await checkAccessibility(moderator, browser, javaScriptEnabled);
        await item.locator('summary', { hasText: 'Skjul …' }).click();
        await item.getByLabel('Begrunnelse').first().fill(reason);
        await item.getByRole('button', { name: 'Skjul', exact: true }).click();
        await expect(moderator.locator('li.queue-item').filter({ hasText: marker })).toHaveCount(0);
      } finally {
        await other.close();
      }

      // Others see the reason in its place, and nothing of the comment.
      await asVisitor(browser, javaScriptEnabled, async (anonymous) => {
        await anonymous.goto(`/ideas/${idea}?comments=newest`);
        await expect(anonymous.getByText(`Skjult av en moderator: ${reason}`)).toBeVisible();
        await expect(anonymous.getByText(marker)).toHaveCount(0);
      });

      // Its author still reads it, with the reason, and was told.
      await page.goto(`/ideas/${idea}?comments=newest`);
      const mine = page.locator('li.comment').filter({ hasText: marker }).first();
      await expect(mine.getByText(`Skjult av en moderator: ${reason}`)).toBeVisible();
      await expect(mine.getByText('Andre ser bare denne meldingen.')).toBeVisible();
      await checkAccessibility(page, browser, javaScriptEnabled);
      await page.goto('/notifications');
      await expect(page.getByText(`En moderator har skjult kommentaren din på`).first()).toBeVisible();
    });
  });
}
