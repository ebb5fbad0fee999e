import type { RenderedFile } from '../platform/environment-tree';
import { toYaml } from '../yaml';

export interface ServiceChartProps {
  readonly service: string;
  readonly environment: string;
  /** The service's rendered manifests (what ArgoCD would sync for it). */
  readonly manifests: RenderedFile;
  /** Chart version (semver): the image tag when it is one, else `0.0.0-<tag>`. */
  readonly version: string;
  readonly appVersion: string;
}

/** A file of a packaged chart, its path relative to the chart directory. */
export interface ChartFile {
  readonly path: string;
  readonly content: string;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** A chart version for an image tag: the tag itself when it is semver, else a pre-release of 0.0.0. */
export function chartVersionFor(tag: string): string {
  const bare = tag.replace(/^v(?=\d)/, '');
  if (SEMVER.test(bare)) return bare;
  return `0.0.0-${tag.replace(/[^0-9A-Za-z.-]/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'untagged'}`;
}

/**
 * Escapes text for a Helm template: every `{{` and `}}` becomes a template action printing it literally, so the
 * Prometheus and External Secrets templates inside the manifests reach the cluster unchanged. One pass: the braces
 * of the inserted actions are not escaped again.
 */
export function escapeHelmTemplate(text: string): string {
  return text.replace(/\{\{|\}\}/g, (braces) => (braces === '{{' ? '{{ "{{" }}' : '{{ "}}" }}'));
}

/**
 * The same manifests as a Helm chart for teams that deploy with `helm upgrade --install`: Chart.yaml (apiVersion v2,
 * semver version), the manifests as one template, no values (everything is rendered from the platform config).
 */
export function serviceChart(props: ServiceChartProps): ChartFile[] {
  if (!SEMVER.test(props.version)) throw new Error(`chart version '${props.version}' is not semver`);
  const chart = {
    apiVersion: 'v2',
    name: props.service,
    description: `${props.service} in ${props.environment}, rendered by Paved from the platform config`,
    type: 'application',
    version: props.version,
    appVersion: props.appVersion,
  };
  return [
    { path: 'Chart.yaml', content: toYaml([chart]) },
    { path: 'templates/manifests.yaml', content: escapeHelmTemplate(toYaml(props.manifests.documents)) },
    { path: 'values.yaml', content: '# Rendered from the platform config: change platform.config.ts, not values.\n{}\n' },
  ];
}
