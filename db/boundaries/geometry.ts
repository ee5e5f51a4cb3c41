import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Candidate labels per side of the parent's bounding box. */
const GRID = 32;
/** How much more a label's distance from the parent's edge counts than its distance from other labels. */
const EDGE_WEIGHT = 3;
/** Square kilometres per square degree near the equator (Indonesia lies within 11° of it). */
const KM2_PER_DEGREE2 = 111.32 * 110.57;
/** Islands smaller than this are a pixel or two at province zoom; without them, each larger one survives. */
const SMALLEST_ISLAND_KM2 = 5;

type Rings = Position[][];

function ringsOf(shape: Polygon | MultiPolygon): Rings {
  return shape.type === 'Polygon' ? shape.coordinates : shape.coordinates.flat();
}

/** Even-odd rule over every ring, so holes and separate islands both count right. */
export function containsPoint(shape: Polygon | MultiPolygon, [x = 0, y = 0]: Position): boolean {
  let inside = false;
  for (const ring of ringsOf(shape)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function distanceToSegment([x = 0, y = 0]: Position, [ax = 0, ay = 0]: Position, [bx = 0, by = 0]: Position): number {
  const dx = bx - ax;
  const dy = by - ay;
  const squaredLength = dx * dx + dy * dy;
  const t = squaredLength === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / squaredLength));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

function distanceToEdge(rings: Rings, point: Position): number {
  let nearest = Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1];
      const b = ring[i];
      if (a && b) nearest = Math.min(nearest, distanceToSegment(point, a, b));
    }
  }
  return nearest;
}

function ringAreaKm2(ring: Position[]): number {
  let twiceArea = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    twiceArea += (xj - xi) * (yj + yi);
  }
  return (Math.abs(twiceArea) / 2) * KM2_PER_DEGREE2;
}

/**
 * A regency's parts worth drawing, one polygon each, since mapshaper's keep-shapes saves one ring per
 * feature. Islets go unless a tenth of the regency's largest part (Kepulauan Seribu is all islets).
 */
export function partsWorthDrawing(shape: Polygon | MultiPolygon): Polygon[] {
  const parts = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
  const areas = parts.map((rings) => ringAreaKm2(rings[0] ?? []));
  const threshold = Math.min(SMALLEST_ISLAND_KM2, Math.max(...areas) / 10);
  return parts.filter((_, i) => (areas[i] ?? 0) >= threshold).map((coordinates) => ({ type: 'Polygon', coordinates }));
}

export function bboxOf(positions: Iterable<Position>): [number, number, number, number] | undefined {
  let box: [number, number, number, number] | undefined;
  for (const [x = 0, y = 0] of positions) {
    box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
  }
  return box;
}

/**
 * A label point inside `parent`, as far as possible from both its edge and the labels already there
 * (the parent's own, earlier siblings'). Planar degrees: close enough to metres' proportions at the equator.
 */
export function pointInsideParent(parent: Polygon | MultiPolygon, taken: Position[]): Position | undefined {
  const rings = ringsOf(parent);
  const [minX, minY, maxX, maxY] = bboxOf(rings.flat()) ?? [0, 0, 0, 0];
  let best: { point: Position; room: number } | undefined;
  for (let col = 0; col < GRID; col++) {
    for (let row = 0; row < GRID; row++) {
      const x = minX + ((col + 0.5) * (maxX - minX)) / GRID;
      const y = minY + ((row + 0.5) * (maxY - minY)) / GRID;
      if (!containsPoint(parent, [x, y])) continue;
      const fromLabels = Math.min(...taken.map(([takenX = 0, takenY = 0]) => Math.hypot(x - takenX, y - takenY)));
      const room = Math.min(EDGE_WEIGHT * distanceToEdge(rings, [x, y]), fromLabels);
      if (!best || room > best.room) best = { point: [x, y], room };
    }
  }
  return best?.point;
}
