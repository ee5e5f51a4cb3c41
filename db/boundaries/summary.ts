import type { BoundaryBuild } from './build';

const kilobytes = (bytes: number) => `${(bytes / 1000).toFixed(0)} kB`;

/** The one line both boundary commands print: what joined, what did not, how big, how long. */
export function summariseBuild(build: BoundaryBuild): string {
  const { meta } = build;
  const unjoined = meta.unjoined.map(({ province, name, type }) => `${province}/${name} (${type})`).join(', ');
  const pointOnly = meta.withoutPolygon.length - build.withoutPoint.length;
  const withoutPoint = build.withoutPoint.length > 0 ? `, ${build.withoutPoint.length} without a point` : '';
  return (
    `Boundaries from ${meta.source}: ${build.featuresJoined} features joined, unjoined: ${unjoined || 'none'}; ` +
    `${pointOnly} regencies point-only${withoutPoint}; ` +
    `${build.districtsJoined} of ${build.districtsTotal} kecamatan with a centroid; ` +
    `indonesia.json ${kilobytes(build.nationBytes)} (${kilobytes(build.nationGzipBytes)} gzipped); ${build.ms} ms.`
  );
}
