import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator } from 'cdktf';
import { Construct } from 'constructs';

export interface EnvironmentCertificateProps {
  /** The environment's domain: the certificate covers it and one label below it (`*.<domain>`). */
  readonly domain: string;
  /** Further names under `domain` that the wildcard does not cover (hosts two labels down). @default - none */
  readonly extraNames?: readonly string[];
  /** Hosted zone of `domain`, where the DNS validation records go. */
  readonly zoneId: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The ACM certificate of an environment's hosts, validated through DNS in its own zone. The AWS Load Balancer
 * Controller finds it by host name (certificate discovery) for every Ingress TLS host and Gateway listener, so no ARN
 * travels to the manifests. ACM renews it for as long as the validation records stay.
 */
export class EnvironmentCertificate extends Construct {
  readonly certificate: AcmCertificate;

  constructor(scope: Construct, id: string, props: EnvironmentCertificateProps) {
    super(scope, id);
    this.certificate = new AcmCertificate(this, 'certificate', {
      domainName: props.domain,
      subjectAlternativeNames: [`*.${props.domain}`, ...(props.extraNames ?? [])],
      validationMethod: 'DNS',
      // A replacement (new names) is issued before the old one is removed from the listeners.
      lifecycle: { createBeforeDestroy: true },
      tags: { ...props.tags, Name: props.domain },
    });
    // One record per name; the apex and its wildcard share a record, which allowOverwrite makes idempotent.
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, 'domain_name');
    new Route53Record(this, 'validation', {
      forEach: options,
      zoneId: props.zoneId,
      name: options.getString('resource_record_name'),
      type: options.getString('resource_record_type'),
      records: [options.getString('resource_record_value')],
      ttl: 300,
      allowOverwrite: true,
    });
    new AcmCertificateValidation(this, 'validated', { certificateArn: this.certificate.arn });
  }
}
