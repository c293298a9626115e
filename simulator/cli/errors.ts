/** One-line errors for the CLI: known problems print their message (which names the fix), nothing else. */
import { SandboxValuesError } from '../local-app';
import { IparamsFileError } from '../web/iparams-store';
import { LocalStoreError } from '../web/local-store';
import { PortInUseError } from '../web/server';

/** A problem the user can fix; `exitCode` 2 marks usage errors. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function reportAndExit(err: unknown): never {
  const known =
    err instanceof CliError ||
    err instanceof PortInUseError ||
    err instanceof IparamsFileError ||
    err instanceof LocalStoreError ||
    err instanceof SandboxValuesError;
  console.error(known ? `Error: ${(err as Error).message}` : err);
  process.exit(err instanceof CliError ? err.exitCode : 1);
}
