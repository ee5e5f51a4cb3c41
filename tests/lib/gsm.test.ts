import { describe, expect, it } from 'vitest';
import { fitSms, gsm7Length, isGsm7, toGsm7 } from '../../lib/gsm';

describe('GSM-7 texts', () => {
  it('keeps plain Indonesian and GSM-7 letters, and replaces what would force UCS-2', () => {
    expect(toGsm7('Banjir di Kapuas, kumpul 14.05 WIB!')).toBe('Banjir di Kapuas, kumpul 14.05 WIB!');
    expect(toGsm7('“Dapur umum” – café')).toBe('"Dapur umum" - café');
    expect(toGsm7('Kec. Sebangau…')).toBe('Kec. Sebangau...');
    expect(toGsm7('Ōtsuka ç')).toBe('Otsuka c');
    expect(toGsm7('Banjir 🌊 naik')).toBe('Banjir ? naik');
    expect(isGsm7(toGsm7('ąęł 中文 “x” 🌊'))).toBe(true);
  });

  it('counts extension characters as two septets', () => {
    expect(gsm7Length('abc')).toBe(3);
    expect(gsm7Length('[x]')).toBe(5);
    expect(gsm7Length('€')).toBe(2);
  });

  it('fits one SMS: 160 septets at most, cut at a word with ".." where it was cut', () => {
    const long = `TERIMA K7QD. ${'kata '.repeat(60)}`;
    const fitted = fitSms(long);
    expect(gsm7Length(fitted)).toBeLessThanOrEqual(160);
    expect(fitted.startsWith('TERIMA K7QD.')).toBe(true);
    expect(fitted.endsWith('kata..')).toBe(true);
    expect(fitSms('Pendek saja')).toBe('Pendek saja');
    const braces = fitSms('{}'.repeat(100));
    expect(gsm7Length(braces)).toBeLessThanOrEqual(160);
    expect(isGsm7(fitSms('“Tawaran” 🌊 '.repeat(20)))).toBe(true);
  });
});
