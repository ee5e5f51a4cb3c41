import { describe, expect, it } from 'vitest';
import { loadMessages } from '@/app/_i18n/messages';

/** Every key with its ICU placeholders ("nav.map", "userMenu.label {name}"), sorted. */
function shape(messages: unknown, prefix = ''): string[] {
  if (typeof messages === 'string') {
    const placeholders = [...messages.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    return [[prefix, ...new Set(placeholders)].join(' ')];
  }
  return Object.entries(messages as Record<string, unknown>)
    .flatMap(([key, value]) => shape(value, prefix ? `${prefix}.${key}` : key))
    .sort();
}

describe('wording', () => {
  it('has every Indonesian text in English too, with the same placeholders', async () => {
    const [id, en] = await Promise.all([loadMessages('id'), loadMessages('en')]);
    expect(shape(en)).toEqual(shape(id));
  });

  it('has no empty text', async () => {
    for (const locale of ['id', 'en'] as const) {
      const texts = JSON.stringify(await loadMessages(locale));
      expect(texts, locale).not.toMatch(/:\s*"\s*"/);
    }
  });
});
