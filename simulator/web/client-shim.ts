/**
 * /_fdk/client.js: the part of the FDK front-end client the app's pages use, talking to this
 * server instead of the Freshworks platform. Plain ES5-ish JavaScript so it runs in any page
 * without a build step.
 */
import { TOKEN_HEADER } from './request-guard';

/** JSON for inlining in a script: `<` escaped so a value can never close the script element. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface ClientShimOptions {
  /** Non-secure iparams only: the browser must never see a secure value. */
  iparams: Record<string, unknown>;
  /** What client.instance.context() resolves to. */
  context: Record<string, unknown>;
  /** This run's token: the simulator refuses state-changing requests without it. */
  token: string;
}

export function clientShimSource(options: ClientShimOptions): string {
  return `/* FDK client shim served by the local simulator (simulator/web/client-shim.ts). */
(function () {
  'use strict';
  var IPARAMS = ${inlineJson(options.iparams)};
  var CONTEXT = ${inlineJson(options.context)};
  var TOKEN = ${inlineJson(options.token)};

  // Resolves with the JSON answer, rejects with it when the status is not 2xx (FDK rejects with the error object).
  function post(url, body) {
    var headers = { 'Content-Type': 'application/json', '${TOKEN_HEADER}': TOKEN };
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body || {}) })
      .then(function (res) {
        return res.json().catch(function () { return { status: res.status, message: res.statusText }; })
          .then(function (data) { if (!res.ok) throw data; return data; });
      }, function (err) { throw { status: 0, message: 'The local simulator is not reachable: ' + err.message }; });
  }

  var handlers = {};
  var initialized = false;
  var activatedFired = false;

  function activate() {
    activatedFired = true;
    (handlers['app.activated'] || []).forEach(function (cb) { cb({ type: 'app.activated' }); });
  }

  var client = {
    request: {
      invoke: function (method, args) { return post('/_fdk/invoke/' + encodeURIComponent(method), args); },
      invokeTemplate: function (name, options) { return post('/_fdk/template/' + encodeURIComponent(name), options); }
    },
    iparams: {
      get: function (key) {
        if (key === undefined) return Promise.resolve(Object.assign({}, IPARAMS));
        if (!Object.prototype.hasOwnProperty.call(IPARAMS, key)) {
          return Promise.reject({ status: 404, message: 'No non-secure iparam named ' + key });
        }
        var one = {};
        one[key] = IPARAMS[key];
        return Promise.resolve(one);
      }
    },
    events: {
      on: function (name, cb) {
        (handlers[name] = handlers[name] || []).push(cb);
        // Pages often register app.activated after it fired: a late listener still hears it once.
        if (name === 'app.activated' && activatedFired) setTimeout(function () { cb({ type: name }); }, 0);
      }
    },
    instance: {
      resize: function () { return Promise.resolve(); },
      context: function () { return Promise.resolve(Object.assign({}, CONTEXT)); }
    },
    interface: {
      trigger: function () { return Promise.resolve({ success: true }); }
    }
  };

  window.app = {
    initialized: function () {
      if (!initialized) {
        initialized = true;
        setTimeout(activate, 0);
      }
      return Promise.resolve(client);
    }
  };
})();
`;
}
