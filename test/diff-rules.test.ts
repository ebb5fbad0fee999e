import { diffOutputs } from '../src/diff/diff-report';
import { formatText } from '../src/diff/format';
import { diffEnvironment } from '../src/diff/manifest-diff';
import type { ManifestObject, StackJson } from '../src/diff/output-tree';
import { labelSimilarity, pairRenames } from '../src/diff/rename-pairing';
import { FORCE_NEW, forceNewRuleFor, knowsType } from '../src/diff/replacement-rules';
import { diffStack } from '../src/diff/terraform-diff';
import { diffValues } from '../src/diff/value-diff';

const meta = (path: string) => ({ '//': { metadata: { path, uniqueId: path.split('/').pop() } } });
const stack = (resource: Record<string, Record<string, Record<string, unknown>>>): StackJson => ({ resource });

describe('force-new table', () => {
  test('names the arguments that replace the resources users care about most', () => {
    expect(FORCE_NEW.aws_ecr_repository).toEqual(expect.arrayContaining(['name', 'encryption_configuration']));
    expect(FORCE_NEW.aws_db_instance).toEqual(expect.arrayContaining(['identifier', 'kms_key_id', 'storage_encrypted', 'username']));
    expect(FORCE_NEW.aws_eks_cluster).toEqual(expect.arrayContaining(['name', 'role_arn', 'vpc_config.subnet_ids']));
    expect(FORCE_NEW.aws_s3_bucket).toContain('bucket');
    expect(FORCE_NEW.aws_kms_key).toContain('customer_master_key_spec');
  });

  test('matches nested paths with or without list indexes, and nothing else', () => {
    expect(forceNewRuleFor('aws_eks_cluster', 'vpc_config[0].subnet_ids[2]')).toBe('vpc_config.subnet_ids');
    expect(forceNewRuleFor('aws_eks_cluster', 'vpc_config.endpoint_public_access')).toBeUndefined();
    expect(forceNewRuleFor('aws_ecr_repository', 'encryption_configuration[0].kms_key')).toBe('encryption_configuration');
    expect(forceNewRuleFor('aws_ecr_repository', 'name')).toBe('name');
    expect(forceNewRuleFor('aws_ecr_repository', 'name_suffix')).toBeUndefined();
    expect(forceNewRuleFor('aws_ecr_repository', 'tags.team')).toBeUndefined();
    expect(forceNewRuleFor('aws_made_up', 'name')).toBeUndefined();
    expect(knowsType('aws_internet_gateway')).toBe(true);
    expect(knowsType('aws_made_up')).toBe(false);
  });
});

describe('rename pairing', () => {
  const item = (id: string, label: string, group = 'aws_ecr_repository') => ({ id, group, label });

  test('pairs each removed item with the most similar added item of its group', () => {
    const removed = [item('a.dev', 'shared/ecr-dev-api/repository'), item('a.prod', 'shared/ecr-prod-api/repository')];
    const added = [item('o.prod', 'shared/ecr-prod-orders/repository'), item('o.dev', 'shared/ecr-dev-orders/repository')];
    const result = pairRenames(removed, added);
    expect(result.pairs.map((p) => [p.removed.id, p.added.id])).toEqual([['a.dev', 'o.dev'], ['a.prod', 'o.prod']]);
    expect(result.removed).toEqual([]);
    expect(result.added).toEqual([]);
  });

  test('never pairs across groups; leftovers stay removed or added', () => {
    const result = pairRenames([item('r', 'x/role', 'aws_iam_role'), item('b', 'x/bucket', 'aws_s3_bucket')], [item('r2', 'x/role2', 'aws_iam_role')]);
    expect(result.pairs.map((p) => [p.removed.id, p.added.id])).toEqual([['r', 'r2']]);
    expect(result.removed.map((r) => r.id)).toEqual(['b']);
  });

  test('is deterministic on ties', () => {
    const removed = [item('b', 'same'), item('a', 'same')];
    const added = [item('y', 'same'), item('x', 'same')];
    expect(pairRenames(removed, added).pairs.map((p) => `${p.removed.id}>${p.added.id}`)).toEqual(['a>x', 'b>y']);
    expect(labelSimilarity('abcXYZ', 'abQYZ')).toBe(4);
  });
});

describe('value diff', () => {
  test('lists changed leaves in key order, skipping ignored top-level keys', () => {
    const before = { '//': { a: 1 }, 'b': [1, 2], 'a': { x: 1, y: 'same' } };
    const after = { '//': { a: 2 }, 'b': [1], 'a': { x: 2, y: 'same' }, 'c': { d: true } };
    expect(diffValues(before, after, '', new Set(['//'])).map((c) => c.path)).toEqual(['a.x', 'b[1]', 'c.d']);
  });
});

