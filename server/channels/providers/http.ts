import { signBody } from '../signatures';
import { ProviderError, requireOk, SEND_TIMEOUT_MS, type ChannelProvider } from './provider';

export const POSKO_SIGNATURE_HEADER = 'x-posko-signature';

/**
 * Any SMS gateway that takes `POST { id, to, text }` as JSON, signed with
 * `X-Posko-Signature: sha256=<hex HMAC-SHA256 of the body>`; Posko's `id` is the text's id.
 */
export function httpProvider(options: { url: string; secret: string }): ChannelProvider {
  return {
    name: 'http',
    channel: 'sms',
    async send({ id, to, text }) {
      const body = JSON.stringify({ id, to, text });
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [POSKO_SIGNATURE_HEADER]: signBody(options.secret, body) },
          body,
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
          redirect: 'error',
        });
      } catch (error) {
        throw new ProviderError(`http gateway unreachable: ${String(error)}`);
      }
      await requireOk('http gateway', response);
      await response.body?.cancel();
      return { providerMessageId: id };
    },
  };
}
