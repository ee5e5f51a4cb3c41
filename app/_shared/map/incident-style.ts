import type { IncidentType } from '@/lib/domain';

/** One colour per incident type on the map and in its legend (after Okabe–Ito, kept apart from the greens). */
export const INCIDENT_COLOURS: Record<IncidentType, string> = {
  flood: '#0072b2',
  forest_fire: '#d55e00',
  landslide: '#8c510a',
  whirlwind: '#6a3d9a',
  earthquake: '#cc79a7',
  settlement_fire: '#e69f00',
  drought: '#f0e442',
  neglected_person: '#00838f',
  other_social: '#555555',
};

/** Severity 1 … 5 as the marker's radius in pixels: bigger is worse. */
export const severityRadius = (severity: number) => 4 + Math.max(1, Math.min(5, severity)) * 2;
