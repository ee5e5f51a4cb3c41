import { describe, expect, it } from 'vitest';
import { text } from '../../lib/fields';
import { cleanText, visibleLength } from '../../lib/text';

describe('the text rules every contract shares', () => {
  it('stores NFC: a decomposed é is the same as a composed one', () => {
    expect(cleanText('Cafe\u0301 Posko', 'line')).toEqual({ text: 'Café Posko' });
  });

  it('turns a pasted line break into a space in a single-line field, and into LF in a multi-line one', () => {
    expect(cleanText('Banjir\r\nKapuas\t\r\n', 'line')).toEqual({ text: 'Banjir Kapuas' });
    expect(cleanText('Pompa air\r\nMasker\rTenda', 'lines')).toEqual({ text: 'Pompa air\nMasker\nTenda' });
  });

  it('refuses NUL and the other control characters, and half a surrogate pair', () => {
    expect(cleanText('Banjir\u0000', 'line')).toEqual({ problem: 'control' });
    expect(cleanText('a\u001bb', 'lines')).toEqual({ problem: 'control' });
    expect(cleanText('a\u0085b', 'lines')).not.toEqual({ problem: 'control' });
    expect(cleanText('a\u009bb', 'line')).toEqual({ problem: 'control' });
    expect(cleanText('rusak \ud83c', 'line')).toEqual({ problem: 'broken' });
  });

  it('keeps emoji, right-to-left text and joiners inside a word', () => {
    expect(cleanText('Petugas 👩‍🚒 عربى', 'line')).toEqual({ text: 'Petugas 👩‍🚒 عربى' });
  });

  it('does not count invisible characters, and a text of nothing else is empty', () => {
    expect(visibleLength('\u200bab\u200d\u202ec\ufeff')).toBe(3);
    expect(cleanText('\u200b\u200c\u200d\u2060\ufeff\u202e', 'line')).toEqual({ text: '' });
    expect(cleanText('\ufeffBanjir\u200b', 'line')).toEqual({ text: 'Banjir' });
  });

  it('a field names itself in its refusals', () => {
    const title = text('Judul', 10, { min: 5, minError: 'Judul paling sedikit 5 huruf.' });
    expect(title.safeParse('Banjir').data).toBe('Banjir');
    expect(title.safeParse('\u200b\u200b\u200b\u200b\u200bBan').error?.issues[0]?.message).toBe(
      'Judul paling sedikit 5 huruf.',
    );
    expect(title.safeParse('Ban\u0000jir').error?.issues[0]?.message).toMatch(/^Judul berisi karakter kendali/);
    expect(title.safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe('Judul paling banyak 10 huruf.');
    expect(title.safeParse(5).error?.issues[0]?.message).toBe('Judul harus berupa teks.');
  });
});
