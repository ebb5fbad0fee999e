import { stageNamespace, type ResolvedEnvironment } from '@paved/shared-config';

/**
 * The stages a cluster runs (docs/stages.md): each one's namespaces, quota, hosts and who may deploy there. Nothing for
 * an environment without stages, whose page is unchanged.
 */
export function stagesSection(env: ResolvedEnvironment): string[] {
  const stages = env.stages ?? [];
  if (stages.length === 0) return [];
  const lines = [
    '## Stages',
    '',
    `This cluster also runs ${stages.length} stage${stages.length === 1 ? '' : 's'}: environments with their own namespaces, domain, secrets, `
      + 'database and image tags on its VPC, nodes, add-ons and data stores.',
    '',
    '| stage | profile | namespaces | quota per namespace (CPU, memory, pods) | hosts | who may deploy (Kubernetes edit) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const stage of stages) {
    const namespaces = stage.services.map((s) => `\`${stageNamespace(stage.name, s.name)}\``).join(', ') || '-';
    const hosts = stage.services.flatMap((s) => (s.ingress ? [`https://${s.ingress.host}${s.ingress.path === '/' ? '' : s.ingress.path}`] : [])).join(', ') || '-';
    const deployers = stage.deployers.map((d) => `\`${d}\``).join(', ') || 'platform admins only';
    const name = `${stage.name}${stage.shared ? ' (shared services)' : ''}`;
    lines.push(`| ${name} | ${stage.profile} | ${namespaces} | ${stage.quota.cpu}, ${stage.quota.memory}, ${stage.quota.pods} | ${hosts} | ${deployers} |`);
  }
  lines.push('', 'Promote an image between stages with `paved promote <service> --from <stage> --to <stage>`.', '');
  return lines;
}
