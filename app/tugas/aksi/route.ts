import { stringifySetCookie } from 'cookie';
import type { FieldFlash } from '@/lib/field-form';
import { FIELD_FLASH_COOKIE } from '@/lib/field-form-names';
import { getAppContext } from '@/server/context';
import { submitFieldForm } from '@/server/deployments/field-form';
import { DomainError } from '@/server/errors';
import { BodyTooLarge, errorResponse, publicBaseUrl, readBodyBytes, readJson, requireActor } from '@/server/http';

/** A tap's form holds a handful of short fields. */
const MAX_FORM_BYTES = 4 * 1024;

/** The form's fields, from a browser's urlencoded post or a JSON caller's object. */
async function readForm(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return readJson(request);
  if (!type.includes('application/x-www-form-urlencoded')) {
    throw new DomainError('INVALID', 'Kirim formulir /tugas sebagai application/x-www-form-urlencoded atau JSON.');
  }
  const body = await readBodyBytes(request, MAX_FORM_BYTES);
  return Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body)).entries());
}

/** A refusal as the volunteer reads it: the message, and the first hint of what to change. */
function refusalText(error: DomainError | BodyTooLarge): string {
  const hint = error instanceof DomainError ? Object.values(error.details ?? {}).flat()[0] : undefined;
  return (hint ? `${error.message} ${hint}` : error.message).slice(0, 600);
}

/**
 * The target of /tugas's plain form posts ("Terima", "Tolak", the status steps, siaga): they work
 * before any script has run. The tap goes to the same verbs as the socket's, then back to /tugas (303)
 * with its outcome in a short-lived cookie; without a session it goes to sign-in first. A JSON caller
 * (a JSON body or `Accept: application/json`) gets the outcome as JSON, or the refusal as a 4xx.
 */
export async function POST(request: Request): Promise<Response> {
  // A browser's form (no script) is urlencoded; a JSON body or Accept comes from a program.
  const wantsJson = [request.headers.get('accept'), request.headers.get('content-type')].some((value) =>
    (value ?? '').includes('application/json'),
  );
  const ctx = getAppContext();
  const base = publicBaseUrl(request, ctx);
  const back = (flash: FieldFlash) =>
    new Response(null, {
      status: 303,
      headers: {
        location: `${base}/tugas`,
        'cache-control': 'no-store',
        'set-cookie': stringifySetCookie({
          name: FIELD_FLASH_COOKIE,
          value: Buffer.from(JSON.stringify(flash)).toString('base64url'),
          // Not httpOnly: once its scripts run, the page clears it, so a reload does not show it again.
          sameSite: 'lax',
          secure: base.startsWith('https:'),
          path: '/tugas',
          maxAge: 60,
        }),
      },
    });
  try {
    if (wantsJson) {
      const { actor } = await requireActor(request, ctx);
      return Response.json(await submitFieldForm({ ctx: { ...ctx, actor }, input: await readForm(request) }));
    }
    const { actor } = await requireActor(request, ctx).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') return { actor: null };
      throw error;
    });
    if (!actor) return new Response(null, { status: 303, headers: { location: `${base}/masuk?lanjut=%2Ftugas` } });
    return back(await submitFieldForm({ ctx: { ...ctx, actor }, input: await readForm(request) }));
  } catch (error) {
    if (wantsJson) return errorResponse(error);
    if (error instanceof DomainError || error instanceof BodyTooLarge)
      return back({ ok: false, error: refusalText(error) });
    return errorResponse(error);
  }
}
