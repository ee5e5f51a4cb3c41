/** A kabupaten/kota label at its point, in the map's pixel space at one zoom. */
export interface PlacedLabel {
  code: string;
  name: string;
  x: number;
  y: number;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

// The number's pill (at most 52 × 22, centred on the point) and the name below it, in CSS pixels.
const COUNT_HALF_WIDTH = 26;
const COUNT_HALF_HEIGHT = 11;
const NAME_GAP = 1;
const NAME_HEIGHT = 16;
const NAME_CHAR_WIDTH = 6.6;
const NAME_PADDING = 10;
const MARGIN = 2;

const countBox = ({ x, y }: PlacedLabel): Box => ({
  left: x - COUNT_HALF_WIDTH,
  right: x + COUNT_HALF_WIDTH,
  top: y - COUNT_HALF_HEIGHT,
  bottom: y + COUNT_HALF_HEIGHT,
});

/** Where the name sits: centred under the number. */
export function nameBox({ x, y, name }: PlacedLabel): Box {
  const half = (name.length * NAME_CHAR_WIDTH + NAME_PADDING) / 2;
  const top = y + COUNT_HALF_HEIGHT + NAME_GAP;
  return { left: x - half, right: x + half, top, bottom: top + NAME_HEIGHT };
}

const overlap = (a: Box, b: Box) =>
  a.left < b.right + MARGIN && b.left < a.right + MARGIN && a.top < b.bottom + MARGIN && b.top < a.bottom + MARGIN;

/**
 * The kabupaten/kota whose name fits under its number without touching another number or a name
 * already placed (the first come first, so the same names win at every zoom): zoomed out, the names
 * that would pile up stay hidden; zoomed in, they all come back.
 */
export function namedRegencies(labels: PlacedLabel[]): Set<string> {
  const counts = labels.map(countBox);
  const placed: Box[] = [];
  const named = new Set<string>();
  labels.forEach((label, own) => {
    const box = nameBox(label);
    const blocked =
      counts.some((count, at) => at !== own && overlap(box, count)) || placed.some((other) => overlap(box, other));
    if (blocked) return;
    placed.push(box);
    named.add(label.code);
  });
  return named;
}
