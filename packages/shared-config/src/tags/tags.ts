/**
 * Standard tags. Providers apply them as default tags, so every taggable resource carries them; AWS Backup selects
 * resources by BACKUP_TAG.
 */
export const TAG_KEYS = {
  organization: 'paved:organization',
  environment: 'paved:environment',
  profile: 'paved:profile',
  managedBy: 'paved:managed-by',
  stack: 'paved:stack',
} as const;

/** Resources carrying this tag with value `true` are selected by the environment's AWS Backup plan. */
export const BACKUP_TAG = { key: 'paved:backup', value: 'true' } as const;

export const MANAGED_BY = 'paved';

/**
 * Tag on every EKS access entry with the access level the config grants (`admin`, `edit`, `view`): the Terraform
 * records the intent next to the policy, so a guardrail can tell a configured admin from a promoted view role.
 */
export const ACCESS_LEVEL_TAG = 'paved:access-level';

export interface TagContext {
  readonly organization: string;
  readonly environment?: string;
  readonly profile?: string;
  /** Terraform stack (state boundary) the resource belongs to. */
  readonly stack?: string;
}

/** Tags every resource of a stack carries, with keys in a stable order. */
export function standardTags(context: TagContext): Record<string, string> {
  const tags: Record<string, string> = {
    [TAG_KEYS.organization]: context.organization,
    [TAG_KEYS.managedBy]: MANAGED_BY,
  };
  if (context.environment) tags[TAG_KEYS.environment] = context.environment;
  if (context.profile) tags[TAG_KEYS.profile] = context.profile;
  if (context.stack) tags[TAG_KEYS.stack] = context.stack;
  return Object.fromEntries(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b)));
}
