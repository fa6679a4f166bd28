/**
 * Counts the CJK keys of one article (every character and every adjacent pair of a run) by their
 * UTF-16 code units, in typed arrays: they are most of a Chinese text's occurrences, and counted
 * as strings each would need a string of its own and a lookup in the shared postings. Only the
 * distinct keys become strings, when the counts are drained.
 */
import { codePointLength } from './code-points';

const UNITS = 0x10000;
const EMPTY = -1;
const INITIAL_PAIR_BITS = 10;

export class CjkKeyCounter {
  /** Per BMP code unit, its weighted count in the article being counted. */
  private readonly unitCounts = new Int32Array(UNITS);
  private touchedUnits: number[] = [];
  /** Open addressing over pairs packed into one 32-bit integer: keys, their counts, and the slots in use. */
  private pairKeys = new Int32Array(1 << INITIAL_PAIR_BITS).fill(EMPTY);
  private pairCounts = new Int32Array(1 << INITIAL_PAIR_BITS);
  private pairShift = 32 - INITIAL_PAIR_BITS;
  private touchedSlots: number[] = [];

  /**
   * Counts a run of BMP characters and returns its length in characters, or returns -1 without
   * counting anything when the run has a character outside the BMP.
   */
  addRun(run: string, weight: number): number {
    if (run.length !== codePointLength(run)) return -1;
    let previous = -1;
    for (let index = 0; index < run.length; index++) {
      const unit = run.charCodeAt(index);
      if (this.unitCounts[unit] === 0) this.touchedUnits.push(unit);
      this.unitCounts[unit] += weight;
      if (previous !== -1) this.addPair((previous << 16) | unit, weight);
      previous = unit;
    }
    return run.length;
  }

  /** Visits each distinct key once with its summed weight, then starts over empty. */
  drain(visit: (key: string, weight: number) => void): void {
    for (const unit of this.touchedUnits) {
      visit(String.fromCharCode(unit), this.unitCounts[unit]);
      this.unitCounts[unit] = 0;
    }
    this.touchedUnits = [];
    for (const slot of this.touchedSlots) {
      const pair = this.pairKeys[slot];
      visit(String.fromCharCode(pair >>> 16, pair & 0xffff), this.pairCounts[slot]);
      this.pairKeys[slot] = EMPTY;
      this.pairCounts[slot] = 0;
    }
    this.touchedSlots = [];
  }

  private addPair(pair: number, weight: number): void {
    // A pair's low half is never 0xffff (not a character), so no pair packs to EMPTY.
    const mask = this.pairKeys.length - 1;
    // Fibonacci hashing: the product's high bits depend on both characters.
    let slot = Math.imul(pair, 0x9e3779b1) >>> this.pairShift;
    for (;;) {
      const key = this.pairKeys[slot];
      if (key === pair) break;
      if (key === EMPTY) {
        this.pairKeys[slot] = pair;
        this.touchedSlots.push(slot);
        break;
      }
      slot = (slot + 1) & mask;
    }
    this.pairCounts[slot] += weight;
    if (this.touchedSlots.length * 2 > this.pairKeys.length) this.grow();
  }

  private grow(): void {
    const keys = this.pairKeys;
    const counts = this.pairCounts;
    const slots = this.touchedSlots;
    this.pairKeys = new Int32Array(keys.length * 2).fill(EMPTY);
    this.pairCounts = new Int32Array(keys.length * 2);
    this.pairShift--;
    this.touchedSlots = [];
    for (const slot of slots) this.addPair(keys[slot], counts[slot]);
  }
}
