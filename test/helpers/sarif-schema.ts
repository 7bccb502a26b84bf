/**
 * Validates SARIF logs against the official SARIF 2.1.0 JSON schema (draft-04, shipped in @microsoft/jest-sarif),
 * formats included: a log GitHub code scanning would reject must fail here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';

export const SARIF_SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

// The schema uses three string formats; ajv-formats is not installed, so they are checked here, strictly.
const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function isAbsoluteUri(value: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value) && URL.canParse(value);
}

function isUriReference(value: string): boolean {
  return !/[\s\\]/.test(value) && URL.canParse(value, 'file:///base/');
}

let validator: ValidateFunction | undefined;

function sarifValidator(): ValidateFunction {
  if (!validator) {
    // unicodeRegExp: false because the schema's `language` pattern has a stray `]`, a syntax error in unicode mode.
    const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
    ajv.addFormat('date-time', (v: string) => RFC3339_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));
    ajv.addFormat('uri', isAbsoluteUri);
    ajv.addFormat('uri-reference', isUriReference);
    validator = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')));
  }
  return validator;
}

/** The schema violations of `log`, one readable line each; empty when it is valid SARIF 2.1.0. */
export function sarifSchemaErrors(log: unknown): string[] {
  const validate = sarifValidator();
  if (validate(log)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

export function assertValidSarif(log: unknown): void {
  const errors = sarifSchemaErrors(log);
  assert.deepEqual(errors, [], `not valid SARIF 2.1.0:\n${errors.join('\n')}`);
}
