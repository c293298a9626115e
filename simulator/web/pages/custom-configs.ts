/**
 * `/custom_configs`: the installation page FDK generates from config/iparams.json, with the app's
 * own change callbacks (config/assets/iparams.js) wired to a `utils` global like the platform's.
 */
import { SANDBOX_CREDENTIALS } from '../../local-app';
import { inlineJson } from '../client-shim';
import type { IparamField } from '../iparams-config';
import { html, renderPage, type Html } from './layout';

export interface CustomConfigsInfo {
  live: boolean;
  fields: readonly IparamField[];
  /** Saved or default values of the non-secure fields. */
  values: Record<string, unknown>;
  /** Secure fields that have a saved value (shown as a placeholder, never as the value). */
  savedSecure: readonly string[];
}

const SAVED_SECRET_PLACEHOLDER = 'saved, leave blank to keep';

function control(field: IparamField, value: unknown, secretSaved: boolean): Html {
  const id = `f-${field.name}`;
  switch (field.type) {
    case 'dropdown':
      return html`<select id="${id}">${field.options.map((o) => html`<option value="${o}"${o === value ? html` selected` : ''}>${o}</option>`)}</select>`;
    case 'multiselect': {
      const chosen = Array.isArray(value) ? value : [];
      return html`<div class="choices" id="${id}">${field.options.map(
        (o) => html`<label><input type="checkbox" value="${o}"${chosen.includes(o) ? html` checked` : ''}> ${o}</label>`,
      )}</div>`;
    }
    case 'checkbox':
      return html`<label class="choices"><input type="checkbox" id="${id}"${value === true ? html` checked` : ''}> Yes</label>`;
    case 'text':
      // Secure values are never sent to the browser: the input starts empty and says so.
      return field.secure
        ? html`<input type="password" id="${id}" autocomplete="new-password"${secretSaved ? html` placeholder="${SAVED_SECRET_PLACEHOLDER}"` : ''}>`
        : html`<input type="text" id="${id}" value="${typeof value === 'string' ? value : ''}">`;
  }
}

function fieldHtml(field: IparamField, value: unknown, secretSaved: boolean): Html {
  return html`<div class="field" data-field="${field.name}" data-type="${field.type}" data-required="${field.required}"${field.visible ? '' : html` hidden`}>
  <label for="f-${field.name}" class="${field.required ? 'required' : ''}">${field.display_name}</label>
  ${field.description ? html`<p class="hint">${field.description}</p>` : ''}
  ${control(field, value, secretSaved)}
  <p class="error" role="alert" hidden></p>
</div>`;
}

function sandboxNote(): Html {
  return html`<section>
  <strong>Sandbox mode.</strong> Events always use the sandbox credentials, whatever you enter below; your other choices
  (destinations, event kinds, contact timeline, region, account) apply. The credential checks on this page call the sandbox,
  which accepts Freshdesk API key <code>${SANDBOX_CREDENTIALS.freshdeskApiKey}</code> and CustomerGauge client
  <code>${SANDBOX_CREDENTIALS.cgClientId}</code> / <code>${SANDBOX_CREDENTIALS.cgClientSecret}</code>.
  <div class="row" style="margin-top:8px"><button type="button" class="secondary" id="fill-sandbox">Fill in the sandbox credentials</button></div>
</section>`;
}

export function customConfigsPage(info: CustomConfigsInfo): string {
  const fields = info.fields.map((f) => fieldHtml(f, info.values[f.name], info.savedSecure.includes(f.name)));
  const body = html`<h1>Installation page</h1>
${info.live ? '' : sandboxNote()}
<form class="card" id="iparams-form" novalidate>
  ${fields}
  <div class="row"><button type="submit" id="save">Save</button><span class="status" id="save-status" role="status"></span></div>
</form>`;
  const pageData = {
    fields: info.fields.map((f) => ({ name: f.name, type: f.type, secure: f.secure, onChange: f.onChange })),
    savedSecure: info.savedSecure,
    placeholder: SAVED_SECRET_PLACEHOLDER,
    sandboxValues: info.live
      ? null
      : {
          freshdesk_subdomain: 'sandbox',
          freshdesk_api_key: SANDBOX_CREDENTIALS.freshdeskApiKey,
          cg_client_id: SANDBOX_CREDENTIALS.cgClientId,
          cg_client_secret: SANDBOX_CREDENTIALS.cgClientSecret,
        },
  };
  return renderPage({
    title: 'Installation page',
    live: info.live,
    body,
    scripts: ['/_fdk/client.js', '/_fdk/config-assets/iparams.js'],
    script: `var PAGE = ${inlineJson(pageData)};\n${PAGE_SCRIPT}`,
  });
}

