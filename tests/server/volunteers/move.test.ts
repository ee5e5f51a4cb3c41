import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { VOLUNTEER_EVENTS } from '../../../lib/registry';
import type { Actor } from '../../../server/auth/actor';
import { createVolunteer } from '../../../server/volunteers/create-volunteer';
import { moveVolunteer } from '../../../server/volunteers/move-volunteer';
import { openTestDatabase } from '../../support/database';
import { ACTORS, actingAs, countsOf, domainError, newVolunteer } from '../../support/registry';

let handle: DatabaseHandle;
const as = (actor: Actor) => actingAs(handle, actor);

beforeAll(async () => {
  handle = await openTestDatabase('demo');
});
afterAll(async () => {
  await handle?.close();
});

describe('moveVolunteer', () => {
  it('moves a volunteer across kabupaten of the province: both counts move, the event names the new home and the old', async () => {
    const volunteer = await createVolunteer({
      ctx: as(ACTORS.kalteng),
      input: newVolunteer({ name: 'Agus Pindah', districtCode: '62.03.01', village: 'Selat Hilir' }),
    });
    const [kapuas, palangka] = [await countsOf(handle, '62.03'), await countsOf(handle, '62.71')];

    const ctx = as(ACTORS.kalteng);
    const { volunteer: moved, moved: changed } = await moveVolunteer({
      ctx,
      input: { volunteerId: volunteer.id, regencyCode: '62.71', districtCode: '62.71.01', village: '' },
    });
    expect(changed).toBe(true);
    expect(moved).toMatchObject({ regencyCode: '62.71', districtCode: '62.71.01', village: null });
    expect(ctx.published).toMatchObject([
      {
        type: VOLUNTEER_EVENTS.moved,
        provinceCode: '62',
        regencyCode: '62.71',
        volunteerId: volunteer.id,
        payload: {
          name: 'Agus Pindah',
          from: { provinceCode: '62', regencyCode: '62.03', districtCode: '62.03.01' },
          to: { provinceCode: '62', regencyCode: '62.71', districtCode: '62.71.01' },
        },
      },
    ]);
    expect((await countsOf(handle, '62.03')).available).toBe(kapuas.available - 1);
    expect((await countsOf(handle, '62.71')).available).toBe(palangka.available + 1);

    // The same home again changes nothing and logs nothing.
    const again = as(ACTORS.kalteng);
    const same = await moveVolunteer({
      ctx: again,
      input: { volunteerId: volunteer.id, regencyCode: '62.71', districtCode: '62.71.01' },
    });
    expect(same.moved).toBe(false);
    expect(again.published).toEqual([]);
  });

  it('lets a kabupaten coordinator move only inside its kabupaten, and an admin across provinces', async () => {
    const volunteer = await createVolunteer({ ctx: as(ACTORS.kapuas), input: newVolunteer() });
    const within = await moveVolunteer({
      ctx: as(ACTORS.kapuas),
      input: { volunteerId: volunteer.id, regencyCode: '62.03', districtCode: '62.03.02', village: 'Mandomai' },
    });
    expect(within.volunteer).toMatchObject({ districtCode: '62.03.02', village: 'Mandomai' });
    await domainError(
      moveVolunteer({ ctx: as(ACTORS.kapuas), input: { volunteerId: volunteer.id, regencyCode: '62.71' } }),
      'FORBIDDEN',
    );
    // A province coordinator cannot send someone to another province.
    await domainError(
      moveVolunteer({ ctx: as(ACTORS.kalteng), input: { volunteerId: volunteer.id, regencyCode: '32.08' } }),
      'FORBIDDEN',
    );
    await domainError(
      moveVolunteer({ ctx: as(ACTORS.leader), input: { volunteerId: volunteer.id, regencyCode: '62.03' } }),
      'FORBIDDEN',
    );
    const ctx = as(ACTORS.admin);
    const across = await moveVolunteer({ ctx, input: { volunteerId: volunteer.id, regencyCode: '32.08' } });
    expect(across.volunteer.regencyCode).toBe('32.08');
    expect(ctx.published[0]).toMatchObject({
      provinceCode: '32',
      regencyCode: '32.08',
      payload: { from: { provinceCode: '62', regencyCode: '62.03' } },
    });
  });

  it('refuses a kecamatan of another kabupaten and codes that are not codes', async () => {
    const volunteer = await createVolunteer({ ctx: as(ACTORS.kapuas), input: newVolunteer() });
    const district = await domainError(
      moveVolunteer({
        ctx: as(ACTORS.kalteng),
        input: { volunteerId: volunteer.id, regencyCode: '62.03', districtCode: '62.71.01' },
      }),
      'INVALID',
    );
    expect(district.details?.districtCode).toEqual(['Pilih kecamatan dari daftar kabupaten/kota yang dipilih.']);
    const shape = await domainError(
      moveVolunteer({ ctx: as(ACTORS.kalteng), input: { volunteerId: volunteer.id, regencyCode: 'Kapuas' } }),
      'INVALID',
    );
    expect(shape.details?.regencyCode).toEqual(['Kode kabupaten/kota harus seperti "62.03".']);
  });
});
