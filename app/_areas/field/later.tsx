'use client';

import dynamic from 'next/dynamic';

/**
 * The parts of /tugas a phone does not need for its first tap, each in a chunk of its own that loads
 * only when the part is shown: the server still renders them into the page, and the scripts follow.
 * The service worker precaches every chunk of the build, so they work offline as well.
 */
export const RollCallCard = dynamic(() => import('./RollCallCard').then((m) => m.RollCallCard));
export const MessagesCard = dynamic(() => import('./MessagesCard').then((m) => m.MessagesCard));
export const WriteToPosko = dynamic(() => import('./WriteToPosko').then((m) => m.WriteToPosko));
export const AssessmentCard = dynamic(() => import('./AssessmentCard').then((m) => m.AssessmentCard));
export const PrivacyChoices = dynamic(() =>
  import('@/app/_areas/privacy/PrivacyChoices').then((m) => m.PrivacyChoices),
);
export const PushToggle = dynamic(() => import('./PushToggle').then((m) => m.PushToggle));
export const ChannelPreference = dynamic(() =>
  import('@/app/_areas/channels/ChannelPreference').then((m) => m.ChannelPreference),
);
export const OwnContactForm = dynamic(() => import('./OwnContactForm').then((m) => m.OwnContactForm));
export const TeamCheckIns = dynamic(() => import('@/app/_areas/operations/TeamCheckIns').then((m) => m.TeamCheckIns));
