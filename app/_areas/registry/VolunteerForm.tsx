'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { GENDERS, TAGANA_RANKS, type Gender, type TaganaRank } from '@/lib/domain';
import type { VolunteerFormChoices } from '@/server/volunteers/form-data';
import { callApi } from '@/app/_shared/api';
import styles from './VolunteerForm.module.css';

type Details = Record<string, string[]>;

/** A record as the form edits it (the page hands it over from the server). */
export interface VolunteerFormValues {
  id?: string;
  name: string;
  phone: string;
  nik: string | null;
  pillarCode: string;
  regencyCode: string;
  districtCode: string | null;
  village: string | null;
  skills: string[];
  isCivilServant: boolean;
  taganaRank: TaganaRank | null;
  isTeamLeader: boolean;
  gender: Gender | null;
  birthYear: number | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
}

/** Fields in the order they appear: the first one with a message gets the focus. */
const FIELD_ORDER = [
  'name',
  'phone',
  'nik',
  'pillarCode',
  'taganaRank',
  'regencyCode',
  'districtCode',
  'village',
  'skills',
  'isCivilServant',
  'isTeamLeader',
  'gender',
  'birthYear',
  'emergencyContactName',
  'emergencyContactPhone',
  'reason',
] as const;

/** Moves the focus to the first field the server named, once its messages are on screen. */
function useFocusFirstError(prefix: string, details: Details) {
  useEffect(() => {
    const first = FIELD_ORDER.find(
      (field) => details[field] || Object.keys(details).some((key) => key.startsWith(`${field}.`)),
    );
    if (first) document.getElementById(`${prefix}-${first}`)?.focus();
  }, [prefix, details]);
}

/** A labelled field with its hint and the server's messages beside it. */
function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className={styles.hint} id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children}
      {errors?.length ? (
        <span className={styles.error} id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
          {errors.join(' ')}
        </span>
      ) : null}
    </div>
  );
}

/** aria attributes tying an input to its hint and its messages. */
function described(id: string, errors: string[] | undefined, hint = false) {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': errors?.length ? true : undefined };
}

