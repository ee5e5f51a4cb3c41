import { describe, expect, it } from 'vitest';
import { nameBox, namedRegencies, type PlacedLabel } from '../../../../app/_shared/map/label-names';

const label = (code: string, x: number, y: number, name = 'Kapuas'): PlacedLabel => ({ code, name, x, y });

describe('kabupaten names on the map', () => {
  it('shows every name when the labels stand far apart', () => {
    const labels = [label('62.01', 0, 0), label('62.02', 300, 0), label('62.03', 0, 300)];
    expect([...namedRegencies(labels)].sort()).toEqual(['62.01', '62.02', '62.03']);
  });

  it('hides a name that would run into another number or name, and shows it again zoomed in', () => {
    // Zoomed out: the second number sits right under the first, where the first's name would go.
    const near = [label('62.01', 100, 100, 'Kotawaringin Barat'), label('62.02', 110, 125, 'Lamandau')];
    expect([...namedRegencies(near)]).toEqual(['62.02']);
    // Side by side, close: the first name is placed, the second would touch it.
    const sideBySide = [label('62.01', 100, 100, 'Kotawaringin Barat'), label('62.02', 200, 100, 'Kotawaringin Timur')];
    expect([...namedRegencies(sideBySide)]).toEqual(['62.01']);
    // One zoom level further in, every distance doubles.
    const zoomedIn = sideBySide.map((item) => ({ ...item, x: item.x * 2, y: item.y * 2 }));
    expect([...namedRegencies(zoomedIn)].sort()).toEqual(['62.01', '62.02']);
  });

  it('puts the name under its number, centred', () => {
    const box = nameBox(label('62.03', 200, 50));
    expect((box.left + box.right) / 2).toBe(200);
    expect(box.top).toBeGreaterThan(50 + 10);
  });
});
