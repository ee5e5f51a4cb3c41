'use client';

import {
  columnFilteringFeature,
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnFiltersState,
  type PaginationState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import type { TimeZone } from '@/lib/domain';
import { VOLUNTEER_EVENTS } from '@/lib/registry';
import type { SharedActivation } from '@/server/accounts/share';
import type { RosterChoices } from '@/server/volunteers/queries';
import {
  ROSTER_PAGE_SIZES,
  ROSTER_SORTS,
  type RosterPage,
  type RosterQuery,
  type RosterRow,
  type RosterSort,
} from '@/server/volunteers/roster';
import { callApi } from '@/app/_shared/api';
import type { Json } from '@/app/_shared/json';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useRefresher } from '@/app/_shared/refresher';
import { useConnection } from '@/app/_shared/use-connection';
import { ActivationLinks } from '@/app/_shared/ActivationLinks';
import { CertificateBadge } from '@/app/_shared/CertificateBadge';
import { CERTIFICATE_STATUSES } from '@/lib/trainings';
import { useWhen } from './use-when';
import styles from './VolunteerRoster.module.css';

type Row = Json<RosterRow>;
/** The filters that narrow the roster; each is a URL parameter of the page and of /api/volunteers. */
const FILTERS = [
  'provinceCode',
  'regencyCode',
  'pillarCode',
  'availability',
  'trainingId',
  'certificate',
  'civilServant',
  'retired',
] as const;
type Filter = (typeof FILTERS)[number];
/** A filter that narrows the view: set, and not its default (retired: "no", active volunteers only). */
const narrows = (filter: Filter, value: string | undefined) =>
  Boolean(value) && !(filter === 'retired' && value === 'no');
/** Registry changes that may add a volunteer to the view (one not on the page yet). */
const NEW_TO_VIEW = new Set<string>([VOLUNTEER_EVENTS.created, VOLUNTEER_EVENTS.moved, VOLUNTEER_EVENTS.reinstated]);

const features = tableFeatures({ columnFilteringFeature, rowSortingFeature, rowPaginationFeature });
const helper = createColumnHelper<typeof features, Row>();
const SORTABLE = new Set<string>(ROSTER_SORTS);
const SEARCH_DELAY_MS = 300;

/** The page's URL for a view: defaults left out, so the plain address is the first page by name. */
export function rosterHref(query: Partial<RosterQuery>): string {
  const params = new URLSearchParams();
  if (query.search) params.set('search', query.search);
  for (const filter of FILTERS) {
    const value = query[filter];
    if (value && narrows(filter, value)) params.set(filter, value);
  }
  if (query.sort && query.sort !== 'name') params.set('sort', query.sort);
  if (query.dir === 'desc') params.set('dir', 'desc');
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (query.pageSize && query.pageSize !== 50) params.set('pageSize', String(query.pageSize));
  const search = params.toString();
  return search ? `/posko/relawan?${search}` : '/posko/relawan';
}

