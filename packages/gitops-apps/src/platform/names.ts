import { ADDON_CATALOG, NAMESPACE_SECRET_STORE } from '@paved/shared-config';

/** Names that rendered manifests share with the add-ons' charts and configuration. */

/** The Let's Encrypt production ClusterIssuer that Ingresses name. */
export const CLUSTER_ISSUER = 'letsencrypt';
/** The Let's Encrypt staging ClusterIssuer, for trying out new hosts without hitting rate limits. */
export const CLUSTER_ISSUER_STAGING = 'letsencrypt-staging';
/**
 * The SecretStore on AWS Secrets Manager of each namespace that reads secrets: ExternalSecrets name the store of their
 * own namespace (there is no ClusterSecretStore), which assumes that namespace's reader role.
 */
export const SECRET_STORE = NAMESPACE_SECRET_STORE;
/** IngressClass of the environment's shared internet-facing ALB (AWS Load Balancer Controller, IngressClassParams). */
export const INGRESS_CLASS = 'alb';
/** IngressClass of the environment's shared internal ALB, for services with `visibility: 'internal'`. */
export const INGRESS_CLASS_INTERNAL = 'alb-internal';
/** GatewayClass of the AWS Load Balancer Controller's ALB Gateways (`ingress.api: 'gateway'`). */
export const GATEWAY_CLASS = 'alb';
/** Namespace of the environment's Gateway (`ingress.api: 'gateway'`). */
export const GATEWAY_NAMESPACE = 'gateway';
/** Namespace of kube-prometheus-stack (its catalog namespace). */
export const MONITORING_NAMESPACE = ADDON_CATALOG['kube-prometheus-stack'].namespace;
/** Kubernetes Secret holding the Slack webhook URL, mounted into Alertmanager. */
export const ALERTMANAGER_SLACK_SECRET = 'alertmanager-slack';
export const ALERTMANAGER_SLACK_KEY = 'webhook-url';
/** Kubernetes Secret holding Grafana's admin credentials, filled by External Secrets from Secrets Manager. */
export const GRAFANA_ADMIN_SECRET = 'grafana-admin';
