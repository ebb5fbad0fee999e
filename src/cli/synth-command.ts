import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SYNTH_FLAGS } from './command-table';
import { type Command, parseOptions } from './commands';
import { DEFAULT_CONFIG, DEFAULT_OUT } from './defaults';
import { displayPathOf, loadConfig } from '../config/load-config';
import { synthesizePlatform } from '../synth/synthesize-platform';

export const synthCommand: Command = {
  name: 'synth',
  async run(args, io) {
    const options = parseOptions('synth', args, SYNTH_FLAGS);
    const started = performance.now();
    const loaded = loadConfig(options.config ?? DEFAULT_CONFIG, io.cwd);
    const loadMs = performance.now() - started;
    const outDir = path.resolve(io.cwd, options.out ?? DEFAULT_OUT);
    const report = await synthesizePlatform({
      loaded,
      loadMs,
      outDir,
      environments: options.env,
      timings: !options['no-timings'],
    });
    report.warningLines.forEach((l) => io.err(l));
    const { summary, timings: t } = report;
    const out = displayPathOf(outDir, io.cwd);
    const envs = summary.environments.map((e) => `${e.name} (${e.profile})`).join(', ');
    io.out(`paved synth: ${loaded.displayPath} -> ${out}/`);
    io.out(`  environments  ${envs}`);
    io.out(`  terraform     ${summary.terraform.stacks.length} stacks, ${summary.terraform.resources} resources  (${out}/terraform)`);
    io.out(`  gitops        ${summary.gitops.files.length} files  (${out}/gitops)`);
    io.out(`  warnings      ${summary.warnings.length}`);
    io.out(
      `  time          ${t.totalMs} ms (load ${t.loadMs}, validate ${t.validateMs}, infra ${t.infraMs}, ` +
        `gitops ${t.gitopsMs}, write ${t.writeMs}); start-up ${Math.round(io.startupMs ?? started)} ms before that ` +
        `(${io.startupMs === undefined ? 'node, loading cdktf and cdk8s' : 'node; cdktf and cdk8s were loaded by the resident process'})`,
    );
    return 0;
  },
};