/** A form field whose label names only the field (not the options inside it). */
function Field({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className ? `${styles.field} ${className}` : styles.field}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

const resolve = <T,>(updater: Updater<T>, current: T): T =>
  typeof updater === 'function' ? (updater as (old: T) => T)(current) : updater;

/**
 * The coordinator's roster: search, filters, sorting and paging all done by the server (TanStack Table in
 * manual mode), the view kept in the URL so a link reproduces it; select volunteers to give them
 * activation links. Rows change live when a volunteer on the page changes.
 */
export function VolunteerRoster({
  roster,
  choices,
  position,
  timeZone,
}: {
  roster: Json<RosterPage>;
  choices: RosterChoices;
  position: number;
  timeZone: TimeZone;
}) {
  const t = useTranslations('roster');
  const tc = useTranslations('trainings.rosterFilter');
  const tExport = useTranslations('audit.export');
  const format = useFormatter();
  const when = useWhen();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const { query } = roster;
  // With a training chosen, only its certificate; else every certificate that has an end.
  const certificatesShown = (row: Row) =>
    query.trainingId ? row.certificates.filter((c) => c.trainingId === query.trainingId) : row.certificates;
  const [searchText, setSearchText] = useState(query.search ?? '');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [links, setLinks] = useState<(SharedActivation & { volunteerId: string })[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Phones show the search first; the other filters open on request.
  const [filtersOpen, setFiltersOpen] = useState(false);

  function show(changes: Partial<RosterQuery>, { replace = false } = {}) {
    const href = rosterHref({ ...query, page: 1, ...changes });
    startTransition(() => (replace ? router.replace(href, { scroll: false }) : router.push(href, { scroll: false })));
  }

  // Typing searches after a short pause; the address follows without filling the history.
  const searchTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  function typeSearch(text: string) {
    setSearchText(text);
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(
      () => show({ search: text.trim() || undefined }, { replace: true }),
      SEARCH_DELAY_MS,
    );
  }
  useEffect(() => {
    const timer = searchTimer;
    return () => clearTimeout(timer.current);
  }, []);

  const refresh = useRefresher(async () => {
    startTransition(() => router.refresh());
  });
  const shownIds = useMemo(() => new Set(roster.rows.map((row) => row.id)), [roster.rows]);
  useLiveEvents(
    position,
    (event) => {
      if (event.volunteerId && (shownIds.has(event.volunteerId) || NEW_TO_VIEW.has(event.type))) refresh();
    },
    refresh,
  );
  useConnection(refresh);

  const sorting: SortingState = [{ id: query.sort, desc: query.dir === 'desc' }];
  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: query.pageSize };
  const columnFilters: ColumnFiltersState = FILTERS.filter((filter) => narrows(filter, query[filter])).map(
    (filter) => ({
      id: filter,
      value: query[filter],
    }),
  );

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('name', { id: 'name', header: () => t('columns.name') }),
        helper.accessor('pillar', { id: 'pillar', header: () => t('columns.pillar') }),
        helper.accessor('regencyName', { id: 'regency', header: () => t('columns.regency') }),
        helper.accessor('availability', { id: 'availability', header: () => t('columns.availability') }),
        helper.accessor('trainings', { id: 'trainings', header: () => t('columns.trainings'), enableSorting: false }),
        helper.accessor('lastDeployedAt', { id: 'lastDeployment', header: () => t('columns.lastDeployment') }),
        helper.accessor('account', { id: 'account', header: () => t('columns.account'), enableSorting: false }),
      ]),
    [t],
  );

  const table = useTable({
    features,
    columns,
    data: roster.rows,
    getRowId: (row) => row.id,
    state: { sorting, pagination, columnFilters },
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    rowCount: roster.total,
    onSortingChange: (updater) => {
      const [next] = resolve(updater, sorting);
      if (next && SORTABLE.has(next.id)) show({ sort: next.id as RosterSort, dir: next.desc ? 'desc' : 'asc' });
    },
    onPaginationChange: (updater) => {
      const next = resolve(updater, pagination);
      show({ page: next.pageIndex + 1, pageSize: next.pageSize });
    },
  });

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '') || undefined;
    clearTimeout(searchTimer.current);
    setSearchText(String(form.get('search') ?? ''));
    show({
      search: value('search')?.trim(),
      provinceCode: value('provinceCode'),
      regencyCode: value('regencyCode'),
      pillarCode: value('pillarCode'),
      availability: value('availability') as RosterQuery['availability'],
      trainingId: value('trainingId'),
      certificate: value('certificate') as RosterQuery['certificate'],
      civilServant: value('civilServant') as RosterQuery['civilServant'],
      retired: (value('retired') as RosterQuery['retired'] | undefined) ?? 'no',
      sort: (value('sort') as RosterSort | undefined) ?? query.sort,
      dir: (value('dir') as 'asc' | 'desc' | undefined) ?? query.dir,
    });
  }

  function choose(filter: Filter | 'sort' | 'dir', value: string) {
    const changes: Partial<RosterQuery> = { [filter]: value || undefined };
    // Another province's kabupaten would match nobody.
    if (filter === 'provinceCode') changes.regencyCode = undefined;
    show(changes);
  }

  function toggle(id: string) {
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function issue() {
    setBusy(true);
    setError(null);
    const result = await callApi<{ links: (SharedActivation & { volunteerId: string })[] }>('/api/activations', {
      body: { volunteerIds: [...chosen] },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setLinks(result.data.links);
    setChosen(new Set());
    refresh();
  }

  const pageIds = roster.rows.map((row) => row.id);
  const allChosen = pageIds.length > 0 && pageIds.every((id) => chosen.has(id));
  const pages = Math.max(1, table.getPageCount());
  const from = roster.total === 0 ? 0 : (query.page - 1) * query.pageSize + 1;
  const to = Math.min(roster.total, query.page * query.pageSize);
  const filtered = Boolean(query.search) || columnFilters.length > 0;

  return (
    <main className="page-body">
      {links.length > 0 ? <ActivationLinks links={links} /> : null}
      <section className="card" aria-labelledby="roster-title">
        <h2 id="roster-title" className="visually-hidden">
          {t('title')}
        </h2>
        <form
          className={styles.filters}
          role="search"
          aria-label={t('filters.label')}
          action="/posko/relawan"
          onSubmit={applyFilters}
        >
          <Field id="roster-search" label={t('filters.search')} className={styles.search}>
            <input
              id="roster-search"
              name="search"
              type="search"
              value={searchText}
              onChange={(event) => typeSearch(event.target.value)}
              placeholder={t('filters.searchPlaceholder')}
              autoComplete="off"
            />
          </Field>
          <button
            type="button"
            className={styles.filterToggle}
            aria-expanded={filtersOpen}
            aria-controls="roster-more-filters"
            onClick={() => setFiltersOpen((open) => !open)}
          >
            {t('filters.more', { count: columnFilters.length })}
          </button>
          <div
            id="roster-more-filters"
            className={filtersOpen ? `${styles.moreFilters} ${styles.open}` : styles.moreFilters}
          >
            {choices.provinces.length > 0 ? (
              <Field id="roster-province" label={t('filters.province')}>
                <select
                  id="roster-province"
                  name="provinceCode"
                  value={query.provinceCode ?? ''}
                  onChange={(event) => choose('provinceCode', event.target.value)}
                >
                  <option value="">{t('filters.allProvinces')}</option>
                  {choices.provinces.map((province) => (
                    <option key={province.code} value={province.code}>
                      {province.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            {choices.regencies.length > 0 && (choices.provinces.length === 0 || query.provinceCode) ? (
              <Field id="roster-regency" label={t('filters.regency')}>
                <select
                  id="roster-regency"
                  name="regencyCode"
                  value={query.regencyCode ?? ''}
                  onChange={(event) => choose('regencyCode', event.target.value)}
                >
                  <option value="">{t('filters.allRegencies')}</option>
                  {choices.regencies.map((regency) => (
                    <option key={regency.code} value={regency.code}>
                      {regency.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            <Field id="roster-pillar" label={t('filters.pillar')}>
              <select
                id="roster-pillar"
                name="pillarCode"
                value={query.pillarCode ?? ''}
                onChange={(event) => choose('pillarCode', event.target.value)}
              >
                <option value="">{t('filters.allPillars')}</option>
                {choices.pillars.map((pillar) => (
                  <option key={pillar.code} value={pillar.code}>
                    {pillar.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="roster-availability" label={t('filters.availability')}>
              <select
                id="roster-availability"
                name="availability"
                value={query.availability ?? ''}
                onChange={(event) => choose('availability', event.target.value)}
              >
                <option value="">{t('filters.allAvailability')}</option>
                <option value="available">{t('availability.available')}</option>
                <option value="deployed">{t('availability.deployed')}</option>
                <option value="unavailable">{t('availability.unavailable')}</option>
              </select>
            </Field>
            {choices.trainings.length > 0 ? (
              <Field id="roster-training" label={t('filters.training')}>
                <select
                  id="roster-training"
                  name="trainingId"
                  value={query.trainingId ?? ''}
                  onChange={(event) => choose('trainingId', event.target.value)}
                >
                  <option value="">{t('filters.anyTraining')}</option>
                  {choices.trainings.map((training) => (
                    <option key={training.id} value={training.id}>
                      {training.name}
                    </option>
                  ))}
                </select>
              </Field>
            ) : null}
            <Field id="roster-certificate" label={tc('filter')}>
              <select
                id="roster-certificate"
                name="certificate"
                value={query.certificate ?? ''}
                onChange={(event) => choose('certificate', event.target.value)}
                data-testid="certificate-filter"
              >
                <option value="">{tc('any')}</option>
                {CERTIFICATE_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {tc(status)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="roster-civil-servant" label={t('filters.civilServant')}>
              <select
                id="roster-civil-servant"
                name="civilServant"
                value={query.civilServant ?? ''}
                onChange={(event) => choose('civilServant', event.target.value)}
              >
                <option value="">{t('filters.civilServantAny')}</option>
                <option value="yes">{t('filters.civilServantYes')}</option>
                <option value="no">{t('filters.civilServantNo')}</option>
              </select>
            </Field>
            <Field id="roster-retired" label={t('filters.retired')}>
              <select
                id="roster-retired"
                name="retired"
                value={query.retired}
                onChange={(event) => choose('retired', event.target.value)}
                data-testid="roster-retired"
              >
                <option value="no">{t('filters.retiredNo')}</option>
                <option value="yes">{t('filters.retiredYes')}</option>
                <option value="all">{t('filters.retiredAll')}</option>
              </select>
            </Field>
            {/* Phones have no column headers to tap: the order is chosen here. */}
            <Field id="roster-sort" label={t('filters.sort')} className={styles.phoneOnly}>
              <select
                id="roster-sort"
                name="sort"
                value={query.sort}
                onChange={(event) => choose('sort', event.target.value)}
              >
                {ROSTER_SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {t(`sorts.${sort}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="roster-dir" label={t('filters.direction')} className={styles.phoneOnly}>
              <select
                id="roster-dir"
                name="dir"
                value={query.dir}
                onChange={(event) => choose('dir', event.target.value)}
              >
                <option value="asc">{t('directions.asc')}</option>
                <option value="desc">{t('directions.desc')}</option>
              </select>
            </Field>
          </div>
          <div className={styles.formButtons}>
            <button type="submit">{t('filters.apply')}</button>
            {filtered ? (
              <Link
                className={styles.reset}
                href={rosterHref({ sort: query.sort, dir: query.dir, pageSize: query.pageSize })}
                onClick={() => {
                  clearTimeout(searchTimer.current);
                  setSearchText('');
                }}
              >
                {t('filters.reset')}
              </Link>
            ) : null}
          </div>
        </form>
        <p className={styles.exportLinks}>
          {(['xlsx', 'csv'] as const).map((format) => (
            <a
              key={format}
              className="button-link"
              href={rosterHref({ ...query, page: 1, pageSize: 50 }).replace(
                '/posko/relawan',
                `/api/volunteers/export.${format}`,
              )}
              download
            >
              {tExport(format)}
            </a>
          ))}
        </p>

        <div className="toolbar">
          <Link className={styles.add} href="/posko/relawan/baru" data-testid="add-volunteer">
            {t('add')}
          </Link>
          <p role="status" aria-live="polite" aria-busy={pending} className={styles.count}>
            <strong>{t('count', { total: roster.total })}</strong>
            {pending ? ` · ${t('loading')}` : ''} · {t('chosen', { count: chosen.size })}
          </p>
          <button
            type="button"
            className="button-primary"
            disabled={busy || chosen.size === 0}
            onClick={() => void issue()}
          >
            {busy ? t('issuing') : t('issue', { count: chosen.size })}
          </button>
        </div>
        {error ? <p className="form-error">{error}</p> : null}

        <table className={`data-table ${styles.table}`} aria-busy={pending}>
          <caption className="visually-hidden">
            {t('title')}: {t('pager.showing', { from, to, total: format.number(roster.total) })}
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                <th scope="col" className={styles.select}>
                  <label className={styles.selectAll}>
                    <input
                      type="checkbox"
                      checked={allChosen}
                      onChange={() =>
                        setChosen((current) => {
                          const next = new Set(current);
                          for (const id of pageIds) {
                            if (allChosen) next.delete(id);
                            else next.add(id);
                          }
                          return next;
                        })
                      }
                    />
                    <span className={styles.selectAllText}>{t('selectPage')}</span>
                  </label>
                </th>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                      className={header.column.id === 'trainings' ? styles.trainings : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          className={styles.sortButton}
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className={styles.sortMark}>
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map(({ original: row }) => (
              <tr key={row.id} className={chosen.has(row.id) ? styles.chosen : undefined}>
                <td className={styles.select}>
                  <input
                    type="checkbox"
                    aria-label={t('selectOne', { name: row.name })}
                    checked={chosen.has(row.id)}
                    onChange={() => toggle(row.id)}
                  />
                </td>
                <td className={styles.name}>
                  <Link href={`/posko/relawan/${row.id}`}>{row.name}</Link>
                </td>
                <td className={styles.pillar}>
                  {row.pillar}
                  <span className={styles.badges}>
                    {row.isTeamLeader ? <span className="pill">{t('teamLeader')}</span> : null}
                    {row.isCivilServant ? <span className="pill">{t('civilServant')}</span> : null}
                  </span>
                </td>
                <td className={styles.regency}>{row.regencyName}</td>
                <td className={styles.availability}>
                  {row.retiredAt ? (
                    <span className={`pill ${styles.retired}`} title={row.retiredReason ?? undefined}>
                      {t('retired')}
                    </span>
                  ) : (
                    <span className={`pill pill-${row.availability}`}>{t(`availability.${row.availability}`)}</span>
                  )}
                </td>
                <td className={styles.trainings} data-label={t('columns.trainings')}>
                  {format.number(row.trainings)}
                  {certificatesShown(row).length > 0 ? (
                    <ul className={styles.certificates}>
                      {certificatesShown(row).map((certificate) => (
                        <li key={certificate.trainingId}>
                          <span className={styles.certificateName}>{certificate.name}</span>
                          <CertificateBadge validUntil={certificate.validUntil} status={certificate.status} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td className={styles.lastDeployment} data-label={t('columns.lastDeployment')}>
                  {row.lastDeployedAt ? when(row.lastDeployedAt, timeZone) : t('never')}
                </td>
                <td className={styles.account} data-label={t('columns.account')}>
                  {t(`account.${row.account}`)}
                  {row.account === 'pending' && row.linkOpen ? ` (${t('account.linkSent')})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {roster.rows.length === 0 ? <p className={styles.empty}>{t('empty')}</p> : null}

        <nav className={styles.pager} aria-label={t('pager.label')}>
          <button type="button" disabled={!table.getCanPreviousPage() || pending} onClick={() => table.previousPage()}>
            {t('pager.previous')}
          </button>
          <span>
            {t('pager.page', { page: format.number(query.page), pages: format.number(pages) })}
            <span className={styles.showing}>
              {' · '}
              {t('pager.showing', {
                from: format.number(from),
                to: format.number(to),
                total: format.number(roster.total),
              })}
            </span>
          </span>
          <div className={styles.pageSize}>
            <label htmlFor="roster-page-size">{t('pager.pageSize')}</label>
            <select
              id="roster-page-size"
              value={query.pageSize}
              onChange={(event) => table.setPageSize(Number(event.target.value))}
            >
              {ROSTER_PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </div>
          <button type="button" disabled={!table.getCanNextPage() || pending} onClick={() => table.nextPage()}>
            {t('pager.next')}
          </button>
        </nav>
      </section>
    </main>
  );
}
