import type { ResolvedEnvironment, ResolvedPlatform } from '@paved/shared-config';

const block = (lines: string[]) => ['```sh', ...lines, '```'];

/** Runbooks with the environment's real names: restore, roll back, rotate. Commands are AWS CLI, velero and git. */
export function runbooks(platform: ResolvedPlatform, env: ResolvedEnvironment): string[] {
  const out: string[] = ['## Runbooks', ''];
  const region = `--region ${env.region}`;
  if (env.postgres) {
    const id = env.postgres.identifier;
    const secret = env.naming.connectionSecret('postgres');
    out.push(
      '### Restore the database',
      '',
      `Restores go to a **new** instance; point the connection secret at it once it is verified. Point in time (within the ${env.postgres.backupRetentionDays}-day retention):`,
      '',
      ...block([
        `aws rds restore-db-instance-to-point-in-time ${region} \\`,
        `  --source-db-instance-identifier ${id} \\`,
        `  --target-db-instance-identifier ${id}-restored \\`,
        '  --restore-time 2026-01-31T09:00:00Z \\',
        `  --db-subnet-group-name ${env.naming.name('rds-subnet-group', 'postgres')} --no-publicly-accessible`,
      ]),
      '',
      'From a snapshot (automated, AWS Backup or the final snapshot):',
      '',
      ...block([
        `aws rds describe-db-snapshots ${region} --db-instance-identifier ${id} --query 'DBSnapshots[].DBSnapshotIdentifier'`,
        `aws rds restore-db-instance-from-db-snapshot ${region} \\`,
        `  --db-instance-identifier ${id}-restored --db-snapshot-identifier <snapshot-id> \\`,
        `  --db-subnet-group-name ${env.naming.name('rds-subnet-group', 'postgres')} --no-publicly-accessible`,
      ]),
      '',
      `Then update \`host\` in the secret \`${secret}\` (External Secrets refreshes the services' copies within the hour; restart them to pick it up now), and import the new instance into \`${env.name}-data\` or rename it back after deleting the old one.`,
      '',
    );
  }
  if (env.kafka) {
    out.push(
      '### Kafka (MSK) is not backed up',
      '',
      `AWS Backup does not support Amazon MSK, so \`${env.kafka.clusterName}\` is in no backup plan and Velero does not copy its topics. ` +
        'Durability comes from replication across the data subnets\' availability zones; keep what must survive the cluster in a store that is backed up (PostgreSQL), or replay it from its source.',
      '',
    );
  }
  const migrating = env.services.find((s) => s.migrate);
  if (migrating) {
    const job = `${migrating.name}-migrate`;
    out.push(
      '### Retry a failed migration',
      '',
      'A service with `migrate` runs its migration as an Argo CD hook Job before its workload (sync wave -1, no retries). ' +
        'When the migration fails, the sync fails and the previous version keeps serving; Argo CD retries the sync a few times with backoff, then waits for a new commit. ' +
        `Read the failed run (the Job stays until the next sync replaces it), fix the cause (the data, or a new image tag), then sync again (here for \`${migrating.name}\`):`,
      '',
      ...block([
        `kubectl -n ${migrating.name} logs job/${job}`,
        `kubectl -n ${migrating.name} describe job/${job}`,
        `argocd app sync service-${migrating.name}   # the same revision again; a new commit syncs by itself`,
      ]),
      '',
      'Migrations must be idempotent: every sync of the service runs the command, including syncs that change nothing else.',
      '',
    );
  }
  const velero = env.addons.some((a) => a.name === 'velero');
  if (velero) {
    out.push(
      '### Restore a namespace with Velero',
      '',
      ...block([
        'velero backup get --selector velero.io/schedule-name=velero-nightly',
        'velero restore create --from-backup <backup-name> --include-namespaces <namespace>',
        'velero restore describe <restore-name> --details',
      ]),
      '',
      `Backups are kept ${env.backups.veleroTtlHours} hours in \`${env.naming.veleroBucket(env.account)}\` (schedule \`${env.backups.veleroSchedule}\`).`,
      '',
    );
  }
  // The example names the service's ECR repository: a service whose image the platform builds (third-party images have none).
  const service = env.services.find((s) => s.platformImage);
  if (service) {
    const repo = env.naming.ecrRepository(service.name);
    out.push(
      '### Roll a service back',
      '',
      `Through GitOps: revert the commit that changed the service on the GitOps branch (\`${platform.gitops.branch}\` of ${platform.gitops.repoUrl}); ArgoCD syncs the previous manifests.`,
      '',
      ...block([
        `git log --oneline -- ${[platform.gitops.path, env.name, 'services', service.name].filter(Boolean).join('/')}`,
        'git revert <commit> && git push',
      ]),
      '',
      'Or pin the previous image in `platform.config.ts` (`services[].environments.<env>.imageTag`) and publish; tags are immutable, so a tag always means the same image:',
      '',
      ...block([
        `aws ecr describe-images --region ${platform.management.region} --repository-name ${repo} --query 'sort_by(imageDetails,&imagePushedAt)[-5:].imageTags'`,
        'pnpm paved gitops publish --branch <gitops-branch> --push',
      ]),
      '',
    );
  }
  out.push('### Rotate credentials', '');
  if (env.postgres) {
    out.push(
      'Database master password: RDS owns it (`manage_master_user_password`) and Secrets Manager rotates it; to rotate now:',
      '',
      ...block([
        `SECRET=$(aws rds describe-db-instances ${region} --db-instance-identifier ${env.postgres.identifier} --query 'DBInstances[0].MasterUserSecret.SecretArn' --output text)`,
        `aws secretsmanager rotate-secret ${region} --secret-id "$SECRET"`,
      ]),
      '',
      'Services sign in with IAM database authentication (a token from their Pod Identity role): they hold no password to',
      'rotate. After a database is replaced or restored, sync the `db-provisioner` Application once so every service gets',
      'its role and database again (docs/database-access.md).',
      '',
    );
  }
  if (env.redis) {
    out.push(
      'Redis: services authenticate as their own ElastiCache user with IAM: no token exists to rotate.',
      '',
    );
  }
  return out;
}
