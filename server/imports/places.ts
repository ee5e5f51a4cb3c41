import { asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { districts, pillars, provinces, regencies, trainings } from '../../db/schema';
import { certificateValidUntil, dayIn } from '../../lib/trainings';

/**
 * The names a spreadsheet may use for the import's kabupaten/kota, kecamatan, pillars and trainings, matched
 * forgivingly (case, "Kab."/"Kabupaten"/"Kota", spaces, punctuation, old spellings) but never guessed:
 * a name that fits none, or more than one, is the row's error.
 */

/** "Kab. Kotawaringin  Barat" → "kotawaringinbarat"; old spellings (dj, tj, oe) as today's. */
function placeKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/oe/g, 'u')
    .replace(/[^a-z0-9]/g, '');
}

const REGENCY_PREFIX = /^\s*(kabupaten|kab\.?|kotamadya|kota\s+administrasi|kota\.?|kodya)\s*/i;
const DISTRICT_PREFIX = /^\s*(kecamatan|kec\.?)\s+/i;

export interface PlaceRegency {
  code: string;
  name: string;
  kind: 'kabupaten' | 'kota';
}

/** A completed training of the catalogue as a row records it: the certificate dates follow from the training. */
export interface ImportTraining {
  id: string;
  name: string;
  completedOn: string;
  validUntil: string | null;
}

export interface ImportPlaces {
  provinceCode: string;
  provinceName: string;
  regencies: PlaceRegency[];
  districtsByRegency: Map<string, { code: string; name: string }[]>;
  pillars: { code: string; name: string }[];
  /** The province's trainings (and national ones), newest first. */
  trainings: { id: string; name: string }[];
  /** The regency's code for a name or code, or why it fits none. */
  regency(text: string): { code: string } | { error: string };
  district(regencyCode: string, text: string): { code: string } | { error: string };
  pillar(text: string): { code: string } | { error: string };
  /** A training of the catalogue by its name, finished by today; or why it fits none. */
  training(text: string): { training: ImportTraining } | { error: string };
}

