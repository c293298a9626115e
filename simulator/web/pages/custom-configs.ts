/**
 * `/custom_configs`: what `fdk run` shows for a custom installation page. The app's
 * config/iparams.html runs in a frame (`/custom_configs/form`); this page plays the platform:
 * getConfigs(saved non-secure values) when settings exist, then on Save validate() and
 * postConfigs(), whose answer goes to `POST /_fdk/iparams`. Secure values never come back here.
 */
import { DESCRIPTORS } from '../../../src/shared/destinations';
import { UNVERIFIED_IPARAM } from '../../../src/shared/iparam-rules';
import { SANDBOX_VENDORS } from '../../fake-vendors';
import { SANDBOX_IPARAMS } from '../../local-app';
import { inlineJson } from '../client-shim';
import { html, renderPage, type Html } from './layout';

export interface CustomConfigsInfo {
  live: boolean;
  /** Saved values without the secure ones; {} before the first save. */
  configs: Record<string, unknown>;
  /** this run's token, for Save */
  token: string;
}

/** Typed into the frame by the sandbox button: what the sandbox servers accept. */
const SANDBOX_FORM = Object.fromEntries(
  DESCRIPTORS.flatMap((d) => SANDBOX_VENDORS[d.id].form.map((name) => [name, SANDBOX_IPARAMS[name]])),
);

/** e.g. "Acme API key <code>k</code>": what each destination's sandbox accepts. */
const SANDBOX_ACCEPTS = DESCRIPTORS.map((d) => {
  const { credential, values } = SANDBOX_VENDORS[d.id].accepts;
  return html`${d.label} ${credential} ${values.map((value, i) => html`${i > 0 ? ' / ' : ''}<code>${value}</code>`)}`;
});

function sandboxNote(): Html {
  return html`<section>
  <strong>Sandbox mode.</strong> Events always use the sandbox credentials, whatever you enter below; your other choices
  (destinations, event kinds, contact timeline, region, account) apply. The connection tests call the sandbox, which accepts
  ${SANDBOX_ACCEPTS.map((accepts, i) => html`${i > 0 ? ' and ' : ''}${accepts}`)}.
  <div class="row" style="margin-top:8px"><button type="button" class="secondary" id="fill-sandbox">Fill in the sandbox credentials</button></div>
</section>`;
}

export function customConfigsPage(info: CustomConfigsInfo): string {
  const body = html`<h1>Installation page</h1>
${info.live ? '' : sandboxNote()}
<section>
  <iframe id="iparams-frame" src="/custom_configs/form" title="The app's installation page (config/iparams.html)" style="width:100%;height:600px;border:0"></iframe>
  <div class="row"><button type="button" id="save">Save</button><span class="status" id="save-status" role="status"></span></div>
</section>`;
  const pageData = { configs: info.configs, sandboxForm: info.live ? null : SANDBOX_FORM, unverifiedIparam: UNVERIFIED_IPARAM };
  return renderPage({
    title: 'Installation page',
    live: info.live,
    body,
    token: info.token,
    script: `var PAGE = ${inlineJson(pageData)};\n${PAGE_SCRIPT}`,
  });
}

/** Runs in the browser; kept free of build steps, so plain DOM code. */
const PAGE_SCRIPT = String.raw`
(function () {
  var frame = document.getElementById('iparams-frame');
  var status = document.getElementById('save-status');
  var saveButton = document.getElementById('save');
  var configs = PAGE.configs;

  function setStatus(text, kind) {
    status.textContent = text;
    status.className = 'status' + (kind ? ' ' + kind : '');
  }

  function pageFunction(name) {
    var fn = frame.contentWindow && frame.contentWindow[name];
    if (typeof fn !== 'function') throw new Error('config/iparams.html defines no ' + name + '() (config/assets/iparams.js)');
    return fn;
  }

  // The platform sizes the page to its content; a status from the last Save goes once the admin edits.
  function followFrame() {
    var doc = frame.contentDocument;
    new frame.contentWindow.ResizeObserver(function () { frame.style.height = doc.documentElement.scrollHeight + 'px'; }).observe(doc.body);
    doc.addEventListener('fwInput', function () { setStatus(''); });
  }

  // As on "Edit settings": getConfigs gets the stored values, never the secure ones.
  frame.addEventListener('load', function () {
    followFrame();
    if (Object.keys(configs).length === 0) return;
    try {
      Promise.resolve(pageFunction('getConfigs')(configs)).catch(function (err) { setStatus('getConfigs() failed: ' + err.message, 'bad'); });
    } catch (err) {
      setStatus(err.message, 'bad');
    }
  });

  function store(values) {
    return postJson('/_fdk/iparams', JSON.stringify(values))
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); });
  }

  function save() {
    saveButton.disabled = true;
    setStatus('Checking…');
    Promise.resolve()
      // validate() is optional for a custom page; getConfigs and postConfigs are not.
      .then(function () { return typeof frame.contentWindow.validate === 'function' ? frame.contentWindow.validate() : true; })
      .then(function (valid) {
        if (valid === false) return setStatus('Not saved: fix the fields marked in red.', 'bad');
        return store(pageFunction('postConfigs')()).then(function (answer) {
          if (!answer.ok) return setStatus('Not saved: ' + answer.body.message, 'bad');
          configs = answer.body.configs;
          // The platform leaves the page after saving; reopening it is "Edit settings".
          frame.contentWindow.location.reload();
          // Saved credentials a vendor could not check are not a success to show in green (the page's note says why).
          var unverified = (configs && configs[PAGE.unverifiedIparam]) || [];
          if (unverified.length > 0) setStatus('Saved, not verified: ' + unverified.join(', ') + '. New events use these settings.', 'warn');
          else setStatus('Saved. New events use these settings.', 'good');
        });
      })
      .catch(function (err) { setStatus('Not saved: ' + err.message, 'bad'); })
      .then(function () { saveButton.disabled = false; });
  }
  saveButton.addEventListener('click', save);

  var sandboxButton = document.getElementById('fill-sandbox');
  if (sandboxButton && PAGE.sandboxForm) {
    sandboxButton.addEventListener('click', function () {
      var doc = frame.contentDocument;
      Object.keys(PAGE.sandboxForm).forEach(function (id) {
        var field = doc.getElementById(id);
        field.value = PAGE.sandboxForm[id];
        field.dispatchEvent(new CustomEvent('fwInput', { bubbles: true, composed: true, detail: { value: field.value } }));
      });
    });
  }
})();
`;
