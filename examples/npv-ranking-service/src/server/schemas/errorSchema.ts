import { Type } from 'typebox';
import { SERVICE_ERROR_CODE_LIST } from '../../domain/serviceErrors.js';

/** Every error the service answers has this shape, whatever its status. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.Enum(SERVICE_ERROR_CODE_LIST),
        message: Type.String(),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, $id: 'ErrorResponse' },
);
