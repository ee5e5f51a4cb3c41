import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale } from 'next-intl/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Posko', template: '%s · Posko' },
  description: 'Koordinasi relawan tanggap bencana Dinas Sosial: siapa yang siaga, di mana, saat ini.',
  applicationName: 'Posko',
  // Named here, so browsers stop asking for a /favicon.ico that is not there.
  icons: { icon: { url: '/icons/posko.svg', type: 'image/svg+xml' }, apple: '/icons/posko-192.png' },
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#0b3954',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
