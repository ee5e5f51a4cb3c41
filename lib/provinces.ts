import { z } from 'zod';
import { PROVINCE_CODE } from './domain';
import { OBJECT_ERROR } from './fields';
import { normalizePhone } from './phone';

/**
 * A province's own settings: the posko's number, which offers show when no coordinator has a phone on
 * record, and the hours a volunteer rests after coming home before "siaga" comes back by itself.
 */
export const PROVINCE_EVENTS = { settingsChanged: 'province.settings_changed' } as const;

/** The rest after a deployment, in whole hours; 0: back to "siaga" as soon as they are home. */
export const REST_HOURS = { min: 0, max: 72, default: 12 } as const;

export interface ProvinceSettings {
  provinceCode: string;
  /** E.164, e.g. +625363221100 for (0536) 322-1100; null: none. */
  hotline: string | null;
  restHours: number;
}

export const SetProvinceSettings = z.object(
  {
    provinceCode: z
      .string({ error: 'Sebutkan provinsi: kode dua angka, mis. "62".' })
      .regex(PROVINCE_CODE, { error: 'Kode provinsi harus dua angka, mis. "62".' }),
    hotline: z
      .string({ error: 'Nomor posko harus berupa teks, mis. "(0536) 322-1100", atau null.' })
      .max(30, { error: 'Nomor posko paling panjang 30 karakter.' })
      .nullable()
      .transform((value, context) => {
        if (value === null || value.trim() === '') return null;
        const phone = normalizePhone(value.trim());
        if (!phone) {
          context.addIssue({
            code: 'custom',
            message:
              'Nomor posko tidak dikenali: tulis nomor telepon Indonesia, mis. (0536) 322-1100 atau 0812-3456-7890.',
          });
          return z.NEVER;
        }
        return phone;
      }),
    restHours: z
      .number({ error: 'Masa istirahat harus berupa angka jam, mis. 12.' })
      .int({ error: 'Masa istirahat harus angka jam bulat.' })
      .min(REST_HOURS.min, { error: 'Masa istirahat tidak boleh kurang dari 0 jam.' })
      .max(REST_HOURS.max, { error: `Masa istirahat paling lama ${REST_HOURS.max} jam.` }),
  },
  OBJECT_ERROR,
);
export type SetProvinceSettings = z.infer<typeof SetProvinceSettings>;
