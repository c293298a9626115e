/**
 * What the vendors' documentation says about each request verify-live makes (paraphrased from
 * ../shared/vendor-facts.md, which cites the pages), and the open question the answer settles.
 */
export type CheckId = 'cg_token_basic' | 'cg_token_form' | 'freshdesk_activity' | 'cg_activity';

export interface Documented {
  title: string;
  says: string;
  question: string;
}

export const DOCUMENTED: Readonly<Record<CheckId, Documented>> = {
  cg_token_basic: {
    title: "CustomerGauge token, Basic credentials (the app's template)",
    says: 'POST auth.<region>.customergauge.com/oauth2/token, grant_type client_credentials; the documented example sends client_id and client_secret in a form body; tokens last 1 hour',
    question:
      'Does the token endpoint take the client credentials as Authorization: Basic (RFC 6749 2.3.1), the only way a template can carry a secret?',
  },
  cg_token_form: {
    title: 'CustomerGauge token, form body (the documented example)',
    says: 'the same endpoint with client_id and client_secret in the form body',
    question: 'Control: the documented request, which the app cannot send (secure iparams go into headers only)',
  },
  freshdesk_activity: {
    title: 'Freshdesk contact activity on the test contact',
    says: 'POST /api/v2/contact-activities {activity, contact}; timestamps YYYY-MM-DDTHH:MM:SSZ or with an offset; a contact matched by unique_external_id is created when none matches; Basic auth with the API key; 429 with Retry-After; X-RateLimit-Total, -Remaining, -Used-CurrentRequest on answers; unknown fields are invalid_field',
    question: "Are the app's fields (actor type agent/system, timestamp form, context) accepted, and is the test contact created?",
  },
  cg_activity: {
    title: 'CustomerGauge activity with a verify-… reference',
    says: 'PUT imports.api.<region>.customergauge.com/activities; reference (<= 128) updates an existing activity; account, type, source, happened_at (Y-m-d H:i:s) required; 422 {message, errors}; 401 {message: "Unauthenticated."}; no rate limit documented',
    question: "Is the app's activity accepted, what does CustomerGauge answer, and does it send rate-limit headers?",
  },
};
