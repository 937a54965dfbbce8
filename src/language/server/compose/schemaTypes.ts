/** The subset of JSON Schema the Compose specification's schema uses (and the validator reads). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
  description?: string;
  deprecated?: boolean;
  definitions?: Record<string, JsonSchema>;
  id?: string;
}
