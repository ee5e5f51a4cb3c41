import { getAppContext } from '@/server/context';
import { DomainError } from '@/server/errors';
import { BodyTooLarge, clientOf, errorResponse, publicBaseUrl } from '@/server/http';
import { readSignupForm, signupEchoCookie, type SignupFormEcho } from '@/server/signups/form';
import { submitSignup } from '@/server/signups/submit-signup';

/**
 * The public sign-up form's target; it works without JavaScript. A browser's form post is sent on to
 * the thank-you page, or back to the form with the messages; a JSON caller gets 201 or a 4xx.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  const ctx = getAppContext();
  const base = publicBaseUrl(request, ctx);
  const secure = base.startsWith('https:');
  let form: Awaited<ReturnType<typeof readSignupForm>> = {};
  try {
    form = await readSignupForm(request);
    const submitted = await submitSignup({ ctx, input: { ...form, token }, client: clientOf(request) });
    if (wantsJson) return Response.json(submitted, { status: 201 });
    return new Response(null, {
      status: 303,
      headers: {
        location: `${base}/daftar/${encodeURIComponent(token)}/terima-kasih`,
        'set-cookie': signupEchoCookie(token, null, secure),
      },
    });
  } catch (error) {
    const refused = error instanceof DomainError || error instanceof BodyTooLarge;
    if (wantsJson || !refused || !/^[A-Za-z0-9_-]{1,64}$/.test(token)) return errorResponse(error);
    // The consent box is ticked again by the person, never carried over.
    const values = { ...form, consent: undefined };
    const details = error instanceof DomainError ? (error.details ?? {}) : {};
    const echo: SignupFormEcho = { error: error.message, details, values };
    return new Response(null, {
      status: 303,
      headers: { location: `${base}/daftar/${token}#formulir`, 'set-cookie': signupEchoCookie(token, echo, secure) },
    });
  }
}
