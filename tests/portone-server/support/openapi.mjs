// Checking the local server's V2 answers against the vendored official OpenAPI
// (tests/reference/portone-v2-payments.openapi.json): a strict structural check of a value
// (read with exact integers) against a schema — required properties, no property the schema
// lacks, JSON types, int32 ranges, enums, RFC 3339 date-times, unions by discriminator.

import { readFileSync } from "node:fs";

export const OPENAPI = JSON.parse(
  readFileSync(new URL("../../reference/portone-v2-payments.openapi.json", import.meta.url), "utf8"),
);
export const SCHEMAS = OPENAPI.components.schemas;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const refName = (ref) => ref.split("/").at(-1);

/**
 * Problems of `value` against the schema `name` (e.g. "Payment"); [] when it conforms.
 * `allowUnknown` lists property paths (e.g. "refundingAt") allowed beyond the schema.
 */
export function schemaProblems(value, name, { allowUnknown = [] } = {}) {
  const problems = [];
  check(value, { $ref: `#/components/schemas/${name}` }, "", problems, new Set(allowUnknown));
  return problems;
}

function check(value, schema, path, problems, allowUnknown) {
  const at = path || "(root)";
  if (schema.$ref) return check(value, SCHEMAS[refName(schema.$ref)], path, problems, allowUnknown);
  if (schema.oneOf) {
    const { propertyName, mapping } = schema.discriminator;
    const tag = value?.[propertyName];
    const target = mapping[tag];
    if (!target) return problems.push(`${at}: ${propertyName} ${JSON.stringify(tag)} is not in the union`);
    return check(value, { $ref: target }, path, problems, allowUnknown);
  }
  if (schema.enum) {
    if (!schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not in the enum`);
    return;
  }
  switch (schema.type) {
    case "string":
      if (typeof value !== "string") return problems.push(`${at}: not a string`);
      if (schema.format === "date-time" && !RFC3339.test(value)) problems.push(`${at}: not RFC 3339: ${value}`);
      return;
    case "integer":
      if (typeof value !== "bigint") return problems.push(`${at}: not a JSON integer`);
      if (schema.format === "int32" && (value < -(2n ** 31n) || value >= 2n ** 31n)) problems.push(`${at}: not int32`);
      return;
    case "boolean":
      if (typeof value !== "boolean") problems.push(`${at}: not a boolean`);
      return;
    case "array":
      if (!Array.isArray(value)) return problems.push(`${at}: not an array`);
      value.forEach((item, index) => check(item, schema.items, `${path}[${index}]`, problems, allowUnknown));
      return;
    case "object":
    default: {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return problems.push(`${at}: not an object`);
      const properties = schema.properties ?? {};
      for (const required of schema.required ?? []) {
        if (!(required in value)) problems.push(`${at}: lacks ${required}`);
      }
      for (const [key, item] of Object.entries(value)) {
        const child = path ? `${path}.${key}` : key;
        if (properties[key]) check(item, properties[key], child, problems, allowUnknown);
        else if (!allowUnknown.has(child) && Object.keys(properties).length > 0) problems.push(`${child}: not in the schema`);
      }
    }
  }
}

/**
 * The error `type`s the OpenAPI lets `operationId` answer, by HTTP status: from each
 * response's description ("* `PaymentNotPaidError`: …") through the union's discriminator.
 */
export function errorTypesByStatus(operationId) {
  for (const methods of Object.values(OPENAPI.paths)) {
    for (const operation of Object.values(methods)) {
      if (operation.operationId !== operationId) continue;
      const union = SCHEMAS[refName(operation["x-portone-error"].$ref)];
      const typeOf = Object.fromEntries(
        Object.entries(union.discriminator.mapping).map(([type, ref]) => [refName(ref), type]),
      );
      const byStatus = {};
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status === "200") continue;
        byStatus[status] = [...response.description.matchAll(/`(\w+)`/g)].map((m) => typeOf[m[1]]);
      }
      return byStatus;
    }
  }
  throw new Error(`no operation ${operationId}`);
}
