/**
 * Counts equal class keys (whole numbers below 2^53) with open addressing over typed arrays. The
 * ladder tries dozens of generalisations, each with rounds of counting over every participant
 * row: a Map boxes keys this large and a sort costs n log n, and either made the export seconds
 * slower at city scale.
 */
export class ClassCounter {
  private keys: Float64Array;
  private counts: Int32Array;
  private mask: number;
  /** Slot of each counted row, so its class size is one lookup. */
  private slotOf: Int32Array;

  /** `rows`: how many rows it can count, the length of the keys it is given. */
  constructor(readonly rows: number) {
    const size = 2 ** Math.max(4, Math.ceil(Math.log2(rows * 2 + 1)));
    this.keys = new Float64Array(size);
    this.counts = new Int32Array(size);
    this.mask = size - 1;
    this.slotOf = new Int32Array(rows);
  }

  private slot(key: number): number {
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) | 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) & this.mask;
    for (;;) {
      if (this.counts[h] === 0 || this.keys[h] === key) return h;
      h = (h + 1) & this.mask;
    }
  }

  /** Counts keys[i] for each listed row i; earlier counts are forgotten. */
  count(keys: Float64Array, rows: Int32Array | null): void {
    this.counts.fill(0);
    const n = rows === null ? keys.length : rows.length;
    for (let j = 0; j < n; j++) {
      const i = rows === null ? j : rows[j]!;
      const h = this.slot(keys[i]!);
      this.keys[h] = keys[i]!;
      this.counts[h]!++;
      this.slotOf[i] = h;
    }
  }

  /** The size of row i's class in the last count. */
  sizeOf(i: number): number {
    return this.counts[this.slotOf[i]!]!;
  }

  /** Every class size of the last count. */
  *sizes(): Generator<number> {
    for (let h = 0; h <= this.mask; h++) if (this.counts[h]! > 0) yield this.counts[h]!;
  }
}
