/**
 * `/web/test`: the event simulator, like `fdk run`'s. Fires a test_data payload (editable) and
 * shows what the app did; in sandbox mode also lets the fake destinations misbehave.
 */
import { FAULT_MODES, type FaultMode } from '../../fake-vendors';
import { DESCRIPTORS } from '../../../src/shared/destinations';
import type { FakeVendorName } from '../../local-app';
import { MIN_LEAD_MS } from '../../../src/server/platform/schedule';
import { inlineJson } from '../client-shim';
import { RETRY_STEP_MS } from '../clock-control';
import { html, renderPage } from './layout';

export interface WebTestInfo {
  live: boolean;
  /** test_data file name -> its text */
  payloads: ReadonlyArray<{ name: string; text: string }>;
  modes: Record<FakeVendorName, FaultMode>;
  /** the clock, the pending schedules and the last simulated event, as /_fdk/watch answers */
  watch: unknown;
  /** this run's token, for the state-changing requests */
  token: string;
}

function faultSwitches(modes: WebTestInfo['modes']) {
  return html`<section>
  <h2>Sandbox faults</h2>
  <p class="hint">Make a fake destination misbehave to watch the app retry, back off or give up.</p>
  <div class="row">${DESCRIPTORS.map(
    ({ id: name, label }) => html`<label for="mode-${name}">${label}</label>
  <select id="mode-${name}" data-sandbox="${name}" style="width:auto">${FAULT_MODES.map(
    (mode) => html`<option value="${mode}"${modes[name] === mode ? html` selected` : ''}>${mode}</option>`,
  )}</select>`,
  )}</div>
</section>`;
}

/** Sandbox mode moves the simulator's clock; live mode runs on real time (the vendors are real). */
function clockControl(live: boolean) {
  const buttons = live
    ? html`<p class="hint">Live mode runs on real time: retries reach the real vendors when they are due.</p>`
    : html`<p class="hint">A push that failed waits in the history until it is due (5 minutes after a first failure, longer after
  each further one); then the app's next drain sends it. Drains are one-time schedules, which the platform runs no sooner than
  5 minutes ahead and the app sets ${String(MIN_LEAD_MS / 60_000)} minutes ahead (for clock skew): a first retry runs about that long
  after the failure. Move the clock to run them now: everything scheduled up to the new time fires at its own time, and the
  result below follows. <strong>Next delivery</strong> goes to the drain (or held event) that runs the next delivery work,
  whatever its time.</p>
  <div class="row">
    <button type="button" class="secondary" data-advance="${String(RETRY_STEP_MS)}">+${String(RETRY_STEP_MS / 60_000)} min</button>
    <button type="button" class="secondary" data-advance="3600000">+1 h</button>
    <button type="button" class="secondary" data-advance="next">Next delivery</button>
  </div>`;
  return html`<section>
  <h2>Clock</h2>
  <p><span id="clock">…</span> · <span id="deliveries">…</span></p>
  ${buttons}
</section>`;
}

export function webTestPage(info: WebTestInfo): string {
  const first = info.payloads[0];
  const body = html`<h1>Event simulator</h1>
<section>
  <div class="row">
    <label for="payload-file">Payload</label>
    <select id="payload-file" style="width:auto">${info.payloads.map((p) => html`<option value="${p.name}">${p.name}</option>`)}</select>
    <label class="choices"><input type="checkbox" id="stamp" checked> Stamp with the simulator clock's time (a new event on every click)</label>
  </div>
  <p class="hint" id="payload-hint">onAgentActivityCreate payload, editable. The same event sent twice is recognised and not forwarded again.</p>
  <textarea id="payload" rows="12" spellcheck="false" aria-label="Event payload (JSON)" aria-describedby="payload-hint">${first ? first.text : '{}'}</textarea>
  <div class="row" style="margin-top:10px">
    <button type="button" id="simulate">Simulate</button>
    <span class="status" id="status" role="status"></span>
  </div>
</section>
${clockControl(info.live)}
${info.live ? '' : faultSwitches(info.modes)}
<h2>Result</h2>
<ul class="outcomes" id="outcomes"></ul>
<pre id="outcome">Nothing simulated yet.</pre>`;
  const payloads = Object.fromEntries(info.payloads.map((p) => [p.name, p.text]));
  return renderPage({
    title: 'Event simulator',
    live: info.live,
    body,
    token: info.token,
    script: `var PAYLOADS = ${inlineJson(payloads)};\nvar WATCH = ${inlineJson(info.watch)};\n${PAGE_SCRIPT}`,
  });
}

/**
 * Runs in the browser. Results go in with textContent only: payloads and answers are untrusted
 * text. The page polls /_fdk/watch (which costs the app nothing) so retries show up as they run.
 */
