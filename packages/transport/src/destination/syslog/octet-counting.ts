/**
 * RFC 6587 §3.4.1 octet-counting framing for syslog over a stream: `MSG-LEN SP SYSLOG-MSG`, MSG-LEN the
 * decimal byte length of SYSLOG-MSG. The receiver reads exactly that many bytes, so no byte inside a
 * message (a newline, a NUL) can end it early or start a forged one. rsyslog's imtcp and imptcp detect
 * it per message (a frame starting with a digit) with supportOctetCountedFraming, on by default.
 */

/** Bytes the frame of a `messageLength`-byte message takes. */
export function frameLength(messageLength: number): number {
  return decimalDigits(messageLength) + 1 + messageLength;
}

/** Writes the frame of `message[0, messageLength)` at `pos`; `out` has `frameLength` bytes of room. */
export function writeFrame(out: Uint8Array, pos: number, message: Uint8Array, messageLength: number): number {
  const digits = decimalDigits(messageLength);
  // MSG-LEN, most significant digit first (NONZERO-DIGIT *DIGIT: a message is never empty).
  for (let i = digits - 1, n = messageLength; i >= 0; i--, n = Math.floor(n / 10)) {
    out[pos + i] = DIGIT_0 + (n % 10);
  }
  pos += digits;
  out[pos++] = SP;
  out.set(message.subarray(0, messageLength), pos);
  return pos + messageLength;
}

function decimalDigits(n: number): number {
  let digits = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    digits++;
  }
  return digits;
}

const DIGIT_0 = 0x30;
const SP = 0x20;
