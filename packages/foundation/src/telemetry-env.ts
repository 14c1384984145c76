import { SluiceConfigError } from '@sluice/core';
import { invalidChoice } from '@sluice/core/internal';
import { FOUNDATION_LEVEL_NAMES, type FoundationLevelName, parseLevelName } from './foundation-levels.js';

/** The environment variables setupTelemetry reads (provide.foundation's PROVIDE_* names, renamed). */
export const TELEMETRY_ENV_VARS = Object.freeze({
  level: 'SLUICE_LOG_LEVEL',
  consoleFormatter: 'SLUICE_LOG_CONSOLE_FORMATTER',
  dasEmojiEnabled: 'SLUICE_LOG_DAS_EMOJI_ENABLED',
  omitTimestamp: 'SLUICE_LOG_OMIT_TIMESTAMP',
  moduleLevels: 'SLUICE_LOG_MODULE_LEVELS',
  logFile: 'SLUICE_LOG_FILE',
  serviceName: 'SLUICE_SERVICE_NAME',
  telemetryDisabled: 'SLUICE_TELEMETRY_DISABLED',
} as const);

/** What the environment said; a variable that is unset or empty leaves its field undefined. */
export interface TelemetryEnvValues {
  defaultLevel?: FoundationLevelName;
  consoleFormatter?: string;
  dasEmojiPrefixEnabled?: boolean;
  omitTimestamp?: boolean;
  moduleLevels?: Record<string, FoundationLevelName>;
  logFile?: string;
  serviceName?: string;
  globallyDisabled?: boolean;
}

export type EnvSource = Readonly<Record<string, string | undefined>>;

const TRUE_WORDS: readonly string[] = ['true', 'yes', '1', 'on'];
const FALSE_WORDS: readonly string[] = ['false', 'no', '0', 'off'];

/**
 * Reads the SLUICE_* variables. Every value is validated here, so a typo fails setup with a message
 * naming the variable, the bad value and the valid choices instead of silently meaning "false".
 */
export function readTelemetryEnv(env: EnvSource): TelemetryEnvValues {
  const values: TelemetryEnvValues = {};
  const v = TELEMETRY_ENV_VARS;
  const level = present(env[v.level]);
  if (level !== undefined) values.defaultLevel = parseLevelName(level, v.level);
  const formatter = present(env[v.consoleFormatter]);
  if (formatter !== undefined) values.consoleFormatter = formatter.trim().toLowerCase();
  const das = present(env[v.dasEmojiEnabled]);
  if (das !== undefined) values.dasEmojiPrefixEnabled = parseBooleanText(das, v.dasEmojiEnabled);
  const omit = present(env[v.omitTimestamp]);
  if (omit !== undefined) values.omitTimestamp = parseBooleanText(omit, v.omitTimestamp);
  const modules = present(env[v.moduleLevels]);
  if (modules !== undefined) values.moduleLevels = parseModuleLevelsText(modules, v.moduleLevels);
  const file = present(env[v.logFile]);
  if (file !== undefined) values.logFile = file;
  const service = present(env[v.serviceName]);
  if (service !== undefined) values.serviceName = service;
  const disabled = present(env[v.telemetryDisabled]);
  if (disabled !== undefined) values.globallyDisabled = parseBooleanText(disabled, v.telemetryDisabled);
  return values;
}

/** true/yes/1/on and false/no/0/off, case-insensitive, surrounding spaces ignored. */
export function parseBooleanText(text: string, option: string): boolean {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  throw invalidChoice(option, text, [...TRUE_WORDS, ...FALSE_WORDS]);
}

/**
 * `app:DEBUG,app.db:ERROR` to `{ app: 'DEBUG', 'app.db': 'ERROR' }`. Spaces around names are ignored and
 * so are empty entries (a trailing comma); an entry without a module, without `:` or with an unknown level
 * is an error (provide.foundation skipped such entries silently).
 */
export function parseModuleLevelsText(text: string, option: string): Record<string, FoundationLevelName> {
  const levels: Record<string, FoundationLevelName> = {};
  for (const rawEntry of text.split(',')) {
    const entry = rawEntry.trim();
    if (entry.length === 0) continue;
    const colon = entry.lastIndexOf(':');
    const module = colon === -1 ? '' : entry.slice(0, colon).trim();
    if (colon === -1 || module.length === 0) {
      throw new SluiceConfigError(
        `Invalid ${option} entry ${JSON.stringify(entry)}: use module:LEVEL (e.g. "app.db:DEBUG"), ` +
          `with LEVEL one of ${FOUNDATION_LEVEL_NAMES.join(', ')}.`,
      );
    }
    levels[module] = parseLevelName(entry.slice(colon + 1), `${option} level for ${JSON.stringify(module)}`);
  }
  return levels;
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim().length === 0 ? undefined : value;
}
