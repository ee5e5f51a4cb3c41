import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/** The province's own settings page on the demo: the posko number the field calls, and the rest hours. */
const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');

let posko: PoskoProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await posko?.stop();
});

async function openAs(login: string, where: string, viewport: { width: number; height: number }): Promise<Page> {
  const [name, value] = (await signInDemo(posko.url, login)).split('=') as [string, string];
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  await page.goto(`${posko.url}${where}`);
  return page;
}

describe('province settings in the browser', () => {
  it('the province coordinator changes the posko number and the rest; a wrong number is refused beside the field', async () => {
    const page = await openAs('koord.kalteng', '/posko/pengaturan', DESKTOP_VIEWPORT);
    const form = page.getByTestId('province-settings');
    const hotline = form.getByLabel('Nomor posko (hotline)');
    expect(await hotline.inputValue()).toBe('+625363221100');
    expect(await form.getByLabel('Masa istirahat setelah kembali (jam)').inputValue()).toBe('12');

    await hotline.fill('telepon kantor');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect
      .poll(() => page.getByTestId('province-hotline-error').textContent())
      .toContain('Nomor posko tidak dikenali');
    expect(await hotline.getAttribute('aria-describedby')).toContain('province-hotline-error');

    await hotline.fill('(0536) 322-1199');
    await form.getByLabel('Masa istirahat setelah kembali (jam)').fill('8');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await expect.poll(() => page.getByTestId('province-settings-message').textContent()).toBe('Pengaturan tersimpan.');
    expect(await page.getByTestId('province-hotline-error').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'province-settings-desktop.png') });

    await page.reload();
    expect(await page.getByLabel('Nomor posko (hotline)').inputValue()).toBe('+625363221199');
    expect(await page.getByLabel('Masa istirahat setelah kembali (jam)').inputValue()).toBe('8');
  });

  it('a kabupaten coordinator reads the settings without a way to change them, on a 360 px phone', async () => {
    const page = await openAs('koord.kapuas', '/posko/pengaturan', PHONE_VIEWPORT);
    const form = page.getByTestId('province-settings');
    expect(await form.getByLabel('Nomor posko (hotline)').isDisabled()).toBe(true);
    expect(await form.getByRole('button', { name: 'Simpan' }).count()).toBe(0);
    expect(await form.textContent()).toContain('Hanya koordinator provinsi yang dapat mengubah pengaturan ini.');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'province-settings-phone.png') });
  });
});
