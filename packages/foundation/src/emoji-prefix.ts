import type { RecordBuffer } from '@sluice/core';
import { DAS_DEFAULT_EMOJI, DAS_FIELDS, DAS_TABLES } from './das-emoji.js';
import { bracketMarker, type EncodedMarker } from './emoji-marker.js';
import type { ResolvedEmojiField } from './emoji-set.js';

/**
 * The marker prefix of a message, compiled at setup from the DAS tables (when enabled) and the active
 * emoji sets: every field that renders a marker gets a slot, and every emoji its pre-encoded `[e]`
 * bytes. Per call, the field pass drops each such field's value into its slot (`capture`); `write`
 * then copies the markers' bytes. Nothing is looked up or built from strings per call except the value
 * lookup itself.
 *
 * One instance per setup, used by one record at a time (the pipeline does not re-enter).
 */
export class EmojiPrefix {
  /** Field name to slot index: the fields this prefix consumes. */
  readonly slotOf: ReadonlyMap<string, number>;
  readonly slotCount: number;
  private readonly tables: readonly ReadonlyMap<string, EncodedMarker>[];
  private readonly fallbacks: readonly EncodedMarker[];
  /** Slots 0..dasSlots-1 are domain, action, status (3 when DAS is on, else 0). */
  private readonly dasSlots: number;
  private readonly values: unknown[];
  private readonly present: Uint8Array;
  private presentCount = 0;

  constructor(dasEnabled: boolean, fields: readonly ResolvedEmojiField[]) {
    const slotOf = new Map<string, number>();
    const tables: Map<string, EncodedMarker>[] = [];
    const fallbacks: EncodedMarker[] = [];
    if (dasEnabled) {
      DAS_FIELDS.forEach((field, i) => {
        slotOf.set(field, i);
        tables.push(encodeTable(Object.entries(DAS_TABLES[i])));
        fallbacks.push(bracketMarker(DAS_DEFAULT_EMOJI[field]));
      });
    }
    for (const field of fields) {
      if (slotOf.has(field.field)) continue; // DAS keeps its own fields
      slotOf.set(field.field, tables.length);
      tables.push(encodeTable(field.emojis));
      fallbacks.push(bracketMarker(field.defaultEmoji));
    }
    this.slotOf = slotOf;
    this.slotCount = tables.length;
    this.tables = tables;
    this.fallbacks = fallbacks;
    this.dasSlots = dasEnabled ? DAS_FIELDS.length : 0;
    this.values = new Array(tables.length).fill(undefined);
    this.present = new Uint8Array(tables.length);
  }

  /** Forgets the previous record's values. */
  reset(): void {
    if (this.presentCount === 0) return;
    this.present.fill(0);
    this.values.fill(undefined);
    this.presentCount = 0;
  }

  capture(slot: number, value: unknown): void {
    if (this.present[slot] === 0) this.presentCount++;
    this.present[slot] = 1;
    this.values[slot] = value;
  }

  get hasMarkers(): boolean {
    return this.presentCount > 0;
  }

  /** Writes the markers and their trailing space; returns the code points written. */
  write(out: RecordBuffer): number {
    if (this.presentCount === 0) return 0;
    let codePoints = 0;
    const present = this.present;
    let dasPresent = false;
    for (let i = 0; i < this.dasSlots; i++) if (present[i] === 1) dasPresent = true;
    if (dasPresent) {
      for (let i = 0; i < this.dasSlots; i++) codePoints += this.writeMarker(out, i);
    }
    for (let i = this.dasSlots; i < this.slotCount; i++) {
      if (present[i] === 1) codePoints += this.writeMarker(out, i);
    }
    out.writeByte(SPACE);
    return codePoints + 1;
  }

  private writeMarker(out: RecordBuffer, slot: number): number {
    const marker = this.present[slot] === 1 ? this.lookup(slot, this.values[slot]) : this.fallbacks[slot];
    out.writeBytes(marker.bytes);
    return marker.codePoints;
  }

  private lookup(slot: number, value: unknown): EncodedMarker {
    const table = this.tables[slot];
    let key: string;
    switch (typeof value) {
      case 'string':
        key = value;
        break;
      case 'number':
      case 'boolean':
      case 'bigint':
        key = String(value);
        break;
      default:
        return this.fallbacks[slot];
    }
    return table.get(key) ?? table.get(key.toLowerCase()) ?? this.fallbacks[slot];
  }
}

function encodeTable(entries: Iterable<readonly [string, string]>): Map<string, EncodedMarker> {
  const table = new Map<string, EncodedMarker>();
  for (const [value, emoji] of entries) table.set(value.toLowerCase(), bracketMarker(emoji));
  return table;
}

const SPACE = 0x20;
