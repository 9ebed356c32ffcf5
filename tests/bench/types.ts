/**
 * The contract between `npm run bench` (tests/bench/run.ts) and each area's benchmarks.
 * A file tests/bench/<area>.ts exports `benchmarks: Benchmark[]`; the runner prints every
 * figure as `BENCH <name> <value> <unit>`.
 */
export interface BenchFigure {
  /** Dotted name, e.g. "lom.parse.rate". */
  name: string;
  value: number;
  /** e.g. "records/s", "ms", "MB", "req/s". */
  unit: string;
  /** The target from the issue, printed beside the figure, e.g. ">= 2000". */
  target?: string;
}

export interface BenchContext {
  /** Base URL of the production server started for the run, e.g. http://127.0.0.1:3901. */
  baseUrl: string;
  /** The SQLite URL of that server's own database (migrated and seeded). */
  databaseUrl: string;
  /** A scratch folder deleted after the run. */
  tmpDir: string;
  /** Prints human-readable detail lines. */
  log: (line: string) => void;
}

export interface Benchmark {
  name: string;
  run: (context: BenchContext) => Promise<BenchFigure[]>;
}
