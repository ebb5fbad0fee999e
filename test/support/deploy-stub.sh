# Fast path of the terraform and aws rehearsal stubs (see deploy-stubs.ts); installStubs prepends #!/bin/sh,
# tool=<terraform|aws>, STUB_NODE and STUB_BIN. What this script does not answer itself goes to node-<tool>.
node_stub() { exec "$STUB_NODE" "$STUB_BIN/node-$tool" "$@"; }
# JSON-safe without escaping: letters, digits, space and . _ / = : @ + , % ~ -
safe() { case $1 in *[!A-Za-z0-9' '._/=:@+,%~-]*) return 1;; esac; return 0; }
[ -n "${STUB_LOG-}" ] && [ $# -gt 0 ] || node_stub "$@"
cwd=$(pwd -P)
stack=${cwd##*/}
me="$tool $1 $stack"
if [ "${STUB_HANG-}" = "$me" ] || [ "${STUB_FAIL-}" = "$me" ] || [ -e "$cwd/paved_backend_override.tf.json" ]; then node_stub "$@"; fi
safe "$cwd" || node_stub "$@"
argv=''
for a; do
  safe "$a" || node_stub "$@"
  argv="$argv${argv:+,}\"$a\""
done
env=''
unsafe=''
while IFS= read -r line; do
  case $line in
    TF_*=*|PAVED_CONFIG=*|AWS_ACCESS_KEY_ID=*|AWS_PROFILE=*)
      k=${line%%=*}
      v=${line#*=}
      if safe "$k" && safe "$v"; then env="$env${env:+,}\"$k\":\"$v\""; else unsafe=1; fi
      ;;
  esac
done <<ENV
$(env)
ENV
[ -z "$unsafe" ] || node_stub "$@"
case "$tool $1" in
  'terraform version') answer="{\"terraform_version\":\"${STUB_TF_VERSION:-1.11.4}\",\"platform\":\"linux_amd64\"}" ;;
  'terraform init') answer='Terraform has been successfully initialized!' ;;
  'terraform plan') answer='Plan: 3 to add, 0 to change, 0 to destroy.' ;;
  'terraform apply') answer='Apply complete! Resources: 3 added, 0 changed, 0 destroyed.' ;;
  'terraform destroy') answer='Destroy complete! Resources: 3 destroyed.' ;;
  'aws secretsmanager')
    [ "$2" = describe-secret ] && [ -z "${STUB_MISSING_SECRETS-}" ] || node_stub "$@"
    # The value after the first --secret-id, as the Node stub reads it.
    id=''
    prev=''
    found=''
    for a; do
      if [ "$prev" = --secret-id ]; then id=$a; found=1; break; fi
      prev=$a
    done
    [ -n "$found" ] || node_stub "$@"
    answer="{\"Name\":\"$id\"}"
    ;;
  *) node_stub "$@" ;;
esac
printf '%s\n' "{\"tool\":\"$tool\",\"argv\":[$argv],\"cwd\":\"$cwd\",\"env\":{$env},\"files\":{}}" >> "$STUB_LOG"
[ "$tool $1" != 'terraform plan' ] || printf 'stub plan of %s' "$stack" > "$cwd/plan.tfplan"
printf '%s\n' "$answer"
