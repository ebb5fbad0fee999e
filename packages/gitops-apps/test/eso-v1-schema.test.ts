import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret';
import { ADDON_CATALOG } from '@paved/shared-config';
import { schemaValidator } from '../src/validation/schema-validators';
import { EXTERNAL_SECRET_V1 } from '../src/validation/schemas/external-secret-v1';
import { SECRET_STORE_V1 } from '../src/validation/schemas/secret-store-v1';
import { structuralProblems, unsupportedKeywords, type StructuralSchema } from '../src/validation/structural-schema';

/**
 * Issue 14: rendered External Secrets documents are checked against the real `external-secrets.io/v1` CRD schemas of
 * the pinned chart (vendored under src/validation/schemas), not against the v1beta1 schema of kubernetes-models.
 */
const store = {
  apiVersion: 'external-secrets.io/v1',
  kind: 'SecretStore',
  metadata: { name: 'aws-secrets-manager', namespace: 'orders' },
  spec: { provider: { aws: { service: 'SecretsManager', region: 'eu-west-1', role: 'arn:aws:iam::111111111111:role/reader-orders' } } },
};
const externalSecret = {
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: 'orders', namespace: 'orders' },
  spec: {
    refreshInterval: '1h',
    secretStoreRef: { kind: 'SecretStore', name: 'aws-secrets-manager' },
    target: { name: 'orders', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
    data: [{ secretKey: 'DATABASE_URL', remoteRef: { key: 'northwind/dev/orders/db', property: 'url' } }],
  },
};
const check = (kind: string, doc: object) => () => schemaValidator('external-secrets.io/v1', kind)!(doc);

describe('vendored External Secrets v1 schemas', () => {
  test('come from the tag of the pinned chart, with source, commit and license recorded', () => {
    for (const vendored of [EXTERNAL_SECRET_V1, SECRET_STORE_V1]) {
      expect(vendored.tag).toBe(`helm-chart-${ADDON_CATALOG['external-secrets'].version}`);
      expect(vendored.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(vendored.license).toMatch(/^Apache-2\.0 /);
      for (const url of vendored.source) expect(url).toMatch(new RegExp(`^https://github\\.com/external-secrets/external-secrets/blob/${vendored.tag}/config/crds/bases/`));
      expect(unsupportedKeywords(vendored.schema)).toEqual([]);
    }
    expect(SECRET_STORE_V1.kinds).toEqual(['external-secrets.io/v1 SecretStore', 'external-secrets.io/v1 ClusterSecretStore']);
  });

  test('accept what Paved renders, and a v1 value the old v1beta1 schema of kubernetes-models refuses', () => {
    expect(check('SecretStore', store)).not.toThrow();
    expect(check('ClusterSecretStore', { ...store, kind: 'ClusterSecretStore' })).not.toThrow();
    expect(check('ExternalSecret', externalSecret)).not.toThrow();
    // CreateOrMerge exists in v1 only: the previous check (v1beta1 schema of @kubernetes-models/external-secrets 0.5)
    // rejected it, so that check was not the schema the controller serves.
    const createOrMerge = { ...externalSecret, spec: { ...externalSecret.spec, target: { name: 'orders', creationPolicy: 'CreateOrMerge' } } };
    expect(check('ExternalSecret', createOrMerge)).not.toThrow();
    expect(() => new ExternalSecret({ ...createOrMerge, apiVersion: 'external-secrets.io/v1beta1' } as any).validate()).toThrow(/creationPolicy/);
  });

  test('planted v1beta1-only provider, wrong types and unknown fields are rejected, each with its path', () => {
    // alibaba was a v1beta1 provider; v1 has none by that name (and Paved's store must be aws only).
    expect(check('SecretStore', { ...store, spec: { provider: { alibaba: { regionID: 'cn-hangzhou' } } } }))
      .toThrow('external-secrets.io/v1 SecretStore (helm-chart-2.9.0): spec.provider.alibaba: unknown field (the API server would drop it)');
    expect(check('SecretStore', { ...store, spec: { provider: { aws: { ...store.spec.provider.aws, service: 'Vault' } } } }))
      .toThrow(/spec\.provider\.aws\.service: "Vault" is not one of "SecretsManager", "ParameterStore", "CertificateManager"/);
    const data = [{ secretKey: 'DATABASE_URL', remoteRef: { key: 42 } }];
    expect(check('ExternalSecret', { ...externalSecret, spec: { ...externalSecret.spec, data } })).toThrow(/spec\.data\[0\]\.remoteRef\.key: must be a string, not integer/);
    expect(check('ExternalSecret', { ...externalSecret, spec: { ...externalSecret.spec, targt: {} } })).toThrow(/spec\.targt: unknown field/);
    expect(check('ExternalSecret', { ...externalSecret, spec: { ...externalSecret.spec, secretStoreRef: { kind: 'Vault', name: 'x' } } }))
      .toThrow(/spec\.secretStoreRef\.kind: "Vault" is not one of "SecretStore", "ClusterSecretStore"/);
  });
});

describe('structuralProblems', () => {
  const schema: StructuralSchema = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 5, pattern: '^[a-z]+$' },
      interval: { 'x-kubernetes-int-or-string': true, 'anyOf': [{ type: 'integer' }, { type: 'string' }] },
      port: { type: 'integer', format: 'int32', minimum: 1 },
      when: { type: 'string', format: 'date-time' },
      tags: { type: 'array', maxItems: 1, items: { type: 'string' } },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      free: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true },
      maybe: { type: 'string', nullable: true },
      on: { type: 'boolean' },
    },
  };

  test('accepts a valid value; metadata at the root is the API server\'s to check', () => {
    expect(structuralProblems(schema, {
      metadata: { anything: 1 },
      name: 'abc',
      interval: 30,
      port: 80,
      when: '2026-12-03T18:00:00Z',
      tags: ['a'],
      labels: { a: 'b' },
      free: { x: { y: 1 } },
      maybe: null,
      on: true,
    })).toEqual([]);
    expect(structuralProblems(schema, { name: 'abc', interval: '30s' })).toEqual([]);
  });

  test('reports every problem with its path', () => {
    expect(structuralProblems(schema, {
      interval: 1.5, port: 2 ** 31, when: 'today', tags: ['a', 'b'], labels: { a: 1 }, maybe: 2, on: 'yes', extra: 1,
    })).toEqual([
      'name: required',
      'interval: matches none of integer, string',
      'port: out of the int32 range',
      'when: not an RFC 3339 date-time',
      'tags: allows at most 1 item(s)',
      'labels.a: must be a string, not integer',
      'maybe: must be a string, not integer',
      'on: must be a boolean, not string',
      'extra: unknown field (the API server would drop it)',
    ]);
    expect(structuralProblems(schema, { name: 'ABCDEF' })).toEqual(['name: longer than 5 characters']);
    expect(structuralProblems(schema, { name: 'AB' })).toEqual(['name: does not match ^[a-z]+$']);
    expect(structuralProblems(schema, { name: 'ab', port: 0, on: null })).toEqual(['port: below the minimum 1', 'on: null is not allowed']);
    expect(structuralProblems(schema, [])).toEqual(['(root): must be an object, not array']);
  });

  test('a schema keyword the checker does not know is reported, never skipped', () => {
    expect(unsupportedKeywords({ type: 'object', properties: { a: { type: 'string', oneOf: [] } } })).toEqual(['oneOf']);
    expect(unsupportedKeywords({ 'type': 'object', 'x-kubernetes-validations': [], 'properties': { a: { type: 'string', description: 'x' } } })).toEqual([]);
  });
});