export async function loadImportPlaces(db: Executor, provinceCode: string, now = new Date()): Promise<ImportPlaces> {
  const [province] = await db.select().from(provinces).where(eq(provinces.code, provinceCode)).limit(1);
  const regencyRows = await db
    .select({ code: regencies.code, name: regencies.name, shortName: regencies.shortName, kind: regencies.kind })
    .from(regencies)
    .where(eq(regencies.provinceCode, provinceCode))
    .orderBy(asc(regencies.code));
  const districtRows =
    regencyRows.length === 0
      ? []
      : await db
          .select()
          .from(districts)
          .where(
            inArray(
              districts.regencyCode,
              regencyRows.map((row) => row.code),
            ),
          )
          .orderBy(asc(districts.code));
  const pillarRows = await db
    .select({ code: pillars.code, name: pillars.name })
    .from(pillars)
    .where(or(isNull(pillars.provinceCode), eq(pillars.provinceCode, provinceCode)))
    .orderBy(asc(pillars.sortOrder), asc(pillars.code));

  const trainingRows = await db
    .select({
      id: trainings.id,
      name: trainings.name,
      endsOn: trainings.endsOn,
      validMonths: trainings.validMonths,
    })
    .from(trainings)
    .where(or(eq(trainings.provinceCode, provinceCode), isNull(trainings.provinceCode)))
    .orderBy(desc(trainings.startsOn), asc(trainings.name));
  const trainingKeys = new Map<string, typeof trainingRows>();
  for (const row of trainingRows) {
    const key = placeKey(row.name);
    trainingKeys.set(key, [...(trainingKeys.get(key) ?? []), row]);
  }
  const today = dayIn(now, province?.timeZone ?? 'Asia/Jakarta');

  const regencyByKey = new Map<string, typeof regencyRows>();
  for (const row of regencyRows) {
    const key = placeKey(row.shortName);
    regencyByKey.set(key, [...(regencyByKey.get(key) ?? []), row]);
  }
  const districtsByRegency = new Map<string, { code: string; name: string }[]>();
  const districtKeys = new Map<string, Map<string, string[]>>();
  for (const row of districtRows) {
    districtsByRegency.set(row.regencyCode, [...(districtsByRegency.get(row.regencyCode) ?? []), row]);
    const keys = districtKeys.get(row.regencyCode) ?? new Map<string, string[]>();
    const key = placeKey(row.name);
    keys.set(key, [...(keys.get(key) ?? []), row.code]);
    districtKeys.set(row.regencyCode, keys);
  }
  const pillarKeys = new Map<string, string>();
  for (const pillar of pillarRows) {
    const names = [pillar.code, pillar.name, ...pillar.name.split('/'), pillar.name.replace(/^pendamping\s+/i, '')];
    for (const name of names) pillarKeys.set(placeKey(name), pillar.code);
  }
  const provinceName = province?.name ?? provinceCode;

  return {
    provinceCode,
    provinceName,
    regencies: regencyRows.map(({ code, name, kind }) => ({ code, name, kind })),
    districtsByRegency,
    pillars: pillarRows,
    trainings: trainingRows.map(({ id, name }) => ({ id, name })),
    regency(text) {
      const trimmed = text.trim();
      const byCode = regencyRows.find((row) => row.code === trimmed);
      if (byCode) return { code: byCode.code };
      const prefix = REGENCY_PREFIX.exec(trimmed)?.[1]?.toLowerCase() ?? '';
      const kind = prefix.startsWith('kota') || prefix === 'kodya' ? 'kota' : prefix ? 'kabupaten' : null;
      const found = regencyByKey.get(placeKey(trimmed.replace(REGENCY_PREFIX, ''))) ?? [];
      const fitting = kind ? found.filter((row) => row.kind === kind) : found;
      if (fitting.length === 1) return { code: fitting[0]!.code };
      if (fitting.length > 1) {
        return {
          error: `'${trimmed}' bisa ${fitting.map((row) => row.name).join(' atau ')}; tulis "Kabupaten" atau "Kota" di depannya.`,
        };
      }
      return { error: `'${trimmed}' bukan kabupaten/kota di ${provinceName}.` };
    },
    district(regencyCode, text) {
      const trimmed = text.trim();
      const list = districtsByRegency.get(regencyCode) ?? [];
      const byCode = list.find((row) => row.code === trimmed);
      if (byCode) return { code: byCode.code };
      const codes = districtKeys.get(regencyCode)?.get(placeKey(trimmed.replace(DISTRICT_PREFIX, ''))) ?? [];
      if (codes.length === 1) return { code: codes[0]! };
      const regency = regencyRows.find((row) => row.code === regencyCode);
      return { error: `'${trimmed}' bukan kecamatan di ${regency?.name ?? regencyCode}.` };
    },
    pillar(text) {
      const code = pillarKeys.get(placeKey(text));
      if (code) return { code };
      return {
        error: `'${text.trim()}' bukan pilar yang dikenal; pilih salah satu: ${pillarRows.map((row) => row.name).join(', ')}.`,
      };
    },
    training(text) {
      const trimmed = text.trim();
      const found = trainingKeys.get(placeKey(trimmed)) ?? [];
      if (found.length > 1) {
        return {
          error: `Ada ${found.length} pelatihan bernama '${trimmed}' di katalog; beri nama yang berbeda di halaman Pelatihan dulu.`,
        };
      }
      const row = found[0];
      if (!row) {
        return {
          error: `'${trimmed}' tidak ada di katalog pelatihan ${provinceName}; tulis namanya seperti di halaman Pelatihan, atau tambahkan pelatihannya dulu.`,
        };
      }
      if (row.endsOn > today) {
        return { error: `Pelatihan '${row.name}' baru selesai ${row.endsOn}; catat pesertanya setelah itu.` };
      }
      const completedOn = row.endsOn;
      return {
        training: {
          id: row.id,
          name: row.name,
          completedOn,
          validUntil: certificateValidUntil({ completedOn }, row.validMonths),
        },
      };
    },
  };
}
