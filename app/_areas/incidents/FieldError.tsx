/** The server's messages for one form field, shown beside it. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <span className="field-error" id={id} data-testid={id} role="alert">
      {messages.join(' ')}
    </span>
  );
}

/** A failure of the whole form or action, in the server's words. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
