import Client, { type HttpClient } from 'android-sms-gateway';
import { ProviderError, SEND_TIMEOUT_MS, type ChannelProvider } from './provider';

/** The client's transport, on fetch: a refusal becomes a ProviderError the queue retries. */
function fetchClient(): HttpClient {
  const call = async <T>(method: string, url: string, body?: unknown, headers?: Record<string, string>) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (error) {
      throw new ProviderError(`SMS Gateway for Android unreachable: ${String(error)}`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ProviderError(`SMS Gateway for Android answered ${response.status}`);
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  };
  return {
    get: (url, headers) => call('GET', url, undefined, headers),
    post: (url, body, headers) => call('POST', url, body, headers),
    put: (url, body, headers) => call('PUT', url, body, headers),
    patch: (url, body, headers) => call('PATCH', url, body, headers),
    delete: (url, headers) => call('DELETE', url, undefined, headers),
  };
}

/**
 * SMS Gateway for Android in its local-server mode: the phone at the posko listens on the local
 * network (`http://<phone>:8080`) and sends each text from its own SIM. Posko's text id is the
 * message id, so delivery webhooks (sms:sent, sms:delivered, sms:failed) name it.
 */
export function androidSmsGatewayProvider(options: {
  url: string;
  username: string;
  password: string;
}): ChannelProvider {
  const client = new Client(options.username, options.password, fetchClient(), options.url.replace(/\/$/, ''));
  return {
    name: 'android-sms-gateway',
    channel: 'sms',
    async send({ id, to, text }) {
      const state = await client.send({ id, message: text, phoneNumbers: [to], withDeliveryReport: true });
      return { providerMessageId: state.id || id };
    },
  };
}
