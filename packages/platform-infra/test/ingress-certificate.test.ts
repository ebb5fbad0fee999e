import { synthesize, example } from './support/synthesized';

/** Issue 14: the shared ALB terminates TLS with an ACM certificate the controller finds by host. */
describe('the ACM certificate of an environment', () => {
  const synthesized = synthesize(example, ['dev', 'prod']);

  test('covers the environment domain and its wildcard, validated through DNS in the environment zone', () => {
    const [cert] = synthesized.resources('dev-network', 'aws_acm_certificate');
    expect(cert.body).toMatchObject({ domain_name: 'dev.northwind.dev', subject_alternative_names: ['*.dev.northwind.dev'], validation_method: 'DNS' });
    expect(cert.body.lifecycle).toMatchObject({ create_before_destroy: true });
    const [record] = synthesized.resources('dev-network', 'aws_route53_record').filter((r) => r.path.includes('ingress-certificate'));
    expect(record.body.zone_id).toMatch(/aws_route53_zone\.zone/);
    expect(record.body.allow_overwrite).toBe(true);
    expect(String(record.body.for_each)).toContain('domain_validation_options');
    expect(synthesized.resources('dev-network', 'aws_acm_certificate_validation')).toHaveLength(1);
  });

  test('an environment on the root domain validates in the root zone it owns', () => {
    const [cert] = synthesized.resources('prod-network', 'aws_acm_certificate');
    expect(cert.body).toMatchObject({ domain_name: 'northwind.dev', subject_alternative_names: ['*.northwind.dev'] });
  });

  test('no controller, no certificate', () => {
    const off = synthesize({ ...example, services: [], addons: { 'aws-load-balancer-controller': { enabled: false } } }, ['dev']);
    expect(off.resources('dev-network', 'aws_acm_certificate')).toEqual([]);
  });
});
