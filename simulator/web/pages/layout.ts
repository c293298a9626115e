/** Shared page shell: escaping, navigation and one small stylesheet for the simulator's pages. */
import { DESTINATION_LABELS } from '../../../src/shared/destinations';
import { inlineJson } from '../client-shim';
import { TOKEN_HEADER } from '../request-guard';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value that reaches HTML goes through this (attribute-safe as well). */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Template tag: interpolated values are escaped unless they are already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

export interface PageOptions {
  title: string;
  live: boolean;
  body: Html;
  /** Script URLs loaded before the inline script. */
  scripts?: string[];
  /** Inline script, trusted (written in this repo); data goes in through inlineJson. */
  script?: string;
  /** This run's token: the script then has `postJson(url, text)`, which sends it (see ../request-guard). */
  token?: string;
  head?: Html;
}

const STYLE = `
  :root { --ink: #12344d; --muted: #5f7285; --line: #dadfe3; --accent: #2c5cc5; --bad: #c82124; --good: #00795b; --warn: #a15e00; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f5f7f9; }
  header { display: flex; gap: 24px; align-items: center; padding: 12px 24px; background: #fff; border-bottom: 1px solid var(--line); }
  header strong { font-size: 15px; }
  header nav a { margin-right: 16px; color: var(--accent); text-decoration: none; }
  header nav a:hover { text-decoration: underline; }
  .mode { margin-left: auto; padding: 2px 10px; border-radius: 12px; font-size: 12px; font-weight: 600; }
  .mode.sandbox { background: #e0f5f1; color: var(--good); }
  .mode.live { background: #ffecf0; color: var(--bad); }
  main { max-width: 960px; margin: 24px auto; padding: 0 24px; }
  h1 { font-size: 20px; margin: 0 0 16px; }
  h2 { font-size: 16px; margin: 24px 0 8px; }
  section > h2:first-child { margin-top: 0; }
  section, form.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px 20px; margin-bottom: 16px; }
  label { font-weight: 600; display: block; }
  .hint { color: var(--muted); font-size: 13px; margin: 2px 0 6px; }
  input[type=text], input[type=password], select, textarea { width: 100%; padding: 6px 8px; border: 1px solid var(--line); border-radius: 4px; font: inherit; }
  textarea { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
  button { padding: 6px 14px; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; font: inherit; cursor: pointer; }
  button.secondary { background: #fff; color: var(--accent); }
  button:disabled { opacity: .6; cursor: wait; }
  .row { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  .field { margin-bottom: 16px; }
  .field .error { color: var(--bad); margin: 4px 0 0; min-height: 0; }
  .choices label, label.choices { font-weight: normal; display: inline-flex; gap: 6px; align-items: center; margin-right: 16px; }
  .required::after { content: " *"; color: var(--bad); }
  .status { margin-left: 8px; }
  .status.bad { color: var(--bad); }
  .status.good { color: var(--good); }
  .status.warn { color: var(--warn); }
  .outcomes { list-style: none; padding: 0; margin: 0 0 8px; }
  .outcomes li { margin: 4px 0; }
  .outcomes strong { margin: 0 8px; }
  .badge { display: inline-block; min-width: 84px; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; text-align: center; background: #eef2f5; color: var(--muted); }
  .badge.outcome-delivered { background: #e0f5f1; color: var(--good); }
  .badge.outcome-retrying, .badge.outcome-queued, .badge.outcome-unknown { background: #fff4e0; color: var(--warn); }
  .badge.outcome-rejected, .badge.outcome-dead_letter { background: #ffecf0; color: var(--bad); }
  pre { background: #12344d; color: #e8f0f6; padding: 12px 14px; border-radius: 6px; overflow: auto; font-size: 12px; line-height: 1.5; white-space: pre-wrap; }
  code { background: #eef2f5; padding: 1px 4px; border-radius: 3px; }
  table { border-collapse: collapse; width: 100%; }
  td, th { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); }
`;

/** What a page script posts with: JSON, with the run's token (the Origin is the browser's). */
function postJsonScript(token: string): string {
  return `var postJson = (function (token) {
  return function (url, text) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', '${TOKEN_HEADER}': token }, body: text });
  };
})(${inlineJson(token)});\n`;
}

export function renderPage(options: PageOptions): string {
  const script = options.script && (options.token === undefined ? '' : postJsonScript(options.token)) + options.script;
  const mode = options.live ? `live: real ${DESTINATION_LABELS.join(' and ')}` : 'sandbox: local fake destinations';
  return `<!doctype html>
${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · local simulator</title>
<style>${new Html(STYLE)}</style>
${options.head}
</head>
<body>
<header>
  <strong>Agent availability · local simulator</strong>
  <nav><a href="/">Home</a><a href="/custom_configs">Installation page</a><a href="/web/test">Event simulator</a><a href="/app/">Sidebar</a></nav>
  <span class="mode ${options.live ? 'live' : 'sandbox'}">${mode}</span>
</header>
<main>
${options.body}
</main>
${(options.scripts ?? []).map(
  (src) => html`<script src="${src}"></script>
`,
)}${script ? new Html(`<script>\n${script}\n</script>`) : ''}
</body>
</html>`}`;
}
