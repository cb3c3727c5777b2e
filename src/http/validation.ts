import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function makeAjv(options: Options) {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, ...options });
  addFormats(ajv);
  return ajv;
}

// Bodies are taken as sent: a number where a string belongs is an error, not quietly converted,
// and unknown fields are refused rather than stripped. Query strings and paths are text, so
// they are coerced to the declared types.
const bodyAjv = makeAjv({ coerceTypes: false, removeAdditional: false });
const urlAjv = makeAjv({ coerceTypes: 'array', removeAdditional: false });

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : urlAjv).compile(schema);
