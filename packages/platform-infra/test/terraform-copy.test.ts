import { offlineCopy, providerAddress } from './support/terraform-copy';

const MIRROR = { 'registry.terraform.io/hashicorp/aws': '5.100.0' };

/** A stack using the AWS provider, the Helm provider and a third-party provider, with references between them. */
const stack = () => ({
  terraform: {
    backend: { s3: { bucket: 'b', key: 'k' } },
    required_providers: {
      aws: { source: 'aws', version: '6.25.0' },
      helm: { source: 'helm', version: '3.1.1' },
      pg: { source: 'cyrilgdn/postgresql', version: '1.25.0' },
    },
  },
  provider: {
    aws: [{ region: 'eu-west-1' }],
    helm: [{ kubernetes: { host: '${aws_eks_cluster.c.endpoint}' } }],
    pg: [{ alias: 'admin', host: 'db' }],
  },
  ephemeral: {
    aws_secretsmanager_secret_version: { pw: { secret_id: 'x' } },
  },
  data: {
    pg_roles: { all: { provider: 'pg.admin' } },
  },
  resource: {
    aws_eks_cluster: { c: { name: 'c' } },
    helm_release: {
      argocd: {
        '//': { metadata: { path: 'x/argocd' } },
        'chart': 'argo-cd',
        'values': ['${yamlencode({"a" = "}", "b" = aws_eks_cluster.c.arn})}'],
        'lifecycle': { ignore_changes: ['values'] },
        'depends_on': ['aws_eks_cluster.c'],
      },
      counted: { count: 2, chart: 'x', set_wo: [{ name: 'p', value: '${ephemeral.aws_secretsmanager_secret_version.pw.secret_string}' }] },
    },
    pg_role: {
      app: { provider: '${pg.admin}', name: 'app', password_wo: 'pre-${ephemeral.aws_secretsmanager_secret_version.pw.secret_string}-post' },
    },
    aws_s3_object: {
      o: {
        content: '${helm_release.argocd.status} ${helm_release.counted[1].version} ${data.pg_roles.all.names[0]} ${helm_release.argocd}',
        depends_on: ['helm_release.argocd', 'pg_role.app', 'aws_eks_cluster.c'],
      },
    },
  },
});

describe('offlineCopy', () => {
  const original = stack();
  const { json, swapped, droppedProviders } = offlineCopy(original, { mirrored: MIRROR });

  test('keeps everything of the mirrored provider, ephemeral blocks included, pinned to the mirror version', () => {
    expect(json.resource.aws_eks_cluster).toEqual(original.resource.aws_eks_cluster);
    expect(json.ephemeral).toEqual(original.ephemeral);
    expect(json.provider).toEqual({ aws: [{ region: 'eu-west-1' }] });
    expect(json.terraform.required_providers).toEqual({ aws: { source: 'aws', version: '5.100.0' } });
    expect([...droppedProviders].sort()).toEqual(['helm', 'pg']);
  });

  test('swaps resources and data sources of other providers for terraform_data holding their arguments', () => {
    expect([...swapped]).toEqual([
      ['helm_release.argocd', 'terraform_data.helm_release--argocd'],
      ['helm_release.counted', 'terraform_data.helm_release--counted'],
      ['pg_role.app', 'terraform_data.pg_role--app'],
      ['data.pg_roles.all', 'terraform_data.data--pg_roles--all'],
    ]);
    expect(json.resource.helm_release).toBeUndefined();
    expect(json.data).toBeUndefined();
    const argocd = json.resource.terraform_data['helm_release--argocd'];
    // depends_on stays a meta-argument; lifecycle (whose ignore_changes names helm attributes) and metadata go.
    expect(argocd).toEqual({
      depends_on: ['aws_eks_cluster.c'],
      input: { chart: 'argo-cd', values: ['${yamlencode({"a" = "}", "b" = aws_eks_cluster.c.arn})}'] },
    });
    expect(json.resource.terraform_data['helm_release--counted'].count).toBe(2);
    expect(json.resource.terraform_data['data--pg_roles--all']).toEqual({ input: {} });
  });

  test('keeps the expressions of dropped provider configurations checked', () => {
    expect(json.resource.terraform_data['provider--helm--0']).toEqual({ input: { kubernetes: { host: '${aws_eks_cluster.c.endpoint}' } } });
    expect(json.resource.terraform_data['provider--pg--admin']).toEqual({ input: { host: 'db' } });
  });

  test('wraps write-only arguments in ephemeralasnull, at any depth and around each interpolation', () => {
    const counted = json.resource.terraform_data['helm_release--counted'].input;
    expect(counted.set_wo).toEqual([{ name: 'p', value: '${ephemeralasnull(ephemeral.aws_secretsmanager_secret_version.pw.secret_string)}' }]);
    expect(json.resource.terraform_data['pg_role--app'].input.password_wo)
      .toBe('pre-${ephemeralasnull(ephemeral.aws_secretsmanager_secret_version.pw.secret_string)}-post');
  });

  test('rewrites references and depends_on to the swapped addresses', () => {
    expect(json.resource.aws_s3_object.o).toEqual({
      content: '${terraform_data.helm_release--argocd.output.status} ${terraform_data.helm_release--counted[1].output.version} '
        + '${terraform_data.data--pg_roles--all.output.names[0]} ${terraform_data.helm_release--argocd}',
      depends_on: ['terraform_data.helm_release--argocd', 'terraform_data.pg_role--app', 'aws_eks_cluster.c'],
    });
  });

  test('leaves the input untouched and a stack without other providers as it was, apart from the pin', () => {
    expect(original).toEqual(stack());
    const awsOnly = { terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '6.0.0' } } }, resource: { aws_vpc: { v: {} } } };
    const copy = offlineCopy(awsOnly, { mirrored: MIRROR });
    expect(copy.json).toEqual({ terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } }, resource: { aws_vpc: { v: {} } } });
    expect(copy.swapped.size).toBe(0);
  });

  test('provider source addresses', () => {
    expect(providerAddress('aws')).toBe('registry.terraform.io/hashicorp/aws');
    expect(providerAddress('hashicorp/aws')).toBe('registry.terraform.io/hashicorp/aws');
    expect(providerAddress('registry.terraform.io/hashicorp/aws')).toBe('registry.terraform.io/hashicorp/aws');
    expect(providerAddress('cyrilgdn/postgresql')).toBe('registry.terraform.io/cyrilgdn/postgresql');
  });
});
