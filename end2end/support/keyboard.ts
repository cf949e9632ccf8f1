import type { Locator, Page } from '@playwright/test';

/** Presses a button from the keyboard, as someone without a mouse does. */
export async function press(page: Page, name: string | RegExp, within: Locator = page.locator('body')): Promise<void> {
  const button = within.getByRole('button', { name, exact: typeof name === 'string' });
  await button.focus();
  await page.keyboard.press('Enter');
}
