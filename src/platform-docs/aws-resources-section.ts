import type { ResolvedEnvironment, ResolvedService } from '@paved/shared-config';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * The variables of `service` that point at a resource: its physical name as it is (bucket, queue name, table), or at
 * the end of a queue URL (`/<name>`) or topic ARN (`:<name>`), as the blueprint writes them into the descriptor.
 */
export function variablesPointingAt(service: ResolvedService, physicalName: string): string[] {
  return Object.entries(service.env)
    .filter(([, value]) => value === physicalName || value.endsWith(`/${physicalName}`) || value.endsWith(`:${physicalName}`))
    .map(([name]) => name);
}

/**
 * "AWS resources of services": each resource a service declares (`awsResources.resources`), with its physical name in
 * this environment and the variables that point at it. Nothing when no service of the environment declares any, so
 * pages of platforms without declarations stay as they were.
 */
export function awsResourcesSection(env: ResolvedEnvironment): string[] {
  const rows = env.services.flatMap((s) =>
    (s.awsResources?.resources ?? []).map((r) => {
      const variables = variablesPointingAt(s, r.physicalName);
      return `| ${s.name} | ${r.type} | \`${r.physicalName}\` | ${variables.length > 0 ? variables.map((v) => `\`${cell(v)}\``).join(', ') : '-'} |`;
    }));
  if (rows.length === 0) return [];
  return [
    '## AWS resources of services',
    '',
    'Created by each service\'s own AWS CDK app (`docs/service-resources.md` in the Paved repository), in the stack '
      + `\`${env.naming.prefix}-<service>-resources\` of account ${env.account}, region ${env.region}; not by the platform's Terraform. `
      + 'Declared in the service\'s `awsResources.resources`, which `PavedServiceStack` compares with the app at synth time.',
    '',
    '| service | type | physical name | environment variables |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}
