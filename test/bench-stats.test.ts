import { judge } from '../src/bench/report';
import { marginalGrowth, median, medianRun, type SizedRun } from '../src/bench/stats';

/** How `pnpm bench` judges its budgets: pure functions, no measurement. */
describe('median and medianRun', () => {
  test('the middle run, whole (its RSS with it), whatever the order; the upper middle one for an even count', () => {
    const runs = [{ wallMs: 900, peakRssMb: 3 }, { wallMs: 100, peakRssMb: 1 }, { wallMs: 500, peakRssMb: 2 }];
    expect(medianRun(runs)).toBe(runs[2]);
    expect(median([5, 1, 4, 2])).toBe(4);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(/no runs/);
  });

  test('one lucky run does not make a budget pass, one unlucky run does not make it fail', () => {
    const row = (wallMs: number) => judge({ label: 'x', wallMs, budget: { wallMs: 1000 } });
    expect(row(median([400, 1500, 1400]))).toEqual(['wall > 1.00 s']);
    expect(row(median([900, 950, 5000]))).toEqual([]);
  });
});

describe('marginalGrowth (the GitOps linearity check)', () => {
  const sizes = [3, 30, 300];
  const series = (t: (n: number) => number): SizedRun[] => sizes.map((n) => ({ n, ms: t(n) }));
  const linearity = (runs: SizedRun[]) => {
    const growth = marginalGrowth(runs)!;
    return judge({ label: 'linearity', wallMs: growth.lateMs, versus: { label: 'small end', ratio: growth.ratio, minRatio: 0.5 } });
  };

  test('linear growth passes, however large the fixed cost that the smallest size carries', () => {
    const growth = marginalGrowth(series((n) => 800 + 10 * n))!;
    expect(growth.earlyMs).toBeCloseTo(10);
    expect(growth.lateMs).toBeCloseTo(10);
    expect(growth.ratio).toBeCloseTo(1);
    expect(linearity(series((n) => 800 + 10 * n))).toEqual([]);
  });

  test('a quadratic render fails the check while still inside the 10 s budget of 300 services', () => {
    const quadratic = (n: number) => 300 + 0.09 * n * n; // 300 services: 8.4 s
    expect(quadratic(300)).toBeLessThan(10_000);
    expect(judge({ label: '300 services', wallMs: quadratic(300), budget: { wallMs: 10_000 } })).toEqual([]);
    expect(linearity(series(quadratic))).toEqual(['speed-up < 0.5x']);
    // The check it replaces, time per service at 300 against that at 3, passed it: the fixed cost over 3 services
    // looked more expensive per service than the quadratic cost at 300.
    expect(quadratic(3) / 3 / (quadratic(300) / 300)).toBeGreaterThan(0.5);
  });

  test('mild super-linearity (n log n) passes; sizes are sorted; fewer than three sizes are not judged', () => {
    expect(linearity(series((n) => 200 + 5 * n * Math.log2(n + 1)))).toEqual([]);
    expect(marginalGrowth([{ n: 300, ms: 3100 }, { n: 3, ms: 130 }, { n: 30, ms: 400 }])).toEqual({ earlyMs: 10, lateMs: 10, ratio: 1 });
    expect(marginalGrowth([{ n: 3, ms: 1 }, { n: 300, ms: 9 }])).toBeUndefined();
    expect(marginalGrowth([{ n: 3, ms: 1 }, { n: 3, ms: 2 }, { n: 300, ms: 9 }])).toBeUndefined();
  });

  test('a render that did not grow at the large end is linear enough; one that shrank early is flagged', () => {
    expect(marginalGrowth([{ n: 3, ms: 100 }, { n: 30, ms: 370 }, { n: 300, ms: 370 }])!.ratio).toBe(Infinity);
    expect(marginalGrowth([{ n: 3, ms: 400 }, { n: 30, ms: 370 }, { n: 300, ms: 3070 }])!.ratio).toBe(0);
  });
});
