import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `tsx projenrc/set-workspace-version.ts <version> <package dir>...`: writes `version` into each package.json, in
 * projen's own format (two-space JSON, final newline), so that `unbump` leaves the files byte-identical to the
 * committed ones and the release's anti-tamper check (`git diff --exit-code`) passes. Called by the root's `bump`
 * and `unbump` tasks (see release.ts).
 */
const [version, ...dirs] = process.argv.slice(2);
if (!version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version) || dirs.length === 0) {
  process.stderr.write('error: set-workspace-version: usage: set-workspace-version <x.y.z> <package dir>...\n');
  process.exit(1);
}
for (const dir of dirs) {
  const file = path.join(dir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string };
  manifest.version = version;
  fs.writeFileSync(file, `${JSON.stringify(manifest, undefined, 2)}\n`);
}
