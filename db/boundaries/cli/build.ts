import { buildBoundaries } from '../build';
import { BOUNDARIES_DIR } from '../paths';
import { summariseBuild } from '../summary';

/** `npm run boundaries:build`: the map's boundaries from GADM 4.1 into db/boundaries/out. */
try {
  console.log(summariseBuild(await buildBoundaries({ source: 'gadm', outDir: BOUNDARIES_DIR })));
} catch (error) {
  console.error('Building the boundaries failed:', error);
  process.exitCode = 1;
}