/** Runs in the browser; kept free of build steps, so plain DOM code. */
const PAGE_SCRIPT = String.raw`
(function () {
  var savedSecure = PAGE.savedSecure.slice();
  var byName = {};
  PAGE.fields.forEach(function (f) { byName[f.name] = f; });

  function wrapper(name) { return document.querySelector('.field[data-field="' + name + '"]'); }

  function read(name) {
    var w = wrapper(name);
    if (!w) return undefined;
    if (w.dataset.type === 'multiselect') {
      return Array.prototype.map.call(w.querySelectorAll('input:checked'), function (i) { return i.value; });
    }
    if (w.dataset.type === 'checkbox') return w.querySelector('input').checked;
    return w.querySelector('input, select').value;
  }

  function write(name, value) {
    var w = wrapper(name);
    if (w.dataset.type === 'multiselect') {
      w.querySelectorAll('input').forEach(function (i) { i.checked = Array.isArray(value) && value.indexOf(i.value) >= 0; });
    } else if (w.dataset.type === 'checkbox') {
      w.querySelector('input').checked = value === true;
    } else {
      w.querySelector('input, select').value = value == null ? '' : String(value);
    }
  }

  // The platform's utils global, as config/assets/iparams.js expects it.
  window.utils = {
    get: read,
    set: function (name, options) {
      var w = wrapper(name);
      if (!w || !options) return;
      if ('value' in options) write(name, options.value);
      if ('visible' in options) w.hidden = !options.visible;
      if ('required' in options) {
        w.dataset.required = String(Boolean(options.required));
        w.querySelector('label').classList.toggle('required', Boolean(options.required));
      }
    }
  };

  function showError(name, message) {
    var p = wrapper(name).querySelector('.error');
    p.textContent = message || '';
    p.hidden = !message;
  }

  // A callback shared by several fields (subdomain + API key) answers for all of them: its newest
  // answer replaces the message it showed before, wherever that was. Stale answers are dropped.
  var shownBy = {};
  var latest = {};
  var pending = 0;
  var status = document.getElementById('save-status');

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = 'status' + (kind ? ' ' + kind : '');
  }

  function runCallbacks(field) {
    field.onChange.forEach(function (fn) {
      var callback = window[fn];
      if (typeof callback !== 'function') {
        showError(field.name, 'config/assets/iparams.js defines no function ' + fn);
        return;
      }
      var ticket = (latest[fn] || 0) + 1;
      latest[fn] = ticket;
      pending++;
      setStatus('Checking…');
      Promise.resolve().then(function () { return callback(); }).then(
        function (message) { return typeof message === 'string' ? message : ''; },
        function (err) { return String((err && err.message) || err); }
      ).then(function (message) {
        pending--;
        if (pending === 0) setStatus('');
        if (latest[fn] !== ticket) return;
        if (shownBy[fn] && shownBy[fn] !== field.name) showError(shownBy[fn], '');
        shownBy[fn] = field.name;
        showError(field.name, message);
      });
    });
  }

  document.querySelectorAll('.field').forEach(function (w) {
    w.addEventListener('change', function () { runCallbacks(byName[w.dataset.field]); });
  });

  function isEmpty(value) { return value === '' || value == null || (Array.isArray(value) && value.length === 0); }

  function missingRequired() {
    var missing = false;
    PAGE.fields.forEach(function (f) {
      var w = wrapper(f.name);
      var filled = !isEmpty(read(f.name)) || (f.secure && savedSecure.indexOf(f.name) >= 0);
      if (!w.hidden && w.dataset.required === 'true' && !filled) {
        showError(f.name, 'This field is required.');
        missing = true;
      }
    });
    return missing;
  }

  function visibleErrors() { return document.querySelectorAll('.field:not([hidden]) .error:not([hidden])').length > 0; }

  var sandboxButton = document.getElementById('fill-sandbox');
  if (sandboxButton && PAGE.sandboxValues) {
    sandboxButton.addEventListener('click', function () {
      Object.keys(PAGE.sandboxValues).forEach(function (name) {
        write(name, PAGE.sandboxValues[name]);
        wrapper(name).dispatchEvent(new Event('change', { bubbles: true }));
      });
    });
  }

  document.getElementById('iparams-form').addEventListener('submit', function (event) {
    event.preventDefault();
    if (pending > 0) return setStatus('Wait for the checks to finish.', 'bad');
    if (missingRequired() || visibleErrors()) return setStatus('Fix the fields marked in red.', 'bad');
    if (typeof window.validate === 'function' && window.validate() === false) return setStatus('The page refused to save.', 'bad');
    var values = {};
    PAGE.fields.forEach(function (f) { values[f.name] = read(f.name); });
    fetch('/_fdk/iparams', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(values) })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (answer) {
        if (!answer.ok) {
          Object.keys(answer.body.errors || {}).forEach(function (name) { if (wrapper(name)) showError(name, answer.body.errors[name]); });
          return setStatus(answer.body.message || 'Not saved.', 'bad');
        }
        savedSecure = answer.body.savedSecure;
        PAGE.fields.forEach(function (f) {
          if (!f.secure) return;
          var input = wrapper(f.name).querySelector('input');
          input.value = '';
          input.placeholder = savedSecure.indexOf(f.name) >= 0 ? PAGE.placeholder : '';
        });
        setStatus('Saved. New events use these settings.', 'good');
      }, function (err) { setStatus('Could not save: ' + err.message, 'bad'); });
  });
})();
`;
