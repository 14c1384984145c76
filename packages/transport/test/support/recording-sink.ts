import { RecordBuffer, type RecordSink, type TransportLink } from '@sluice/core';

export interface RecordedLine {
  level: number;
  text: string;
}

/**
 * A RecordSink that keeps each committed record with the level it was committed at: what a ring
 * would hold, inspectable. Handed to an adapter as `{ transport: sink.link }`.
 */
export class RecordingSink implements RecordSink {
  readonly records: RecordedLine[] = [];
  readonly link: TransportLink = { sink: this, clock: { now: () => Date.now() } };

  /** `out`: where records are written; a bounded subclass can stand in for a ring that drops. */
  constructor(readonly out: RecordBuffer = new RecordBuffer(1024)) {}

  begin(): boolean {
    return true;
  }

  commit(level: number): void {
    const out = this.out;
    this.records.push({ level, text: out.toString(out.start, out.pos) });
    out.pos = 0;
  }

  flushSync(): void {}

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}
