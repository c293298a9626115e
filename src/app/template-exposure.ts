/**
 * Whether a page can have the platform fill secure iparams into a request template. The check sends
 * the CustomerGauge token request from the browser (`client.request.invokeTemplate`), a request
 * with no side effect at the vendor: if it gets a token, any agent can get one from the browser
 * console. A token obtained is dropped at once: never shown, logged or stored. For the Health view.
 */
import { customerGauge } from '../shared/destinations/customergauge';

export type TemplateExposure =
  | { status: 'exposed'; message: string; advice: string }
  | { status: 'not_exposed'; message: string }
  | { status: 'unknown'; message: string };

/** What the check needs of the FDK client's `request` (declared here so tests need not see the client's globals). */
export interface TemplateRequester {
  invokeTemplate(name: string, options: { body?: string }): Promise<{ status: number }>;
}

const TOKEN_BODY = 'grant_type=client_credentials';

export const EXPOSURE_ADVICE =
  'Give the CustomerGauge API client only the right to import activities (least privilege), ' +
  'and use a client of its own for this app, so a token taken from a browser can do no more than the app does.';

/** A refusal's status: the vendor's (its credentials were missing or refused) or the platform's (nothing sent). */
function refusedStatus(err: unknown): number {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 0;
}

/** 400 (the template could not be rendered, or the token endpoint's invalid_client), 401, 403: no token for the page. */
const REFUSED = new Set([400, 401, 403]);

export async function checkTemplateExposure(request: TemplateRequester): Promise<TemplateExposure> {
  let status: number;
  try {
    status = (await request.invokeTemplate(customerGauge.templates.token, { body: TOKEN_BODY })).status;
  } catch (err) {
    const refused = refusedStatus(err);
    if (REFUSED.has(refused)) {
      return {
        status: 'not_exposed',
        message: `A token request from this page was refused (HTTP ${refused}): secure settings stay on the server.`,
      };
    }
    return {
      status: 'unknown',
      message: `The token request from this page did not settle it (HTTP ${refused || 'no answer'}). Try again later.`,
    };
  }
  return {
    status: 'exposed',
    message: `A token request from this page was answered HTTP ${status}: the platform filled in the CustomerGauge credentials, so any agent can obtain a CustomerGauge token from the browser console.`,
    advice: EXPOSURE_ADVICE,
  };
}
