import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Runs cdk-nag's AwsSolutions pack over `scope` whenever the app synthesizes, and fails the synthesis with one line
 * per unacknowledged finding. A node validation (rather than `Validations.of(app).addPlugins`) works in any scope, also
 * a stack under test, and runs after aspects and `prepare`, so resource policies added late are checked too.
 * Acknowledge a finding with `Validations.of(construct).acknowledge({ id: 'AwsSolutions-XX', reason: '...' })`.
 */
export function addAwsSolutionsGate(scope: IConstruct): void {
  const pack = new AwsSolutionsChecks(scope);
  scope.node.addValidation({
    validate: () => {
      const report = pack.validateScope(scope);
      return report.violations.flatMap((violation) =>
        violation.violatingResources.map((resource) => {
          const path = (resource as { constructPath?: string }).constructPath ?? resource.resourceLogicalId;
          return `error: ${path}: ${violation.ruleName}: ${violation.description} `
            + `(fix it, or acknowledge it with Validations.of(construct).acknowledge({ id: '${violation.ruleName}', reason }))`;
        }),
      );
    },
  });
}
