/** How a bad configuration value appears in a SluiceConfigError message: as the user would write it. */
export function describeConfigValue(value: unknown): string {
  if (typeof value === 'number' || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
