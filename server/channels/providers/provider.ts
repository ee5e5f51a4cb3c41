import type { Channel } from '../../../lib/channels';

/** One text for one number; `id` is Posko's own, so a provider that is asked twice can tell. */
export interface OutboundText {
  id: string;
  /** E.164, "+6281234567890". */
  to: string;
  text: string;
  /** WhatsApp only: the volunteer wrote within 24 hours, so free text is allowed (otherwise a template). */
  windowOpen?: boolean;
}

/** The one interface every provider implements: send a text to a number. */
export interface ChannelProvider {
  readonly name: string;
  readonly channel: Channel;
  /** Resolves with the provider's id for the text; throws when the provider did not take it. */
  send(message: OutboundText): Promise<{ providerMessageId: string }>;
}

/** How long a provider may take to answer before the try counts as failed. */
export const SEND_TIMEOUT_MS = 15_000;

/** A provider refused or could not be reached; the queue tries again later. */
export class ProviderError extends Error {
  override name = 'ProviderError';
}

/** Throws a ProviderError naming the provider's answer (without its body, which may echo the number). */
export async function requireOk(provider: string, response: Response): Promise<void> {
  if (response.ok) return;
  await response.body?.cancel();
  throw new ProviderError(`${provider} answered ${response.status}`);
}
