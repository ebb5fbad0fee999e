/**
 * The RDS certificate authorities, for PostgreSQL clients that verify the server (`sslmode=verify-full`): the public
 * bundle of every region, fetched at image build. The path is the platform's contract (`RDS_CA_BUNDLE_PATH` of
 * `@paved/shared-config`, which the services' `PGSSLROOTCERT` and `DATABASE_URL` name); the blueprint cannot import it
 * (it does not depend on the platform packages), and a test keeps the two equal.
 */
export const RDS_CA_BUNDLE = {
  url: 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem',
  path: '/etc/ssl/certs/rds-global-bundle.pem',
} as const;

/**
 * Dockerfile lines of the runtime stage that add the bundle, for services that declare PostgreSQL only (the others have
 * no use for it, and their builds need no network beyond the registries). `ADD <url>` needs no curl in slim images;
 * `--chmod=0644` (BuildKit, the default builder) makes it readable by the non-root user, as a remote `ADD` is 0600
 * otherwise. No `--checksum`: AWS adds certificate authorities to the bundle, and a pinned digest would break every
 * build then; the download is over HTTPS from AWS's trust store.
 */
export function rdsCaBundleLines(postgres: boolean): string[] {
  if (!postgres) return [];
  return [
    '# The RDS certificate authorities: PostgreSQL connections verify the server (sslmode=verify-full).',
    `ADD --chmod=0644 ${RDS_CA_BUNDLE.url} ${RDS_CA_BUNDLE.path}`,
  ];
}
