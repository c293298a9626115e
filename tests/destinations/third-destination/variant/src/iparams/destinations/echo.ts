/** Echo's part of the installation page: a rule on the token's form and a connection test. */
import type { IparamValues, TypedSecrets } from '../../shared/iparam-rules';
import { fdkClient, statusOf, unreachable, type ConnectionResult, type DestinationPage } from '../destination-page';

export const echoPage: DestinationPage = {
  errors: (_values: IparamValues, secrets: TypedSecrets) =>
    secrets.echo_token === '' || /^(sandbox|live)-/.test(secrets.echo_token)
      ? {}
      : { echo_token: 'An Echo token starts with sandbox- or live-.' },
  async test(_values: IparamValues, secrets: TypedSecrets): Promise<ConnectionResult> {
    try {
      const client = await fdkClient();
      await client.request.invokeTemplate('echoVerifyToken', { context: { token: secrets.echo_token } });
      return { ok: true, message: 'Connected to Echo.' };
    } catch (err) {
      const status = statusOf(err);
      if (status === 401) return { ok: false, refused: true, field: 'echo_token', message: 'Echo rejected this token.' };
      return unreachable('Echo', status);
    }
  },
  derive: () => ({}),
};
