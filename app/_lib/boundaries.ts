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

/** A province's kabupaten/kota outlines from `/api/boundaries/{code}`; null until loaded (or when missing). */
export function useBoundaries(provinceCode: string): RegencyFeatures | null {
  const [boundaries, setBoundaries] = useState<RegencyFeatures | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/boundaries/${provinceCode}`, { signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<Topology>) : null))
      .then((topology) => {
        const object = topology?.objects.regencies as GeometryCollection<RegencyProperties> | undefined;
        if (topology && object) setBoundaries(feature(topology, object) as RegencyFeatures);
      })
      // Without boundaries the map still works: points can be picked on the blank background.
      .catch(() => {});
    return () => controller.abort();
  }, [provinceCode]);
  return boundaries;
}
