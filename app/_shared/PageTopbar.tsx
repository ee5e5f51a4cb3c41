import type { ReactNode } from 'react';

/** The dark bar at the top of the staff pages: brand, title and scope, then tools and the user menu. */
export function PageTopbar({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          P
        </span>
        <div>
          <h1>{title}</h1>
          <p className="subtitle">{subtitle}</p>
        </div>
      </div>
      <div className="topbar-tools">{children}</div>
    </header>
  );
}
