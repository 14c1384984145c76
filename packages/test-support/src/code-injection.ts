/**
 * Text that would run, or break a generated function, if it were ever pasted into source: each tries
 * to set the global canary `__sluiceCanary` (or exit the process) from inside a string, template,
 * comment or line, or collides with a name generated code uses. For the tests of sluice's generated
 * code: the text must come out as data, and the canary stay unset.
 */
export const CODE_INJECTION_TEXTS: readonly string[] = [
  '"',
  "'",
  '\\',
  '`',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: text that would run if pasted into a template
  '${globalThis.__sluiceCanary = 1}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: text that would run if pasted into a template
  '${process.exit(1)}',
  "'); globalThis.__sluiceCanary = 2; ('",
  '"); globalThis.__sluiceCanary = 3; ("',
  '`+(globalThis.__sluiceCanary = 4)+`',
  '*/ globalThis.__sluiceCanary = 5; /*',
  '\n globalThis.__sluiceCanary = 6; //',
  '\u2028globalThis.__sluiceCanary = 7;',
  '\u2029',
  '\r\n',
  '</script>',
  '\\"); process.exit(1); //',
  '"];process.exit(1);//',
  '\ud800',
  '\udc00x',
  '__proto__',
  'constructor',
  'a0',
  'k0',
  'out',
  'deps',
  'keys[0]',
];

/** A key far longer than any generated writer stores as constants. */
export const VERY_LONG_KEY = `${'k'.repeat(5000)}"];globalThis.__sluiceCanary = 8;//`;
