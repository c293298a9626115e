/**
 * Globals of the server sandbox that Node also defines differently: declared only for the
 * server build (tsconfig.server.json), so the rest of the repo keeps Node's own.
 */

/** `server/server.js` is a script: the platform reads what it assigns to `exports`. */
// eslint-disable-next-line no-var
declare var exports: Record<string, (args: any) => Promise<void> | void>;

/** The sandbox's console: only these three methods exist (FDK 6.9 framework.js); `console.warn()` throws. */
declare const console: {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
