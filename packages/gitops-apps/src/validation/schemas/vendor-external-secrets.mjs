// Writes the vendored External Secrets v1 schemas of this directory from the CRDs of an upstream tag.
//
//   git clone --branch helm-chart-2.9.0 https://github.com/external-secrets/external-secrets /tmp/eso
//   node packages/gitops-apps/src/validation/schemas/vendor-external-secrets.mjs /tmp/eso helm-chart-2.9.0 <commit>
//
// Takes the `v1` openAPIV3Schema of config/crds/bases/external-secrets.io_{externalsecrets,secretstores,
// clustersecretstores}.yaml (the same schemas as deploy/crds/bundle.yaml, which the chart installs) and writes each
// as a TypeScript module holding one JSON literal. TypeScript, not .json: the package compiles src/**/*.ts only and
// ships lib/**/*.js only, so a .json file would be missing from lib and from the published package.
// SecretStore and ClusterSecretStore have the same v1 schema at this tag (checked below); one module serves both.
// `spec.provider` keeps only `aws`, the one provider Paved renders and its admission policy allows: the full list is
// 43 providers and 200 KB. Nothing else is changed.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const [repo, tag, commit] = process.argv.slice(2);
if (!repo || !tag || !commit) {
  console.error('usage: vendor-external-secrets.mjs <external-secrets checkout> <tag> <commit>');
  process.exit(1);
}
const here = dirname(fileURLToPath(import.meta.url));
const crdPath = (plural) => `config/crds/bases/external-secrets.io_${plural}.yaml`;

function v1Schema(plural) {
  const crd = YAML.parse(readFileSync(join(repo, crdPath(plural)), 'utf8'));
  const v1 = crd.spec.versions.find((v) => v.name === 'v1');
  if (!v1?.served || !v1.storage) throw new Error(`${plural}: v1 is not the served storage version`);
  return v1.schema.openAPIV3Schema;
}

const externalSecret = v1Schema('externalsecrets');
const secretStore = v1Schema('secretstores');
const clusterSecretStore = v1Schema('clustersecretstores');
if (JSON.stringify(secretStore.properties.spec) !== JSON.stringify(clusterSecretStore.properties.spec)) {
  throw new Error('SecretStore and ClusterSecretStore v1 specs differ: vendor them separately');
}
const provider = secretStore.properties.spec.properties.provider;
provider.properties = { aws: provider.properties.aws };

const source = (plural) => `https://github.com/external-secrets/external-secrets/blob/${tag}/${crdPath(plural)}`;
function write(file, name, kinds, plurals, schema, pruned) {
  const vendored = {
    kinds,
    source: plurals.map(source),
    tag,
    commit,
    license: 'Apache-2.0 (Copyright The external-secrets Authors; https://github.com/external-secrets/external-secrets/blob/' + tag + '/LICENSE)',
    pruned,
    schema,
  };
  const text = [
    '/* eslint-disable */',
    `// Vendored by vendor-external-secrets.mjs from external-secrets/external-secrets ${tag} (${commit}): do not edit.`,
    `// Licensed under the Apache License, Version 2.0; see the \`license\` field.`,
    `import type { VendoredCrdSchema } from '../structural-schema';`,
    '',
    `export const ${name}: VendoredCrdSchema = ${JSON.stringify(vendored, null, 2)};`,
    '',
  ].join('\n');
  writeFileSync(join(here, file), text);
}

write('external-secret-v1.ts', 'EXTERNAL_SECRET_V1', ['external-secrets.io/v1 ExternalSecret'], ['externalsecrets'], externalSecret, 'nothing');
write('secret-store-v1.ts', 'SECRET_STORE_V1', ['external-secrets.io/v1 SecretStore', 'external-secrets.io/v1 ClusterSecretStore'],
  ['secretstores', 'clustersecretstores'], secretStore, 'spec.provider keeps only aws (the provider Paved renders and its admission policy allows)');
