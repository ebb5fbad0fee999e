import type { AddonName } from '../addons/catalog';

/** Switch an add-on on or off, or pin its chart to another exact version. */
export interface AddonSetting {
  /** @default - as the profile decides */
  readonly enabled?: boolean;
  /** Exact chart version (no ranges). @default - Paved's version table */
  readonly version?: string;
}

/** Add-on settings keyed by add-on name. Unknown names are rejected by validation. */
export type AddonSettings = Readonly<Partial<Record<AddonName, AddonSetting>>>;
