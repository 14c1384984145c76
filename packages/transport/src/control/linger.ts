/**
 * The longest a record waits to be written while records flow (besides the write itself): the sink
 * worker looks at the rings this often, and a logging thread that writes its own records out
 * (caller-writes.ts) writes them at most this long after the first one came.
 */
export const LINGER_MS = 10;
