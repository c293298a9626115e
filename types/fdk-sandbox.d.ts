/**
 * Globals of the server sandbox that Node also defines differently: declared only for the
 * server build (tsconfig.server.json), so the rest of the repo keeps Node's own.
 */

/** `server/server.js` is a script: the platform reads what it assigns to `exports`. */
// eslint-disable-next-line no-var
declare var exports: Record<string, (args: any) => Promise<void> | void>;

/** The sandbox's console; the platform keeps what it prints in the app logs. */
declare const console: {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
