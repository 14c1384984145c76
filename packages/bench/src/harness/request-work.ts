/**
 * Synthetic request work for the server suite: what a server does between two log calls. It walks a
 * 16 MiB buffer (larger than L2, a fair share of L3) one 64-byte line at a time, reading and writing,
 * so that between calls the logger's code and data leave L1 and L2 as they would behind real request
 * handling. The walk is calibrated once to a number of lines per microsecond, so a gap needs no clock.
 */
import { performance } from 'node:perf_hooks';

const BUFFER_BYTES = 16 * 2 ** 20;
const LINE_BYTES = 64;
const WORDS = BUFFER_BYTES / 4;
const WORDS_PER_LINE = LINE_BYTES / 4;

export class RequestWork {
  private readonly memory = new Int32Array(WORDS);
  private position = 0;
  /** Folded from every word read, and read back by `checksum`, so the walk cannot be optimised away. */
  private accumulator = 0;
  private readonly linesPerMicro: number;

  constructor() {
    this.linesPerMicro = this.calibrate();
  }

  /** About `micros` microseconds of memory-touching work. */
  run(micros: number): void {
    this.walk(Math.max(1, Math.round(micros * this.linesPerMicro)));
  }

  /** What the walks have read; a scenario reports it so the work is observable. */
  checksum(): number {
    return this.accumulator;
  }

  private walk(lines: number): void {
    const memory = this.memory;
    let position = this.position;
    let accumulator = this.accumulator;
    for (let i = 0; i < lines; i++) {
      accumulator = (accumulator + memory[position] + 1) | 0;
      memory[position] = accumulator;
      position += WORDS_PER_LINE;
      if (position >= WORDS) position = 0;
    }
    this.position = position;
    this.accumulator = accumulator;
  }

  /** Lines per microsecond: the fastest of several timed walks of a whole buffer's worth. */
  private calibrate(): number {
    const lines = WORDS / WORDS_PER_LINE;
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 7; round++) {
      const started = performance.now();
      this.walk(lines);
      best = Math.min(best, (performance.now() - started) * 1_000);
    }
    return lines / best;
  }
}
