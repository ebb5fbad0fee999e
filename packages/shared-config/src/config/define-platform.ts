import type { PlatformConfig } from './platform-config';

/**
 * Identity function that gives `platform.config.ts` type checking and editor completion:
 * `export default definePlatform({ ... })`.
 */
export function definePlatform(config: PlatformConfig): PlatformConfig {
  return config;
}

/** Identity function for a service descriptor kept in its own file. */
export function defineService<T extends PlatformConfig['services'] extends readonly (infer S)[] | undefined ? S : never>(service: T): T {
  return service;
}
