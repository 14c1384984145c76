import type { RecordBuffer } from '@sluice/core';
import {
  decodeEventDescriptor,
  EventReplayer,
  MAX_SHARED_STRINGS,
  type SharedStrings,
} from '@sluice/core/internal';
import {
  REGISTRY_BYTES,
  REGISTRY_END,
  type RingMemory,
  SHARED_STRINGS,
  STRING_ENTRY,
  STRING_REGISTRY_LIMIT,
} from '../layout/ring-layout.js';

/**
 * The producer's side of a ring's event registry: appends a descriptor and publishes it before the
 * event's first record can be committed, so a consumer that reads the record (after an Atomics load of
 * WRITE) also sees the descriptor it needs.
 */
export function registerEvent(ring: RingMemory, descriptor: Uint8Array): number {
  const header = ring.header;
  const registry = ring.registry;
  const end = Atomics.load(header, REGISTRY_END);
  if (end + 4 + descriptor.length > REGISTRY_BYTES) return -1;
  let id = 0;
  for (let at = 0; at < end; ) {
    const word = registry.readUInt32LE(at);
    if (!isStringEntry(word)) id++;
    at += 4 + entryLength(word);
  }
  return append(ring, end, descriptor, descriptor.length, id);
}

/**
 * The producer's side of the string table: appends a string's binary form, published (like a
 * descriptor) before any record that refers to it. -1 once strings have their share of the registry.
 */
export function registerString(ring: RingMemory, binary: Uint8Array): number {
  const header = ring.header;
  const end = Atomics.load(header, REGISTRY_END);
  const id = Atomics.load(header, SHARED_STRINGS);
  if (id >= MAX_SHARED_STRINGS || end + 4 + binary.length > STRING_REGISTRY_LIMIT) return -1;
  Atomics.store(header, SHARED_STRINGS, id + 1);
  return append(ring, end, binary, (binary.length | STRING_ENTRY) >>> 0, id);
}

function append(ring: RingMemory, end: number, bytes: Uint8Array, lengthWord: number, id: number): number {
  ring.registry.writeUInt32LE(lengthWord, end);
  ring.registry.set(bytes, end + 4);
  Atomics.store(ring.header, REGISTRY_END, end + 4 + bytes.length);
  return id;
}

function entryLength(word: number): number {
  return (word & ~STRING_ENTRY) >>> 0;
}

function isStringEntry(word: number): boolean {
  return (word & STRING_ENTRY) !== 0;
}

/**
 * The consumer's side: turns a deferred event record back into text with the replayer of its event,
 * decoding descriptors as ids first appear. A record whose event or level is unknown (memory written
 * by something other than a producer) becomes a marked record, never a crash.
 */
export class EventRegistryReader implements SharedStrings {
  private readonly replayers: EventReplayer[] = [];
  private readonly strings: Buffer[] = [];
  private readAt = 0;

  constructor(private readonly ring: RingMemory) {}

  /** Appends the text of the event record whose payload is `data[at, end)`. */
  replay(data: Buffer, at: number, end: number, level: number, out: RecordBuffer): void {
    // The id's four bytes by hand: readUInt32LE's checks cost more than the rest of the lookup.
    const id = (data[at] | (data[at + 1] << 8) | (data[at + 2] << 16) | (data[at + 3] << 24)) >>> 0;
    const replayer = end - at < 4 ? null : this.replayerFor(id);
    const start = out.pos;
    try {
      if (replayer?.replay(data, at + 4, level, out)) return;
    } catch (failure) {
      out.pos = start;
      writeUnreadable(out, level, `deferred event ${id} could not be formatted: ${String(failure)}`);
      return;
    }
    writeUnreadable(out, level, `unknown deferred event ${id}`);
  }

  private replayerFor(id: number): EventReplayer | null {
    const replayers = this.replayers;
    if (id >= replayers.length) this.readNewDescriptors();
    return replayers[id] ?? null;
  }

  /** A shared string's binary form; throws for an id the registry does not hold. */
  binary(id: number): Buffer {
    if (id >= this.strings.length) this.readNewDescriptors();
    const binary = this.strings[id];
    if (binary === undefined) throw new Error(`unknown shared string ${id}`);
    return binary;
  }

  private readNewDescriptors(): void {
    const registry = this.ring.registry;
    const end = Atomics.load(this.ring.header, REGISTRY_END);
    while (this.readAt < end) {
      const word = registry.readUInt32LE(this.readAt);
      const length = entryLength(word);
      const bytes = registry.subarray(this.readAt + 4, this.readAt + 4 + length);
      if (isStringEntry(word)) this.strings.push(bytes);
      else this.replayers.push(new EventReplayer(decodeEventDescriptor(bytes), this));
      this.readAt += 4 + length;
    }
  }
}

/** A JSON line saying a record could not be read back, at the record's level. */
function writeUnreadable(out: RecordBuffer, level: number, message: string): void {
  out.writeUtf8(`${JSON.stringify({ level, msg: `sluice: ${message}` })}\n`);
}
