/**
 * An error a syslog destination reports: its message says what happened (the target's name is added by
 * whoever reports it) and its `code` is the cause's system code (ECONNREFUSED, ENOTFOUND, EAI_AGAIN,
 * ETIMEDOUT...), so the application sees which errno, not 'UNKNOWN'.
 */
export function unreachableError(message: string, cause: Error | null, fallbackCode: string): Error {
  const code = (cause as NodeJS.ErrnoException | null)?.code ?? fallbackCode;
  return Object.assign(new Error(message, { cause: cause ?? undefined }), { code });
}

/** What a cause says, for a message: "connect ECONNREFUSED 127.0.0.1:514". */
export function causeText(cause: Error | null, otherwise: string): string {
  return cause?.message ?? otherwise;
}
