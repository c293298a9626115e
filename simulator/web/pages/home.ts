/** `/`: where to go next, which mode this is, and whether the installation page has been saved. */
import { html, renderPage } from './layout';

export interface HomeInfo {
  live: boolean;
  iparamsSaved: boolean;
  iparamsFile: string;
  freshdeskUrl: string;
  customerGaugeUrl: string;
  dbFile: string | undefined;
}

export function homePage(info: HomeInfo): string {
  const iparams = info.iparamsSaved
    ? html`Saved in <code>${info.iparamsFile}</code>.`
    : info.live
      ? html`<strong>Not saved yet.</strong> Live mode needs your real credentials: fill in the installation page first.`
      : html`Not saved yet: events use the sandbox defaults (both destinations, all event kinds).`;
  const destinations = info.live
    ? html`<p>Live mode: requests go to the real Freshdesk and CustomerGauge hosts with the saved credentials.</p>`
    : html`<p>Sandbox mode: the request templates point at local fake servers, so nothing leaves this machine.</p>
<table>
  <tr><th>Freshdesk sandbox</th><td><code>${info.freshdeskUrl}</code></td></tr>
  <tr><th>CustomerGauge sandbox</th><td><code>${info.customerGaugeUrl}</code></td></tr>
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
  <p class="hint">$db and $schedule state: ${info.dbFile ? html`<code>${info.dbFile}</code>` : 'in memory'}.</p>
</section>`;
  return renderPage({ title: 'Home', live: info.live, body });
}
