import { redirect } from 'next/navigation';
import { HOME_PAGE } from '@/lib/roles';
import { currentActor } from './_shared/session';

/** Everyone lands on their own page: coordinators the map, volunteers their phone view, leaders the board. */
export default async function HomePage() {
  const actor = await currentActor();
  redirect(actor ? HOME_PAGE[actor.role] : '/masuk');
}
