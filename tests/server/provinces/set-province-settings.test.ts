import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { events, provinces } from '../../../db/schema';
import { PROVINCE_EVENTS } from '../../../lib/provinces';
import { restEndsAt } from '../../../server/operations/rest-period';
import { provinceSettings } from '../../../server/provinces/queries';
import { setProvinceSettings } from '../../../server/provinces/set-province-settings';
import { coordinatorContacts } from '../../../server/volunteers/contacts';
import { openTestDatabase, testDriver } from '../../support/database';
import { actorContext, actors, expectDomainError } from '../../support/dispatch';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

const settingsEvents = async () =>
  handle.db.select().from(events).where(eq(events.type, PROVINCE_EVENTS.settingsChanged));

describe(`the province's own settings (${testDriver()})`, () => {
  it('a province coordinator sets the posko number as people write it and the rest hours; offers call it, rest follows it', async () => {
    const ctx = actorContext(handle, actors.coordinator('62'));
    const saved = await setProvinceSettings({
      ctx,
      input: { provinceCode: '62', hotline: '(0536) 322-1100', restHours: 8 },
    });
    expect(saved).toEqual({ provinceCode: '62', hotline: '+625363221100', restHours: 8 });
    expect(await provinceSettings(handle.db, '62')).toEqual(saved);
    // No coordinator of Kapuas has a phone on record: the offer's call button dials the posko.
    expect(await coordinatorContacts(handle.db, ['62.03'])).toEqual([
      { regencyCode: '62.03', name: 'Kalimantan Tengah', phone: '+625363221100', kind: 'hotline' },
    ]);
    const now = new Date('2026-12-02T00:00:00Z');
    const restUntil = await handle.db.transaction((tx) => restEndsAt(tx, '62', now));
    expect(restUntil.getTime() - now.getTime()).toBe(8 * 3_600_000);

    const [event] = await settingsEvents();
    expect(event).toMatchObject({
      provinceCode: '62',
      actorId: ctx.actor.userId,
      payload: { from: { hotline: null, restHours: 12 }, to: { hotline: '+625363221100', restHours: 8 } },
    });
    expect(ctx.published.map((row) => row.type)).toEqual([PROVINCE_EVENTS.settingsChanged]);

    // The same values again change nothing and write no event; an empty number clears it.
    await setProvinceSettings({ ctx, input: { provinceCode: '62', hotline: '+62 536 3221100', restHours: 8 } });
    expect(await settingsEvents()).toHaveLength(1);
    await setProvinceSettings({ ctx, input: { provinceCode: '62', hotline: '  ', restHours: 0 } });
    expect(await provinceSettings(handle.db, '62')).toEqual({ provinceCode: '62', hotline: null, restHours: 0 });
    expect(await coordinatorContacts(handle.db, ['62.03'])).toEqual([]);
  });

  it('refuses kabupaten coordinators, other provinces and leaders; an admin may set any province', async () => {
    const input = { provinceCode: '62', hotline: '0536-3221100', restHours: 12 };
    const before = await provinceSettings(handle.db, '62');
    for (const actor of [actors.coordinator('62', '62.03'), actors.coordinator('32'), actors.leader('62')]) {
      await expectDomainError(setProvinceSettings({ ctx: actorContext(handle, actor), input }), 'FORBIDDEN');
    }
    expect(await provinceSettings(handle.db, '62')).toEqual(before);
    const admin = actorContext(handle, actors.admin());
    expect((await setProvinceSettings({ ctx: admin, input: { ...input, provinceCode: '32' } })).hotline).toBe(
      '+625363221100',
    );
    await expectDomainError(setProvinceSettings({ ctx: admin, input: { ...input, provinceCode: '99' } }), 'NOT_FOUND');
  });

  it('says beside the field what is wrong and changes nothing', async () => {
    const ctx = actorContext(handle, actors.coordinator('19'));
    const [before] = await handle.db.select().from(provinces).where(eq(provinces.code, '19'));
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ hotline: 'telepon kantor', restHours: 12 }, 'hotline', /Nomor posko tidak dikenali/],
      [{ hotline: '0812', restHours: 12 }, 'hotline', /Nomor posko tidak dikenali/],
      [{ hotline: 5363221100, restHours: 12 }, 'hotline', /harus berupa teks/],
      [{ hotline: null, restHours: 73 }, 'restHours', /paling lama 72 jam/],
      [{ hotline: null, restHours: -1 }, 'restHours', /tidak boleh kurang dari 0/],
      [{ hotline: null, restHours: 1.5 }, 'restHours', /bulat/],
      [{ hotline: null }, 'restHours', /angka jam/],
    ];
    for (const [fields, field, message] of cases) {
      const error = await expectDomainError(
        setProvinceSettings({ ctx, input: { provinceCode: '19', ...fields } }),
        'INVALID',
      );
      expect(error.details?.[field]?.join(' '), JSON.stringify(fields)).toMatch(message);
    }
    await expectDomainError(setProvinceSettings({ ctx, input: ['19'] }), 'INVALID');
    const [after] = await handle.db.select().from(provinces).where(eq(provinces.code, '19'));
    expect(after).toEqual(before);
    expect(ctx.published).toHaveLength(0);
  });
});
