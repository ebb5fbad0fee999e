import type { Profile } from '@paved/shared-config';
import type { ManifestDocument, ManifestProblem } from '../model/manifests';
import type { TerraformStackInput } from '../model/terraform';

export interface EnvironmentProfile {
  readonly name: string;
  readonly profile: Profile;
}

/** Everything one check run looks at: a synthesized output, read from disk or built in memory (tests). */
export interface CheckInput {
  /** Environments and their profiles; a stack or folder of an environment not listed here is checked as production. */
  readonly environments: readonly EnvironmentProfile[];
  readonly stacks: readonly TerraformStackInput[];
  readonly documents: readonly ManifestDocument[];
  /** Manifest files read (a file can hold several documents). @default - the distinct files of `documents` */
  readonly manifestFiles?: number;
  /** Files that could not be parsed: each fails the check. @default - none */
  readonly problems?: readonly ManifestProblem[];
}