const PAGE_SCRIPT = String.raw`
(function () {
  var textarea = document.getElementById('payload');
  var outcome = document.getElementById('outcome');
  var outcomes = document.getElementById('outcomes');
  var status = document.getElementById('status');
  var buttons = document.querySelectorAll('button');
  var shownText = null;
  var working = false;
  var loadedAt = Date.now();

  // The colour follows the worst outcome: red when something failed, amber while waiting, green only when all is done.
  var STATUS = {
    failed: ['Something was rejected or dead-lettered: see the reason below.', 'bad'],
    waiting: ['Waiting: a push is retrying or a destination has not answered yet.', 'warn'],
    unknown: ['Unknown: the outcome could not be read from the store (see below).', 'warn'],
    done: ['Done: nothing left to send.', 'good']
  };

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = 'status' + (kind ? ' ' + kind : '');
  }

  function post(url, body) {
    return postJson(url, body)
      .then(function (res) {
        return res.json().then(function (data) {
          if (!res.ok) throw new Error(data.message || ('HTTP ' + res.status));
          return data;
        });
      });
  }

  // Times in UTC on the simulator clock, with the date when it is not the simulator's today.
  function clockText(iso) {
    var text = new Date(iso).toISOString();
    var sameDay = WATCH && text.slice(0, 10) === new Date(WATCH.clock.now).toISOString().slice(0, 10);
    return (sameDay ? '' : text.slice(0, 10) + ' ') + text.slice(11, 19) + ' UTC';
  }
  function ahead(ms) {
    if (ms === null) return '';
    var minutes = Math.round(ms / 60000);
    if (minutes < 1) return ' (real time)';
    return ' (' + (minutes >= 60 ? Math.floor(minutes / 60) + ' h ' : '') + (minutes % 60) + ' min ahead of real time)';
  }

  function renderOutcomes(report) {
    outcomes.textContent = '';
    report.outcomes.forEach(function (o) {
      var item = document.createElement('li');
      var badge = document.createElement('span');
      badge.className = 'badge outcome-' + o.outcome;
      badge.textContent = o.outcome;
      var name = document.createElement('strong');
      name.textContent = o.destination;
      item.appendChild(badge);
      item.appendChild(name);
      item.appendChild(document.createTextNode(o.reason ? ' ' + o.reason : ''));
      // A waiting push: when its drain runs, and when it was due (the time the app stored).
      if (o.next_retry_at || o.due_at) {
        var next = document.createElement('span');
        next.className = 'next-retry';
        next.textContent = ' · next try ' + (o.next_retry_at ? clockText(o.next_retry_at) : 'not scheduled yet') +
          (o.due_at ? ' (due ' + clockText(o.due_at) + ')' : '');
        item.appendChild(next);
      }
      outcomes.appendChild(item);
    });
  }

  function render(watch) {
    document.getElementById('clock').textContent = 'Simulator clock ' + clockText(watch.clock.now) + ahead(watch.clock.ahead_ms);
    var pending = watch.deliveries.pending;
    document.getElementById('deliveries').textContent = (pending === 0 ? 'no delivery' : pending + (pending === 1 ? ' delivery' : ' deliveries')) +
      ' scheduled' + (watch.deliveries.next_at ? ', next at ' + clockText(watch.deliveries.next_at) : '');
    var report = watch.report;
    if (!report || report.text + JSON.stringify(watch.clock) === shownText) return;
    shownText = report.text + JSON.stringify(watch.clock);
    outcome.textContent = report.text;
    renderOutcomes(report);
    if (!working) setStatus(STATUS[report.state][0], STATUS[report.state][1]);
  }

  function poll() {
    fetch('/_fdk/watch').then(function (res) { return res.json(); }).then(function (watch) {
      WATCH = watch;
      loadedAt = Date.now();
      render(watch);
    }, function () {
      setStatus('The local simulator is not answering: is npm start still running?', 'bad');
    });
  }

  // Disables the buttons while the server works on this page's request; the watch keeps showing progress.
  function busy(label, work) {
    working = true;
    buttons.forEach(function (b) { b.disabled = true; });
    setStatus(label, 'warn');
    return work().then(
      function (answer) { setStatus(answer[0], answer[1]); },
      function (err) { setStatus(err.message, 'bad'); }
    ).then(function () {
      working = false;
      buttons.forEach(function (b) { b.disabled = false; });
    });
  }

  document.getElementById('payload-file').addEventListener('change', function (e) {
    textarea.value = PAYLOADS[e.target.value];
  });

  // A new event at the simulator clock's time; the previous change moves with it, so the time in status stays as written.
  function stamped(text) {
    var payload = JSON.parse(text);
    var activity = payload && payload.data && payload.data.agent_activity;
    if (document.getElementById('stamp').checked && activity) {
      var now = Date.parse(WATCH.clock.now) + (Date.now() - loadedAt);
      var shift = now - Date.parse(activity.status_change_timestamp);
      if (activity.prev_status_change_timestamp && !isNaN(shift)) {
        activity.prev_status_change_timestamp = new Date(Date.parse(activity.prev_status_change_timestamp) + shift).toISOString();
      }
      activity.status_change_timestamp = new Date(now).toISOString();
      payload.timestamp = now;
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
        shownText = null;
        render({ clock: WATCH.clock, deliveries: WATCH.deliveries, report: report });
        poll();
        return STATUS[report.state];
      });
    });
  });

  document.querySelectorAll('button[data-advance]').forEach(function (button) {
    button.addEventListener('click', function () {
      var by = button.dataset.advance;
      busy('Moving the clock…', function () {
        return post('/_fdk/clock/advance', JSON.stringify(by === 'next' ? { to: 'next' } : { ms: Number(by) })).then(function (answer) {
          WATCH = answer;
          loadedAt = Date.now();
          render(answer);
          var state = answer.report ? STATUS[answer.report.state] : ['', ''];
          var next = answer.deliveries.next_at ? ' Next delivery at ' + clockText(answer.deliveries.next_at) + '.' : ' No delivery is scheduled.';
          return ['Clock moved to ' + clockText(answer.clock.now) + ': ' + answer.fired + ' scheduled event(s) ran.' + next + ' ' + state[0], state[1]];
        });
      });
    });
  });

  document.querySelectorAll('select[data-sandbox]').forEach(function (select) {
    select.addEventListener('change', function () {
      var name = select.dataset.sandbox;
      busy('Switching…', function () {
        return post('/_fdk/sandbox/' + name + '/mode', JSON.stringify({ mode: select.value })).then(function () {
          return ['The fake ' + name + ' now answers with: ' + select.value, select.value === 'none' ? 'good' : 'warn'];
        });
      });
    });
  });

  render(WATCH);
  setInterval(function () { poll(); }, 1000);
})();
`;