describe('terraform diff', () => {
  const repo = (name: string, key = '${aws_kms_key.key.arn}') => ({
    ...meta('shared/ecr-dev-api/repository'),
    name,
    encryption_configuration: [{ encryption_type: 'KMS', kms_key: key }],
  });
  const lifecycle = (ref: string) => ({ ...meta('shared/ecr-dev-api/lifecycle'), repository: ref, policy: '{}' });

  test('a changed force-new argument replaces, anything else updates, metadata alone changes nothing', () => {
    const before = stack({
      aws_ecr_repository: { repo: repo('n-dev-api') },
      aws_iam_role: { role: { ...meta('shared/role'), name: 'r', tags: { a: '1' } } },
      aws_s3_bucket: { b: { ...meta('shared/bucket'), bucket: 'b' } },
    });
    const after = stack({
      aws_ecr_repository: { repo: repo('n-dev-orders') },
      aws_iam_role: { role: { ...meta('shared/role'), name: 'r', tags: { a: '2' } } },
      aws_s3_bucket: { b: { ...meta('shared/renamed-construct-path'), bucket: 'b' } },
    });
    const diff = diffStack('shared', before, after);
    expect(diff.status).toBe('changed');
    expect(diff.resources).toEqual([
      expect.objectContaining({ address: 'aws_ecr_repository.repo', action: 'replace', reasons: ['name: "n-dev-api" -> "n-dev-orders"'], loses: expect.stringMatching(/image/) }),
      expect.objectContaining({ address: 'aws_iam_role.role', action: 'update', changed: ['tags.a'], replacementKnown: true }),
    ]);
  });

  test('a renamed construct id is a replace with the old address; an unpaired removal is a destroy', () => {
    const before = stack({
      aws_ecr_repository: { 'ecr-dev-api_repository_1': repo('n-dev-api') },
      aws_s3_bucket: { logs: { ...meta('shared/logs'), bucket: 'logs' } },
    });
    const after = stack({ aws_ecr_repository: { 'ecr-dev-orders_repository_2': { ...repo('n-dev-orders'), ...meta('shared/ecr-dev-orders/repository') } } });
    const diff = diffStack('shared', before, after);
    expect(diff.resources).toEqual([
      expect.objectContaining({
        address: 'aws_ecr_repository.ecr-dev-orders_repository_2',
        action: 'replace',
        previousAddress: 'aws_ecr_repository.ecr-dev-api_repository_1',
        reasons: ['address changed: aws_ecr_repository.ecr-dev-api_repository_1 -> aws_ecr_repository.ecr-dev-orders_repository_2', 'name: "n-dev-api" -> "n-dev-orders"'],
      }),
      expect.objectContaining({ address: 'aws_s3_bucket.logs', action: 'destroy', loses: 'the bucket and its objects' }),
    ]);
  });

  test('a force-new reference to a replaced resource follows it, unless it reads an argument that stays the same', () => {
    const key = (spec: string) => ({ ...meta('shared/key'), customer_master_key_spec: spec });
    const before = stack({
      aws_kms_key: { key: key('SYMMETRIC_DEFAULT') },
      aws_ecr_repository: { repo: repo('n-dev-api') },
      aws_ecr_lifecycle_policy: { lc: lifecycle('${aws_ecr_repository.repo.name}') },
      aws_ecr_repository_policy: { pol: { ...meta('shared/pol'), repository: '${aws_ecr_repository.repo.id}' } },
    });
    const after = stack({
      aws_kms_key: { key: key('RSA_4096') },
      aws_ecr_repository: { repo: repo('n-dev-api') },
      aws_ecr_lifecycle_policy: { lc: lifecycle('${aws_ecr_repository.repo.name}') },
      aws_ecr_repository_policy: { pol: { ...meta('shared/pol'), repository: '${aws_ecr_repository.repo.id}' } },
    });
    const diff = diffStack('shared', before, after);
    expect(diff.resources.map((r) => [r.address, r.action, r.reasons])).toEqual([
      ['aws_ecr_repository.repo', 'replace', ['encryption_configuration[0].kms_key follows aws_kms_key.key (replaced)']],
      ['aws_ecr_repository_policy.pol', 'replace', ['repository follows aws_ecr_repository.repo (replaced)']],
      ['aws_kms_key.key', 'replace', ['customer_master_key_spec: "SYMMETRIC_DEFAULT" -> "RSA_4096"']],
    ]);
  });

  test('types outside the table update with a warning instead of a guess; whole stacks appear and go', () => {
    const changed = diffStack('s', stack({ aws_new_thing: { t: { name: 'a' } } }), stack({ aws_new_thing: { t: { name: 'b' } } }));
    expect(changed.resources).toEqual([expect.objectContaining({ action: 'update', replacementKnown: false })]);
    expect(diffStack('s', undefined, stack({ aws_vpc: { v: {} } }))).toMatchObject({ status: 'added', resources: [{ action: 'create' }] });
    expect(diffStack('s', stack({ aws_vpc: { v: {} } }), undefined)).toMatchObject({ status: 'removed', resources: [{ action: 'destroy' }] });
    expect(diffStack('s', { ...stack({}), terraform: { backend: { s3: { key: 'a' } } } }, { ...stack({}), terraform: { backend: { s3: { key: 'b' } } } }))
      .toMatchObject({ status: 'changed', settings: ['backend or required providers'] });
  });
});

