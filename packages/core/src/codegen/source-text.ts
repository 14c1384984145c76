/**
 * The only ways data reaches generated source: as numbers (bytes, lengths, indexes) and through
 * identifiers the generators choose. User text (keys, messages, values) never does: it is passed in as
 * a named dependency or encoded to bytes first, then written as the numeric stores below.
 */

/** `name`, checked to be a plain identifier: a dependency or parameter name, never user text. */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new TypeError(`not a plain identifier for generated code: ${name}`);
  return name;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Statements storing `bytes` into the array `target` from `pos` (`d[p + 0] = 123; ...`): numbers only. */
export function byteStoresSource(bytes: Uint8Array, target: string, pos: string): string {
  let code = '';
  for (let i = 0; i < bytes.length; i++) code += `${target}[${pos} + ${i}] = ${bytes[i] | 0}; `;
  return code;
}

/**
 * Statements storing `bytes` (4 or more) at `pos` through the DataView `view` as little-endian 32-bit
 * constants, the last word overlapping the one before when the length is not a multiple of 4.
 */
export function int32StoresSource(bytes: Uint8Array, view: string, pos: string): string {
  const n = bytes.length;
  let code = '';
  for (let i = 0; i + 4 < n; i += 4) code += `${view}.setInt32(${pos} + ${i}, ${int32At(bytes, i)}, true);\n`;
  return `${code}${view}.setInt32(${pos} + ${n - 4}, ${int32At(bytes, n - 4)}, true);\n`;
}

/** The little-endian int32 at `i`: a number, whatever the bytes are. */
function int32At(bytes: Uint8Array, i: number): number {
  return bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24) | 0;
}
