import type { ReactNode } from 'react';
import '@/app/_areas/incidents/incidents.css';

/** The incident pages share their styles; everything else about them is per page. */
export default function IncidentsLayout({ children }: { children: ReactNode }) {
  return children;
}
