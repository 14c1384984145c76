import { DottedPrefixTable } from './dotted-prefix-table.js';
import { type EncodedMarker, encodeMarker, validateEmoji } from './emoji-marker.js';

/**
 * Logger-name emoji: the longest dotted prefix of a logger's name picks the emoji written after the
 * DAS/emoji-set markers (`[🔑][➡️][✅] 🔹 User login`). provide.foundation's table was fixed; sluice
 * starts from this one and lets `loggerNameEmojis` add or replace entries.
 */
export const DEFAULT_LOGGER_NAME_EMOJIS: Readonly<Record<string, string>> = Object.freeze({
  sluice: '⚙️',
  'sluice.core_setup': '🛠️',
  'sluice.logger': '📝',
  'sluice.config': '🔩',
  simple: '📄',
  test: '🧪',
  unknown: '❓',
  default: '🔹',
});

/** The emoji for a name no prefix matches. */
export const DEFAULT_LOGGER_NAME_EMOJI = '🔹';

/** The compiled table: each emoji pre-encoded with its trailing space. */
export class LoggerNameEmoji {
  private readonly table: DottedPrefixTable<EncodedMarker>;
  private readonly fallback: EncodedMarker;

  constructor(overrides: Readonly<Record<string, string>>) {
    const merged: Record<string, string> = { ...DEFAULT_LOGGER_NAME_EMOJIS };
    for (const [prefix, emoji] of Object.entries(overrides)) {
      merged[prefix] = validateEmoji(emoji, `loggerNameEmojis[${JSON.stringify(prefix)}]`);
    }
    this.table = new DottedPrefixTable(
      Object.entries(merged).map(([prefix, emoji]) => [prefix, encodeMarker(`${emoji} `)] as const),
    );
    this.fallback = encodeMarker(`${merged.default ?? DEFAULT_LOGGER_NAME_EMOJI} `);
  }

  /** `emoji + ' '` for a logger name (called once per logger per setup). */
  markerFor(name: string): EncodedMarker {
    return this.table.match(name) ?? this.fallback;
  }
}
