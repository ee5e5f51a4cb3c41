/** "always": every offer also goes by text; "fallback": only when the phone has no live page and no push. */
export const CHANNEL_PREFERENCES = ['fallback', 'always'] as const;
export type ChannelPreference = (typeof CHANNEL_PREFERENCES)[number];
