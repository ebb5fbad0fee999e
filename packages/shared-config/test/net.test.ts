import { carveSubnets, Ipv4Cidr, isPrivate, smallestCarvedPrefix } from '../src';

const cidr = (s: string) => Ipv4Cidr.parse(s)!;

describe('Ipv4Cidr', () => {
  test.each(['10.0.0.1/16', '256.0.0.0/8', '10.0.0.0/33', '010.0.0.0/8', '10.0.0/16'])('rejects %s', (text) => {
    expect(Ipv4Cidr.parse(text)).toBeUndefined();
  });

  test('round-trips a network', () => {
    expect(cidr('172.16.32.0/20').toString()).toBe('172.16.32.0/20');
  });

  test('knows containment and overlap', () => {
    expect(cidr('10.0.0.0/16').contains(cidr('10.0.255.0/24'))).toBe(true);
    expect(cidr('10.0.0.0/16').contains(cidr('10.1.0.0/24'))).toBe(false);
    expect(cidr('10.0.0.0/16').overlaps(cidr('10.0.128.0/17'))).toBe(true);
    expect(cidr('10.0.0.0/17').overlaps(cidr('10.0.128.0/17'))).toBe(false);
  });

  test('knows the RFC 1918 ranges', () => {
    expect(isPrivate(cidr('192.168.4.0/24'))).toBe(true);
    expect(isPrivate(cidr('172.32.0.0/16'))).toBe(false);
  });
});

describe('carveSubnets', () => {
  test('gives each private subnet a quarter of a /16 across three zones', () => {
    expect(carveSubnets(cidr('10.0.0.0/16'), 3)).toEqual({
      private: ['10.0.0.0/18', '10.0.64.0/18', '10.0.128.0/18'],
      public: ['10.0.192.0/21', '10.0.200.0/21', '10.0.208.0/21'],
      data: ['10.0.216.0/21', '10.0.224.0/21', '10.0.232.0/21'],
    });
  });

  test.each([2, 3, 4])('makes disjoint subnets inside the VPC for %i zones', (azCount) => {
    const vpc = cidr('10.8.0.0/16');
    const layout = carveSubnets(vpc, azCount);
    const all = [...layout.public, ...layout.private, ...layout.data].map(cidr);
    expect(all).toHaveLength(3 * azCount);
    for (const [i, a] of all.entries()) {
      expect(vpc.contains(a)).toBe(true);
      for (const b of all.slice(i + 1)) expect(a.overlaps(b)).toBe(false);
    }
    expect(Math.max(...all.map((c) => c.prefix))).toBe(smallestCarvedPrefix(16, azCount));
  });
});
