import type { StackJson } from './stack-json';
import { UserError } from '../cli/user-error';

/**
 * Databases that AWS will refuse to delete: deletion protection on in the synthesized stack or in the one last
 * applied (turning it off only counts once applied). One line per database, naming what to change.
 */
export function refuseProtectedDatabases(environment: string, stack: string, configPath: string, versions: readonly (StackJson | undefined)[]): void {
  const protectedDbs = new Map<string, string>();
  for (const json of versions) {
    for (const [name, db] of Object.entries(json?.resource?.aws_db_instance ?? {})) {
      if (db.deletion_protection === true) protectedDbs.set(name, String(db.identifier ?? name));
    }
  }
  if (protectedDbs.size === 0) return;
  throw new UserError(
    [...protectedDbs.values()].map(
      (id) =>
        `error: destroy: ${stack}: database ${id} has deletion protection; set deletionProtection: false under ` +
        `environments[${environment}].data.postgres in ${configPath}, apply it with paved deploy --env ${environment}, then destroy again (nothing was changed)`,
    ),
  );
}
