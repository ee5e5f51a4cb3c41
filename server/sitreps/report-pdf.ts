import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Chromium is missing: the PDF cannot be made here, but the print page can still be printed. */
export class PdfUnavailable extends Error {
  override name = 'PdfUnavailable';
}

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// One report printed at a time: a Chromium costs about 100 MB, and the office's server is small.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Prints a whole HTML document to an A4 PDF in a headless Chromium that loads nothing else (no
 * scripts, no network): the report's page numbers and office line come from its own @page rules.
 */
export function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    return Promise.reject(new PdfUnavailable(`Chromium not found at ${chromiumPath}`));
  }
  const run = queue.then(async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await browser.close();
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

export const PDF_UNAVAILABLE_MESSAGE =
  'PDF tidak dapat dibuat di server ini (Chromium tidak terpasang). Buka halaman laporan dan cetak dari peramban.';
