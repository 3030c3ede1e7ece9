import { Compile } from 'typebox/compile';
import { CardsResponse } from '../../src/server/schemas/cardsSchemas.js';
import { ErrorResponse } from '../../src/server/schemas/errorSchema.js';

const cardsResponse = Compile(CardsResponse);
const errorResponse = Compile(ErrorResponse);

/** Schema errors of a 200 body, empty when it conforms. */
export function cardsResponseErrors(body: unknown): string[] {
  return cardsResponse.Errors(body).map((error) => `${error.instancePath} ${error.message}`);
}

export function errorResponseErrors(body: unknown): string[] {
  return errorResponse.Errors(body).map((error) => `${error.instancePath} ${error.message}`);
}
