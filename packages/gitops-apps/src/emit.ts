import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

/** A typed custom resource (from `@kubernetes-models/*` interfaces) as plain data. */
export interface CustomResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string } & object;
}

/**
 * Adds a custom resource built from a `@kubernetes-models/*` interface to a chart. Its construct id is
 * `<kind>-<name>`, unique inside a chart by construction of the rendered tree (one folder per owner).
 */
export function emit<T extends CustomResource>(scope: Construct, resource: T): ApiObject {
  const { apiVersion, kind, metadata = {}, ...rest } = resource as CustomResource & Record<string, unknown>;
  return new ApiObject(scope, `${kind}-${metadata.namespace ?? ''}-${metadata.name}`, {
    apiVersion,
    kind,
    metadata: metadata as Record<string, unknown>,
    ...rest,
  });
}
