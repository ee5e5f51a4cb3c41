/** The one entry point of mapshaper's Node API that the boundary build uses (the package has no types). */
declare module 'mapshaper' {
  const mapshaper: {
    /** Runs a mapshaper command line on in-memory input files; resolves with every `-o` output by file name. */
    applyCommands(commands: string, input: Record<string, unknown>): Promise<Record<string, string | Buffer>>;
  };
  export default mapshaper;
}
