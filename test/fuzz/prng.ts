/** A small seeded random generator (mulberry32): the same seed gives the same run everywhere. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** A short text; now and then blank, so rules about required text get exercised. */
  words(count = 1 + this.int(5)): string {
    const vocabulary = [
      'borehole',
      'tariff',
      'training',
      'audit',
      'meeting',
      'survey',
      'pump',
      'data',
      'report',
    ];
    return Array.from({ length: count }, () => this.pick(vocabulary)).join(' ');
  }
}
