import type { AvailabilityScale } from '../_lib/scale';

export function MapLegend({ scale }: { scale: AvailabilityScale }) {
  return (
    <div className="legend" aria-label="Keterangan warna peta">
      <p className="legend-title">Relawan siaga</p>
      <ul>
        <li>
          <span className="swatch" style={{ background: scale.nobody.colour }} aria-hidden="true" />
          {scale.nobody.label}
        </li>
        {scale.classes.map((item) => (
          <li key={item.from}>
            <span className="swatch" style={{ background: item.colour }} aria-hidden="true" />
            {item.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
