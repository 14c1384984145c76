/**
 * provide.foundation's Domain-Action-Status emoji tables, in the version sluice follows. A call carrying
 * any of `domain`, `action`, `status` gets the prefix `[d][a][s] ` (always three markers; values looked
 * up lowercase, unknown or missing ones take the default) and those fields leave the record.
 */

/** The fields the DAS prefix reads, in marker order. */
export const DAS_FIELDS = Object.freeze(['domain', 'action', 'status'] as const);

/** The `domain` field: value (lowercase) to emoji. */
export const DAS_DOMAIN_EMOJI: Readonly<Record<string, string>> = Object.freeze({
  system: '⚙️',
  server: '🛎️',
  client: '🙋',
  network: '🌐',
  security: '🔐',
  config: '🔩',
  database: '🗄️',
  cache: '💾',
  task: '🔄',
  plugin: '🔌',
  telemetry: '🛰️',
  di: '💉',
  protocol: '📡',
  file: '📄',
  user: '👤',
  test: '🧪',
  utils: '🧰',
  core: '🌟',
  auth: '🔑',
  entity: '🦎',
  report: '📈',
  payment: '💳',
});

/** The `action` field: value (lowercase) to emoji. */
export const DAS_ACTION_EMOJI: Readonly<Record<string, string>> = Object.freeze({
  init: '🌱',
  start: '🚀',
  stop: '🛑',
  connect: '🔗',
  disconnect: '💔',
  listen: '👂',
  send: '📤',
  receive: '📥',
  read: '📖',
  write: '📝',
  process: '⚙️',
  validate: '🛡️',
  execute: '▶️',
  query: '🔍',
  update: '🔄',
  delete: '🗑️',
  login: '➡️',
  logout: '⬅️',
  auth: '🔑',
  error: '🔥',
  encrypt: '🛡️',
  decrypt: '🔓',
  parse: '🧩',
  transmit: '📡',
  build: '🏗️',
  schedule: '📅',
  emit: '📢',
  load: '💡',
  observe: '🧐',
  request: '🗣️',
  interrupt: '🚦',
  register: '⚙️',
});

/** The `status` field: value (lowercase) to emoji. */
export const DAS_STATUS_EMOJI: Readonly<Record<string, string>> = Object.freeze({
  success: '✅',
  failure: '❌',
  error: '🔥',
  warning: '⚠️',
  info: 'ℹ️',
  debug: '🐞',
  trace: '👣',
  attempt: '⏳',
  retry: '🔁',
  skip: '⏭️',
  complete: '🏁',
  timeout: '⏱️',
  notfound: '❓',
  unauthorized: '🚫',
  invalid: '💢',
  cached: '🎯',
  ongoing: '🏃',
  idle: '💤',
  ready: '👍',
});

/** The marker for a missing or unknown value, per field. */
export const DAS_DEFAULT_EMOJI = Object.freeze({ domain: '❓', action: '❓', status: '➡️' });

/** The tables in DAS_FIELDS order. */
export const DAS_TABLES: readonly Readonly<Record<string, string>>[] = [
  DAS_DOMAIN_EMOJI,
  DAS_ACTION_EMOJI,
  DAS_STATUS_EMOJI,
];
