import { eq } from 'drizzle-orm';
import { provinces } from '../../db/schema';
import { PROVINCE_EVENTS, SetProvinceSettings, type ProvinceSettings } from '../../lib/provinces';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';

/**
 * A province coordinator (or an admin) sets the posko's number and the rest after a deployment. The
 * event carries the new values, so the audit trail shows who changed the number the field calls.
 */
export async function setProvinceSettings({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<ProvinceSettings> {
  const settings = parseInput(SetProvinceSettings, input);
  requireCoordinatorFor(ctx.actor, { provinceCode: settings.provinceCode, regencyCode: null });
  return commitWithEvents(ctx, async (tx) => {
    const [before] = await tx
      .select({ hotline: provinces.hotline, restHours: provinces.restHours })
      .from(provinces)
      .where(eq(provinces.code, settings.provinceCode))
      .for('no key update');
    if (!before) throw new DomainError('NOT_FOUND', `Provinsi dengan kode ${settings.provinceCode} tidak ada.`);
    if (before.hotline === settings.hotline && before.restHours === settings.restHours) {
      return { result: settings, events: [] };
    }
    await tx
      .update(provinces)
      .set({ hotline: settings.hotline, restHours: settings.restHours })
      .where(eq(provinces.code, settings.provinceCode));
    return {
      result: settings,
      events: [
        {
          type: PROVINCE_EVENTS.settingsChanged,
          provinceCode: settings.provinceCode,
          payload: { from: before, to: { hotline: settings.hotline, restHours: settings.restHours } },
        },
      ],
    };
  });
}
