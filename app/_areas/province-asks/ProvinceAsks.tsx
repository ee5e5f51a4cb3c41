'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { TimeZone } from '@/lib/domain';
import type { ProvinceAskView } from '@/lib/province-asks';
import type { AskChoices } from '@/server/province-asks/page-data';
import { callApi } from '@/app/_shared/api';
import { formatWhen, fromLocalInput, timeZoneLabel } from '@/app/_shared/time';
import type { Locale } from '@/app/_i18n/config';
import { FieldError, FormError } from '@/app/_areas/incidents/FieldError';
import './province-asks.css';

type Details = Record<string, string[]>;

/** One ask as both provinces see it: who asked whom, for what, and how far the help has come. */
function AskCard({
  ask,
  timeZone,
  pillarNames,
  children,
}: {
  ask: ProvinceAskView;
  timeZone: TimeZone;
  pillarNames: Map<string, string>;
  children?: React.ReactNode;
}) {
  const t = useTranslations('help');
  const locale = useLocale() as Locale;
  const when = (iso: string) => formatWhen(iso, timeZone, locale);
  const pillars = ask.pillarCodes.map((code) => pillarNames.get(code) ?? code).join(', ');
  return (
    <li className="card ask-card" data-testid="province-ask" data-ask={ask.id} data-status={ask.status}>
      <header className="ask-head">
        <h3>{t('card.route', { from: ask.fromProvince.name, to: ask.toProvince.name })}</h3>
        <span className={`ask-status ask-${ask.status}`} data-testid="ask-status">
          {t(`status.${ask.status}`)}
        </span>
      </header>
      <p className="ask-incident">
        {t('card.incident', { title: ask.incident.title, regency: ask.incident.regencyName })}
      </p>
      <p>
        <strong>{t('card.asked', { slots: ask.slots, pillars })}</strong> ·{' '}
        {t('card.deadline', { time: when(ask.deadline) })}
      </p>
      <p>{t('card.meetingPoint', { place: ask.meetingPoint })}</p>
      {ask.bring && <p>{t('card.bring', { items: ask.bring })}</p>}
      {ask.note && <p className="ask-note">{t('card.note', { note: ask.note })}</p>}
      <p className="hint">
        {t('card.askedAt', { time: when(ask.askedAt) })}
        {ask.answeredAt && <> · {t('card.answeredAt', { time: when(ask.answeredAt) })}</>}
      </p>
      {ask.declineReason && (
        <p className="ask-reason" data-testid="ask-reason">
          {t('card.reason', { reason: ask.declineReason })}
        </p>
      )}
      {ask.progress && (
        <div className="ask-progress" data-testid="ask-progress">
          <p>
            {t('card.sources', { names: ask.sourceRegencyNames.join(', ') })} ·{' '}
            {t('card.offered', { offered: ask.progress.offered })}
          </p>
          <meter min={0} max={ask.slots} value={Math.min(ask.progress.accepted, ask.slots)} aria-hidden="true" />
          <p data-testid="ask-progress-line">
            {t('card.progress', {
              accepted: ask.progress.accepted,
              slots: ask.slots,
              enRoute: ask.progress.enRoute,
              onSite: ask.progress.onSite,
              done: ask.progress.done,
            })}
          </p>
        </div>
      )}
      {children}
    </li>
  );
}

/** The asked province's answer: accept from its own kabupaten/kota, or decline with a reason. */
function AnswerForm({ ask, sources }: { ask: ProvinceAskView; sources: AskChoices['sources'][string] }) {
  const t = useTranslations('help.answer');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Details>({});
  const [done, setDone] = useState<string | null>(null);
  const fieldId = (name: string) => `ask-${ask.id}-${name}`;

  async function answer(kind: 'accept' | 'decline', body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    setDetails({});
    const result = await callApi<{ offered?: number }>(`/api/province-asks/${ask.id}/${kind}`, { body });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    if (kind === 'accept') setDone(t('accepted', { offered: result.data.offered ?? 0 }));
    router.refresh();
  }
  function accept(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const codes = new FormData(event.currentTarget).getAll('sourceRegencyCodes').map(String);
    void answer('accept', { sourceRegencyCodes: codes });
  }
  function decline(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void answer('decline', { reason: String(new FormData(event.currentTarget).get('reason') ?? '') });
  }

  return (
    <div className="ask-answer">
      <form onSubmit={accept} data-testid="ask-accept-form">
        <fieldset>
          <legend>{t('legend')}</legend>
          <div className="ask-sources">
            {sources.map((regency) => (
              <label key={regency.code}>
                <input type="checkbox" name="sourceRegencyCodes" value={regency.code} data-regency={regency.code} />{' '}
                {t('available', { name: regency.name, available: regency.available })}
              </label>
            ))}
          </div>
          <FieldError id={fieldId('sources-error')} messages={details.sourceRegencyCodes} />
        </fieldset>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('accept')}
        </button>
      </form>
      <form onSubmit={decline} className="ask-decline" data-testid="ask-decline-form">
        <label htmlFor={fieldId('reason')}>{t('declineReason')}</label>
        <input
          id={fieldId('reason')}
          name="reason"
          maxLength={500}
          aria-describedby={details.reason ? fieldId('reason-error') : undefined}
        />
        <FieldError id={fieldId('reason-error')} messages={details.reason} />
        <button type="submit" disabled={busy}>
          {t('decline')}
        </button>
      </form>
      <FormError message={error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
    </div>
  );
}

