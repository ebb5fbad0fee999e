/** An accepted guardrail finding. Waivers expire: an expired waiver fails the check again. */
export interface WaiverConfig {
  /** Rule id, such as `PAVED-AWS-RDS-007`. */
  readonly rule: string;
  /** Terraform address (`stack:aws_db_instance.name`) or manifest path the waiver applies to; `*` for all. */
  readonly resource: string;
  /** Why the finding is accepted. */
  readonly reason: string;
  /** Last day the waiver holds, `YYYY-MM-DD`. */
  readonly expires: string;
}
