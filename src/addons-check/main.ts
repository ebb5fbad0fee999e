import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderGitops } from '@paved/gitops-apps';
import { argoCdValues } from '@paved/platform-infra/lib/constructs/platform/argocd-values';
import { ADDON_CATALOG, ADDON_NAMES, ARGOCD_CHART, argoCdBootstrap, resolvePlatform, type PlatformConfig } from '@paved/shared-config';
import { parse } from 'yaml';
import { CHART_SOURCES, valuesUrl } from './chart-sources';
import { mergeValues, undefinedKeyPaths } from './values-keys';
import { loadConfig } from '../config/load-config';

/** One chart to check: its name and pinned version, and the values Paved sets (merged over every environment). */
export interface ChartValues {
  readonly chart: string;
  readonly version: string;
  readonly values: Record<string, unknown>;
}

/** The values Paved renders for each pinned chart of a platform config (add-ons enabled anywhere, and Argo CD). */
export function pavedChartValues(config: PlatformConfig): ChartValues[] {
  // Every add-on on in every environment, so that the values of add-ons off by default are checked too.
  const all = structuredClone(config) as any;
  for (const env of all.environments ?? []) {
    env.addons = { ...env.addons, ...Object.fromEntries(ADDON_NAMES.map((name) => [name, { ...env.addons?.[name], enabled: true }])) };
  }
  const platform = resolvePlatform(all);
  const docs = renderGitops(platform).flatMap((f) => f.documents) as any[];
  const out: ChartValues[] = [];
  for (const addon of Object.values(ADDON_CATALOG)) {
    const values = docs
      .filter((d) => (d.kind === 'Application' || d.kind === 'ApplicationSet') && d.metadata?.name === addon.name)
      .map((d) => (d.kind === 'ApplicationSet' ? d.spec.template.spec : d.spec).source?.helm?.valuesObject)
      .filter((v) => v !== undefined);
    if (values.length > 0) out.push({ chart: addon.chart, version: addon.version, values: mergeValues(values) });
  }
  const argocd = platform.environments.map((env) =>
    argoCdValues({ profile: env.profile, domain: `argocd.${env.domain}`, clusterSecret: {}, bootstrap: argoCdBootstrap(platform, env) }));
  out.push({ chart: ARGOCD_CHART.chart, version: ARGOCD_CHART.version, values: mergeValues(argocd) });
  return out;
}

/** Reads a chart's values.yaml: `<dir>/<chart>-<version>.yaml` when a directory is given, else from GitHub. */
async function chartDefaults(chart: string, version: string, valuesDir?: string): Promise<string> {
  if (valuesDir) return fs.readFileSync(path.join(valuesDir, `${chart}-${version}.yaml`), 'utf8');
  const source = CHART_SOURCES[chart];
  const response = await fetch(valuesUrl(source, version), { signal: AbortSignal.timeout(20_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${valuesUrl(source, version)}`);
  return response.text();
}

/**
 * Usage: `node lib/addons-check/main.js [--config platform.config.ts] [--values-dir <dir>]`. Exit 0 when every chart
 * defines every key Paved sets, 1 when a key is undefined, 2 when a chart could not be checked (offline).
 *
 * Report lines for every key path Paved sets that a chart's values.yaml (at the pinned version) does not define, and
 * whether any such key was found. Charts that cannot be read are reported as skipped (offline), not as passing.
 */
/** What `checkChartValues` found: report lines, and how many keys were undefined and charts unchecked. */
export interface CheckResult {
  readonly lines: string[];
  readonly undefinedKeys: number;
  readonly skipped: number;
}

export async function checkChartValues(charts: readonly ChartValues[], valuesDir?: string): Promise<CheckResult> {
  const lines: string[] = [];
  let undefinedKeys = 0;
  let skipped = 0;
  const check = async (chart: string, version: string, values: Record<string, unknown>, label: string, parentDefaults?: unknown) => {
    if (!CHART_SOURCES[chart]) {
      lines.push(`skipped: ${label}: no values.yaml source known (add it to src/addons-check/chart-sources.ts)`);
      skipped++;
      return;
    }
    let text: string;
    try {
      text = await chartDefaults(chart, version, valuesDir);
    } catch (e) {
      lines.push(`skipped: ${label}: values.yaml could not be read (${(e as Error).message.split('\n')[0]})`);
      skipped++;
      return;
    }
    const source = CHART_SOURCES[chart];
    const subcharts = source.subcharts ?? {};
    const defaults = parse(text) ?? {};
    const own = Object.fromEntries(Object.entries(values).filter(([k]) => !(k in subcharts)));
    // A subchart's keys are defined by its own values.yaml or by the parent's section for it.
    const found = undefinedKeyPaths(own, parentDefaults ? mergeValues([defaults, parentDefaults]) : defaults, text, source.freeForm);
    for (const key of found) {
      if (!key.commented) undefinedKeys++;
      lines.push(`${key.commented ? 'commented' : 'undefined'}: ${label}: ${key.path}${key.commented ? ' (documented in a comment only)' : ''}`);
    }
    if (found.length === 0) lines.push(`ok: ${label}`);
    for (const [key, sub] of Object.entries(subcharts)) {
      if (values[key] !== undefined) {
        await check(sub.chart, sub.version, values[key] as Record<string, unknown>, `${label} > ${sub.chart} ${sub.version}`, defaults[key]);
      }
    }
  };
  for (const { chart, version, values } of charts) await check(chart, version, values, `${chart} ${version}`);
  return { lines, undefinedKeys, skipped };
}

async function main(argv: readonly string[]): Promise<number> {
  let configFile = 'platform.config.ts';
  let valuesDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config') {configFile = argv[++i];} else if (argv[i] === '--values-dir') {valuesDir = argv[++i];} else {
      console.error(`error: ${argv[i]}: unknown argument (allowed: --config <file>, --values-dir <dir>)`);
      return 1;
    }
  }
  const loaded = loadConfig(configFile);
  const { lines, undefinedKeys, skipped } = await checkChartValues(pavedChartValues(loaded.value as PlatformConfig), valuesDir);
  for (const line of lines) console.log(line);
  if (undefinedKeys > 0) {
    console.log(`addons:check-values: ${undefinedKeys} key path(s) the charts do not define`);
    return 1;
  }
  if (skipped > 0) {
    // Not a pass: nothing is known about the charts that could not be read (offline, or a source is missing).
    console.log(`addons:check-values: ${skipped} chart(s) not checked`);
    return 2;
  }
  console.log('addons:check-values passed');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    console.error(`error: ${(e as Error).message.split('\n')[0]}`);
    process.exit(1);
  });
}
