/**
 * The entry of the start-up snapshot (see `build-snapshot.ts`): bundled into one script, run once by
 * `node --build-snapshot`, which keeps the heap with cdktf, cdk8s and the synth already loaded. `bin/paved synth` then
 * starts node from that heap instead of loading ~800 modules.
 *
 * Only what is safe to freeze happens at load time: modules define classes and constants (none of Paved's reads the
 * environment, the working directory or the clock while loading; the byte-identity test checks the output). Everything
 * that depends on the run (argv, env, cwd, streams, signals) happens in `main`, after deserialization.
 */
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { connectModuleLoader, tellLauncherStarted } from './snapshot-main';
import { startCli } from '../cli/start-cli';
import '../cli/synth-command';

/** The repository root: this file is `lib/startup/snapshot-entry.js` (the bundle keeps each module's own __dirname). */
const ROOT = path.resolve(__dirname, '..', '..');

function main(): void {
  tellLauncherStarted();
  connectModuleLoader(ROOT);
  // `node --snapshot-blob blob synth ...`: there is no script name in argv.
  startCli(process.argv.slice(1));
}

if (v8.startupSnapshot?.isBuildingSnapshot()) {
  v8.startupSnapshot.setDeserializeMainFunction(main);
} else {
  // Run as a plain script (a bundle check, or by hand): the same CLI.
  connectModuleLoader(ROOT);
  startCli(process.argv.slice(2));
}
