import { generatedSourceLeft, setGeneratedSourceLeft } from '../../dist/esm/codegen/generated-code-budget.js';
import { RecordBuffer } from '../../dist/esm/index.js';
import {
  type DeferredEventSink,
  decodeEventDescriptor,
  EventReplayer,
  type SharedStrings,
} from '../../dist/esm/internal.js';

/**
 * A DeferredEventSink that formats its deferred events at once with core's EventReplayer, as a
 * transport's sink worker does on its thread: every record, text or binary, becomes one line, so an
 * event's deferred output can be compared with the text a plain logger writes.
 *
 * With `interpretReplay`, each replayer is made with no budget of generated code left, as on a worker
 * thread whose budget is spent: it replays through its interpreted path.
 */
export class ReplayingSink implements DeferredEventSink {
  readonly out = new RecordBuffer(64 * 1024);
  readonly words = null;
  readonly lines: string[] = [];
  /** Records that came in binary and were replayed. */
  replayed = 0;
  private readonly replayers: EventReplayer[] = [];
  private readonly strings: Buffer[] = [];
  private readonly table: SharedStrings = {
    binary: (id) => {
      const binary = this.strings[id];
      if (binary === undefined) throw new RangeError(`no shared string ${id}`);
      return binary;
    },
  };
  private readonly line = new RecordBuffer(1024);
  private payloadAt = 0;

  constructor(private readonly options: { readonly interpretReplay?: boolean } = {}) {}

  /** Events registered so far: one per precompiled or learned event that writes here in binary. */
  get registered(): number {
    return this.replayers.length;
  }

  registerEvent(descriptor: Uint8Array): number {
    const left = generatedSourceLeft();
    if (this.options.interpretReplay === true) setGeneratedSourceLeft(0);
    try {
      this.replayers.push(new EventReplayer(decodeEventDescriptor(descriptor), this.table));
    } finally {
      setGeneratedSourceLeft(left);
    }
    return this.replayers.length - 1;
  }

  registerString(binary: Uint8Array): number {
    this.strings.push(Buffer.from(binary));
    return this.strings.length - 1;
  }

  begin(): boolean {
    return true;
  }

  commit(): void {
    this.lines.push(this.out.toString(this.out.start));
    this.out.pos = 0;
  }

  beginEvent(_level: number, payloadBytes: number): boolean {
    // A payload starts 8-aligned (DeferredEventSink.words).
    this.out.pos = (this.out.pos + 7) & ~7;
    this.out.ensure(payloadBytes);
    this.payloadAt = this.out.pos;
    return true;
  }

  commitEvent(level: number): void {
    const src = this.out.bytes;
    const id = src.readInt32LE(this.payloadAt);
    this.line.pos = 0;
    if (!this.replayers[id].replay(src, this.payloadAt + 4, level, this.line)) {
      throw new Error(`event ${id} has no level ${level}`);
    }
    this.lines.push(this.line.toString());
    this.replayed++;
    this.out.pos = 0;
  }

  flushSync(): void {}

  flush(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