/** The asking province's form: which incident, which province(s), how many of which pillars, where and when. */
function AskForm({
  choices,
  ownProvince,
  several,
  timeZone,
  defaultDeadline,
  incidentId,
}: {
  choices: AskChoices;
  ownProvince: string | null;
  several: boolean;
  timeZone: TimeZone;
  defaultDeadline: string;
  incidentId: string | null;
}) {
  const t = useTranslations('help.ask');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Details>({});
  const [sent, setSent] = useState(false);
  const [chosenIncident, setChosenIncident] = useState(incidentId ?? choices.incidents[0]?.id ?? '');
  const incidentProvince = choices.incidents.find((incident) => incident.id === chosenIncident)?.provinceCode;
  const others = choices.provinces.filter((province) => province.code !== (ownProvince ?? incidentProvince));

  if (choices.incidents.length === 0) return <p className="hint">{t('noIncident')}</p>;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '');
    setBusy(true);
    setError(null);
    setDetails({});
    setSent(false);
    const result = await callApi<{ asks: unknown[] }>('/api/province-asks', {
      body: {
        incidentId: text('incidentId'),
        toProvinceCodes: several ? data.getAll('toProvinceCodes').map(String) : [text('toProvinceCode')],
        slots: Number(text('slots')),
        pillarCodes: data.getAll('pillarCodes').map(String),
        deadline: fromLocalInput(text('deadline'), timeZone),
        meetingPoint: text('meetingPoint'),
        bring: text('bring'),
        note: text('note') || undefined,
      },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    setSent(true);
    form.reset();
    router.refresh();
  }
  const described = (name: string) => (details[name] ? `ask-${name}-error` : undefined);

  return (
    <form className="card ask-form" onSubmit={submit} data-testid="ask-form">
      <h2>{t('title')}</h2>
      <div className="ask-grid">
        <div>
          <label htmlFor="ask-incident">{t('incident')}</label>
          <select
            id="ask-incident"
            name="incidentId"
            value={chosenIncident}
            onChange={(event) => setChosenIncident(event.target.value)}
          >
            {choices.incidents.map((incident) => (
              <option key={incident.id} value={incident.id}>
                {incident.title}
              </option>
            ))}
          </select>
        </div>
        {several ? (
          <fieldset className="ask-wide">
            <legend>{t('provinces')}</legend>
            <div className="ask-sources">
              {others.map((province) => (
                <label key={province.code}>
                  <input type="checkbox" name="toProvinceCodes" value={province.code} /> {province.name}
                </label>
              ))}
            </div>
            <FieldError id="ask-toProvinceCodes-error" messages={details.toProvinceCodes} />
          </fieldset>
        ) : (
          <div>
            <label htmlFor="ask-province">{t('province')}</label>
            <select id="ask-province" name="toProvinceCode" aria-describedby={described('toProvinceCodes')}>
              {others.map((province) => (
                <option key={province.code} value={province.code}>
                  {province.name}
                </option>
              ))}
            </select>
            <FieldError id="ask-toProvinceCodes-error" messages={details.toProvinceCodes} />
          </div>
        )}
        <div>
          <label htmlFor="ask-slots">{t('slots')}</label>
          <input
            id="ask-slots"
            name="slots"
            type="number"
            min={1}
            max={1000}
            defaultValue={10}
            aria-describedby={described('slots')}
          />
          <FieldError id="ask-slots-error" messages={details.slots} />
        </div>
        <div>
          <label htmlFor="ask-deadline">{t('deadline', { zone: timeZoneLabel(timeZone) })}</label>
          <input
            id="ask-deadline"
            name="deadline"
            type="datetime-local"
            defaultValue={defaultDeadline}
            aria-describedby={described('deadline')}
          />
          <FieldError id="ask-deadline-error" messages={details.deadline} />
        </div>
        <fieldset className="ask-wide">
          <legend>{t('pillars')}</legend>
          <div className="ask-sources">
            {choices.pillars.map((pillar) => (
              <label key={pillar.code}>
                <input
                  type="checkbox"
                  name="pillarCodes"
                  value={pillar.code}
                  defaultChecked={pillar.code === 'tagana'}
                />{' '}
                {pillar.name}
              </label>
            ))}
          </div>
          <FieldError id="ask-pillarCodes-error" messages={details.pillarCodes} />
        </fieldset>
        <div className="ask-wide">
          <label htmlFor="ask-meeting">{t('meetingPoint')}</label>
          <input id="ask-meeting" name="meetingPoint" maxLength={300} aria-describedby={described('meetingPoint')} />
          <FieldError id="ask-meetingPoint-error" messages={details.meetingPoint} />
        </div>
        <div className="ask-wide">
          <label htmlFor="ask-bring">{t('bring')}</label>
          <input id="ask-bring" name="bring" maxLength={1000} />
        </div>
        <div className="ask-wide">
          <label htmlFor="ask-note">{t('note')}</label>
          <textarea id="ask-note" name="note" rows={2} maxLength={1000} />
        </div>
      </div>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('submit')}
      </button>
      <FormError message={error} />
      {sent && (
        <p className="notice" role="status">
          {t('sent')}
        </p>
      )}
    </form>
  );
}

