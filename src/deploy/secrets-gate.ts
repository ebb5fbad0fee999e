import { requiredSecrets, type ResolvedPlatform } from '@paved/shared-config';
import { missingSecrets } from './missing-secrets';
import { assumedRole, readStackJson } from './stack-json';
import type { Io } from '../cli/commands';
import { UserError } from '../cli/user-error';

/**
 * Before `<env>-platform` (which starts ArgoCD, whose add-ons and services read them): every Secrets Manager secret
 * the config references for the environment must exist. One line per missing secret; nothing of the stack runs.
 */
export function checkEnvironmentSecrets(platform: ResolvedPlatform, environment: string, platformStackFile: string, io: Io): void {
  const env = platform.environments.find((e) => e.name === environment)!;
  const secrets = requiredSecrets(platform, environment);
  if (secrets.length === 0) return;
  const stack = `${environment}-platform`;
  const result = missingSecrets(secrets, { region: env.region, roleArn: assumedRole(readStackJson(platformStackFile)) });
  if (result.missing.length === 0) {
    io.out(`paved deploy: ${stack}: the ${secrets.length} secrets the environment references exist`);
    return;
  }
  throw new UserError(
    secrets
      .filter((s) => result.missing.includes(s.name))
      .map((s) => {
        const what = result.scheduledForDeletion.includes(s.name)
          ? `is scheduled for deletion (aws secretsmanager restore-secret --secret-id ${s.name})`
          : `does not exist in account ${env.account} ${env.region}${s.keys.length ? ` (a JSON object with keys ${s.keys.join(', ')})` : ' (a plain string)'}`;
        return `error: deploy: ${stack}: secret ${s.name} ${what}; used by ${s.usedBy.join(', ')}`;
      }),
  );
}
