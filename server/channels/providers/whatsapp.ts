import { ProviderError, requireOk, SEND_TIMEOUT_MS, type ChannelProvider } from './provider';

export interface WhatsAppOptions {
  apiUrl: string;
  token: string;
  phoneNumberId: string;
  template: string;
  templateLanguage: string;
}

/**
 * WhatsApp Business Cloud API with plain fetch. Free text is allowed only within 24 hours of the
 * volunteer's last message; otherwise the approved template carries the text as its one parameter.
 */
export function whatsappProvider(options: WhatsAppOptions): ChannelProvider {
  return {
    name: 'whatsapp',
    channel: 'whatsapp',
    async send({ to, text, windowOpen }) {
      const recipient = to.replace(/^\+/, '');
      const body = windowOpen
        ? {
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: recipient,
            type: 'text',
            text: { body: text },
          }
        : {
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: recipient,
            type: 'template',
            template: {
              name: options.template,
              language: { code: options.templateLanguage },
              components: [{ type: 'body', parameters: [{ type: 'text', text }] }],
            },
          };
      let response: Response;
      try {
        response = await fetch(`${options.apiUrl.replace(/\/$/, '')}/${options.phoneNumberId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
          redirect: 'error',
        });
      } catch (error) {
        throw new ProviderError(`WhatsApp unreachable: ${String(error)}`);
      }
      await requireOk('WhatsApp', response);
      const answer = (await response.json().catch(() => null)) as { messages?: { id?: string }[] } | null;
      const id = answer?.messages?.[0]?.id;
      if (!id) throw new ProviderError('WhatsApp answered without a message id');
      return { providerMessageId: id };
    },
  };
}
