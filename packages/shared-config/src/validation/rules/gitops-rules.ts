import { isObject, type ValidationRule } from './rule';

/** `ssh://host/...` or scp-like `git@host:...`: Git over SSH, which always authenticates with a key. */
const SSH_URL = /^(?:ssh:\/\/|git@)/;

export const gitopsCredentials: ValidationRule = {
  id: 'gitops-credentials',
  description: 'A GitOps repository reached over SSH names gitops.credentialsSecret: ArgoCD cannot clone over SSH without a key.',
  check(config, out) {
    const gitops = config.gitops;
    if (!isObject(gitops) || typeof gitops.repoUrl !== 'string') return;
    if (SSH_URL.test(gitops.repoUrl) && gitops.credentialsSecret === undefined) {
      out.error(
        'gitops.credentialsSecret',
        `repoUrl '${gitops.repoUrl}' is an SSH URL and no credentials secret is named`,
        'the name of a Secrets Manager secret holding sshPrivateKey, or an https:// repoUrl',
      );
    }
  },
};
