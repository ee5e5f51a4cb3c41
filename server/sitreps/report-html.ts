import { createTranslator } from 'use-intl/core';
import type idSituation from '../../lib/messages/id/situation.json';
import { VULNERABLE_KEYS, type FigureKey, type Figures } from '../../lib/situation';
import { DEPLOYED_STATUSES, type DeployedRow } from './snapshot';
import type { Sitrep } from './queries';

/** The report's labels in one language (lib/messages/{id,en}/situation.json → report). */
export type ReportLabels = (typeof idSituation)['report'];

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
type Templated = 'title' | 'issued' | 'unverifiedNote' | 'issuedBy';
/**
 * A label with placeholders, formatted as the pages format their wording: inside the pages' bundle the
 * messages arrive precompiled (next-intl's `precompile`), so a template is not always a string.
 */
const fill = (labels: ReportLabels, key: Templated, values: Record<string, string | number>, numberLocale = 'id-ID') =>
  createTranslator({
    locale: numberLocale.startsWith('en') ? 'en' : 'id',
    messages: { report: labels },
    namespace: 'report',
  })(key, values);
const paragraphs = (value: string | undefined, none: string) =>
  value
    ? value
        .split(/\n+/)
        .map((line) => `<p>${escape(line)}</p>`)
        .join('')
    : `<p class="none">${escape(none)}</p>`;

const CASUALTIES: FigureKey[] = ['dead', 'missing', 'injuredSevere', 'injuredLight'];
const HOUSES: FigureKey[] = ['housesHeavy', 'housesModerate', 'housesLight', 'housesFlooded'];

/**
 * The report's body as HTML, in the order offices expect (BNPB's and Kemensos's daily reports): the
 * print page shows it and the PDF is printed from it, so both always say the same.
 */
