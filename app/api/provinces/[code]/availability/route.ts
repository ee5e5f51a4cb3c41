import { getAppContext } from '@/server/context';
import { DomainError } from '@/server/errors';
import { respond } from '@/server/http';
import { availabilityByRegency, findProvince } from '@/server/regencies/queries';
import { PROVINCE_CODE } from '@/lib/domain';

/** Public: volunteers per kabupaten/kota by availability and pillar; names nobody. */
export async function GET(_request: Request, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  return respond(async () => {
    const { code } = await params;
    if (!PROVINCE_CODE.test(code)) {
      throw new DomainError('INVALID', `Kode provinsi "${code}" tidak valid: gunakan dua angka, mis. 62.`);
    }
    const { db } = getAppContext();
    if (!(await findProvince(db, code))) throw new DomainError('NOT_FOUND', `Provinsi dengan kode ${code} tidak ada.`);
    const regencies = await availabilityByRegency(db, code);
    return Response.json(
      regencies.map(({ code, name, available, deployed, unavailable, byPillar }) => ({
        code,
        name,
        available,
        deployed,
        unavailable,
        byPillar,
      })),
      { headers: { 'cache-control': 'no-store' } },
    );
  });
}
