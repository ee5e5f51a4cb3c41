'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callApi } from '@/app/_shared/api';

/** Takes one volunteer's completion back, after a confirmation. */
export function RemoveAttendee({
  trainingId,
  volunteerId,
  name,
}: {
  trainingId: string;
  volunteerId: string;
  name: string;
}) {
  const t = useTranslations('trainings.detail');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function remove() {
    if (!window.confirm(t('removeConfirm', { name }))) return;
    setBusy(true);
    const result = await callApi(`/api/trainings/${trainingId}/attendance/${volunteerId}`, { method: 'DELETE' });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else router.refresh();
  }

  return (
    <>
      <button type="button" onClick={() => void remove()} disabled={busy} aria-label={t('remove', { name })}>
        ×
      </button>
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
