'use client';

import type { ReactNode } from 'react';
import type { AssignmentStatus } from '@/lib/domain';
import type { FieldFormPost } from '@/lib/field-form';
import { FIELD_FORM_ACTION } from '@/lib/field-form-names';

/** The steps a form post can take, as the route names them. */
type FormStep = 'accepted' | 'declined' | 'en_route' | 'on_site' | 'completed' | 'withdrawn' | 'returned';
const ACTION: Record<FormStep, FieldFormPost['action']> = {
  accepted: 'accept',
  declined: 'decline',
  withdrawn: 'withdraw',
  en_route: 'report',
  on_site: 'report',
  completed: 'report',
  returned: 'report',
};

/**
 * One big button that is a real form: before the page's scripts have run, a tap posts it to
 * FIELD_FORM_ACTION with the key the server rendered; once they run, `onTap` takes the tap instead
 * (through the outbox) and nothing is posted.
 */
export function ActionForm({
  fields,
  className,
  disabled,
  pressed,
  onTap,
  children,
}: {
  fields: Record<string, string | undefined>;
  className: string;
  disabled?: boolean;
  pressed?: boolean;
  onTap: () => void;
  children: ReactNode;
}) {
  return (
    <form
      method="post"
      action={FIELD_FORM_ACTION}
      className="step-form"
      onSubmit={(event) => {
        event.preventDefault();
        onTap();
      }}
    >
      {Object.entries(fields).map(([name, value]) =>
        value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
      )}
      <button type="submit" className={className} disabled={disabled} aria-pressed={pressed}>
        {children}
      </button>
    </form>
  );
}

/** A step of an assignment ("Terima", "Berangkat", …) as an ActionForm; a report names its `from`. */
export function StepForm({
  step,
  assignmentId,
  from,
  idempotencyKey,
  ...rest
}: {
  step: FormStep;
  assignmentId: string;
  from: AssignmentStatus;
  idempotencyKey: string | undefined;
  className: string;
  disabled?: boolean;
  onTap: () => void;
  children: ReactNode;
}) {
  const action = ACTION[step];
  return (
    <ActionForm
      fields={{
        action,
        assignmentId,
        ...(action === 'report' ? { status: step, from } : {}),
        idempotencyKey,
      }}
      {...rest}
    />
  );
}
