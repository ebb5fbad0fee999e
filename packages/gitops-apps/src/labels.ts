import type { ResolvedEnvironment, ResolvedPlatform } from '@paved/shared-config';

/** Label keys Paved puts on what it renders. */
export const LABELS = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
  component: 'app.kubernetes.io/component',
  version: 'app.kubernetes.io/version',
  environment: 'paved.dev/environment',
  team: 'paved.dev/team',
} as const;

export const MANAGED_BY = 'paved';

/** Labels every rendered object carries. */
export function commonLabels(platform: ResolvedPlatform, env: ResolvedEnvironment): Record<string, string> {
  return {
    [LABELS.partOf]: platform.organization,
    [LABELS.managedBy]: MANAGED_BY,
    [LABELS.environment]: env.name,
  };
}

/** The labels a workload's selector uses: stable for the life of the workload (never the version). */
export function selectorLabels(name: string): Record<string, string> {
  return { [LABELS.name]: name, [LABELS.instance]: name };
}

/** A label value as Kubernetes accepts it: at most 63 characters of `[A-Za-z0-9._-]`, alphanumeric at both ends. */
export function labelValue(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 63);
  return cleaned.replace(/^[^A-Za-z0-9]+/, '').replace(/[^A-Za-z0-9]+$/, '');
}