export function sitrepHtml(sitrep: Sitrep, labels: ReportLabels, numberLocale = 'id-ID'): string {
  const { snapshot, sections } = sitrep;
  const { incident, figures, response } = snapshot;
  const numbers = new Intl.NumberFormat(numberLocale);
  const n = (value: number) => numbers.format(value);
  const signed = (value: number) => (value > 0 ? `+${n(value)}` : value < 0 ? `−${n(-value)}` : '±0');
  const mark = (unverified: Figures, key: FigureKey) =>
    unverified[key] > 0 ? `<span class="unverified" title="belum diverifikasi">${labels.unverifiedMark}</span>` : '';
  const cell = (totals: Figures, unverified: Figures, key: FigureKey) =>
    `<td class="num" data-figure="${key}">${n(totals[key])}${mark(unverified, key)}</td>`;
  const unverifiedPlaces = figures.byDistrict.reduce(
    (sum, district) => sum + district.places.filter((place) => place.status === 'unverified').length,
    0,
  );

  const place = [
    incident.districtName ? `Kec. ${incident.districtName}` : null,
    incident.regencyName,
    incident.provinceName,
  ]
    .filter(Boolean)
    .join(', ');
  const head = `
<header class="report-head">
  <p class="report-office">${escape(snapshot.office)}</p>
  <h1>${escape(fill(labels, 'title', { number: sitrep.number }))}</h1>
  <p class="report-incident">${escape(incident.title)}</p>
  <p class="report-when">${escape(fill(labels, 'issued', { when: snapshot.issuedAtText }, numberLocale))}</p>
</header>`;

  const event = `
<section><h2>${labels.event}</h2>
<dl class="report-facts">
  <dt>${labels.type}</dt><dd>${escape(incident.type)}</dd>
  <dt>${labels.severity}</dt><dd>${incident.severity}/5</dd>
  <dt>${labels.phase}</dt><dd>${escape(incident.phase)}</dd>
  <dt>${labels.occurred}</dt><dd>${escape(incident.occurredAtText)}</dd>
  <dt>${labels.place}</dt><dd>${escape(place)}</dd>
  <dt>${labels.cause}</dt><dd>${escape(sections.cause ?? '—')}</dd>
  ${incident.description ? `<dt>${labels.description}</dt><dd>${escape(incident.description)}</dd>` : ''}
</dl></section>`;

  const changeRow = (keys: FigureKey[]) =>
    figures.change
      ? `<tr class="change"><th scope="row">${labels.change}</th>${keys.map((key) => `<td class="num">${signed(figures.change![key])}</td>`).join('')}</tr>`
      : '';
  const casualties = `
<section><h2>${labels.casualties}</h2>
<table tabindex="0"><thead><tr><th></th>${CASUALTIES.map((key) => `<th scope="col">${labels.figures[key]}</th>`).join('')}</tr></thead>
<tbody><tr><th scope="row">${labels.total}</th>${CASUALTIES.map((key) => cell(figures.totals, figures.unverified, key)).join('')}</tr>
${changeRow(CASUALTIES)}</tbody></table></section>`;

  const districtRows = (keys: FigureKey[], extra: (d: (typeof figures.byDistrict)[number]) => string) =>
    figures.byDistrict
      .map(
        (district) =>
          `<tr><th scope="row">${escape(district.districtName)}</th>${keys.map((key) => cell(district.totals, district.unverified, key)).join('')}${extra(district)}</tr>`,
      )
      .join('');
  const displaced = `
<section><h2>${labels.displaced}</h2>
${
  figures.byDistrict.length === 0
    ? `<p class="none">${labels.noAssessments}</p>`
    : `<table tabindex="0"><thead><tr><th scope="col">${labels.district}</th><th scope="col">${labels.families}</th><th scope="col">${labels.people}</th>${VULNERABLE_KEYS.map((key) => `<th scope="col">${labels.groups[key]}</th>`).join('')}</tr></thead>
<tbody>${districtRows(['displacedFamilies', 'displacedPeople'], (d) => VULNERABLE_KEYS.map((key) => `<td class="num">${n(d.vulnerable[key])}</td>`).join(''))}
<tr class="total"><th scope="row">${labels.total}</th>${cell(figures.totals, figures.unverified, 'displacedFamilies')}${cell(figures.totals, figures.unverified, 'displacedPeople')}${VULNERABLE_KEYS.map((key) => `<td class="num">${n(figures.vulnerable[key])}</td>`).join('')}</tr>
${figures.change ? `<tr class="change"><th scope="row">${labels.change}</th><td class="num">${signed(figures.change.displacedFamilies)}</td><td class="num">${signed(figures.change.displacedPeople)}</td><td colspan="4"></td></tr>` : ''}
</tbody></table>`
}
${figures.byDistrict
  .flatMap((d) =>
    d.places
      .filter((p) => p.shelter)
      .map((p) => `<p class="shelter">${escape(p.villageName ?? d.districtName)}: ${escape(p.shelter!)}</p>`),
  )
  .join('')}
</section>`;

  const facilities = figures.byDistrict.flatMap((d) =>
    d.places
      .filter((p) => p.publicFacilities)
      .map((p) => `<li>${escape(p.villageName ?? d.districtName)}: ${escape(p.publicFacilities!)}</li>`),
  );
  const damage = `
<section><h2>${labels.damage}</h2>
${
  figures.byDistrict.length === 0
    ? `<p class="none">${labels.noAssessments}</p>`
    : `<table tabindex="0"><thead><tr><th scope="col">${labels.district}</th>${HOUSES.map((key) => `<th scope="col">${labels.figures[key]}</th>`).join('')}</tr></thead>
<tbody>${districtRows(HOUSES, () => '')}
<tr class="total"><th scope="row">${labels.total}</th>${HOUSES.map((key) => cell(figures.totals, figures.unverified, key)).join('')}</tr>
${changeRow(HOUSES)}</tbody></table>`
}
${facilities.length > 0 ? `<h3>${labels.publicFacilities}</h3><ul>${facilities.join('')}</ul>` : ''}
</section>`;

  const deployedTable = (title: string, first: string, rows: DeployedRow[]) => `
<h3>${title}</h3>
${
  rows.length === 0
    ? `<p class="none">${labels.none}</p>`
    : `<table tabindex="0"><thead><tr><th scope="col">${first}</th>${DEPLOYED_STATUSES.map((status) => `<th scope="col">${labels.statuses[status]}</th>`).join('')}<th scope="col">${labels.total}</th></tr></thead>
<tbody>${rows.map((row) => `<tr><th scope="row">${escape(row.name)}</th>${DEPLOYED_STATUSES.map((status) => `<td class="num">${n(row.byStatus[status])}</td>`).join('')}<td class="num">${n(row.total)}</td></tr>`).join('')}
<tr class="total"><th scope="row">${labels.total}</th>${DEPLOYED_STATUSES.map((status) => `<td class="num">${n(rows.reduce((sum, row) => sum + row.byStatus[status], 0))}</td>`).join('')}<td class="num">${n(response.total)}</td></tr></tbody></table>`
}`;
  const responseSection = `
<section><h2>${labels.response}</h2>
<h3>${labels.posko}</h3>${paragraphs(sections.posko, '—')}
<h3>${labels.kitchen}</h3>${paragraphs(sections.kitchen, '—')}
${deployedTable(labels.deployedByPillar, labels.pillar, response.byPillar)}
${deployedTable(labels.deployedByRegency, labels.regency, response.byRegency)}
<h3>${labels.openRequests}</h3>
${
  response.openRequests.length === 0
    ? `<p class="none">${labels.none}</p>`
    : `<table tabindex="0"><thead><tr><th scope="col">${labels.pillar}</th><th scope="col">${labels.requestSources}</th><th scope="col">${labels.requestFill}</th><th scope="col">${labels.deadline}</th></tr></thead>
<tbody>${response.openRequests.map((request) => `<tr><td>${escape(request.pillars)}</td><td>${escape(request.sources)}</td><td class="num">${n(request.accepted)}/${n(request.slots)}</td><td>${escape(request.deadlineText)}</td></tr>`).join('')}</tbody></table>`
}
</section>`;

  const aid = `
<section><h2>${labels.aid}</h2>
${
  sections.aid.length === 0
    ? `<p class="none">${labels.none}</p>`
    : `<table tabindex="0"><thead><tr><th scope="col">${labels.item}</th><th scope="col">${labels.needed}</th><th scope="col">${labels.received}</th><th scope="col">${labels.distributed}</th><th scope="col">${labels.inStock}</th><th scope="col">${labels.shortfall}</th></tr></thead>
<tbody>${sections.aid.map((row) => `<tr><th scope="row">${escape(row.item)}${row.unit ? ` (${escape(row.unit)})` : ''}</th><td class="num">${n(row.needed)}</td><td class="num">${n(row.received)}</td><td class="num">${n(row.distributed)}</td><td class="num">${n(row.inStock)}</td><td class="num">${n(row.shortfall)}</td></tr>`).join('')}</tbody></table>`
}
</section>`;

  const tail = `
<section><h2>${labels.obstacles}</h2>${paragraphs(sections.obstacles, labels.none)}</section>
<section><h2>${labels.urgentNeeds}</h2>${
    sections.urgentNeeds.length === 0
      ? `<p class="none">${labels.none}</p>`
      : `<ol>${sections.urgentNeeds.map((need) => `<li>${escape(need)}</li>`).join('')}</ol>`
  }</section>
<section><h2>${labels.followUp}</h2>${paragraphs(sections.followUp, labels.none)}</section>
${unverifiedPlaces > 0 ? `<p class="report-note">${escape(fill(labels, 'unverifiedNote', { count: unverifiedPlaces }, numberLocale))}</p>` : ''}
<p class="report-signature">${escape(fill(labels, 'issuedBy', { name: sitrep.issuedBy }, numberLocale))}</p>`;

  return [head, event, casualties, displaced, damage, responseSection, aid, tail].join('\n');
}

