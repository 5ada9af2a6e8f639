/**
 * Filling form fields as a user does. Setting an input's DOM value without its events leaves a
 * controlled input's state at the old text; the next re-render (Preact restores `value` from state)
 * puts the old text back, and typed text is then appended to it. Clearing fires input and change.
 */
import type { Page } from 'puppeteer';

export async function clearField(page: Page, selector: string): Promise<void> {
  await page.$eval(selector, (el) => {
    (el as HTMLInputElement).value = '';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Clear the field, type `text` into it, then commit it with a change event (for fields read on change). */
export async function fillField(page: Page, selector: string, text: string): Promise<void> {
  await clearField(page, selector);
  await page.type(selector, text);
  await page.$eval(selector, (el) => el.dispatchEvent(new Event('change', { bubbles: true })));
}
