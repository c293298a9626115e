/**
 * The platform's clock as the sidebar knows it: the server's time from its latest answer, moved on
 * by the time the browser has counted since. Relative times ("3 min ago", "in 5 min") count from
 * it, never from the browser's own clock, which may be hours off the platform's (and the
 * simulator's clock moves when a developer skips ahead).
 */
import { parseTime } from './format';

export class PlatformClock {
  // Set in the constructor: class fields are not ES2020 (FDK's parser).
  /** Platform time minus browser time, from the latest server answer; 0 until one arrives. */
  private offset: number;

  constructor() {
    this.offset = 0;
  }

  /** Takes the time a server answer carries (ISO); an answer without a readable one changes nothing. */
  sync(serverNow: string | null | undefined): void {
    const at = parseTime(serverNow);
    if (at !== null) this.offset = at - Date.now();
  }

  now(): number {
    return Date.now() + this.offset;
  }
}
