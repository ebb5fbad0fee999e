/** An IPv4 network in CIDR notation, normalized (host bits are zero). */
export class Ipv4Cidr {
  /** Parses `a.b.c.d/n`; returns undefined for anything else, including host bits set (`10.0.0.1/16`). */
  static parse(text: string): Ipv4Cidr | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
    if (!match) return undefined;
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    if (octets.some((o, i) => String(o) !== match[i + 1])) return undefined; // no leading zeros
    const address = octets.reduce((n, o) => n * 256 + o, 0);
    const hostBits = address % 2 ** (32 - prefix);
    return hostBits === 0 ? new Ipv4Cidr(address, prefix) : undefined;
  }

  private constructor(
    /** Network address as an unsigned 32-bit integer. */
    readonly network: number,
    readonly prefix: number,
  ) {}

  get size(): number {
    return 2 ** (32 - this.prefix);
  }

  get last(): number {
    return this.network + this.size - 1;
  }

  contains(other: Ipv4Cidr): boolean {
    return other.prefix >= this.prefix && other.network >= this.network && other.last <= this.last;
  }

  overlaps(other: Ipv4Cidr): boolean {
    return this.network <= other.last && other.network <= this.last;
  }

  /** The `index`-th subnet of `this.prefix + newBits` bits. */
  subnet(newBits: number, index: number): Ipv4Cidr {
    const prefix = this.prefix + newBits;
    if (prefix > 32 || index < 0 || index >= 2 ** newBits) {
      throw new RangeError(`${this} has no subnet #${index} of /${prefix}`);
    }
    return new Ipv4Cidr(this.network + index * 2 ** (32 - prefix), prefix);
  }

  toString(): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(this.network / 2 ** shift) % 256);
    return `${octets.join('.')}/${this.prefix}`;
  }
}

/** The RFC 1918 private ranges. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => Ipv4Cidr.parse(c)!);

export function isPrivate(cidr: Ipv4Cidr): boolean {
  return PRIVATE_RANGES.some((range) => range.contains(cidr));
}
