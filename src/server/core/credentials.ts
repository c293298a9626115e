/**
 * Vendor texts (error bodies, messages) can echo credentials: an OAuth access token, the
 * Authorization header, a client secret. Everything the app stores or returns passes here, so a
 * token never reaches the history, schedule data or a sidebar answer, whatever the vendor sends.
 */

const REDACTED = '[redacted]';

const PATTERNS: readonly RegExp[] = [
  // Authorization header values: "Bearer eyJ…", "Basic c2Fu…" (a value with a digit or base64 punctuation, not a word).
  /\b(Bearer|Basic)\s+(?=[A-Za-z._~+/=-]*[0-9+/=])[A-Za-z0-9._~+/=-]{8,}/gi,
  // JSON or form fields whose name says credential: "access_token":"…", client_secret=…
  /((?:access|refresh|id)_?token|token|secret|client_secret|password|api_?key|apikey|authorization|credentials?)("?\s*[:=]\s*"?)([^"&\s,;}]{4,})/gi,
  // A JWT anywhere.
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
];

export function scrubCredentials(text: string): string {
  let out = text;
  out = out.replace(PATTERNS[0], (_m, scheme: string) => `${scheme} ${REDACTED}`);
  out = out.replace(PATTERNS[1], (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
  return out.replace(PATTERNS[2], REDACTED);
}
