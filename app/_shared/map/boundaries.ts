'use client';

import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type RegencyProperties = { code: string; name: string };
export type RegencyFeatures = FeatureCollection<Geometry, RegencyProperties>;

/** The whole country, for a province whose boundaries are not built yet. */
export const INDONESIA_BOUNDS: [[number, number], [number, number]] = [
  [-11, 95],
  [6, 141],
];

/**
 * A province's kabupaten/kota outlines from `/api/boundaries/{name}` (a province code or "indonesia"),
 * and whether the request has finished (`settled`), drawn or not: the map works without boundaries.
 */
export function useBoundaryLoad(name: string): { boundaries: RegencyFeatures | null; settled: boolean } {
  const [state, setState] = useState<{ name: string; boundaries: RegencyFeatures | null } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/boundaries/${name}`, { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<Topology>) : null))
      .then((topology) => {
        const object = topology?.objects.regencies as GeometryCollection<RegencyProperties> | undefined;
        setState({ name, boundaries: topology && object ? (feature(topology, object) as RegencyFeatures) : null });
      })
      // Without boundaries the map still works: points can be picked on the blank background.
      .catch(() => {
        if (!controller.signal.aborted) setState({ name, boundaries: null });
      });
    return () => controller.abort();
  }, [name]);
  return state?.name === name ? { boundaries: state.boundaries, settled: true } : { boundaries: null, settled: false };
}

/** A province's kabupaten/kota outlines; null until loaded (or when missing). */
export function useBoundaries(provinceCode: string): RegencyFeatures | null {
  return useBoundaryLoad(provinceCode).boundaries;
}
