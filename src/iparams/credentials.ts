/** The derived CustomerGauge credential, built on the installation page only (the server never sees the secret). */

/** `Authorization: Basic` value of an OAuth client (RFC 6749 §2.3.1): base64 of the UTF-8 `id:secret`. */
export function basicCredentials(clientId: string, clientSecret: string): string {
  const bytes = new TextEncoder().encode(`${clientId}:${clientSecret}`);
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
}
