import * as fs from 'node:fs';
import * as path from 'node:path';

/** The version of the `paved` package (root package.json), read next to the compiled CLI or the sources. */
export function pavedVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