/** The help page: the asks the province received (with their answers) and made (with the form for a new one). */
export function ProvinceAsks({
  incoming,
  outgoing,
  choices,
  canAnswer,
  canAsk,
  isAdmin,
  ownProvince,
  timeZone,
  defaultDeadline,
  incidentId,
  pillarNames,
}: {
  incoming: ProvinceAskView[];
  outgoing: ProvinceAskView[];
  choices: AskChoices;
  canAnswer: boolean;
  canAsk: boolean;
  isAdmin: boolean;
  ownProvince: string | null;
  timeZone: TimeZone;
  defaultDeadline: string;
  incidentId: string | null;
  pillarNames: Record<string, string>;
}) {
  const t = useTranslations('help');
  const pillars = new Map(Object.entries(pillarNames));
  const card = (ask: ProvinceAskView, answer: boolean) => (
    <AskCard key={ask.id} ask={ask} timeZone={timeZone} pillarNames={pillars}>
      {answer && ask.status === 'open' && <AnswerForm ask={ask} sources={choices.sources[ask.toProvince.code] ?? []} />}
      {!answer && ask.status === 'open' && ask.toProvince.code === ownProvince && (
        <p className="hint">{t('answer.readOnly', { province: ask.toProvince.name })}</p>
      )}
    </AskCard>
  );
  return (
    <main className="page-body help-page">
      <p className="hint">{t('intro')}</p>
      <section aria-labelledby="help-incoming">
        <h2 id="help-incoming">{isAdmin ? t('incomingAll') : t('incoming')}</h2>
        {incoming.length === 0 ? (
          <p className="hint">{t('noneIncoming')}</p>
        ) : (
          <ul className="ask-list" data-testid="incoming-asks">
            {incoming.map((ask) => card(ask, canAnswer))}
          </ul>
        )}
      </section>
      {!isAdmin && (
        <section aria-labelledby="help-outgoing">
          <h2 id="help-outgoing">{t('outgoing')}</h2>
          {outgoing.length === 0 ? (
            <p className="hint">{t('noneOutgoing')}</p>
          ) : (
            <ul className="ask-list" data-testid="outgoing-asks">
              {outgoing.map((ask) => card(ask, false))}
            </ul>
          )}
        </section>
      )}
      {canAsk ? (
        <AskForm
          choices={choices}
          ownProvince={ownProvince}
          several={isAdmin}
          timeZone={timeZone}
          defaultDeadline={defaultDeadline}
          incidentId={incidentId}
        />
      ) : (
        <p className="hint">{t('ask.onlyProvince')}</p>
      )}
    </main>
  );
}