describe('manifest diff', () => {
  const obj = (file: string, value: Record<string, unknown>): ManifestObject => ({ file, value });
  const ns = (name: string) => obj(`services/${name}/manifests.yaml`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const deploy = (name: string, image: string, apiVersion = 'apps/v1') =>
    obj(`services/${name}/manifests.yaml`, { apiVersion, kind: 'Deployment', metadata: { name, namespace: name }, spec: { image } });
  const app = (name: string, finalizers?: string[]) =>
    obj(`apps/${name}.yaml`, { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: 'argocd', finalizers }, spec: { destination: { namespace: name } } });

  test('a removed namespace destroys what it holds; its objects are summed up, not listed', () => {
    const diff = diffEnvironment('dev', [ns('api'), deploy('api', 'a:1'), ns('web'), deploy('web', 'w:1')], [ns('web'), deploy('web', 'w:2')]);
    expect(diff.objects).toEqual([
      expect.objectContaining({ object: 'Deployment api/api', action: 'destroy', inDeletedNamespace: 'api' }),
      expect.objectContaining({ object: 'Deployment web/web', action: 'update', changed: ['spec.image'] }),
      expect.objectContaining({ object: 'Namespace api', action: 'destroy', destroys: expect.stringMatching(/^every object in namespace api \(1 in this output/) }),
    ]);
  });

  test('a renamed Application with the cascade finalizer replaces, and says what it deletes; one without says nothing more', () => {
    const finalizer = ['resources-finalizer.argocd.argoproj.io'];
    const renamed = diffEnvironment('dev', [app('service-api', finalizer)], [app('service-orders', finalizer)]);
    expect(renamed.objects).toEqual([
      expect.objectContaining({ object: 'Application argocd/service-orders', action: 'replace', previous: 'Application argocd/service-api', destroys: expect.stringMatching(/destination namespace service-api/) }),
    ]);
    const plain = diffEnvironment('dev', [app('addon-x')], []);
    expect(plain.objects).toEqual([expect.objectContaining({ action: 'destroy', destroys: undefined })]);
  });

  test('a removed PersistentVolumeClaim destroys its volume; an apiVersion bump is an update of the same object', () => {
    const pvc = obj('x.yaml', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'db' } });
    expect(diffEnvironment('dev', [pvc], []).objects[0].destroys).toMatch(/volume/);
    expect(diffEnvironment('dev', [deploy('a', 'x', 'apps/v1beta1')], [deploy('a', 'x')]).objects).toEqual([
      expect.objectContaining({ action: 'update', changed: ['apiVersion'] }),
    ]);
  });
});

describe('report and text', () => {
  test('destroys and replacements come first; no change says so', () => {
    const before = { dir: 'a', environments: [], stacks: new Map([['shared', stack({ aws_s3_bucket: { b: { bucket: 'x' } } })]]), gitops: new Map([['dev', []]]) };
    const after = { dir: 'b', environments: [], stacks: new Map([['shared', stack({})]]), gitops: new Map([['dev', []]]) };
    const report = diffOutputs(before, after);
    expect(report.destructive).toEqual([{ scope: 'terraform/shared', subject: 'aws_s3_bucket.b', action: 'destroy', previous: undefined, details: ['loses the bucket and its objects'] }]);
    const text = formatText(report, 'head');
    expect(text.slice(0, 4)).toEqual(['head', '', 'Will be DESTROYED or REPLACED (1):', '  terraform/shared  DESTROYED  aws_s3_bucket.b: loses the bucket and its objects']);
    expect(formatText(diffOutputs(before, before), 'head')).toEqual([
      'head', '', 'Summary:', '  terraform/shared  no changes', '  gitops/dev        no changes', '', 'No changes: the new output matches the baseline.',
    ]);
  });

  test('--env keeps the selected environments and the platform-wide stacks only', () => {
    const s = stack({});
    const tree = (extra: [string, StackJson][]) => ({ dir: 'x', environments: ['dev', 'prod'], stacks: new Map([['shared', s], ['dev-network', s], ['prod-network', s], ...extra]) });
    const report = diffOutputs(tree([['prod-data', s]]), tree([]), ['dev']);
    expect(report.terraform!.stacks.map((x) => x.stack)).toEqual(['dev-network', 'shared']);
    expect(report.notes).toEqual(['gitops: not compared (the baseline has no gitops/)']);
    // A deploy record has no summary.json: the config's environment names tell prod-* from platform-wide stacks.
    const record = (names: string[]) => ({ dir: 'r', environments: [], stacks: new Map(names.map((n): [string, StackJson] => [n, s])) });
    const partial = diffOutputs(record(['shared', 'dev-network', 'prod-network']), record(['shared', 'dev-network']), ['dev'], ['dev', 'prod']);
    expect(partial.terraform!.stacks.map((x) => [x.stack, x.status])).toEqual([['dev-network', 'unchanged'], ['shared', 'unchanged']]);
  });
});
