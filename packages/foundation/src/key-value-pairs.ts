import { RecordBuffer } from '@sluice/core';
import { copyBytes, type FieldEntrySink, type RedactNode } from '@sluice/core/internal';
import { renameReservedKey } from './reserved-field-keys.js';

/**
 * The ` key=value` pairs of one key_value record, as core's FieldWalker hands them over in the fields'
 * order, kept aside until `writeSorted` copies them into the line sorted by key (the walk runs before
 * the event is written: the emoji prefix takes its fields during it).
 */
export class KeyValuePairs implements FieldEntrySink {
  readonly writeNumber: (out: RecordBuffer, value: number) => void;
  readonly writeBoolean: (out: RecordBuffer, value: boolean) => void;
  /** Where the walker writes the pairs. */
  readonly out = new RecordBuffer(1024);
  /** Per pair, in the order written: its key (as logged, before renaming) and where its bytes start. */
  private readonly keys: string[] = [];
  private readonly starts: number[] = [];
  private count = 0;
  /** Where the walker's own entry (`...` or `fields`) starts, written after the sorted pairs; or -1. */
  private markerAt = -1;
  /** The pairs' indexes in key order (reused: no allocation per record). */
  private readonly order: number[] = [];

  constructor(
    /** ` key=` as the line spells it. */
    private readonly writeKey: (out: RecordBuffer, key: string) => void,
    /** A value as the line spells it. */
    private readonly writeLineValue: (out: RecordBuffer, value: unknown, node: RedactNode | null) => void,
  ) {
    this.writeNumber = (out, value) => writeLineValue(out, value, null);
    this.writeBoolean = (out, value) => writeLineValue(out, value, null);
  }

  /** Forgets the last record's pairs. */
  clear(): void {
    this.out.pos = 0;
    this.out.start = 0;
    this.count = 0;
    this.markerAt = -1;
  }

  openEntry(out: RecordBuffer, key: string, _separated: boolean): void {
    const n = this.count;
    this.keys[n] = key;
    this.starts[n] = out.pos;
    this.count = n + 1;
    this.writeKey(out, renameReservedKey(key));
  }

  openMarkerEntry(out: RecordBuffer, key: string, _separated: boolean): void {
    // Pairs at or past this point were rolled back (the fields could not be enumerated after all).
    while (this.count > 0 && this.starts[this.count - 1] >= out.pos) this.count--;
    this.markerAt = out.pos;
    this.writeKey(out, key);
  }

  writeValue(out: RecordBuffer, value: unknown, _depth: number, node: RedactNode | null): void {
    this.writeLineValue(out, value, node);
  }

  writeString(out: RecordBuffer, value: string): void {
    this.writeLineValue(out, value, null);
  }

  writeMarker(out: RecordBuffer, text: string): void {
    this.writeLineValue(out, text, null);
  }

  /**
   * Copies the pairs into `out` sorted by key, `service` (its pre-encoded pair) at its sorted place
   * among them (after the walker's own entry when no key sorts after it). Returns whether anything was
   * written.
   */
  writeSorted(out: RecordBuffer, serviceKey: string | null, service: Buffer | null): boolean {
    const n = this.count;
    const keys = this.keys;
    const order = this.order;
    const pairsEnd = this.markerAt === -1 ? this.out.pos : this.markerAt;
    sortByKey(order, keys, n);
    let pendingService = service;
    for (let i = 0; i < n; i++) {
      const at = order[i];
      if (pendingService !== null && (serviceKey as string) < keys[at]) {
        out.writeBytes(pendingService);
        pendingService = null;
      }
      this.copyPair(out, at, n, pairsEnd);
    }
    if (this.markerAt !== -1) this.copyRange(out, this.markerAt, this.out.pos);
    if (pendingService !== null) out.writeBytes(pendingService);
    return n > 0 || this.markerAt !== -1 || service !== null;
  }

  private copyPair(out: RecordBuffer, at: number, n: number, pairsEnd: number): void {
    this.copyRange(out, this.starts[at], at + 1 < n ? this.starts[at + 1] : pairsEnd);
  }

  private copyRange(out: RecordBuffer, from: number, to: number): void {
    // A pair is a few bytes: a byte loop, where Buffer#copy would allocate a view per call.
    copyBytes(out, this.out.bytes, from, to);
  }
}

/**
 * `order[0..n)` = 0..n-1 sorted by `keys` in code-unit order (Array#sort's default), by insertion:
 * records have few keys, and this allocates nothing.
 */
function sortByKey(order: number[], keys: readonly string[], n: number): void {
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[order[j]] > key) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = i;
  }
}
