import { performance } from 'node:perf_hooks';

/** Child side of `measureInChild`: runs one exported job and prints one JSON line with time and peak memory. */
async function main(): Promise<void> {
  const [modulePath, exportName, argsJson] = process.argv.slice(2);
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(modulePath) as Record<string, (args: unknown) => unknown>;
  const result = await mod[exportName](JSON.parse(argsJson));
  const wallMs = performance.now() - started;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`\n${JSON.stringify({ wallMs, peakRssMb, result })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  process.exitCode = 1;
});
