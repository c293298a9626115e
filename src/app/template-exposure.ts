/**
 * Whether a page can have the platform fill secure iparams into a request template. The check sends
 * each destination's token request (its descriptor's `token` template) from the browser
 * (`client.request.invokeTemplate`), a request with no side effect at the vendor: if it gets a
 * token, any agent can get one from the browser console. A token obtained is dropped at once:
 * never shown, logged or stored. For the Health view.
 */
import { DESCRIPTORS } from '../shared/destinations';

export type TemplateExposure = { destination: string } & (
  | { status: 'exposed'; message: string; advice: string }
  | { status: 'not_exposed'; message: string }
  | { status: 'unknown'; message: string }
);

/** What the check needs of the FDK client's `request` (declared here so tests need not see the client's globals). */
export interface TemplateRequester {
  invokeTemplate(name: string, options: { body?: string }): Promise<{ status: number }>;
}

/** The OAuth2 client-credentials grant: what a token template's body carries. */
const TOKEN_BODY = 'grant_type=client_credentials';

/** The destinations that get a token through a template of their own. */
export const TOKEN_TEMPLATES: ReadonlyArray<{ destination: string; template: string }> = DESCRIPTORS.flatMap((d) => {
  const templates = d.templates as Readonly<Record<string, string>>;
  return templates.token ? [{ destination: d.label, template: templates.token }] : [];
});

const advice = (destination: string): string =>
  `Give the ${destination} API client this app uses only the right to do what the app does (least privilege), ` +
  'and a client of its own, so a token taken from a browser can do no more than the app does.';

/** A refusal's status: the vendor's (its credentials were missing or refused) or the platform's (nothing sent). */
function refusedStatus(err: unknown): number {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 0;
}

/** 400 (the template could not be rendered, or the token endpoint's invalid_client), 401, 403: no token for the page. */
const REFUSED = new Set([400, 401, 403]);

async function checkOne(request: TemplateRequester, destination: string, template: string): Promise<TemplateExposure> {
  let status: number;
  try {
    status = (await request.invokeTemplate(template, { body: TOKEN_BODY })).status;
  } catch (err) {
    const refused = refusedStatus(err);
    if (REFUSED.has(refused)) {
      return {
        destination,
        status: 'not_exposed',
        message: `A ${destination} token request from this page was refused (HTTP ${refused}): secure settings stay on the server.`,
      };
    }
    const answer = refused ? `HTTP ${refused}` : 'no answer';
    return {
      destination,
      status: 'unknown',
      message: `The ${destination} token request from this page did not settle it (${answer}). Try again later.`,
    };
  }
  return {
    destination,
    status: 'exposed',
    message: `A ${destination} token request from this page was answered HTTP ${status}: the platform filled in the secure credentials, so any agent can obtain a ${destination} token from the browser console.`,
    advice: advice(destination),
  };
}

/** One answer per destination with a token template, in the descriptors' order. */
export function checkTemplateExposure(request: TemplateRequester): Promise<TemplateExposure[]> {
  return Promise.all(TOKEN_TEMPLATES.map(({ destination, template }) => checkOne(request, destination, template)));
}
