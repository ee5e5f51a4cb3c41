import type { Channel } from '../../../lib/channels';
import type { Env } from '../../env';
import { androidSmsGatewayProvider } from './android-sms-gateway';
import { httpProvider } from './http';
import { logProvider } from './log';
import type { ChannelProvider } from './provider';
import { whatsappProvider } from './whatsapp';

export type Providers = Partial<Record<Channel, ChannelProvider>>;

/** The providers the configuration turns on: always one for SMS (the log by default), WhatsApp when set. */
export function providersFrom(env: Env): Providers {
  const sms =
    env.POSKO_SMS_PROVIDER === 'http'
      ? httpProvider({ url: env.POSKO_SMS_HTTP_URL!, secret: env.POSKO_SMS_WEBHOOK_SECRET! })
      : env.POSKO_SMS_PROVIDER === 'android-sms-gateway'
        ? androidSmsGatewayProvider({
            url: env.POSKO_SMS_ANDROID_URL!,
            username: env.POSKO_SMS_ANDROID_USERNAME!,
            password: env.POSKO_SMS_ANDROID_PASSWORD!,
          })
        : logProvider();
  const whatsapp =
    env.POSKO_WHATSAPP_TOKEN && env.POSKO_WHATSAPP_PHONE_NUMBER_ID
      ? whatsappProvider({
          apiUrl: env.POSKO_WHATSAPP_API_URL,
          token: env.POSKO_WHATSAPP_TOKEN,
          phoneNumberId: env.POSKO_WHATSAPP_PHONE_NUMBER_ID,
          template: env.POSKO_WHATSAPP_TEMPLATE,
          templateLanguage: env.POSKO_WHATSAPP_TEMPLATE_LANGUAGE,
        })
      : undefined;
  return { sms, ...(whatsapp && { whatsapp }) };
}
