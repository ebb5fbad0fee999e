import { blocks } from '../../../model/values';
import { ALWAYS, checkov } from '../../../rule';
import { terraformRule } from '../../define';

export const LAUNCH_TEMPLATE_RULES = [
  terraformRule({
    id: 'PAVED-AWS-EC2-001',
    title: 'Instances and launch templates require IMDSv2',
    severity: ALWAYS,
    mirrors: [checkov('CKV_AWS_79')],
    resourceTypes: ['aws_launch_template', 'aws_instance'],
    rationale:
      'IMDSv1 answers any request from the node, so a server-side request forgery in one pod reads the node role\'s '
      + 'credentials. IMDSv2 needs a session token, and a hop limit of 1 keeps it away from pods.',
    fix: 'set metadata_options { http_tokens = "required" } (Paved sets it, with http_put_response_hop_limit = 1)',
    check: (r) => {
      const options = blocks(r.attrs, 'metadata_options')[0];
      if (options?.http_endpoint === 'disabled') return undefined;
      const tokens = options?.http_tokens;
      return tokens === 'required' ? undefined : `metadata_options.http_tokens is ${tokens === undefined ? 'unset (optional: IMDSv1 allowed)' : `"${String(tokens)}"`}`;
    },
  }),
];
