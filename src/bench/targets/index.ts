import type { BenchTarget } from '../bench-target';
import { blueprintTarget } from './blueprint';
import { checksTarget } from './checks';
import { cliTarget } from './cli';
import { configTarget } from './config';
import { gitopsTarget } from './gitops';
import { infraTarget } from './infra';
import { stagesTarget } from './stages';
import { synthTarget } from './synth';

/** Every target of `pnpm bench`, in the order they run. */
export const BENCH_TARGETS: readonly BenchTarget[] = [
  configTarget, infraTarget, gitopsTarget, stagesTarget, checksTarget, synthTarget, blueprintTarget, cliTarget,
];
