import { SluiceConfigError } from '@sluice/core';
import { validateEmoji } from './emoji-marker.js';

/**
 * A user-registered emoji set: record fields (`llm.provider`, `http.method`) whose values render as
 * further `[e]` markers in front of the message, in priority order, and leave the record.
 *
 * `registerEmojiSet({ name: 'llm', fields: [{ field: 'llm.provider', emojis: { openai: '🤖' } }] })`
 */
export interface EmojiSet {
  /** Names the set; registering a set with the same name replaces it. */
  readonly name: string;
  readonly fields: readonly EmojiSetField[];
  /** Sets with a higher priority render first. Defaults to 0; ties keep registration order. */
  readonly priority?: number;
}

export interface EmojiSetField {
  /** The record field read (and removed from the record when it renders). */
  readonly field: string;
  /** Field value, matched lowercase, to emoji. */
  readonly emojis: Readonly<Record<string, string>>;
  /** The emoji for a value `emojis` lacks. Defaults to `❓`. */
  readonly defaultEmoji?: string;
  /** Within a set, fields with a higher priority render first. Defaults to 0; ties keep their order. */
  readonly priority?: number;
}

export const DEFAULT_EMOJI_SET_EMOJI = '❓';

/** One field of an active set, validated, in render order. */
export interface ResolvedEmojiField {
  readonly field: string;
  readonly emojis: ReadonlyMap<string, string>;
  readonly defaultEmoji: string;
}

/** Checks a set once, so that rendering never meets a bad value. */
export function validateEmojiSet(set: unknown): EmojiSet {
  const candidate = set as EmojiSet;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.name !== 'string') {
    throw new SluiceConfigError(
      'Invalid emoji set: use { name, fields: [{ field, emojis, defaultEmoji? }] }.',
    );
  }
  const where = `emoji set ${JSON.stringify(candidate.name)}`;
  if (!Array.isArray(candidate.fields) || candidate.fields.length === 0) {
    throw new SluiceConfigError(`Invalid ${where}: fields must be a non-empty array.`);
  }
  checkPriority(candidate.priority, where);
  for (const field of candidate.fields) {
    if (typeof field?.field !== 'string' || field.field.length === 0) {
      throw new SluiceConfigError(`Invalid ${where}: every field needs a non-empty "field" name.`);
    }
    const fieldWhere = `${where} field ${JSON.stringify(field.field)}`;
    if (typeof field.emojis !== 'object' || field.emojis === null) {
      throw new SluiceConfigError(`Invalid ${fieldWhere}: emojis must be an object of value to emoji.`);
    }
    for (const [value, emoji] of Object.entries(field.emojis)) {
      validateEmoji(emoji, `${fieldWhere} emoji for ${JSON.stringify(value)}`);
    }
    if (field.defaultEmoji !== undefined) validateEmoji(field.defaultEmoji, `${fieldWhere} defaultEmoji`);
    checkPriority(field.priority, fieldWhere);
  }
  return candidate;
}

/**
 * The fields of all sets in render order: sets by priority (high first), then each set's fields by
 * priority; stable for ties. A field claimed by two sets renders once, from the first.
 */
export function orderEmojiFields(sets: readonly EmojiSet[]): ResolvedEmojiField[] {
  const ordered = stableSortByPriority(sets);
  const seen = new Set<string>();
  const fields: ResolvedEmojiField[] = [];
  for (const set of ordered) {
    for (const field of stableSortByPriority(set.fields)) {
      if (seen.has(field.field)) continue;
      seen.add(field.field);
      fields.push({
        field: field.field,
        emojis: new Map(Object.entries(field.emojis).map(([value, emoji]) => [value.toLowerCase(), emoji])),
        defaultEmoji: field.defaultEmoji ?? DEFAULT_EMOJI_SET_EMOJI,
      });
    }
  }
  return fields;
}

function stableSortByPriority<T extends { readonly priority?: number }>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (b.item.priority ?? 0) - (a.item.priority ?? 0) || a.index - b.index)
    .map(({ item }) => item);
}

function checkPriority(priority: unknown, where: string): void {
  if (priority !== undefined && (typeof priority !== 'number' || !Number.isFinite(priority))) {
    throw new SluiceConfigError(`Invalid ${where} priority: ${String(priority)}. Use a finite number.`);
  }
}
