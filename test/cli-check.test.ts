import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlatformConfig } from '@paved/shared-config';
import { parseAllDocuments, stringify } from 'yaml';
import example from '../platform.config';
import { runPaved, tempDir } from './support/run-paved';
import { copySharedSynth } from './support/shared-synth';

/** `paved check` and the synth gate on real synthesized output: config changes, hand edits, waivers. */
const work = tempDir('paved-check-');

function writeConfig(name: string, mutate: (c: any) => void = () => undefined): string {
  const config = structuredClone(example) as PlatformConfig & Record<string, any>;
  mutate(config);
  const file = path.join(work, name);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}
const prod = (c: any) => c.environments.find((e: any) => e.name === 'prod');
const noDeletionProtection = (c: any) => { prod(c).data = { ...prod(c).data, postgres: { ...prod(c).data?.postgres, deletionProtection: false } }; };
const waiver = (expires: string) => ({ rule: 'PAVED-AWS-RDS-007', resource: 'prod-data:aws_db_instance.*', reason: 'migration window, tracked in OPS-42', expires });

const exampleConfig = writeConfig('example.json');
const exampleOut = path.join(work, 'out');

describe('paved check', () => {
  test('the example passes with zero errors and says how many rules ran over how many resources', () => {
    const run = runPaved(['check', '--config', exampleConfig]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/paved check: 132 rules \(69 AWS, 63 Kubernetes\/ArgoCD\) over 538 resources in 15 stacks and \d+ manifests in \d+ files \(\d+ evaluations\): 0 errors, \d+ warnings/);
    expect(run.stdout).not.toMatch(/^error:/m);
  });

  test('turning off deletion protection in production fails with the rule id and the address', () => {
    const run = runPaved(['check', '--config', writeConfig('no-dp.json', noDeletionProtection)]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^error: PAVED-AWS-RDS-007 \[CKV_AWS_293\]: prod-data:aws_db_instance\.postgres_instance_[0-9A-F]+: deletion_protection is false/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('Multi-AZ off in production fails too', () => {
    const run = runPaved(['check', '--config', writeConfig('no-maz.json', (c) => { prod(c).data = { ...prod(c).data, postgres: { ...prod(c).data?.postgres, multiAz: false } }; })]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^error: PAVED-AWS-RDS-008 .*prod-data:aws_db_instance\.postgres_instance_[0-9A-F]+: multi_az is false/m);
  });

  test('a waiver with a reason makes it pass and is listed; an expired one fails', () => {
    const waived = runPaved(['check', '--config', writeConfig('waived.json', (c) => { noDeletionProtection(c); c.waivers = [waiver('2099-12-31')]; })]);
    expect(waived.status).toBe(0);
    expect(waived.stdout).toMatch(/^waived: PAVED-AWS-RDS-007 on prod-data:aws_db_instance\.\* \(reason: migration window, tracked in OPS-42; expires 2099-12-31\): 1 finding: prod-data:aws_db_instance\./m);
    const expired = runPaved(['check', '--config', writeConfig('expired.json', (c) => { noDeletionProtection(c); c.waivers = [waiver('2020-01-31')]; })]);
    expect(expired.status).toBe(1);
    // Validation refuses an expired waiver before anything is synthesized, naming the field (as validate and synth do).
    expect(expired.stderr).toMatch(/^error: .*expired\.json: waivers\[0\]\.expires: expired on 2020-01-31 /m);
  });

  describe('hand edits of the output (escape-hatch overrides) are seen', () => {
    beforeAll(() => {
      // The example's synthesized output (the same config as exampleConfig), copied from the one made once per run for
      // the files that read it (support/shared-synth.ts): the edits below go to the copy.
      copySharedSynth(exampleOut);
    });
    const edit = (file: string, change: (text: string) => string) => {
      const target = path.join(exampleOut, file);
      const before = fs.readFileSync(target, 'utf8');
      fs.writeFileSync(target, change(before));
      return () => fs.writeFileSync(target, before);
    };
    const check = () => runPaved(['check', '--config', exampleConfig, '--output', exampleOut]);

    test('ECR scan on push turned off', () => {
      const restore = edit('terraform/stacks/shared/cdk.tf.json', (t) => t.replace(/"scan_on_push": true/g, '"scan_on_push": false'));
      const run = check();
      restore();
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/^error: PAVED-AWS-ECR-002 \[CKV_AWS_163\]: shared:aws_ecr_repository\.ecr-prod-api_repository_[0-9A-F]+: scan_on_push is not true/m);
    });

    test('an ingress without TLS, a container running as root', () => {
      const file = 'gitops/prod/services/api/manifests.yaml';
      const restore = edit(file, (text) => parseAllDocuments(text).map((doc) => {
        const d = doc.toJS();
        if (d.kind === 'Ingress') delete d.spec.tls;
        if (d.kind === 'Deployment') Object.assign(d.spec.template.spec.containers[0].securityContext, { runAsNonRoot: false, runAsUser: 0 });
        return stringify(d);
      }).join('---\n'));
      const run = check();
      restore();
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(/^error: PAVED-K8S-NET-001: gitops\/prod\/services\/api\/manifests\.yaml#Ingress\/api\/api: host api\.northwind\.dev has no TLS/m);
      expect(run.stdout).toMatch(/^error: PAVED-K8S-POD-002 .*#Deployment\/api\/api: container api: runAsUser is 0/m);
    });

    test('the unedited output passes', () => {
      expect(check().status).toBe(0);
    });
  });

  test('SARIF for GitHub code scanning', () => {
    const run = runPaved(['check', '--config', writeConfig('sarif.json', noDeletionProtection), '--format', 'sarif']);
    expect(run.status).toBe(1);
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'PAVED-AWS-RDS-007');
    expect(result).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'terraform/stacks/prod-data/cdk.tf.json' } } }] });
    expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('PAVED-AWS-RDS-007');
  });

  test('paved synth refuses output that fails an error-level rule, and writes nothing', () => {
    const out = path.join(work, 'refused');
    const run = runPaved(['synth', '--config', writeConfig('refused.json', noDeletionProtection), '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: PAVED-AWS-RDS-007 /m);
    expect(run.stderr).toMatch(/the output fails paved check; nothing written/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
