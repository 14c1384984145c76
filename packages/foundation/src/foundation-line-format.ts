import type { RecordBuffer } from '@sluice/core';
import type { JsonValueWriter, Redaction } from '@sluice/core/internal';
import type { EncodedMarker } from './emoji-marker.js';
import type { EmojiPrefix } from './emoji-prefix.js';
import type { LoggerNameEmoji } from './logger-name-emoji.js';

/**
 * The two console formats of setupTelemetry (`key_value` and `json`) implement this. What is static for
 * a logger (its name emoji, its encoded name) is encoded once per logger per setup by `encodeLogger`;
 * `write` appends one whole record, newline included.
 */
export interface FoundationLineFormat {
  readonly name: 'key_value' | 'json';
  encodeLogger(name: string): LoggerEncoding;
  /**
   * `timeMs`: epoch milliseconds (fractional for microseconds), ignored when timestamps are omitted.
   * `fields`: the record's merged fields, or null.
   */
  write(
    out: RecordBuffer,
    levelIndex: number,
    message: string,
    fields: object | null,
    logger: LoggerEncoding,
    timeMs: number,
  ): void;
}

/** A logger's static part of every record, encoded once per setup. */
export interface LoggerEncoding {
  /** `emoji + ' '`, or null when logger-name emoji are off. */
  readonly nameEmoji: EncodedMarker | null;
  /** What closes a record of this logger (JSON: `,"logger_name":...,"service_name":...}\n`). */
  readonly tail: Buffer;
}

/** What both formats are built from, resolved by the setup. */
export interface LineFormatParts {
  readonly values: JsonValueWriter;
  readonly redaction: Redaction | null;
  /** Null when neither DAS emoji nor emoji sets are active. */
  readonly prefix: EmojiPrefix | null;
  /** Null when logger-name emoji are off. */
  readonly loggerNameEmoji: LoggerNameEmoji | null;
  readonly serviceName: string | null;
  readonly omitTimestamp: boolean;
  readonly colors: boolean;
}
