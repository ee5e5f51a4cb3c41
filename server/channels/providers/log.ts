import type { ChannelProvider } from './provider';

/** The default: nothing leaves the machine; the outbox page shows exactly what would have been sent. */
export function logProvider(): ChannelProvider {
  return {
    name: 'log',
    channel: 'sms',
    send: (message) => Promise.resolve({ providerMessageId: `log:${message.id}` }),
  };
}
