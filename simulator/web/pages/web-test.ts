/**
 * `/web/test`: the event simulator, like `fdk run`'s. Fires a test_data payload (editable) and
 * shows what the app did; in sandbox mode also lets the fake destinations misbehave.
 */
import type { FaultMode } from '../../fake-vendors';
import { inlineJson } from '../client-shim';
import { html, renderPage } from './layout';

export const FAULT_MODES: readonly FaultMode[] = ['none', 'rate_limit', 'server_error', 'slow', 'bad_credentials', 'timeout'];
export const SANDBOX_NAMES = ['freshdesk', 'customergauge'] as const;
export type SandboxName = (typeof SANDBOX_NAMES)[number];

const SANDBOX_LABELS: Record<SandboxName, string> = { freshdesk: 'Freshdesk', customergauge: 'CustomerGauge' };

export interface WebTestInfo {
  live: boolean;
  /** test_data file name -> its text */
  payloads: ReadonlyArray<{ name: string; text: string }>;
  modes: Record<SandboxName, FaultMode>;
}

function faultSwitches(modes: WebTestInfo['modes']) {
  return html`<section>
  <h2>Sandbox faults</h2>
  <p class="hint">Make a fake destination misbehave to watch the app retry, back off or give up.</p>
  <div class="row">${SANDBOX_NAMES.map(
    (name) => html`<label for="mode-${name}">${SANDBOX_LABELS[name]}</label>
  <select id="mode-${name}" data-sandbox="${name}" style="width:auto">${FAULT_MODES.map(
    (mode) => html`<option value="${mode}"${modes[name] === mode ? html` selected` : ''}>${mode}</option>`,
  )}</select>`,
  )}</div>
</section>`;
}

export function webTestPage(info: WebTestInfo): string {
  const first = info.payloads[0];
  const body = html`<h1>Event simulator</h1>
<section>
  <div class="row">
    <label for="payload-file">Payload</label>
    <select id="payload-file" style="width:auto">${info.payloads.map((p) => html`<option value="${p.name}">${p.name}</option>`)}</select>
    <label class="choices"><input type="checkbox" id="stamp" checked> Stamp with the current time (a new event on every click)</label>
  </div>
  <p class="hint">onAgentActivityCreate payload, editable. The same event sent twice is recognised and not forwarded again.</p>
  <textarea id="payload" rows="16" spellcheck="false">${first ? first.text : '{}'}</textarea>
  <div class="row" style="margin-top:10px">
    <button type="button" id="simulate">Simulate</button>
    <button type="button" class="secondary" id="run-due">Run due retries</button>
    <span class="status" id="status" role="status"></span>
  </div>
</section>
${info.live ? '' : faultSwitches(info.modes)}
<h2>Result</h2>
<pre id="outcome">Nothing simulated yet.</pre>`;
  const payloads = Object.fromEntries(info.payloads.map((p) => [p.name, p.text]));
  return renderPage({ title: 'Event simulator', live: info.live, body, script: `var PAYLOADS = ${inlineJson(payloads)};\n${PAGE_SCRIPT}` });
}

/** Runs in the browser. Results go in with textContent only: payloads and answers are untrusted text. */
const PAGE_SCRIPT = String.raw`
(function () {
  var textarea = document.getElementById('payload');
  var outcome = document.getElementById('outcome');
  var status = document.getElementById('status');
  var buttons = document.querySelectorAll('button');

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = 'status' + (kind ? ' ' + kind : '');
  }

  function post(url, body) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body })
      .then(function (res) {
        return res.json().then(function (data) {
          if (!res.ok) throw new Error(data.message || ('HTTP ' + res.status));
          return data;
        });
      });
  }

  // Disables the buttons while the server works: the runtime handles one invocation at a time.
  function busy(label, work) {
    buttons.forEach(function (b) { b.disabled = true; });
    setStatus(label);
    return work().then(
      function (text) { setStatus(text || '', 'good'); },
      function (err) { setStatus(err.message, 'bad'); }
    ).then(function () { buttons.forEach(function (b) { b.disabled = false; }); });
  }

  document.getElementById('payload-file').addEventListener('change', function (e) {
    textarea.value = PAYLOADS[e.target.value];
  });

  function stamped(text) {
    var payload = JSON.parse(text);
    var activity = payload && payload.data && payload.data.agent_activity;
    if (document.getElementById('stamp').checked && activity) {
      var now = new Date();
      activity.status_change_timestamp = now.toISOString();
      payload.timestamp = now.getTime();
      textarea.value = JSON.stringify(payload, null, 2);
    }
    return JSON.stringify(payload);
  }

  document.getElementById('simulate').addEventListener('click', function () {
    var body;
    try {
      body = stamped(textarea.value);
    } catch (err) {
      return setStatus('The payload is not valid JSON: ' + err.message, 'bad');
    }
    busy('Simulating…', function () {
      return post('/_fdk/simulate', body).then(function (report) {
        outcome.textContent = report.text;
        return report.failed ? 'Done: something was rejected, see below.' : 'Done.';
      });
    });
  });

  document.getElementById('run-due').addEventListener('click', function () {
    busy('Running due retries…', function () {
      return post('/_fdk/schedules/run', '{}').then(function (answer) { return answer.summary; });
    });
  });

  document.querySelectorAll('select[data-sandbox]').forEach(function (select) {
    select.addEventListener('change', function () {
      var name = select.dataset.sandbox;
      busy('Switching…', function () {
        return post('/_fdk/sandbox/' + name + '/mode', JSON.stringify({ mode: select.value })).then(function () {
          return 'The ' + name + ' sandbox now answers with: ' + select.value;
        });
      });
    });
  });
})();
`;