/** The report's own look, on screen and on A4 paper; the print page and the PDF share it. */
export const REPORT_CSS = `
.report { font-family: "DejaVu Sans", Arial, sans-serif; color: #111; background: #fff; max-width: 190mm; margin: 0 auto; padding: 16px; font-size: 11pt; line-height: 1.4; }
.report h1 { font-size: 16pt; margin: 4px 0; }
.report h2 { font-size: 12.5pt; margin: 18px 0 6px; border-bottom: 1px solid #444; padding-bottom: 2px; break-after: avoid; }
.report h3 { font-size: 11pt; margin: 12px 0 4px; break-after: avoid; }
.report p { margin: 4px 0; }
.report .report-head { text-align: center; border-bottom: 2px solid #111; padding-bottom: 8px; }
.report .report-office { font-weight: 700; text-transform: uppercase; letter-spacing: 0.02em; }
.report .report-incident { font-size: 12pt; font-weight: 600; }
.report dl.report-facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
.report dt { font-weight: 600; }
.report dd { margin: 0; }
.report table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; break-inside: auto; }
.report tr { break-inside: avoid; }
.report th, .report td { border: 1px solid #777; padding: 3px 6px; text-align: left; vertical-align: top; }
.report thead th { background: #eee; font-size: 9.5pt; }
.report td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.report tr.total th, .report tr.total td { font-weight: 700; background: #f6f6f6; }
.report tr.change th, .report tr.change td { font-style: italic; color: #333; font-size: 9.5pt; }
.report .unverified { color: #9a3412; font-weight: 700; margin-left: 2px; }
.report .none { color: #444; font-style: italic; }
.report .report-note { margin-top: 14px; font-size: 9.5pt; }
.report .report-signature { margin-top: 18px; text-align: right; }
@media (max-width: 600px) { .report { padding: 8px; font-size: 10pt; } .report table { display: block; overflow-x: auto; } }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print { .report { max-width: none; padding: 0; } .report table { display: table; } }
`;

const cssString = (value: string) => `"${value.replace(/["\\\n]/g, ' ')}"`;

/** Each printed A4 page carries the office's name, the report's number and "Halaman 2 dari 3". */
export function pageCss(sitrep: Sitrep, labels: ReportLabels): string {
  return `@page {
  @bottom-left { content: ${cssString(`${sitrep.snapshot.office} · ${fill(labels, 'title', { number: sitrep.number })}`)}; font: 8pt "DejaVu Sans", Arial, sans-serif; color: #333; }
  @bottom-right { content: ${cssString(labels.page)} " " counter(page) " ${labels.of.replace(/"/g, '')} " counter(pages); font: 8pt "DejaVu Sans", Arial, sans-serif; color: #333; }
}`;
}

/** A whole A4 document around the report, for Chromium to print. */
export function sitrepDocument(sitrep: Sitrep, labels: ReportLabels): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${escape(fill(labels, 'title', { number: sitrep.number }))}</title><style>${REPORT_CSS}${pageCss(sitrep, labels)}</style></head><body><article class="report">${sitrepHtml(sitrep, labels)}</article></body></html>`;
}
