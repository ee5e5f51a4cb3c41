import { parseArgs } from 'node:util';
import { BoundaryImportError, buildBoundaries } from '../build';
import { BOUNDARIES_DIR } from '../paths';
import { summariseBuild } from '../summary';

/** `npm run boundaries:import -- FILE [--key PROPERTY]`: the map's boundaries from a GeoJSON keyed by official code. */
const USAGE = 'Usage: npm run boundaries:import -- FILE.geojson [--key PROPERTY] (PROPERTY holds codes like "62.03")';

function readArguments(): { file: string; keyProperty: string } {
  try {
    const { positionals, values } = parseArgs({
      allowPositionals: true,
      options: { key: { type: 'string', default: 'code' } },
    });
    const [file, ...extra] = positionals;
    if (file !== undefined && extra.length === 0) return { file, keyProperty: values.key };
  } catch {
    // parseArgs explains an unknown option in a paragraph; the usage line says it shorter.
  }
  throw new BoundaryImportError(USAGE);
}

try {
  const build = await buildBoundaries({ source: readArguments(), outDir: BOUNDARIES_DIR });
  console.log(summariseBuild(build));
} catch (error) {
  // A rejected file gets its one-line reason; anything else is a bug and keeps its stack.
  if (error instanceof BoundaryImportError) console.error(error.message);
  else console.error('Importing the boundaries failed:', error);
  process.exitCode = 1;
}
