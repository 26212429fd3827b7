/**
 * A bench section: `run` executes in the parent (generates data, starts children,
 * prints); `tasks` execute inside a child process (see measure.ts / child.ts).
 */
export interface BenchContext {
  /** scratch directory for generated repositories, removed at the end */
  tmp: string;
  /** `--quick`: smaller sizes / fewer runs, for a smoke test */
  quick: boolean;
  out: (s: string) => void;
}

export interface SectionOutcome {
  /** false when a target was missed */
  ok: boolean;
}

export interface BenchSection {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<SectionOutcome>;
  /** child-side tasks by name: each returns extra figures; timing/RSS are added by childMeasure */
  tasks: Record<string, (args: any) => Promise<Record<string, unknown>> | Record<string, unknown>>;
}
