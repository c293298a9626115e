/** The iparams CustomerGauge needs (set on config/iparams.html). */
import { Type } from '@sinclair/typebox';
import { customerGauge, CUSTOMERGAUGE_REGIONS } from '../../../shared/destinations/customergauge';
import { maxLengthOf } from '../../../shared/iparam-rules';
import { OneOf } from '../../core/validation';

export const CustomerGaugeSettings = Type.Object({
  cg_region: OneOf(CUSTOMERGAUGE_REGIONS),
  cg_client_id: Type.String({ minLength: 1 }),
  // base64(client_id:client_secret), built by the installation page: the secret reaches the
  // token request only through this header value, never through code or the browser after install.
  cg_client_credentials: Type.String({ minLength: 4 }),
  cg_account: Type.String({ minLength: 1, maxLength: maxLengthOf(customerGauge.iparams, 'cg_account') }),
  cg_send_contact: Type.Optional(Type.Boolean({ default: false })),
});
