/** Errors the HTTP layer maps to a 4xx with a stable code and a French message. */
export type IaflashErrorCode =
  | 'IMAGE_EMPTY'
  | 'IMAGE_TOO_LARGE'
  | 'IMAGE_UNSUPPORTED'
  | 'IMAGE_CORRUPT'
  | 'IMAGE_TOO_SMALL'
  | 'MODEL_INVALID'
  | 'LABELS_INVALID'
  | 'ARCHIVE_INVALID'
  | 'CASES_INVALID';

const HTTP_STATUS: Record<IaflashErrorCode, number> = {
  IMAGE_EMPTY: 400,
  IMAGE_TOO_LARGE: 413,
  IMAGE_UNSUPPORTED: 415,
  IMAGE_CORRUPT: 422,
  IMAGE_TOO_SMALL: 422,
  MODEL_INVALID: 500,
  LABELS_INVALID: 400,
  ARCHIVE_INVALID: 400,
  CASES_INVALID: 400,
};

export class IaflashError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: IaflashErrorCode,
    /** French, shown to the user as is. */
    message: string,
  ) {
    super(message);
    this.name = 'IaflashError';
    this.statusCode = HTTP_STATUS[code];
  }
}
