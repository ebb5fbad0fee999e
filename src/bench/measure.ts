import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** What a bench job reports from its child process. */
export interface ChildMeasurement<T = unknown> {
  /** Wall time of the job itself (module loading inside the job included, process start excluded). */
  readonly wallMs: number;
  /** Peak RSS of the child process, in MB. */
  readonly peakRssMb: number;
  /** Whatever the job returned (JSON-serializable). */
  readonly result: T;
}

/**
 * Runs `exportName(args)` from the compiled module `modulePath` (relative to lib/) in a fresh Node process, so that
 * module loading and peak memory are measured for this job alone.
 */
export function measureInChild<T = unknown>(
  modulePath: string,
  exportName: string,
  args: unknown,
  options: { nodeArgs?: string[]; cwd?: string } = {},
): Promise<ChildMeasurement<T>> {
  const worker = path.join(__dirname, 'worker.js');
  const target = path.resolve(__dirname, '..', modulePath);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), worker, target, exportName, JSON.stringify(args)],
      { cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`bench job ${modulePath}#${exportName} failed: ${stderr || error.message}`));
          return;
        }
        const line = stdout.trim().split('\n').pop() ?? '';
        resolve(JSON.parse(line) as ChildMeasurement<T>);
      },
    );
  });
}
