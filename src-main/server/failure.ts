import { AppError, type Bilingual, type ErrorCode } from '../core/errors';

/** A failure of `komet server` a person can act on: one line, Swedish first, and its exit code. */
export class ServerFailure extends AppError {
  constructor(
    messages: Bilingual,
    readonly exitCode = 1,
    code: ErrorCode = 'conflict',
  ) {
    super(code, messages);
    this.name = 'ServerFailure';
  }
}
