import type { ResolvedPlatform } from '@paved/shared-config';
import { App } from 'cdktf';
import { PlatformApp } from './platform-app';

export interface InfraSynthOptions {
  /** Directory cdktf writes `manifest.json` and `stacks/<stack>/cdk.tf.json` into. */
  readonly outdir: string;
  /**
   * Only these environments' stacks (platform-wide stacks are always included).
   * @default - every environment
   */
  readonly environments?: readonly string[];
}

export interface StackSummary {
  readonly name: string;
  /** The environment the stack belongs to; undefined for platform-wide stacks. */
  readonly environment?: string;
  readonly resources: number;
  /** Stacks that must be deployed first. */
  readonly dependencies: readonly string[];
}

export interface InfraSynthResult {
  readonly stacks: readonly StackSummary[];
}

/** Synthesizes the Terraform JSON of every stack of the platform into `options.outdir`. */
export function synthesizeInfrastructure(platform: ResolvedPlatform, options: InfraSynthOptions): InfraSynthResult {
  return withoutTokenStackTraces(() => {
    const app = new App({ outdir: options.outdir, stackTraces: false });
    const platformApp = new PlatformApp(app, platform, { environments: options.environments });
    app.synth();
    return { stacks: platformApp.summarize() };
  });
}

/**
 * cdktf captures and formats a full stack trace for every token it creates, only to decorate resolution errors; that
 * formatting was a third of the synth time. While synthesizing, traces format to nothing. V8 formats an error's
 * `stack` lazily, on first read, so errors that escape are formatted normally after the hooks are restored; errors
 * constructed with `new` keep their frames (V8 records them natively, not through `Error.captureStackTrace`).
 */
function withoutTokenStackTraces<T>(work: () => T): T {
  const { prepareStackTrace, captureStackTrace } = Error;
  Error.prepareStackTrace = () => '';
  // cdktf raises the frame limit to infinity before each capture; collecting the frames is the other half of the cost.
  Error.captureStackTrace = (target: object) => {
    Object.defineProperty(target, 'stack', { value: '', configurable: true, writable: true });
  };
  try {
    return work();
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.captureStackTrace = captureStackTrace;
  }
}
