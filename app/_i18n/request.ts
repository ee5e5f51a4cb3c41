import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from './config';
import { loadMessages } from './messages';

/** The language of this request: the visitor's choice from the cookie, else Bahasa Indonesia. */
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  return {
    locale,
    messages: await loadMessages(locale),
    // Pages format times in the incident's own province zone; this is only the fallback.
    timeZone: 'Asia/Jakarta',
  };
});
