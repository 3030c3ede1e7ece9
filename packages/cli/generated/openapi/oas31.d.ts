import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Validates a whole OpenAPI document of this version. */
export declare const validateDocument: GeneratedValidator;
/** Validates one object of this version, of the kind a `$ref` stands for where it is written. */
export declare const validateSchema: GeneratedValidator;
export declare const validateParameter: GeneratedValidator;
export declare const validateRequestBody: GeneratedValidator;
export declare const validateResponse: GeneratedValidator;
export declare const validateHeader: GeneratedValidator;
export declare const validatePathItem: GeneratedValidator;
