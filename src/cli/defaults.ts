/** The example platform at the repository root: the embedded default, so the main job runs without an AWS account. */
export const DEFAULT_CONFIG = 'platform.config.ts';
export const DEFAULT_OUT = 'out';
