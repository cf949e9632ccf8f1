import { test, expect } from '../support/fixtures';
import { press } from '../support/keyboard';
import { languages, type Language } from '../support/server';
import { asVisitor } from '../support/visitor';

// One shared goal across departments (focus area 3), by keyboard alone, on a
// phone, with and without JavaScript: an admin adds a goal in three
// languages, staff link an idea in the pipeline to it, the board narrows to
// the goal's ideas, and a signed-out reader finds the goal on the idea's page
// in each language. What the rules refuse (retired goals, ideas before
// review, other roles) the integration tests check
// (server/tests/integration/goals.rs).

// Demo ideas in the pipeline that no other journey moves or links: one per
// mode, since both run at once. A retry links its own new goal to the same idea.
const ideaFor = { withJs: 25, withoutJs: 9 };
const phone = { width: 320, height: 720 };

test.use({ viewport: phone, signedInAs: 'admin' });

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('an admin adds a shared goal, staff link an idea to it, the board narrows to it, and readers see it in their language', async ({ page, browser, baseURL }, testInfo) => {
      test.setTimeout(90_000);
      const idea = javaScriptEnabled ? ideaFor.withJs : ideaFor.withoutJs;
      const run = `${javaScriptEnabled ? 'js' : 'nojs'} ${testInfo.retry}`;
      const names: Record<Language, string> = {
        nb: `Kortere ventetid i helsestasjonen (${run})`,
        nn: `Kortare ventetid på helsestasjonen (${run})`,
        en: `Shorter waits at the health clinic (${run})`,
      };

      // The goal, in three languages.
      await page.goto('/admin/goals');
      const add = page.locator('section.goals__add');
      await add.getByLabel('Navn på bokmål').fill(names.nb);
      await add.getByLabel('Navn på nynorsk').fill(names.nn);
      await add.getByLabel('Navn på engelsk').fill(names.en);
      await add.getByLabel('Beskrivelse på bokmål').fill('Færre dager fra bestilling til time.');
      await press(page, 'Legg til', add);
      await expect(page.getByRole('heading', { level: 3, name: names.nb })).toBeVisible();

      // The idea works towards it, chosen on its page by the staff.
      await page.goto(`/ideas/${idea}`);
      const goals = page.locator('#goals');
      const box = goals.getByRole('checkbox', { name: names.nb });
      await box.focus();
      await page.keyboard.press('Space');
      await expect(box).toBeChecked();
      await press(page, 'Lagre målene', goals);
      await expect(page.locator('#goals').getByRole('checkbox', { name: names.nb })).toBeChecked();
      await expect(page.locator('.goal-list')).toContainText(names.nb);

      // The board shows the goal's one idea and no others.
      await page.goto('/admin/pipeline');
      const cards = page.locator('li.board-card');
      expect(await cards.count()).toBeGreaterThan(1);
      await page.getByLabel('Mål', { exact: true }).selectOption({ label: names.nb });
      await press(page, 'Vis');
      await expect(page).toHaveURL(/goal=\d+/);
      await expect(page.locator(`#card-${idea}`)).toBeVisible();
      await expect(cards).toHaveCount(1);

      // Everyone reads it on the idea's page, in their own language.
      for (const language of languages) {
        await asVisitor(browser, javaScriptEnabled, async (reader) => {
          await reader.context().addCookies([{ name: 'samskap_lang', value: language, url: baseURL! }]);
          await reader.goto(`/ideas/${idea}`);
          await expect(reader.locator('.goal-list')).toContainText(names[language]);
        });
      }
    });
  });
}
