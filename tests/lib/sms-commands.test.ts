import { describe, expect, it } from 'vitest';
import { parseTextCommand } from '../../lib/sms-commands';

describe('text commands', () => {
  it.each([
    ['TERIMA K7QD', { kind: 'accept', code: 'K7QD' }],
    ['terima k7qd', { kind: 'accept', code: 'K7QD' }],
    ['  Terima   K7QD  ', { kind: 'accept', code: 'K7QD' }],
    ['TERIMA: K7QD!', { kind: 'accept', code: 'K7QD' }],
    ['terima,k7qd.', { kind: 'accept', code: 'K7QD' }],
    ['TERIMA K7-QD', { kind: 'accept', code: 'K7QD' }],
    ['TERIMA K7 QD', { kind: 'accept', code: 'K7QD' }],
    ['TERIMAK7QD', { kind: 'accept', code: 'K7QD' }],
    ['terima', { kind: 'accept', code: null }],
    ['ya', { kind: 'accept', code: null }],
    ['TERIMA K7', { kind: 'accept', code: null }],
  ])('%j accepts', (text, expected) => {
    expect(parseTextCommand(text)).toEqual(expected);
  });

  it.each([
    ['TOLAK K7QD', { kind: 'decline', code: 'K7QD', reason: null }],
    ['tolak k7qd sedang sakit', { kind: 'decline', code: 'K7QD', reason: 'sedang sakit' }],
    ['Tolak: K7QD - anak sakit, maaf', { kind: 'decline', code: 'K7QD', reason: 'anak sakit, maaf' }],
    ['TOLAK,K7QD,jauh', { kind: 'decline', code: 'K7QD', reason: 'jauh' }],
    ['TOLAKK7QD jauh', { kind: 'decline', code: 'K7QD', reason: 'jauh' }],
    ['tolak', { kind: 'decline', code: null, reason: null }],
  ])('%j declines', (text, expected) => {
    expect(parseTextCommand(text)).toEqual(expected);
  });

  it.each([
    ['BERANGKAT K7QD', 'en_route', 'K7QD'],
    ['otw k7qd', 'en_route', 'K7QD'],
    ['OTW', 'en_route', null],
    ['Tiba. K7QD', 'on_site', 'K7QD'],
    ['sampai k7qd', 'on_site', 'K7QD'],
    ['SELESAI k7qd!!', 'completed', 'K7QD'],
    ['selesai', 'completed', null],
  ])('%j reports a step', (text, step, code) => {
    expect(parseTextCommand(text)).toEqual({ kind: 'report', step, code });
  });

  it.each([
    ['SIAGA', { kind: 'availability', availability: 'available' }],
    ['siaga.', { kind: 'availability', availability: 'available' }],
    ['TIDAK SIAGA', { kind: 'availability', availability: 'unavailable' }],
    ['tidak   siaga', { kind: 'availability', availability: 'unavailable' }],
    ['Tdk siaga!', { kind: 'availability', availability: 'unavailable' }],
    ['TIDAKSIAGA', { kind: 'availability', availability: 'unavailable' }],
    ['status', { kind: 'status' }],
    ['STATUS?', { kind: 'status' }],
    ['bantu', { kind: 'help' }],
    ['BANTU!', { kind: 'help' }],
    ['sms selalu', { kind: 'preference', mode: 'always' }],
    ['SMS CADANGAN', { kind: 'preference', mode: 'fallback' }],
    ['HADIR', { kind: 'present', note: null }],
    ['hadir!', { kind: 'present', note: null }],
    ['Hadir semua sehat', { kind: 'present', note: 'semua sehat' }],
  ])('%j', (text, expected) => {
    expect(parseTextCommand(text)).toEqual(expected);
  });

  it('keeps the note of AMAN and BANTUAN as typed, and tells BANTUAN from BANTU', () => {
    expect(parseTextCommand('AMAN')).toEqual({ kind: 'safe', note: null });
    expect(parseTextCommand('aman, posisi di posko 2')).toEqual({ kind: 'safe', note: 'posisi di posko 2' });
    expect(parseTextCommand('BANTUAN air naik cepat')).toEqual({ kind: 'needHelp', note: 'air naik cepat' });
    expect(parseTextCommand('bantuan')).toEqual({ kind: 'needHelp', note: null });
  });

  it('reads unknown words as unknown, with the word, and an empty text as unknown without one', () => {
    expect(parseTextCommand('halo pak')).toEqual({ kind: 'unknown', word: 'HALO' });
    expect(parseTextCommand('TIDAK')).toEqual({ kind: 'unknown', word: 'TIDAK' });
    expect(parseTextCommand('SMS')).toEqual({ kind: 'unknown', word: 'SMS' });
    expect(parseTextCommand('')).toEqual({ kind: 'unknown', word: null });
    expect(parseTextCommand('?!...')).toEqual({ kind: 'unknown', word: null });
    expect(parseTextCommand('🙏')).toEqual({ kind: 'unknown', word: null });
  });
});
