/**
 * CustomerGauge, once each: the token request as the app sends it (Basic credentials), the
 * documented form-body variant, and one activity, as the app maps it, with a `verify-…` reference.
 */
import { customerGauge } from '../../src/shared/destinations/customergauge';
import { mapToCustomerGauge } from '../../src/server/destinations/customergauge/mapping';
import { verifyReference, type LiveChecks } from './context';

const TOKEN_BODY = 'grant_type=client_credentials';
const NO_TOKEN = '‹token from request 1›';

const BASIC_TOKEN = {
  title: "CustomerGauge token, Basic credentials (the app's template)",
  says:
    'POST auth.<region>.customergauge.com/oauth2/token, grant_type client_credentials; the documented example sends client_id ' +
    'and client_secret in a form body; tokens last 1 hour',
  question:
    'Does the token endpoint take the client credentials as Authorization: Basic (RFC 6749 2.3.1), the only way a template can carry a secret?',
};
const FORM_TOKEN = {
  title: 'CustomerGauge token, form body (the documented example)',
  says: 'the same endpoint with client_id and client_secret in the form body',
  question: 'Control: the documented request, which the app cannot send (secure iparams go into headers only)',
};
const ACTIVITY = {
  title: 'CustomerGauge activity with a verify-… reference',
  says:
    'PUT imports.api.<region>.customergauge.com/activities; reference (<= 128) updates an existing activity; account, type, ' +
    'source, happened_at (Y-m-d H:i:s) required; 422 {message, errors}; 401 {message: "Unauthenticated."}; no rate limit documented',
  question: "Is the app's activity accepted, what does CustomerGauge answer, and does it send rate-limit headers?",
};

export const customerGaugeChecks: LiveChecks = async (live) => {
  const token = () => live.render(customerGauge.templates.token);
  const basic = await live.check(BASIC_TOKEN, async () => ({ ...(await token()), body: TOKEN_BODY }));
  const form = await live.check(FORM_TOKEN, async () => {
    const { url, method } = await token();
    const { cg_client_id: id, cg_client_secret: secret } = live.iparams;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: String(id ?? ''),
      client_secret: String(secret ?? ''),
    });
    return { template: null, method, url, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: body.toString() };
  });
  const accessToken = basic?.accessToken ?? form?.accessToken;
  if (!accessToken && !live.dryRun) return live.skip(ACTIVITY, 'no access token: neither token request got one');
  await live.check(ACTIVITY, async () => {
    const mapped = mapToCustomerGauge(live.sample(), {
      cg_region: live.iparams.cg_region as never,
      cg_client_id: String(live.iparams.cg_client_id),
      cg_client_credentials: String(live.iparams.cg_client_credentials),
      cg_account: String(live.iparams.cg_account),
      cg_send_contact: false,
    });
    const rendered = await live.render(customerGauge.templates.upsertActivity, { access_token: accessToken ?? NO_TOKEN });
    return { ...rendered, body: JSON.stringify({ ...mapped, reference: verifyReference(live.now) }) };
  });
};
