/**
 * A benchmark target of `pnpm bench`. Each issue adds its own file under `targets/` and registers it in
 * `targets/index.ts`. Targets measure in child processes (see `measure.ts`) so peak memory is per measurement.
 */
export interface BenchTarget {
  /** Short id used by `pnpm bench --only <name>`. */
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}

export interface BenchContext {
  /** Repository root (absolute). */
  readonly root: string;
  /** A fresh temporary directory the target may use; removed after the run. */
  readonly tmpDir: string;
  /** Service counts to scale over (default 3, 30, 300; `--sizes` overrides). */
  readonly sizes: readonly number[];
  /** Progress lines (stderr). */
  readonly log: (line: string) => void;
}

/** One printed line of results. */
export interface BenchRow {
  /** What was measured, such as `infra synth (example, 3 envs)`. */
  readonly label: string;
  readonly wallMs: number;
  /** Peak resident set size of the process that did the work. */
  readonly peakRssMb?: number;
  /** Phase breakdown in milliseconds, in order. */
  readonly phases?: Readonly<Record<string, number>>;
  /** Budget from the issue; the row fails when exceeded. */
  readonly budget?: { readonly wallMs?: number; readonly peakRssMb?: number };
  /**
   * Comparison with a baseline measured in the same run: `ratio` = baseline wall / this wall (higher is better);
   * `minRatio` is the required speed-up.
   */
  readonly versus?: { readonly label: string; readonly ratio: number; readonly minRatio?: number };
  /** Free-form note printed under the row. */
  readonly note?: string;
}
