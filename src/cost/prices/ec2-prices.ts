/**
 * EC2 on-demand Linux prices in us-east-1 for the instance families Paved's node groups use, from Karpenter's price
 * list generated from the AWS Pricing API (`ec2-karpenter-2026` in sources.ts). Within these families every size costs
 * the `large` price times its size factor (`xlarge` twice, `2xlarge` four times, ...), so one number per family is kept;
 * the few sizes whose published price is rounded differently are listed in `EC2_SIZE_EXCEPTIONS`.
 */

/** Size factor relative to `large`. */
export const EC2_SIZE_FACTORS: Readonly<Record<string, number>> = {
  'nano': 1 / 16,
  'micro': 1 / 8,
  'small': 1 / 4,
  'medium': 1 / 2,
  'large': 1,
  'xlarge': 2,
  '2xlarge': 4,
  '4xlarge': 8,
  '8xlarge': 16,
  '12xlarge': 24,
  '16xlarge': 32,
};

const BURSTABLE = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'];
const INTEL_AMD = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];
const WITH_MEDIUM = ['medium', ...INTEL_AMD];

export interface Ec2Family {
  /** USD per hour of the `large` size in us-east-1. */
  readonly large: number;
  /** Sizes the family offers (of `EC2_SIZE_FACTORS`). */
  readonly sizes: readonly string[];
}

/** us-east-1, USD per hour of `<family>.large`; general purpose, compute optimized, memory optimized, burstable. */
export const EC2_FAMILIES_US_EAST_1: Readonly<Record<string, Ec2Family>> = {
  // General purpose
  'm5': { large: 0.096, sizes: INTEL_AMD },
  'm5a': { large: 0.086, sizes: INTEL_AMD },
  'm6a': { large: 0.0864, sizes: INTEL_AMD },
  'm6g': { large: 0.077, sizes: WITH_MEDIUM },
  'm6i': { large: 0.096, sizes: INTEL_AMD },
  'm7a': { large: 0.11592, sizes: WITH_MEDIUM },
  'm7g': { large: 0.0816, sizes: WITH_MEDIUM },
  'm7i': { large: 0.1008, sizes: INTEL_AMD },
  'm7i-flex': { large: 0.09576, sizes: INTEL_AMD },
  'm8a': { large: 0.12172, sizes: WITH_MEDIUM },
  'm8g': { large: 0.08976, sizes: WITH_MEDIUM },
  'm8i': { large: 0.10584, sizes: INTEL_AMD },
  // Compute optimized
  'c5': { large: 0.085, sizes: ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge'] },
  'c5a': { large: 0.077, sizes: INTEL_AMD },
  'c6a': { large: 0.0765, sizes: INTEL_AMD },
  'c6g': { large: 0.068, sizes: WITH_MEDIUM },
  'c6i': { large: 0.085, sizes: INTEL_AMD },
  'c7a': { large: 0.10264, sizes: WITH_MEDIUM },
  'c7g': { large: 0.0725, sizes: WITH_MEDIUM },
  'c7i': { large: 0.08925, sizes: INTEL_AMD },
  'c7i-flex': { large: 0.08479, sizes: INTEL_AMD },
  'c8a': { large: 0.10777, sizes: WITH_MEDIUM },
  'c8g': { large: 0.07976, sizes: WITH_MEDIUM },
  'c8i': { large: 0.09371, sizes: INTEL_AMD },
  // Memory optimized
  'r5': { large: 0.126, sizes: INTEL_AMD },
  'r5a': { large: 0.113, sizes: INTEL_AMD },
  'r6a': { large: 0.1134, sizes: INTEL_AMD },
  'r6g': { large: 0.1008, sizes: WITH_MEDIUM },
  'r6i': { large: 0.126, sizes: INTEL_AMD },
  'r7a': { large: 0.15215, sizes: WITH_MEDIUM },
  'r7g': { large: 0.1071, sizes: WITH_MEDIUM },
  'r7i': { large: 0.1323, sizes: INTEL_AMD },
  'r8a': { large: 0.15976, sizes: WITH_MEDIUM },
  'r8g': { large: 0.11782, sizes: WITH_MEDIUM },
  'r8i': { large: 0.13892, sizes: INTEL_AMD },
  // Burstable
  't3': { large: 0.0832, sizes: BURSTABLE },
  't3a': { large: 0.0752, sizes: BURSTABLE },
  't4g': { large: 0.0672, sizes: BURSTABLE },
};

/** Published prices that are not exactly `large x factor` (AWS rounds them to four or five decimals). */
export const EC2_SIZE_EXCEPTIONS: Readonly<Record<string, number>> = {
  'c7g.medium': 0.0363,
  'r7g.medium': 0.0536,
  'r7a.medium': 0.07608,
  'c8a.medium': 0.05389,
};

/** Every priced instance type with its us-east-1 hourly price, rounded to six decimals. */
export function ec2PricesUsEast1(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [family, f] of Object.entries(EC2_FAMILIES_US_EAST_1)) {
    for (const size of f.sizes) {
      const type = `${family}.${size}`;
      out[type] = EC2_SIZE_EXCEPTIONS[type] ?? Math.round(f.large * EC2_SIZE_FACTORS[size] * 1e6) / 1e6;
    }
  }
  return out;
}
