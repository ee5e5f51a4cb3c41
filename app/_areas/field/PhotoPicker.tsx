'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useId, useMemo, useState } from 'react';
import { PHOTO_LIMITS } from '@/lib/situation';
import { shrinkPhoto } from './shrink-photo';

/**
 * Up to 3 photos for an assessment, each shrunk on the phone as soon as it is picked, so only the small
 * copy is kept in the outbox and sent.
 */
export function PhotoPicker({ photos, onChange }: { photos: Blob[]; onChange: (photos: Blob[]) => void }) {
  const t = useTranslations('photo.picker');
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const previews = useMemo(() => photos.map((photo) => URL.createObjectURL(photo)), [photos]);
  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);
  const room = PHOTO_LIMITS.perAssessment - photos.length;

  async function pick(files: FileList | null) {
    if (!files || files.length === 0) return;
    setBusy(true);
    setError(null);
    const shrunk: Blob[] = [];
    for (const file of [...files].slice(0, room)) {
      try {
        shrunk.push(await shrinkPhoto(file));
      } catch {
        setError(t('unreadable'));
      }
    }
    if (files.length > room) setError(t('tooMany'));
    setBusy(false);
    onChange([...photos, ...shrunk]);
  }

  return (
    <fieldset className="assess-group photo-picker" data-testid="photo-picker">
      <legend>{t('label')}</legend>
      <p className="hint">{t('hint')}</p>
      {photos.length > 0 ? (
        <ul className="photo-previews">
          {photos.map((photo, index) => (
            <li key={previews[index]} data-testid="photo-preview" data-bytes={photo.size}>
              {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL, nothing to optimise */}
              <img src={previews[index]} alt={t('preview', { n: index + 1 })} width={72} height={72} />
              <span>{t('size', { size: Math.round(photo.size / 1024) })}</span>
              <button
                type="button"
                className="link-button"
                onClick={() => onChange(photos.filter((_, i) => i !== index))}
              >
                {t('remove', { n: index + 1 })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {room > 0 ? (
        <>
          <label htmlFor={inputId} className="photo-add">
            {busy ? t('shrinking') : t('add', { room })}
          </label>
          <input
            id={inputId}
            className="photo-input"
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            disabled={busy}
            data-testid="photo-input"
            onChange={(event) => {
              void pick(event.target.files);
              event.target.value = '';
            }}
          />
        </>
      ) : (
        <p className="hint">{t('full')}</p>
      )}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
