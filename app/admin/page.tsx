import type { Metadata } from 'next';
import { asc } from 'drizzle-orm';
import { provinces } from '@/db/schema';
import { getAppContext } from '@/server/context';
import { AccountAdmin } from '../_components/AccountAdmin';
import { UserMenu } from '../_components/UserMenu';
import { requirePage } from '../_lib/session';

export const metadata: Metadata = { title: 'Akun petugas' };

/** Admins create coordinators and leaders (province or kabupaten) and end their sessions. */
export default async function AdminPage() {
  const { me } = await requirePage('/admin', ['admin']);
  const allProvinces = await getAppContext()
    .db.select({ code: provinces.code, name: provinces.name })
    .from(provinces)
    .orderBy(asc(provinces.code));
  return (
    <div className="dashboard">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <div>
            <h1>Akun Petugas</h1>
            <p className="subtitle">Admin, koordinator dan pimpinan</p>
          </div>
        </div>
        <UserMenu me={me} />
      </header>
      <AccountAdmin provinces={allProvinces} />
    </div>
  );
}
