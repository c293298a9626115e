/** `/`: where to go next, which mode this is, and whether the installation page has been saved. */
import { DESTINATION_LABELS } from '../../../src/shared/destinations';
import { html, renderPage } from './layout';

export interface HomeInfo {
  live: boolean;
  iparamsSaved: boolean;
  iparamsFile: string;
  /** Each destination's fake server, in the descriptors' order. */
  fakes: ReadonlyArray<{ label: string; url: string }>;
  /** this mode's own state folder; undefined when kept in memory */
  stateDir: string | undefined;
}

/** Which store is in use: the modes never share one, so a sandbox push is never retried against a real vendor. */
function storeLine(info: HomeInfo) {
  const mode = info.live ? 'live' : 'sandbox';
  const other = info.live ? 'sandbox' : 'live';
  if (!info.stateDir)
    return html`The ${mode} store is in memory: history, pending retries and cached access tokens are gone when the simulator stops.`;
  return html`In use: the <strong>${mode}</strong> store <code>${info.stateDir}/</code> (history, pending retries, cached access tokens${info.live ? '' : ', the simulator clock'}). ${other[0].toUpperCase() + other.slice(1)} mode keeps its own, so nothing from one is ever sent by the other. To start afresh: <code>npm start -- ${info.live ? '--live ' : ''}--reset</code>.`;
}

export function homePage(info: HomeInfo): string {
  const iparams = info.iparamsSaved
    ? html`Saved in <code>${info.iparamsFile}</code>.`
    : info.live
      ? html`<strong>Not saved yet.</strong> Live mode needs your real credentials: fill in the installation page first.`
      : html`Not saved yet: events use the sandbox defaults (both destinations, all event kinds).`;
  const destinations = info.live
    ? html`<p>Live mode: requests go to the real ${DESTINATION_LABELS.join(' and ')} hosts with the saved credentials.</p>`
    : html`<p>Sandbox mode: the request templates point at local fake servers, so nothing leaves this machine.</p>
<table>${info.fakes.map(
        ({ label, url }) => html`
  <tr><th>Fake ${label}</th><td><code>${url}</code></td></tr>`,
      )}
</table>`;
  const body = html`<h1>Local simulator</h1>
<section>
  <h2>Pages</h2>
  <ul>
    <li><a href="/custom_configs">Installation page</a>: the settings an admin fills in when installing the app.</li>
    <li><a href="/web/test">Event simulator</a>: fire agent status changes from <code>test_data/</code> and see what each destination received.</li>
    <li><a href="/app/">Sidebar</a>: the conversation sidebar with the activity history.</li>
  </ul>
</section>
<section>
  <h2>Destinations</h2>
  ${destinations}
</section>
<section>
  <h2>Installation parameters</h2>
  <p id="iparams-state">${iparams}</p>
</section>
<section>
  <h2>Local state</h2>
  <p id="store">${storeLine(info)}</p>
</section>`;
  return renderPage({ title: 'Home', live: info.live, body });
}
