import type { FIGURE_KEYS } from '../../lib/situation';
import { FIGURE_LABELS, VULNERABLE_KEYS, VULNERABLE_LABELS, type Figures } from '../../lib/situation';
import type { Sitrep } from './queries';
import { DEPLOYED_LABELS, DEPLOYED_STATUSES, type DeployedRow } from './snapshot';

const numbers = new Intl.NumberFormat('id-ID');
const n = (value: number) => numbers.format(value);

/**
 * The report as plain text for a WhatsApp group: *bold* headings, one figure per line, the same numbers
 * as the print page and the PDF. Always in Bahasa Indonesia, like the report itself.
 */
export function sitrepText(sitrep: Sitrep): string {
  const { snapshot, sections } = sitrep;
  const { incident, figures, response } = snapshot;
  const star = (unverified: Figures, key: (typeof FIGURE_KEYS)[number]) => (unverified[key] > 0 ? '*' : '');
  const change = (key: (typeof FIGURE_KEYS)[number]) => {
    const delta = figures.change?.[key];
    return delta ? ` (${delta > 0 ? '+' : '−'}${n(Math.abs(delta))})` : '';
  };
  const figureLine = (key: (typeof FIGURE_KEYS)[number]) =>
    `- ${FIGURE_LABELS[key]}: ${n(figures.totals[key])}${star(figures.unverified, key)}${change(key)}`;
  const deployed = (rows: DeployedRow[]) =>
    rows.length === 0
      ? ['- Tidak ada.']
      : rows.map(
          (row) =>
            `- ${row.name}: ${n(row.total)} (${DEPLOYED_STATUSES.filter((status) => row.byStatus[status] > 0)
              .map((status) => `${DEPLOYED_LABELS[status].toLowerCase()} ${n(row.byStatus[status])}`)
              .join(', ')})`,
        );
  const unverifiedPlaces = figures.byDistrict.reduce(
    (sum, district) => sum + district.places.filter((place) => place.status === 'unverified').length,
    0,
  );

  const lines = [
    `*${snapshot.office.toUpperCase()}*`,
    `*LAPORAN SITUASI NO. ${sitrep.number}*`,
    `${incident.title}`,
    `Per ${snapshot.issuedAtText}`,
    '',
    '*1. Kejadian*',
    `Jenis: ${incident.type}; tingkat ${incident.severity}/5; tahap ${incident.phase}`,
    `Waktu: ${incident.occurredAtText}`,
    `Lokasi: ${[incident.districtName ? `Kec. ${incident.districtName}` : null, incident.regencyName, incident.provinceName].filter(Boolean).join(', ')}`,
    `Penyebab: ${sections.cause ?? '—'}`,
    '',
    '*2. Korban jiwa*',
    ...(['dead', 'missing', 'injuredSevere', 'injuredLight'] as const).map(figureLine),
    '',
    '*3. Pengungsi*',
    figureLine('displacedFamilies'),
    figureLine('displacedPeople'),
    ...figures.byDistrict.map(
      (district) =>
        `  Kec. ${district.districtName}: ${n(district.totals.displacedFamilies)} KK / ${n(district.totals.displacedPeople)} jiwa`,
    ),
    `Kelompok rentan: ${VULNERABLE_KEYS.map((key) => `${VULNERABLE_LABELS[key].toLowerCase()} ${n(figures.vulnerable[key])}`).join(', ')}`,
    '',
    '*4. Kerusakan rumah*',
    ...(['housesHeavy', 'housesModerate', 'housesLight', 'housesFlooded'] as const).map(figureLine),
    '',
    '*5. Penanganan*',
    `Posko: ${sections.posko ?? '—'}`,
    `Dapur umum: ${sections.kitchen ?? '—'}`,
    `Relawan dikerahkan: ${n(response.total)}`,
    'Per pilar:',
    ...deployed(response.byPillar),
    'Per kabupaten/kota asal:',
    ...deployed(response.byRegency),
    `Permintaan belum terpenuhi: ${response.openRequests.length === 0 ? 'tidak ada' : ''}`,
    ...response.openRequests.map(
      (r) => `- ${r.pillars} dari ${r.sources}: ${n(r.accepted)}/${n(r.slots)}, batas ${r.deadlineText}`,
    ),
    '',
    '*6. Bantuan* (dibutuhkan / diterima / disalurkan / persediaan / kekurangan)',
    ...(sections.aid.length === 0
      ? ['- Tidak ada.']
      : sections.aid.map(
          (row) =>
            `- ${row.item}${row.unit ? ` (${row.unit})` : ''}: ${n(row.needed)} / ${n(row.received)} / ${n(row.distributed)} / ${n(row.inStock)} / ${n(row.shortfall)}`,
        )),
    '',
    '*7. Kendala*',
    sections.obstacles ?? 'Tidak ada.',
    '',
    '*8. Kebutuhan mendesak*',
    ...(sections.urgentNeeds.length === 0
      ? ['Tidak ada.']
      : sections.urgentNeeds.map((need, i) => `${i + 1}. ${need}`)),
    '',
    '*9. Rencana tindak lanjut*',
    sections.followUp ?? 'Tidak ada.',
  ];
  if (unverifiedPlaces > 0) lines.push('', `* belum diverifikasi koordinator (${unverifiedPlaces} tempat).`);
  lines.push('', `Dikeluarkan oleh ${sitrep.issuedBy}`);
  return lines.join('\n');
}
