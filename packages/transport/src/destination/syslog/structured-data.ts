import { SluiceConfigError } from '@sluice/core';
import { describeConfigValue } from './describe-config-value.js';

/** A PARAM-VALUE as configured: numbers and booleans are written as their decimal / literal text. */
export type SdParamValue = string | number | boolean;

/** Static SD-ELEMENTs keyed by SD-ID, e.g. `{ 'meta@32473': { env: 'prod' } }`. */
export type StructuredData = Readonly<Record<string, Readonly<Record<string, SdParamValue>>>>;

/**
 * SD-IDs without an '@' are reserved for IANA-registered ones (RFC 5424 §6.3.2, §7 and the IANA
 * "syslog Structured Data ID Values" registry); everything else must be `name@<private enterprise
 * number>`.
 */
const REGISTERED_SD_IDS = ['timeQuality', 'origin', 'meta'];

/** SD-NAME = 1*32PRINTUSASCII except '=', SP, ']' and '"' (RFC 5424 §6). */
const SD_NAME = /^[\x21\x23-\x3c\x3e-\x5c\x5e-\x7e]{1,32}$/;
/** The private part of an SD-ID: `name@` then a private enterprise number such as 32473 or 32473.1. */
const ENTERPRISE_SD_ID = /^[^@]+@\d+(\.\d+)*$/;
/** Control characters would let a static value break a receiver's line-based storage or framing. */
const CONTROL = /[\x00-\x1f\x7f]/;

/** Checks the SD-ELEMENTs and returns them as plain data (structured-clone safe). */
export function validateStructuredData(raw: unknown): StructuredData | undefined {
  if (raw === undefined) return undefined;
  if (!isPlainObject(raw)) {
    throw new SluiceConfigError(
      `Invalid structuredData: ${describeConfigValue(raw)}. Use an object of SD-ELEMENTs such as { "meta@32473": { env: "prod" } }.`,
    );
  }
  const result: Record<string, Record<string, SdParamValue>> = {};
  for (const [id, params] of Object.entries(raw)) {
    if (
      !SD_NAME.test(id) ||
      !(id.includes('@') ? ENTERPRISE_SD_ID.test(id) : REGISTERED_SD_IDS.includes(id))
    ) {
      throw new SluiceConfigError(
        `Invalid structuredData SD-ID: ${JSON.stringify(id)}. Use "name@<private enterprise number>" ` +
          `(1-32 printable ASCII characters without '=', ' ', ']', '"'), e.g. "meta@32473", ` +
          `or a registered SD-ID: ${REGISTERED_SD_IDS.map((name) => JSON.stringify(name)).join(', ')}.`,
      );
    }
    if (!isPlainObject(params)) {
      throw new SluiceConfigError(
        `Invalid structuredData[${JSON.stringify(id)}]: ${describeConfigValue(params)}. Use an object of PARAM-NAME: value.`,
      );
    }
    const element: Record<string, SdParamValue> = {};
    for (const [name, value] of Object.entries(params)) {
      if (!SD_NAME.test(name)) {
        throw new SluiceConfigError(
          `Invalid structuredData PARAM-NAME ${JSON.stringify(name)} in ${JSON.stringify(id)}. ` +
            `Use 1-32 printable ASCII characters without '=', ' ', ']', '"'.`,
        );
      }
      const valid =
        (typeof value === 'string' && !CONTROL.test(value)) ||
        (typeof value === 'number' && Number.isFinite(value)) ||
        typeof value === 'boolean';
      if (!valid) {
        throw new SluiceConfigError(
          `Invalid structuredData value ${describeConfigValue(value)} for ${JSON.stringify(name)} in ${JSON.stringify(id)}. ` +
            'Use a string without control characters, a finite number or a boolean.',
        );
      }
      element[name] = value as SdParamValue;
    }
    result[id] = element;
  }
  return result;
}

/**
 * STRUCTURED-DATA: one `[SD-ID PARAM-NAME="PARAM-VALUE" ...]` per element, or the NILVALUE '-' when
 * there is none. Inside PARAM-VALUE, '"', '\' and ']' are escaped with a backslash (RFC 5424 §6.3.3).
 */
export function encodeStructuredData(data: StructuredData | undefined): string {
  if (data === undefined) return '-';
  let text = '';
  for (const [id, params] of Object.entries(data)) {
    text += `[${id}`;
    for (const [name, value] of Object.entries(params)) {
      text += ` ${name}="${escapeParamValue(String(value))}"`;
    }
    text += ']';
  }
  return text === '' ? '-' : text;
}

export function escapeParamValue(value: string): string {
  return value.replace(/["\\\]]/g, '\\$&');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
