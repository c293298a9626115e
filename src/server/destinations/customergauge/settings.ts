/** The iparams CustomerGauge needs (see config/iparams.json). */
import { Type } from '@sinclair/typebox';

export const CustomerGaugeSettings = Type.Object({
  cg_region: Type.Union([Type.Literal('eu'), Type.Literal('us'), Type.Literal('au')]),
  cg_client_id: Type.String({ minLength: 1 }),
  // base64(client_id:client_secret), built by the installation page: the secret reaches the
  // token request only through this header value, never through code or the browser after install.
  cg_client_credentials: Type.String({ minLength: 4 }),
  cg_account: Type.String({ minLength: 1, maxLength: 255 }),
  cg_send_contact: Type.Optional(Type.Boolean({ default: false })),
});
