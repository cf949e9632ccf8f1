import { test, expect } from '../support/fixtures';
import { expectHydrated } from '../support/checks';

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled, viewport: { width: 320, height: 640 } });

    test('the language switch changes the language and stays on the page', async ({ page }) => {
      await page.goto('/privacy');
      if (javaScriptEnabled) await expectHydrated(page);
      await expect(page.locator('h1')).toHaveText('Personvernerklæring');

      await page.getByRole('button', { name: 'English' }).click();
      await expect(page).toHaveURL(/\/privacy\??$/);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await expect(page.locator('h1')).toHaveText('Privacy statement');
      await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-current', 'true');

      await page.getByRole('button', { name: 'Nynorsk' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'nn');
      await expect(page.locator('h1')).toHaveText('Personvernerklæring');
      await expect(page.getByRole('link', { name: 'Framsida' })).toBeVisible();

      // The choice is remembered on the next page.
      await page.getByRole('link', { name: 'Tilgjenge' }).click();
      await expect(page.locator('h1')).toHaveText('Tilgjengeerklæring');
    });
  });
}

test('a keyboard user can skip to the content and reach every control', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Hopp til hovedinnholdet' });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);

  // Tabbing onwards reaches the language buttons, each with a visible focus ring.
  await page.goto('/');
  const seen: string[] = [];
  // Through the whole page: the header, the home page's cards, the footer.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      // Past the last control focus returns to the document itself.
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { text: el.textContent?.trim() ?? '', outline: style.outlineStyle };
    });
    if (!focused) break;
    seen.push(focused.text);
    expect(focused.outline, `focus is visible on "${focused.text}"`).not.toBe('none');
  }
  expect(seen).toEqual(
    expect.arrayContaining(['Forside', 'Bokmål', 'Nynorsk', 'English', 'Personvern', 'Tilgjengelighet']),
  );
});