/** Free skills as tags, with suggestions from the skills already used in the scope. */
function SkillTags({
  id,
  skills,
  suggestions,
  errors,
  onChange,
}: {
  id: string;
  skills: string[];
  suggestions: string[];
  errors?: string[];
  onChange: (skills: string[]) => void;
}) {
  const t = useTranslations('registry.fields');
  const [draft, setDraft] = useState('');
  function add() {
    const skill = draft.trim().toLowerCase();
    if (skill && !skills.includes(skill)) onChange([...skills, skill]);
    setDraft('');
  }
  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  }
  return (
    <Field id={id} label={t('skills')} hint={t('skillsHint')} errors={errors}>
      <ul className={styles.tags} aria-label={t('skills')} data-testid="skill-tags">
        {skills.length === 0 ? <li className={styles.hint}>{t('noSkills')}</li> : null}
        {skills.map((skill) => (
          <li key={skill}>
            <button
              type="button"
              className={styles.tag}
              onClick={() => onChange(skills.filter((other) => other !== skill))}
              aria-label={t('removeSkill', { skill })}
            >
              {skill} <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <div className={styles.addRow}>
        <input
          id={id}
          list={`${id}-suggestions`}
          value={draft}
          maxLength={40}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKey}
          autoComplete="off"
          {...described(id, errors, true)}
        />
        <button type="button" onClick={add}>
          {t('addSkill')}
        </button>
      </div>
      <datalist id={`${id}-suggestions`}>
        {suggestions
          .filter((skill) => !skills.includes(skill))
          .map((skill) => (
            <option key={skill} value={skill} />
          ))}
      </datalist>
    </Field>
  );
}

/** Kabupaten/kota (of the scope), its kecamatan (following the choice) and desa/kelurahan. */
function HomeFields({
  prefix,
  choices,
  regencyCode,
  districtCode,
  village,
  details,
  onChange,
}: {
  prefix: string;
  choices: VolunteerFormChoices;
  regencyCode: string;
  districtCode: string;
  village: string;
  details: Details;
  onChange: (home: { regencyCode: string; districtCode: string; village: string }) => void;
}) {
  const t = useTranslations('registry.fields');
  const districts = choices.places.find((place) => place.code === regencyCode)?.districts ?? [];
  return (
    <>
      <Field id={`${prefix}-regencyCode`} label={t('regency')} errors={details.regencyCode}>
        <select
          id={`${prefix}-regencyCode`}
          value={regencyCode}
          onChange={(event) => onChange({ regencyCode: event.target.value, districtCode: '', village })}
          {...described(`${prefix}-regencyCode`, details.regencyCode)}
        >
          {choices.places.length > 1 || !regencyCode ? <option value="">{t('chooseRegency')}</option> : null}
          {choices.places.map((place) => (
            <option key={place.code} value={place.code}>
              {place.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}-districtCode`} label={t('district')} errors={details.districtCode}>
        <select
          id={`${prefix}-districtCode`}
          value={districtCode}
          onChange={(event) => onChange({ regencyCode, districtCode: event.target.value, village })}
          {...described(`${prefix}-districtCode`, details.districtCode)}
        >
          <option value="">{t('districtUnknown')}</option>
          {districts.map((district) => (
            <option key={district.code} value={district.code}>
              {district.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}-village`} label={t('village')} errors={details.village}>
        <input
          id={`${prefix}-village`}
          value={village}
          maxLength={80}
          onChange={(event) => onChange({ regencyCode, districtCode, village: event.target.value })}
          {...described(`${prefix}-village`, details.village)}
        />
      </Field>
    </>
  );
}

const blank = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * "Tambah relawan" (no `initial.id`) or the correction of a record: every field of the record, labels
 * above inputs, one column on a phone, the server's messages beside each field.
 */
export function VolunteerForm({ choices, initial }: { choices: VolunteerFormChoices; initial: VolunteerFormValues }) {
  const t = useTranslations('registry');
  const f = useTranslations('registry.fields');
  const router = useRouter();
  const editing = Boolean(initial.id);
  const prefix = 'volunteer';
  const [values, setValues] = useState({
    ...initial,
    nik: initial.nik ?? '',
    districtCode: initial.districtCode ?? '',
    village: initial.village ?? '',
    birthYear: initial.birthYear === null ? '' : String(initial.birthYear),
    emergencyContactName: initial.emergencyContactName ?? '',
    emergencyContactPhone: initial.emergencyContactPhone ?? '',
  });
  const [details, setDetails] = useState<Details>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusFirstError(prefix, details);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    const birthYear = values.birthYear.trim();
    const body = {
      name: values.name,
      phone: values.phone,
      nik: blank(values.nik),
      pillarCode: values.pillarCode,
      skills: values.skills,
      isCivilServant: values.isCivilServant,
      taganaRank: values.pillarCode === 'tagana' ? values.taganaRank : null,
      isTeamLeader: values.isTeamLeader,
      gender: values.gender,
      birthYear: birthYear === '' ? null : /^\d+$/.test(birthYear) ? Number(birthYear) : birthYear,
      emergencyContactName: blank(values.emergencyContactName),
      emergencyContactPhone: blank(values.emergencyContactPhone),
      ...(editing
        ? {}
        : {
            regencyCode: values.regencyCode,
            districtCode: values.districtCode || null,
            village: blank(values.village),
          }),
    };
    const result = editing
      ? await callApi<{ fields: string[] }>(`/api/volunteers/${initial.id}`, { method: 'PATCH', body })
      : await callApi<{ id: string }>('/api/volunteers', { body });
    setBusy(false);
    if (!result.ok) {
      setError(result.details ? `${result.error} ${t('fixErrors')}` : result.error);
      setDetails(result.details ?? {});
      return;
    }
    setDetails({});
    if (!editing) {
      router.push(`/posko/relawan/${(result.data as { id: string }).id}`);
      return;
    }
    setNotice((result.data as { fields: string[] }).fields.length > 0 ? t('saved') : t('nothingChanged'));
    router.refresh();
  }

  const id = (field: string) => `${prefix}-${field}`;
  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate data-testid="volunteer-form">
      <Field id={id('name')} label={f('name')} errors={details.name}>
        <input
          id={id('name')}
          value={values.name}
          onChange={(event) => set('name', event.target.value)}
          autoComplete="name"
          maxLength={120}
          required
          {...described(id('name'), details.name)}
        />
      </Field>
      <Field id={id('phone')} label={f('phone')} hint={f('phoneHint')} errors={details.phone}>
        <input
          id={id('phone')}
          type="tel"
          inputMode="tel"
          value={values.phone}
          onChange={(event) => set('phone', event.target.value)}
          autoComplete="tel"
          required
          {...described(id('phone'), details.phone, true)}
        />
      </Field>
      <Field id={id('nik')} label={f('nik')} hint={f('nikHint')} errors={details.nik}>
        <input
          id={id('nik')}
          inputMode="numeric"
          value={values.nik}
          onChange={(event) => set('nik', event.target.value)}
          autoComplete="off"
          maxLength={24}
          {...described(id('nik'), details.nik, true)}
        />
      </Field>
      <Field id={id('pillarCode')} label={f('pillar')} errors={details.pillarCode}>
        <select
          id={id('pillarCode')}
          value={values.pillarCode}
          onChange={(event) => set('pillarCode', event.target.value)}
          {...described(id('pillarCode'), details.pillarCode)}
        >
          {values.pillarCode ? null : <option value="">{f('choosePillar')}</option>}
          {choices.pillars.map((pillar) => (
            <option key={pillar.code} value={pillar.code}>
              {pillar.name}
            </option>
          ))}
        </select>
      </Field>
      {values.pillarCode === 'tagana' ? (
        <Field id={id('taganaRank')} label={f('taganaRank')} errors={details.taganaRank}>
          <select
            id={id('taganaRank')}
            value={values.taganaRank ?? ''}
            onChange={(event) => set('taganaRank', (event.target.value || null) as TaganaRank | null)}
            {...described(id('taganaRank'), details.taganaRank)}
          >
            <option value="">{f('rankNone')}</option>
            {TAGANA_RANKS.map((rank) => (
              <option key={rank} value={rank}>
                {t(`ranks.${rank}`)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {editing ? null : (
        <HomeFields
          prefix={prefix}
          choices={choices}
          regencyCode={values.regencyCode}
          districtCode={values.districtCode}
          village={values.village}
          details={details}
          onChange={(home) => setValues((current) => ({ ...current, ...home }))}
        />
      )}
      <SkillTags
        id={id('skills')}
        skills={values.skills}
        suggestions={choices.skills}
        errors={details.skills ?? Object.entries(details).find(([key]) => key.startsWith('skills.'))?.[1]}
        onChange={(skills) => set('skills', skills)}
      />
      <fieldset
        className={styles.choices}
        aria-describedby={details.isCivilServant ? id('isCivilServant-error') : undefined}
      >
        <legend>{f('civilServant')}</legend>
        <label>
          <input
            id={id('isCivilServant')}
            type="radio"
            name="isCivilServant"
            checked={!values.isCivilServant}
            onChange={() => set('isCivilServant', false)}
          />
          {f('nonAsn')}
        </label>
        <label>
          <input
            type="radio"
            name="isCivilServant"
            checked={values.isCivilServant}
            onChange={() => set('isCivilServant', true)}
          />
          {f('asn')}
        </label>
      </fieldset>
      <label className={styles.check}>
        <input
          id={id('isTeamLeader')}
          type="checkbox"
          checked={values.isTeamLeader}
          onChange={(event) => set('isTeamLeader', event.target.checked)}
        />
        {f('teamLeader')}
      </label>
      <Field id={id('gender')} label={f('gender')} errors={details.gender}>
        <select
          id={id('gender')}
          value={values.gender ?? ''}
          onChange={(event) => set('gender', (event.target.value || null) as Gender | null)}
          {...described(id('gender'), details.gender)}
        >
          <option value="">{f('genderUnknown')}</option>
          {GENDERS.map((gender) => (
            <option key={gender} value={gender}>
              {t(`genders.${gender}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('birthYear')} label={f('birthYear')} errors={details.birthYear}>
        <input
          id={id('birthYear')}
          inputMode="numeric"
          value={values.birthYear}
          onChange={(event) => set('birthYear', event.target.value)}
          maxLength={4}
          {...described(id('birthYear'), details.birthYear)}
        />
      </Field>
      <fieldset className={styles.group}>
        <legend>{f('emergency')}</legend>
        <Field id={id('emergencyContactName')} label={f('emergencyContactName')} errors={details.emergencyContactName}>
          <input
            id={id('emergencyContactName')}
            value={values.emergencyContactName}
            onChange={(event) => set('emergencyContactName', event.target.value)}
            maxLength={120}
            {...described(id('emergencyContactName'), details.emergencyContactName)}
          />
        </Field>
        <Field
          id={id('emergencyContactPhone')}
          label={f('emergencyContactPhone')}
          errors={details.emergencyContactPhone}
        >
          <input
            id={id('emergencyContactPhone')}
            type="tel"
            inputMode="tel"
            value={values.emergencyContactPhone}
            onChange={(event) => set('emergencyContactPhone', event.target.value)}
            {...described(id('emergencyContactPhone'), details.emergencyContactPhone)}
          />
        </Field>
      </fieldset>
      <Status error={error} notice={notice} />
      <button type="submit" className="button-primary" disabled={busy} data-testid="volunteer-submit">
        {busy ? t('saving') : editing ? t('save') : t('create')}
      </button>
    </form>
  );
}

function Status({ error, notice }: { error: string | null; notice: string | null }) {
  return (
    <>
      {error ? (
        <p className="form-error" role="alert" data-testid="form-error">
          {error}
        </p>
      ) : null}
      <p className={styles.notice} role="status" data-testid="form-notice">
        {notice}
      </p>
    </>
  );
}

/** Moves the home: kabupaten/kota inside the scope, its kecamatan, desa/kelurahan. */
export function MoveForm({
  volunteerId,
  choices,
  initial,
}: {
  volunteerId: string;
  choices: VolunteerFormChoices;
  initial: VolunteerFormValues;
}) {
  const t = useTranslations('registry');
  const router = useRouter();
  const prefix = 'move';
  const [home, setHome] = useState({
    regencyCode: initial.regencyCode,
    districtCode: initial.districtCode ?? '',
    village: initial.village ?? '',
  });
  const [details, setDetails] = useState<Details>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useFocusFirstError(prefix, details);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await callApi<{ moved: boolean }>(`/api/volunteers/${volunteerId}/move`, {
      body: { regencyCode: home.regencyCode, districtCode: home.districtCode || null, village: blank(home.village) },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    setDetails({});
    setNotice(result.data.moved ? t('move.done') : t('move.same'));
    router.refresh();
  }

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate data-testid="move-form">
      <p className={styles.hint}>{t('move.hint')}</p>
      <HomeFields prefix={prefix} choices={choices} {...home} details={details} onChange={setHome} />
      <Status error={error} notice={notice} />
      <button type="submit" disabled={busy} data-testid="move-submit">
        {busy ? t('saving') : t('move.submit')}
      </button>
    </form>
  );
}

/** Retire with a reason, or (when retired) reinstate. */
export function RetireForm({ volunteerId, retired }: { volunteerId: string; retired: boolean }) {
  const t = useTranslations('registry');
  const router = useRouter();
  const prefix = 'retire';
  const [reason, setReason] = useState('');
  const [details, setDetails] = useState<Details>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  useFocusFirstError(prefix, details);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = retired
      ? await callApi(`/api/volunteers/${volunteerId}/reinstate`, { body: {} })
      : await callApi(`/api/volunteers/${volunteerId}/retire`, { body: { reason } });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      if (!result.details) reasonRef.current?.focus();
      return;
    }
    setDetails({});
    setReason('');
    setNotice(retired ? t('reinstate.done') : t('retire.done'));
    router.refresh();
  }

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate data-testid="retire-form">
      <p className={styles.hint}>{retired ? t('reinstate.hint') : t('retire.hint')}</p>
      {retired ? null : (
        <Field id={`${prefix}-reason`} label={t('retire.reason')} hint={t('retire.reasonHint')} errors={details.reason}>
          <textarea
            id={`${prefix}-reason`}
            ref={reasonRef}
            value={reason}
            rows={2}
            maxLength={200}
            onChange={(event) => setReason(event.target.value)}
            {...described(`${prefix}-reason`, details.reason, true)}
          />
        </Field>
      )}
      <Status error={error} notice={notice} />
      <button
        type="submit"
        className={retired ? undefined : styles.danger}
        disabled={busy}
        data-testid={retired ? 'reinstate-submit' : 'retire-submit'}
      >
        {busy ? t('saving') : retired ? t('reinstate.submit') : t('retire.submit')}
      </button>
    </form>
  );
}
