/** Where the benchmark, the tests and the browser's performance panel see the map's first complete drawing. */
export const MAP_PAINTED_MARK = 'posko:map-painted';
