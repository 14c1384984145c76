import { RecordBuffer, type RecordKeys } from '@sluice/core';
import type { RecordDestination } from '../destination/record-destination.js';
import { createRenderer } from '../render/create-renderer.js';
import { type ParsedRecord, parseJsonRecord } from '../render/parsed-record.js';
import type { RecordRenderer, RenderedFormat } from '../render/record-renderer.js';
import type { TargetFormat } from '../target/target-options.js';

/** Where the router hands a record: all it needs of a destination is `write`. */
export type RecordWriter = Pick<RecordDestination, 'write'>;

/** One output as the router sees it: where, from which level, and in which rendering. */
export interface RouteTarget {
  destination: RecordWriter;
  level: number;
  format: TargetFormat;
  /** Only for `pretty`: colours (a terminal or FORCE_COLOR, and no NO_COLOR). */
  colors: boolean;
}

/** A format other than the ring's, rendered at most once per record whatever the number of targets. */
interface Rendering {
  renderer: RecordRenderer;
  out: RecordBuffer;
  /** The serial of the record `out` holds. */
  renderedFor: number;
}

/**
 * Route + format + write: the step every record passes through, given as text in the ring's format.
 * A target takes the record when its level is at least the target's; the ring's text goes out as is to
 * targets in the ring's format, and for the others the line is parsed once (only if some target needs
 * it) and rendered once per distinct format, then written to each target that wants that format.
 */
export class RecordRouter {
  private readonly routes: { destination: RecordWriter; level: number; rendering: Rendering | null }[];
  private serial = 0;
  /** Records rendered in a format other than the ring's (one per record and distinct format). */
  rendered = 0;
  /** Bytes handed to destinations, all targets together. */
  bytesRouted = 0;
  /** Records handed to each target (by index), cumulative: stats() counts deliveries from them. */
  readonly recordsRouted: number[];

  constructor(
    targets: readonly RouteTarget[],
    sourceFormat: TargetFormat,
    private readonly keys: Readonly<RecordKeys>,
  ) {
    const renderings = new Map<string, Rendering>();
    this.routes = targets.map((target) => {
      if (target.format === sourceFormat) return { ...target, rendering: null };
      const format = target.format as RenderedFormat;
      const key = format === 'pretty' && target.colors ? 'pretty+colors' : format;
      let rendering = renderings.get(key);
      if (rendering === undefined) {
        rendering = {
          renderer: createRenderer(format, keys, target.colors),
          out: new RecordBuffer(1024),
          renderedFor: -1,
        };
        renderings.set(key, rendering);
      }
      return { destination: target.destination, level: target.level, rendering };
    });
    this.recordsRouted = targets.map(() => 0);
  }

  route(bytes: Uint8Array, start: number, end: number, level: number): void {
    const serial = ++this.serial;
    let parsed: ParsedRecord | null = null;
    const routes = this.routes;
    for (let i = 0; i < routes.length; i++) {
      const route = routes[i];
      if (level < route.level) continue;
      this.recordsRouted[i]++;
      const rendering = route.rendering;
      if (rendering === null) {
        route.destination.write(bytes, start, end, level);
        this.bytesRouted += end - start;
        continue;
      }
      const out = rendering.out;
      if (rendering.renderedFor !== serial) {
        parsed ??= parseJsonRecord(bytes, start, end, level, this.keys);
        out.pos = 0;
        out.start = 0;
        try {
          rendering.renderer.render(out, parsed);
        } catch {
          // A renderer must never lose a record: the ring's own text goes out instead.
          out.pos = 0;
          out.writeBytes(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start));
        }
        rendering.renderedFor = serial;
        this.rendered++;
      }
      route.destination.write(out.bytes, 0, out.pos, level);
      this.bytesRouted += out.pos;
    }
  }
}
