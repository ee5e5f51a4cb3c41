/** A sequential, colour-blind-safe green scale (ColorBrewer Greens) for "how many can still go". */
const CLASS_COLOURS = ['#c7e9c0', '#a1d99b', '#74c476', '#31a354', '#006d2c'] as const;
const NOBODY_COLOUR = '#d9d9d9';
/** Class index from which the label on the colour needs white text to stay readable. */
const DARK_FROM = 3;

export interface ScaleClass {
  from: number;
  to: number;
  colour: string;
  label: string;
}

export interface AvailabilityScale {
  classes: ScaleClass[];
  nobody: { colour: string; label: string };
  colourFor(count: number): string;
  isDark(count: number): boolean;
}

/** 1, 2, 5 × 10ⁿ: class widths a person can read at a glance. */
function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw);
  return step ?? 10 * magnitude;
}

const formatter = new Intl.NumberFormat('id-ID');

export function availabilityScale(max: number): AvailabilityScale {
  const step = niceStep(Math.ceil(Math.max(max, 1) / CLASS_COLOURS.length));
  const classes = CLASS_COLOURS.map((colour, index) => {
    const from = index * step + 1;
    const to = (index + 1) * step;
    const label =
      index === CLASS_COLOURS.length - 1
        ? `≥ ${formatter.format(from)}`
        : `${formatter.format(from)}–${formatter.format(to)}`;
    return { from, to, colour, label };
  });
  const classIndex = (count: number) => Math.min(Math.ceil(count / step) - 1, classes.length - 1);
  return {
    classes,
    nobody: { colour: NOBODY_COLOUR, label: '0' },
    colourFor: (count) => (count <= 0 ? NOBODY_COLOUR : (classes[classIndex(count)]?.colour ?? NOBODY_COLOUR)),
    isDark: (count) => count > 0 && classIndex(count) >= DARK_FROM,
  };
}

export function formatNumber(value: number): string {
  return formatter.format(value);
}
