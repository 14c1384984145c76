import { SluiceConfigError } from '@sluice/core';

/**
 * Text that goes in front of a message (`[🔑]`, `🔹 `), encoded once at setup. `codePoints` is its
 * width as the key_value line counts it (code points, as Python's `str.ljust` does), so padding the
 * event needs no per-call measuring of the prefix.
 */
export interface EncodedMarker {
  readonly text: string;
  readonly bytes: Buffer;
  readonly codePoints: number;
}

export function encodeMarker(text: string): EncodedMarker {
  return { text, bytes: Buffer.from(text, 'utf8'), codePoints: countCodePoints(text) };
}

/** `[emoji]`, the form of every DAS and emoji-set marker. */
export function bracketMarker(emoji: string): EncodedMarker {
  return encodeMarker(`[${emoji}]`);
}

/** Code points of a string: a surrogate pair counts once. */
export function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Emoji are written into records without escaping (they sit inside the JSON `event` string and at the
 * start of the key_value line), so user-supplied ones are checked once here: no quotes, backslashes,
 * control characters, line separators or lone surrogates.
 */
export function validateEmoji(emoji: unknown, option: string): string {
  if (typeof emoji !== 'string' || emoji.length === 0 || UNSAFE_EMOJI.test(emoji)) {
    throw new SluiceConfigError(
      `Invalid ${option}: ${JSON.stringify(emoji)}. Use a non-empty string without quotes, backslashes or control characters.`,
    );
  }
  if (!(emoji as unknown as { isWellFormed(): boolean }).isWellFormed()) {
    throw new SluiceConfigError(`Invalid ${option}: ${JSON.stringify(emoji)} holds a lone surrogate.`);
  }
  return emoji;
}

const UNSAFE_EMOJI = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
