/* Built from src/ (source 7f0f4a37f3faac211abe55b698fbf30e6097400c75cad926f9e96ca120b9d772) by `npm run build`; do not edit. */
(function () {
'use strict';

function statusLabel(status) {
  if (status === "AVAILABLE") return "Available";
  if (status === "UNAVAILABLE") return "Unavailable";
  return typeof status === "string" && status !== "" ? status : "Unknown";
}
function kindLabel(kind) {
  if (kind === "GeneralAvailability") return "General availability";
  return typeof kind === "string" && kind !== "" ? kind : "Unknown";
}
const DURATION_UNITS = [
  [864e5, "d"],
  [36e5, "h"],
  [6e4, "min"],
  [1e3, "s"]
];
function humanDuration(ms) {
  const parts = [];
  let rest = Math.max(0, Math.round(ms));
  for (const [size, unit] of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 && parts.length < 2) parts.push(`${count} ${unit}`);
  }
  return parts.length > 0 ? parts.join(" ") : "0 s";
}

const OUTCOMES = {
  delivered: { label: "Delivered", color: "green" },
  retrying: { label: "Retrying", color: "yellow" },
  rejected: { label: "Rejected", color: "red" },
  dead_letter: { label: "Dead letter", color: "red" },
  skipped: { label: "Skipped", color: "grey" }
};
const OUTCOME_VALUES = Object.keys(OUTCOMES);
function outcomeLabel(outcome) {
  return OUTCOMES[outcome]?.label ?? String(outcome);
}
function outcomeColor(outcome) {
  return OUTCOMES[outcome]?.color ?? "grey";
}
function agentActivityOf(activity) {
  return "agent_activity" in activity.object ? activity.object.agent_activity : null;
}
function agentName(activity) {
  const { name, email, id } = activity.actor;
  if (name) return name;
  if (email) return email;
  if (agentActivityOf(activity)) return `Agent ${id ?? "unknown"}`;
  return "unreadable_record" in activity.object ? "Unreadable record" : "Invalid event";
}
function transition(activity) {
  const change = agentActivityOf(activity);
  if (!change) return activity.reason ?? "Unreadable event";
  return `${statusLabel(change.prev_status)} \u2192 ${statusLabel(change.status)}`;
}
function destinationName(activity) {
  return activity.target?.name ?? "No destination";
}
function span(ms) {
  const [size, unit] = DURATION_UNITS.find(([size2]) => ms >= size2) ?? DURATION_UNITS[DURATION_UNITS.length - 1];
  return `${Math.floor(ms / size)} ${unit}`;
}
function parseTime(iso) {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? null : ms;
}
function ago(iso, now) {
  const at = parseTime(iso);
  if (at === null) return "";
  const elapsed = now - at;
  return elapsed < 45e3 ? "just now" : `${span(elapsed)} ago`;
}
function until(iso, now) {
  const at = parseTime(iso);
  if (at === null) return "";
  const left = at - now;
  return left < 1e3 ? "due now" : `in ${span(left)}`;
}
function sameDay(a, b) {
  return a.toDateString() === b.toDateString();
}
function timeText(iso, now) {
  const at = parseTime(iso);
  if (at === null) return "";
  const date = new Date(at);
  const today = new Date(now);
  const time = { hour: "2-digit", minute: "2-digit" };
  if (sameDay(date, today)) return date.toLocaleTimeString(void 0, time);
  const year = date.getFullYear() === today.getFullYear() ? {} : { year: "numeric" };
  return date.toLocaleString(void 0, { day: "numeric", month: "short", ...year, ...time });
}
function whenText(iso, now) {
  const left = until(iso ?? null, now);
  return left === "" || left === "due now" ? left : `${left} (at ${timeText(iso, now)})`;
}
const HTTP_REASONS = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  409: "Conflict",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
};
function httpAnswer(status) {
  if (status === 0) return "none (no answer came back)";
  const reason = HTTP_REASONS[status];
  return reason ? `${status} ${reason}` : String(status);
}
function historySize(listed, whole) {
  return `${whole ? "" : "At least "}${listed} in history`;
}
function eventKeyOf(id) {
  return id.split(".").slice(0, 2).join(".");
}
function pluralize(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

class PlatformClock {
  constructor() {
    this.offset = 0;
  }
  /** Takes the time a server answer carries (ISO); an answer without a readable one changes nothing. */
  sync(serverNow) {
    const at = parseTime(serverNow);
    if (at !== null) this.offset = at - Date.now();
  }
  now() {
    return Date.now() + this.offset;
  }
}

const RESERVE_NOTICE = "The history is read at most a few times a minute, so that deliveries keep their storage quota: showing what could be read now. Try again in a minute.";

function errorMessage(err) {
  if (typeof err === "string") return err;
  const error = err ?? {};
  if (typeof error.message === "string" && error.message) return error.message;
  return responseMessage(error.response) ?? "Something went wrong. Try again.";
}
function responseMessage(response) {
  if (typeof response !== "string") return response?.message ?? null;
  try {
    return JSON.parse(response).message ?? response;
  } catch {
    return response || null;
  }
}
class ApiError extends Error {
  constructor(err) {
    super(errorMessage(err), { cause: err });
    const status = err?.status;
    this.status = typeof status === "number" ? status : null;
  }
}
function quotaSpent(err) {
  return err instanceof ApiError && err.status === 429;
}
function reserveSpent(err) {
  return quotaSpent(err) && err.message === RESERVE_NOTICE;
}

const PAGE_SIZE = 100;
const refusal = (notice) => new ApiError({ status: 429, message: notice });
class HistoryApi {
  constructor(client) {
    this.client = client;
    this.clock = new PlatformClock();
  }
  async call(method, args = {}) {
    try {
      const result = await this.client.request.invoke(method, args);
      return result.response;
    } catch (err) {
      throw new ApiError(err);
    }
  }
  async list(filter, after) {
    const page = after ? { size: PAGE_SIZE, after } : { size: PAGE_SIZE };
    const answer = await this.call("listActivities", { page, filter });
    this.clock.sync(answer.meta.now);
    const { has_more, notice } = answer.meta;
    if (answer.activities.length === 0 && has_more && notice) throw refusal(notice);
    return answer;
  }
  retry(id) {
    return this.call("retryActivity", { id });
  }
  retryAllFailed() {
    return this.call("retryAllFailed");
  }
}

function append(parent, children) {
  for (const child of children) {
    if (child) parent.append(child);
  }
}
function el(tag, className = "", children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  append(node, children);
  return node;
}
function fw(tag, attributes, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  append(node, children);
  return node;
}
function replaceChildren(parent, children) {
  parent.replaceChildren();
  append(parent, children);
}
function afterRender(node, mend) {
  void customElements.whenDefined(node.localName).then(() => node.componentOnReady()).then(() => {
    if (node.shadowRoot) mend(node.shadowRoot);
  });
}

function matchesFilter(activity, filter) {
  return (!filter.outcome || activity.outcome === filter.outcome) && (!filter.destination || activity.target?.destination === filter.destination);
}
function sameFilter(a, b) {
  return a.outcome === b.outcome && a.destination === b.destination;
}

function queuedNotice(activity, queuedAt, now) {
  const where = destinationName(activity);
  const when = whenText(queuedAt, now);
  if (activity.attempts > 0) return ["info", `Already waiting for its retry: ${where} is tried again ${when}.`];
  return ["info", `Retry queued: it runs ${when}.`];
}
function retryNotice({ activity, queued_at }, now) {
  if (queued_at !== null) return queuedNotice(activity, queued_at, now);
  const where = destinationName(activity);
  if (activity.outcome === "delivered") return ["success", `Retried: delivered to ${where}.`];
  if (activity.outcome === "retrying") {
    const when = whenText(activity.next_retry_at, now);
    return ["warning", `Retry queued: ${where} has not taken it yet${when ? `; next try ${when}` : ""}.`];
  }
  return ["error", `Retried: ${where} refused it again (${activity.reason ?? outcomeLabel(activity.outcome)}).`];
}
function waitingNote(alreadyQueued) {
  if (alreadyQueued === 0) return "";
  return ` ${pluralize(alreadyQueued, "push", "pushes")} already waiting for ${alreadyQueued === 1 ? "its" : "their"} own retry ${alreadyQueued === 1 ? "keeps its" : "keep their"} time.`;
}
function runsText(result, now) {
  const first = whenText(result.first_at, now);
  const last = whenText(result.last_at, now);
  if (first === "") return "";
  if (result.queued === 1) return `; it runs ${first}`;
  return first === last ? `; they run ${first}` : `; the first runs ${first}, the last ${last}`;
}
function retryAllNotice(result, now) {
  const waiting = waitingNote(result.already_queued);
  const partial = result.notice ? ` ${result.notice}` : "";
  const queued = result.queued === 0 ? `${result.notice ? "Nothing queued yet" : "Nothing to retry"}.` : `Queued ${pluralize(result.queued, "push", "pushes")} for retry${runsText(result, now)}.`;
  const type = result.notice ? "warning" : result.queued === 0 ? "info" : "success";
  return [type, `${queued}${waiting}${partial}`];
}
function droppedNotice(dropped) {
  return `${pluralize(dropped, "event")} could not be stored during an overload. ${dropped === 1 ? "It is" : "They are"} not in this list; the app's logs name each one.`;
}
function lastUnclearAnswer({ outcome, last_status }) {
  if (outcome !== "retrying" && outcome !== "dead_letter") return null;
  return last_status === null || last_status === 429 ? null : last_status;
}
function unclearAttempt(activity) {
  const status = lastUnclearAnswer(activity);
  const where = destinationName(activity);
  if (status === null)
    return `An earlier attempt ended without a clear answer from ${where} (no answer, a timeout or a server error), or its run was cut off`;
  if (status === 0) return `The last attempt got no answer from ${where} (it timed out or the connection dropped)`;
  const timedOut = status === 408 || status === 504 ? " (a timeout)" : "";
  return `The last attempt got ${httpAnswer(status)}${timedOut} from ${where}, which may have stored the push before answering`;
}
function duplicateNotice(activity) {
  return `${unclearAttempt(activity)}. ${destinationName(activity)} cannot deduplicate, so this push may appear twice there.`;
}
const MINUTE_MS = 6e4;
function quotaFreeAt(now) {
  return new Date(Math.ceil((now + MINUTE_MS) / MINUTE_MS) * MINUTE_MS).toISOString();
}
function reserveFreeAt(now) {
  return new Date((Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS).toISOString();
}
function tryAgainAt(err, now) {
  return reserveSpent(err) ? reserveFreeAt(now) : quotaFreeAt(now);
}
function spentQuota(err) {
  if (reserveSpent(err)) return "the history has been read as often as it may be this minute, so that deliveries keep their storage quota";
  return "the installation's request quota is spent for this minute";
}
function failureNotice(what, err, now) {
  if (!quotaSpent(err)) return ["error", `${what}: ${errorMessage(err)}`];
  return ["warning", `${what}: ${spentQuota(err)}. Try again from ${timeText(tryAgainAt(err, now), now)}.`];
}

function outcomePill(outcome) {
  return fw("fw-pill", { class: "pill", "data-color": outcomeColor(outcome), "data-outcome": outcome }, [outcomeLabel(outcome)]);
}
function smallButton(label, action, color = "secondary") {
  return fw("fw-button", { size: "small", color, "data-action": action }, [label]);
}

function loadingView(text = "Loading pushes\u2026") {
  return el("div", "state state--loading", [fw("fw-spinner", { size: "small" }), el("span", "", [text])]);
}
function emptyView(filtered) {
  const text = filtered ? "No pushes match these filters." : "No pushes yet \u2014 they appear here as agents change status.";
  return el("div", "state state--empty", [el("p", "", [text])]);
}
function errorView(message) {
  return fw("fw-inline-message", { type: "error", closable: "false", class: "message" }, [message]);
}
function noticeView(type, message, closable = true) {
  const notice = fw("fw-inline-message", { type, closable: String(closable), class: "message" }, [message]);
  if (closable) afterRender(notice, (root) => root.querySelector(".alert__close")?.setAttribute("aria-label", "Dismiss this message"));
  return notice;
}

function facts(rows) {
  const shown = rows.filter(([, value]) => value !== null && value !== void 0 && value !== "");
  return el(
    "dl",
    "facts",
    shown.flatMap(([label, value]) => [el("dt", "", [label]), el("dd", "", [value])])
  );
}
function nextRetry(activity, now) {
  if (!activity.next_retry_at || activity.outcome !== "retrying") return null;
  return whenText(activity.next_retry_at, now);
}
function pushFacts(activity, now) {
  return facts([
    ["Agent", agentName(activity)],
    ["Email", activity.actor.email],
    ["Destination", destinationName(activity)],
    ["Attempts", String(activity.attempts)],
    // "Status" alone reads like an agent's status in this app: this is the destination's HTTP answer.
    ["HTTP answer", activity.last_status === null ? null : httpAnswer(activity.last_status)],
    ["Reason", activity.reason],
    ["Next retry", nextRetry(activity, now)],
    ["Received", timeText(activity.created_at, now)],
    ["Updated", timeText(activity.updated_at, now)]
  ]);
}
function sentView(activity, now) {
  const sent = activity.sent;
  if (!sent) return [el("h3", "detail-section", ["What was sent"]), el("p", "muted", ["Nothing was sent."])];
  return [
    el("h3", "detail-section", ["What was sent"]),
    facts([
      ["Name", sent.name],
      ["Happened at", timeText(sent.happened_at, now)],
      ["Recipient", sent.recipient],
      ["Reference", sent.reference],
      ["Remote id", activity.target?.remote_id]
    ])
  ];
}
function duplicateNote(activity) {
  if (!activity.may_duplicate) return null;
  const note = noticeView("warning", duplicateNotice(activity), false);
  note.classList.add("duplicate-note");
  return note;
}
function retryButton$1(activity, handlers) {
  if (!activity.retryable) return null;
  const button = smallButton("Retry this push", "retry", "primary");
  button.addEventListener("click", () => handlers.retry(activity.id, button));
  return el("div", "detail-actions", [button]);
}
function backButton(handlers) {
  const back = smallButton("\u2190 All pushes", "back", "text");
  back.classList.add("back");
  back.addEventListener("click", () => handlers.back());
  return back;
}
function detailView(activity, now, handlers) {
  const title = el("h2", "detail-title", [activity.title]);
  title.tabIndex = -1;
  const head = el("div", "detail-head", [title, outcomePill(activity.outcome)]);
  const notices = el("div", "notices detail-notices");
  const section = el("section", "detail", [
    backButton(handlers),
    head,
    notices,
    duplicateNote(activity),
    pushFacts(activity, now),
    ...sentView(activity, now),
    retryButton$1(activity, handlers)
  ]);
  section.dataset.id = activity.id;
  return section;
}

const CUSTOMERGAUGE_REGIONS = ["eu", "us", "au"];
const customerGauge = {
  id: "customergauge",
  label: "CustomerGauge",
  receives: "activity",
  iparams: [
    {
      name: "cg_region",
      secure: false,
      options: CUSTOMERGAUGE_REGIONS,
      field: {
        kind: "choice",
        label: "Region your account is hosted in",
        default: "eu",
        missing: `Choose one of ${CUSTOMERGAUGE_REGIONS.join(", ")}.`,
        optionLabels: { eu: "eu", us: "us", au: "au" }
      }
    },
    {
      name: "cg_client_id",
      secure: false,
      field: {
        kind: "text",
        label: "OAuth client ID",
        hint: "Integrations \u2192 API credentials (client credentials grant).",
        default: "",
        missing: "Enter the CustomerGauge OAuth client ID."
      }
    },
    {
      name: "cg_client_secret",
      secure: true,
      field: {
        kind: "secret",
        label: "OAuth client secret",
        // Least privilege (README "Installation parameters", least privilege): the app only imports activities.
        hint: "Of a client limited to imports (activities), not one with access to the whole account.",
        default: "",
        missing: "Enter the CustomerGauge OAuth client secret."
      }
    },
    // base64(client_id:client_secret), built by the installation page for the token request's header.
    { name: "cg_client_credentials", secure: true, derived: true },
    {
      name: "cg_account",
      secure: false,
      maxLength: 255,
      field: {
        kind: "text",
        label: "Account name",
        hint: "The account the activities belong to (created by CustomerGauge if it does not exist).",
        default: "",
        missing: "Enter the CustomerGauge account name."
      }
    },
    {
      name: "cg_send_contact",
      secure: false,
      field: {
        kind: "flag",
        label: "Send the agent's email as CustomerGauge contact (only if every agent exists there)",
        default: false
      }
    }
  ],
  templates: {
    token: "customerGaugeToken",
    verifyCredentials: "customerGaugeVerifyCredentials",
    upsertActivity: "customerGaugeUpsertActivity"
  }
};

const FRESHDESK_CONTACT_MODES = {
  agent: "Agent's own email",
  fixed: "One fixed contact (unique external ID)"
};
const FRESHDESK_SUBDOMAIN_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
const freshdesk = {
  id: "freshdesk",
  label: "Freshdesk",
  receives: "contact activity",
  iparams: [
    {
      name: "freshdesk_subdomain",
      secure: false,
      pattern: FRESHDESK_SUBDOMAIN_PATTERN,
      field: {
        kind: "text",
        label: "Freshdesk subdomain",
        placeholder: "acme",
        hint: "acme for acme.freshdesk.com; a pasted https://acme.freshdesk.com/ is saved as acme.",
        default: "",
        missing: "Enter your Freshdesk subdomain: acme for acme.freshdesk.com."
      }
    },
    {
      name: "freshdesk_api_key",
      secure: true,
      field: {
        kind: "secret",
        label: "Freshdesk API key",
        // Least privilege (README "Installation parameters", least privilege): the key can do whatever its agent can.
        hint: "Of an agent with the narrowest role that can still add contact activities, not an admin.",
        default: "",
        missing: "Enter the API key of a Freshdesk agent."
      }
    },
    {
      name: "freshdesk_contact_mode",
      secure: false,
      options: [FRESHDESK_CONTACT_MODES.agent, FRESHDESK_CONTACT_MODES.fixed],
      field: {
        kind: "choice",
        label: "Whose timeline gets the activity",
        default: FRESHDESK_CONTACT_MODES.agent,
        missing: "Choose whose timeline gets the activity.",
        optionLabels: {
          [FRESHDESK_CONTACT_MODES.agent]: "The agent's own contact (by email; Freshdesk creates it if missing)",
          [FRESHDESK_CONTACT_MODES.fixed]: "One fixed contact (unique external ID)"
        }
      }
    },
    {
      name: "freshdesk_contact_external_id",
      secure: false,
      maxLength: 255,
      field: {
        kind: "text",
        label: "Fixed contact's unique external ID",
        hint: "The unique_external_id of the Freshdesk contact that collects every activity.",
        default: "",
        missing: "Enter the unique external ID of the contact.",
        onlyWhen: { iparam: "freshdesk_contact_mode", value: FRESHDESK_CONTACT_MODES.fixed }
      }
    }
  ],
  templates: { createContactActivity: "freshdeskCreateContactActivity", verifyCredentials: "freshdeskVerifyCredentials" }
};

const DESCRIPTORS = [freshdesk, customerGauge];
function iparamsWhere(test) {
  return DESCRIPTORS.flatMap((d) => d.iparams.filter(test).map((p) => p.name));
}
iparamsWhere((p) => p.secure);
DESCRIPTORS.map((d) => d.label);

const ALL = "all";
function select(name, label, options) {
  const children = [[ALL, "All"], ...options].map(([value, text]) => fw("fw-select-option", { value }, [text]));
  const select2 = fw(
    "fw-select",
    // Crayons names the inner combobox, its list and label after the host's id: without one they are "-listbox".
    { id: `filter-${name}`, name, label, value: ALL, searchable: "false", "allow-deselect": "false", class: `filter filter--${name}` },
    children
  );
  mendCombobox(select2, label);
  return select2;
}
function mendCombobox(select2, label) {
  afterRender(select2, (root) => {
    const box = root.querySelector('[role="combobox"]');
    if (!box) return;
    box.setAttribute("aria-label", label);
    const mend = () => {
      if (!box.hasAttribute("aria-expanded")) box.setAttribute("aria-expanded", "false");
    };
    new MutationObserver(mend).observe(box, { attributes: true, attributeFilter: ["aria-expanded"] });
    mend();
  });
}
function outcomeSelect() {
  return select(
    "outcome",
    "Outcome",
    OUTCOME_VALUES.map((o) => [o, outcomeLabel(o)])
  );
}
function destinationSelect() {
  return select(
    "destination",
    "Destination",
    DESCRIPTORS.map((d) => [d.id, d.label])
  );
}
function createLayout() {
  const count = el("p", "subtitle", ["\xA0"]);
  const refresh = smallButton("Refresh", "refresh");
  const header = el("header", "header", [el("div", "header-text", [el("h1", "title", ["Recent pushes"]), count]), refresh]);
  const dropped = el("div", "notices dropped");
  const serverNotice = el("div", "notices server-notice");
  const outcome = outcomeSelect();
  const destination = destinationSelect();
  const parts = {
    failed: el("div", "failed-bar"),
    notice: el("div", "notices"),
    stale: el("div", "stale"),
    summary: el("div", "summary-slot"),
    body: el("div", "list-body"),
    list: el("ul", "rows"),
    more: el("div", "more")
  };
  parts.failed.hidden = true;
  const listPane = el("div", "list-pane", [
    el("div", "filters", [outcome, destination]),
    parts.failed,
    parts.notice,
    parts.stale,
    parts.summary,
    parts.list,
    parts.body,
    parts.more
  ]);
  const detailPane = el("div", "detail-pane");
  detailPane.hidden = true;
  const root = el("main", "sidebar", [header, dropped, serverNotice, listPane, detailPane]);
  return { root, count, dropped, serverNotice, refresh, outcome, destination, listPane, detailPane, ...parts };
}

function timeView(iso, now) {
  const time = el("time", "ago", [ago(iso, now)]);
  time.dateTime = iso;
  time.dataset.at = iso;
  time.title = timeText(iso, now);
  return time;
}
function nextTryView(activity, now, queued) {
  const at = activity.next_retry_at;
  if (activity.outcome !== "retrying" || !at) return null;
  const time = el("time", queued ? "at" : "until", [queued ? timeText(at, now) : until(at, now)]);
  time.dateTime = at;
  if (!queued) time.dataset.until = at;
  time.title = timeText(at, now);
  return el("span", "row-next", [el("span", "sep", ["\xB7"]), queued ? "runs at " : "next try ", time]);
}
function retryButton(activity, handlers) {
  const button = smallButton("Retry", "retry");
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    handlers.retry(activity.id, button);
  });
  return button;
}
function rowView(activity, now, handlers, queued = false) {
  const change = transition(activity);
  const text = el("span", "row-transition", [change]);
  text.title = change;
  const where = el("span", "row-where", [
    el("span", "row-destination", [destinationName(activity)]),
    el("span", "sep", ["\xB7"]),
    timeView(activity.created_at, now),
    nextTryView(activity, now, queued)
  ]);
  const meta = el("div", "row-meta", [where, activity.retryable && retryButton(activity, handlers)]);
  const open = el("button", "row-agent row-open", [agentName(activity)]);
  open.type = "button";
  open.setAttribute("aria-label", `${agentName(activity)}: ${change}, ${destinationName(activity)}, ${outcomeLabel(activity.outcome)}`);
  const top = el("div", "row-top", [open, outcomePill(activity.outcome)]);
  const row = el("li", "row", [top, text, meta]);
  row.dataset.id = activity.id;
  row.dataset.outcome = activity.outcome;
  row.addEventListener("click", () => handlers.open(activity.id));
  return row;
}

const FIXED = { Available: "#00a886", Unavailable: "#92a2b1" };
const PALETTE = ["#2c5cc5", "#e86f25", "#8250df", "#f1b92a", "#d72d30", "#0891b2"];
function colorsFor(summaries) {
  const colors = /* @__PURE__ */ new Map();
  for (const status of summaries.flatMap((s) => s.statuses.map((t) => t.status))) {
    if (!colors.has(status)) colors.set(status, FIXED[status] ?? PALETTE[(colors.size - countFixed(colors)) % PALETTE.length]);
  }
  return colors;
}
function countFixed(colors) {
  return [...colors.keys()].filter((status) => FIXED[status]).length;
}
function segment(time, total, color) {
  const part = el("span", "bar-part");
  part.style.flexGrow = String(total > 0 ? time.ms / total : 1);
  part.style.background = color;
  part.title = `${time.status}: ${humanDuration(time.ms)}`;
  return part;
}
function legendItem(time, color) {
  const dot = el("span", "dot");
  dot.style.background = color;
  return el("span", "legend-item", [dot, el("span", "legend-status", [time.status]), el("span", "legend-time", [humanDuration(time.ms)])]);
}
function agentView(summary, colors) {
  const color = (t) => colors.get(t.status) ?? PALETTE[0];
  return el("li", "agent-time", [
    el("div", "agent-time-head", [
      el("span", "agent-time-name", [summary.agent, el("span", "agent-time-kind muted", [summary.kind])]),
      el("span", "muted", [humanDuration(summary.total)])
    ]),
    el(
      "div",
      "bar",
      summary.statuses.map((t) => segment(t, summary.total, color(t)))
    ),
    el(
      "div",
      "legend",
      summary.statuses.map((t) => legendItem(t, color(t)))
    )
  ]);
}
function summaryView(summaries, open) {
  if (summaries.length === 0) return null;
  const colors = colorsFor(summaries);
  const agents = new Set(summaries.map((s) => s.agent)).size;
  const head = el("summary", "", [
    el("span", "summary-title", ["Time in status"]),
    el("span", "muted", [` \xB7 ${pluralize(agents, "agent")} in the pushes shown`])
  ]);
  const details = el("details", "time-summary", [
    head,
    el(
      "ul",
      "agent-times",
      summaries.map((s) => agentView(s, colors))
    )
  ]);
  details.open = open;
  return details;
}

const MARGIN_MS = 10 * 6e4;
class QueuedRetries {
  constructor() {
    this.marks = /* @__PURE__ */ new Map();
  }
  /** What Retry all queued. */
  noteAll(result) {
    for (const { id, at, updated_at } of result.queued_pushes) this.marks.set(id, { at, updated_at });
  }
  /** A Retry: remembered when it was queued rather than sent. */
  note({ activity, queued_at }) {
    if (queued_at === null) this.marks.delete(activity.id);
    else this.marks.set(activity.id, { at: queued_at, updated_at: activity.updated_at });
  }
  isQueued(id) {
    return this.marks.has(id);
  }
  /** The push as the sidebar shows it: a queued one is Retrying at its time, with no Retry of its own. Forgets settled marks. */
  shown(activity, now) {
    const mark = this.marks.get(activity.id);
    if (!mark) return activity;
    const at = parseTime(mark.at);
    if (mark.updated_at !== activity.updated_at || at === null || now > at + MARGIN_MS) {
      this.marks.delete(activity.id);
      return activity;
    }
    return { ...activity, outcome: "retrying", next_retry_at: mark.at, retryable: false };
  }
}

function agentKey(activity) {
  return activity.actor.email ?? activity.actor.id ?? agentName(activity);
}
function changeOf(activity) {
  const change = agentActivityOf(activity);
  const at = parseTime(change?.changed_at);
  if (!change || at === null) return null;
  const kind = kindLabel(change.kind);
  const since = parseTime(change.prev_changed_at);
  const key = agentKey(activity);
  return {
    timeline: `${key}\0${kind}`,
    agentKey: key,
    agent: agentName(activity),
    kind,
    status: statusLabel(change.prev_status),
    at,
    since
  };
}
function uniqueEvents(activities) {
  const seen = /* @__PURE__ */ new Set();
  return activities.filter((a) => {
    const key = eventKeyOf(a.id);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function spanStart(change, previous) {
  if (!previous) return change.since;
  return change.since === null ? previous.at : Math.max(change.since, previous.at);
}
function timelineSummary(changes, names) {
  const ordered = [...changes].sort((a, b) => a.at - b.at);
  const byStatus = /* @__PURE__ */ new Map();
  ordered.forEach((change, i) => {
    const start = spanStart(change, ordered[i - 1]);
    if (start !== null && start <= change.at) byStatus.set(change.status, (byStatus.get(change.status) ?? 0) + change.at - start);
  });
  const statuses = [...byStatus].map(([status, ms]) => ({ status, ms })).sort((a, b) => b.ms - a.ms);
  return {
    agent: names.get(changes[0].agentKey) ?? changes[0].agent,
    kind: changes[0].kind,
    total: statuses.reduce((sum, s) => sum + s.ms, 0),
    statuses
  };
}
function summarize(activities) {
  const timelines = /* @__PURE__ */ new Map();
  const names = /* @__PURE__ */ new Map();
  for (const activity of uniqueEvents(activities)) {
    if (activity.actor.name) names.set(agentKey(activity), activity.actor.name);
    const change = changeOf(activity);
    if (!change) continue;
    const timeline = timelines.get(change.timeline) ?? [];
    timeline.push(change);
    timelines.set(change.timeline, timeline);
  }
  return [...timelines.values()].map((changes) => timelineSummary(changes, names)).filter((summary) => summary.statuses.length > 0).sort((a, b) => b.total - a.total);
}

function wholeHistory(list) {
  return list !== null && sameFilter(list.filter, {}) && !list.hasMore;
}
const TICK_MS$1 = 3e4;
const WIDE_ENOUGH_FOR_SUMMARY = "(min-width: 480px)";
class Sidebar {
  constructor(api) {
    this.api = api;
    this.layout = createLayout();
    this.filter = {};
    this.loaded = null;
    this.size = null;
    this.lastList = null;
    this.generation = 0;
    this.detailId = null;
    this.summaryOpen = window.matchMedia(WIDE_ENOUGH_FOR_SUMMARY).matches;
    this.queued = new QueuedRetries();
    this.clock = api.clock;
  }
  mount(parent) {
    parent.replaceChildren(this.layout.root);
    this.layout.refresh.addEventListener("click", () => void this.refresh());
    this.watchFilter(this.layout.outcome, "outcome");
    this.watchFilter(this.layout.destination, "destination");
    setInterval(() => this.tick(), TICK_MS$1);
    void this.refresh();
  }
  watchFilter(select, name) {
    select.addEventListener("fwChange", (event) => {
      const value = event.detail?.value;
      this.setFilter(name, value);
    });
  }
  setFilter(name, value) {
    const next = { ...this.filter };
    if (!value || value === ALL) delete next[name];
    else next[name] = value;
    if (next[name] === this.filter[name]) return;
    this.filter = next;
    if (wholeHistory(this.loaded)) return this.renderList();
    void this.reload();
  }
  filtered() {
    return Object.keys(this.filter).length > 0;
  }
  async refresh() {
    this.closeDetail();
    replaceChildren(this.layout.notice, []);
    await this.reload();
  }
  /** The first page for the current filters. */
  async reload() {
    const generation = ++this.generation;
    this.loaded = null;
    this.renderList();
    replaceChildren(this.layout.body, [loadingView()]);
    try {
      const list = await this.readFirst();
      if (generation === this.generation) this.accept(list);
    } catch (err) {
      if (generation === this.generation) this.listFailed(err);
    }
  }
  /**
   * The whole history while it was small at the last read (one answer then serves every filter),
   * else the server's page for the filters; a history that has outgrown one answer is read again filtered.
   */
  async readFirst() {
    if (this.filtered() && !wholeHistory(this.lastList)) return this.read(this.filter, null);
    const all = await this.read({}, null);
    return wholeHistory(all) || !this.filtered() ? all : this.read(this.filter, null);
  }
  async read(filter, after) {
    const { activities, meta } = await this.api.list(filter, after);
    return {
      activities,
      filter,
      after: meta.after_cursor,
      hasMore: meta.has_more,
      notice: meta.notice,
      dropped: meta.dropped,
      at: this.clock.now()
    };
  }
  async loadMore(button) {
    const generation = this.generation;
    const shown = this.loaded;
    if (!shown) return;
    button.setAttribute("loading", "true");
    try {
      const more = await this.read(shown.filter, shown.after);
      if (generation === this.generation) this.accept({ ...more, activities: [...shown.activities, ...more.activities] });
    } catch (err) {
      button.removeAttribute("loading");
      this.notify(...failureNotice("More pushes could not be read", err, this.clock.now()));
    }
  }
  accept(list) {
    this.loaded = list;
    this.lastList = list;
    replaceChildren(this.layout.stale, []);
    replaceChildren(this.layout.dropped, list.dropped > 0 ? [noticeView("warning", droppedNotice(list.dropped), false)] : []);
    replaceChildren(this.layout.serverNotice, list.notice ? [noticeView("info", list.notice, false)] : []);
    if (sameFilter(list.filter, {}))
      this.size = { listed: list.activities.length, whole: !list.hasMore, at: new Date(list.at).toISOString() };
    this.renderList();
    this.renderSize();
  }
  /** The rows for the chosen filters: the whole history filtered here, or the server's rows. */
  rows() {
    const list = this.loaded;
    if (!list) return [];
    return wholeHistory(list) ? list.activities.filter((a) => matchesFilter(a, this.filter)) : list.activities;
  }
  renderSize() {
    if (!this.size) return;
    const { listed, whole, at } = this.size;
    replaceChildren(this.layout.count, [`${historySize(listed, whole)} \xB7 updated `, timeView(at, this.clock.now())]);
  }
  /** No list read yet: the header says why the history's size is unknown. */
  sizeUnknown(err) {
    const now = this.clock.now();
    this.layout.count.textContent = quotaSpent(err) ? `Count not read: try again from ${timeText(tryAgainAt(err, now), now)}` : failureNotice("Count unavailable", err, now)[1];
  }
  /**
   * A reload refused for quota shows the last list again, saying when it was read and when to try
   * again; any other failure (or no list yet) says why in place of the list.
   */
  listFailed(err) {
    const now = this.clock.now();
    const last = this.lastList;
    if (!this.size) this.sizeUnknown(err);
    if (!quotaSpent(err) || !last) {
      replaceChildren(this.layout.body, [noticeView(...failureNotice("The list could not be read", err, now), false)]);
      replaceChildren(this.layout.more, []);
      return;
    }
    this.loaded = last;
    this.renderList();
    const [type, text] = failureNotice("The list could not be refreshed", err, now);
    const fits = wholeHistory(last) || sameFilter(last.filter, this.filter);
    const shown = `Showing the list read at ${timeText(new Date(last.at).toISOString(), now)}${fits ? "" : ", before the filters changed"}.`;
    replaceChildren(this.layout.stale, [noticeView(type, `${text} ${shown}`, false)]);
  }
  renderList() {
    const now = this.clock.now();
    const shown = this.rows().map((a) => this.queued.shown(a, now));
    const handlers = {
      open: (id) => this.openDetail(id),
      retry: (id, button) => void this.retry(id, button)
    };
    replaceChildren(
      this.layout.list,
      shown.map((a) => rowView(a, now, handlers, this.queued.isQueued(a.id)))
    );
    replaceChildren(this.layout.body, shown.length === 0 ? [emptyView(this.filtered())] : []);
    this.renderMore();
    this.renderSummary(shown);
    this.renderFailed(shown);
  }
  renderMore() {
    const list = this.loaded;
    if (!list?.hasMore || list.after === null || !sameFilter(list.filter, this.filter)) return replaceChildren(this.layout.more, []);
    const button = smallButton("Load more", "more");
    button.addEventListener("click", () => void this.loadMore(button));
    replaceChildren(this.layout.more, [button]);
  }
  renderSummary(shown) {
    const view = summaryView(summarize(shown), this.summaryOpen);
    view?.addEventListener("toggle", () => this.summaryOpen = view.open);
    replaceChildren(this.layout.summary, [view]);
  }
  renderFailed(shown) {
    const failed = shown.filter((a) => a.retryable && a.outcome !== "retrying").length;
    this.layout.failed.hidden = failed === 0;
    if (failed === 0) return;
    const button = smallButton("Retry all failed", "retry-all");
    button.addEventListener("click", () => void this.retryAll(button));
    replaceChildren(this.layout.failed, [
      el("span", "failed-text", [`${pluralize(failed, "failed push", "failed pushes")} shown`]),
      button
    ]);
  }
  notify(type, message) {
    replaceChildren(this.layout.notice, [noticeView(type, message)]);
  }
  /** A notice inside the open detail view, where the admin is looking. */
  notifyDetail([type, message]) {
    const slot = this.layout.detailPane.querySelector(".detail-notices");
    if (slot) replaceChildren(slot, [noticeView(type, message)]);
  }
  /** The push as listed: the list's answer holds all of it, so the detail costs no read. */
  openDetail(id) {
    const activity = this.rows().find((a) => a.id === id);
    if (!activity) return;
    this.detailId = id;
    this.showPane(true);
    this.renderDetail(activity);
  }
  renderDetail(activity) {
    const handlers = { back: () => this.closeDetail(), retry: (id, button) => void this.retry(id, button) };
    const now = this.clock.now();
    replaceChildren(this.layout.detailPane, [detailView(this.queued.shown(activity, now), now, handlers)]);
    this.layout.detailPane.querySelector(".detail-title")?.focus();
  }
  /** Back to the list, with the focus on the row that was open. */
  closeDetail() {
    const id = this.detailId;
    this.detailId = null;
    this.showPane(false);
    if (id) this.layout.list.querySelector(`li.row[data-id="${CSS.escape(id)}"] .row-open`)?.focus();
  }
  showPane(detail) {
    this.layout.listPane.hidden = detail;
    this.layout.detailPane.hidden = !detail;
    window.scrollTo(0, 0);
  }
  /** Replays one push and shows its outcome where it was asked for: the list, or the open detail. */
  async retry(id, button) {
    button.setAttribute("loading", "true");
    try {
      const result = await this.api.retry(id);
      this.queued.note(result);
      this.replace(result.activity);
      const notice = retryNotice(result, this.clock.now());
      if (this.detailId === id) this.notifyDetail(notice);
      else this.notify(...notice);
    } catch (err) {
      button.removeAttribute("loading");
      const notice = failureNotice("Retry failed", err, this.clock.now());
      if (this.detailId === id) this.notifyDetail(notice);
      else this.notify(...notice);
    }
  }
  replace(activity) {
    const list = this.loaded;
    if (list) list.activities = list.activities.map((a) => a.id === activity.id ? activity : a);
    this.renderList();
    if (this.detailId === activity.id) this.renderDetail(activity);
  }
  /** Queues every failed push; says how many and when the first and last run; their rows show Retrying until they have run. */
  async retryAll(button) {
    button.setAttribute("loading", "true");
    try {
      const result = await this.api.retryAllFailed();
      this.queued.noteAll(result);
      await this.reload();
      this.notify(...retryAllNotice(result, this.clock.now()));
    } catch (err) {
      button.removeAttribute("loading");
      this.notify(...failureNotice("Retry all failed", err, this.clock.now()));
    }
  }
  /** Keeps the relative times current. */
  tick() {
    const now = this.clock.now();
    for (const time of Array.from(this.layout.root.querySelectorAll("time[data-at]"))) {
      time.textContent = ago(time.dataset.at ?? null, now);
    }
    for (const time of Array.from(this.layout.root.querySelectorAll("time[data-until]"))) {
      time.textContent = until(time.dataset.until ?? null, now);
    }
  }
}

const KEY_STEPS = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1
};
function tabbed(tabs, label) {
  const buttons = tabs.map((tab) => {
    const button = el("button", "view-tab", [tab.label]);
    button.type = "button";
    button.id = `tab-${tab.id}`;
    button.setAttribute("role", "tab");
    button.setAttribute("aria-controls", `panel-${tab.id}`);
    tab.panel.id = `panel-${tab.id}`;
    tab.panel.setAttribute("role", "tabpanel");
    return button;
  });
  const select = (index, focus) => {
    tabs.forEach((tab, i) => {
      const selected = i === index;
      buttons[i].setAttribute("aria-selected", String(selected));
      buttons[i].tabIndex = selected ? 0 : -1;
      tab.panel.hidden = !selected;
    });
    if (focus) buttons[index].focus();
    tabs[index].onShow?.();
  };
  buttons.forEach((button, i) => {
    button.addEventListener("click", () => select(i, false));
    button.addEventListener("keydown", (event) => {
      const step = KEY_STEPS[event.key];
      if (!step) return;
      event.preventDefault();
      select(step(i, buttons.length), true);
    });
  });
  const list = el("div", "view-tabs", buttons);
  list.setAttribute("role", "tablist");
  list.setAttribute("aria-label", label);
  select(0, false);
  const nav = el("nav", "view-nav", [list]);
  nav.setAttribute("aria-label", label);
  return el("div", "views", [nav, ...tabs.map((t) => t.panel)]);
}

const COLOURS = { green: "Healthy", amber: "Waiting", red: "Failing", grey: "Unknown" };
const RULES = {
  verified: { tone: "green", label: "Verified" },
  contradicted: { tone: "red", label: "Contradicted" },
  not_yet_known: { tone: "grey", label: "Not yet known" }
};
const EXPOSURES = {
  exposed: { tone: "red", label: "Exposed" },
  not_exposed: { tone: "green", label: "Withheld" },
  unknown: { tone: "grey", label: "Not yet known" }
};
function pill(tone, label) {
  return fw("fw-pill", { class: `pill health-pill health-pill--${tone}`, "data-tone": tone }, [label]);
}
const figureText = (f) => f.exact ? String(f.value) : `at least ${f.value}`;
function agoTime(iso, now) {
  const time = el("time", "", [ago(iso, now)]);
  time.dataset.at = iso;
  time.setAttribute("datetime", iso);
  return time;
}
function capitalised(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
function errorLine(error, now) {
  const until = error.until ? whenText(error.until, now) : "";
  const next = error.kind === "rate_limited" ? `rate limit lifts ${until}` : `next try ${until}`;
  return el("p", `health-error${error.ongoing ? "" : " health-error--past"}`, [
    `${error.ongoing ? "" : "Last error: "}${capitalised(error.words)} since ${timeText(error.since, now)} (`,
    agoTime(error.since, now),
    until && error.ongoing ? `); ${next}.` : ")."
  ]);
}
function oldestText(oldest, now) {
  const next = oldest.overdue ? `overdue (was due ${timeText(oldest.next_attempt, now)})` : `next try ${whenText(oldest.next_attempt, now)}`;
  return [`since ${timeText(oldest.since, now)} (`, agoTime(oldest.since, now), `); ${next}`];
}
function figures(h, now) {
  const rows = [
    ["Delivered, last hour", [figureText(h.delivered_last_hour)]],
    ["Delivered, last 24 h", [figureText(h.delivered_last_day)]],
    ["Waiting now", [figureText(h.waiting)]],
    // Not every waiting push was read: an older one may wait on a page not read.
    ["Oldest waiting", h.oldest_waiting ? [...oldestText(h.oldest_waiting, now), h.waiting.exact ? "" : " (of those read)"] : ["\u2014"]],
    ["Dead letters, last 24 h", [figureText(h.dead_letters)]],
    ["Rejected, last 24 h", [figureText(h.rejected)]],
    ["Deferred for quota, last hour", [figureText(h.quota_deferred_last_hour)]]
  ];
  return el(
    "dl",
    "health-figures",
    rows.flatMap(([term, value]) => [el("dt", "", [term]), el("dd", "", value)])
  );
}
function card(h, now) {
  const titleId = `health-${h.destination}`;
  const section = el("section", `health-card health-card--${h.colour}`, [
    el("div", "health-card-head", [el("h2", "health-card-title", [h.label]), pill(h.colour, COLOURS[h.colour])]),
    el("p", "health-summary", [h.summary]),
    h.last_error && errorLine(h.last_error, now),
    figures(h, now)
  ]);
  section.setAttribute("aria-labelledby", titleId);
  section.querySelector("h2")?.setAttribute("id", titleId);
  section.dataset.destination = h.destination;
  return section;
}
function ruleReading(rule, now) {
  const seen = rule.observed === null ? "not seen yet" : `the probe saw: ${rule.observed}`;
  return el("p", "health-rule-detail", [
    `The design assumes: ${rule.assumed}; ${seen}`,
    ...rule.checked_at ? [` (checked ${timeText(rule.checked_at, now)}, `, agoTime(rule.checked_at, now), ")."] : ["."]
  ]);
}
function ruleItem(rule, now) {
  const look = RULES[rule.status];
  const item = el("li", `health-rule health-rule--${rule.status}`, [
    el("div", "health-rule-head", [el("span", "health-rule-title", [rule.title]), pill(look.tone, look.label)]),
    ruleReading(rule, now),
    el("p", "health-rule-detail", [capitalised(rule.evidence)]),
    rule.fallback ? el("p", "health-rule-fallback", [`Fallback in use: ${rule.fallback}`]) : null
  ]);
  item.dataset.rule = rule.rule;
  return item;
}
function rules(list, now) {
  const section = el("section", "health-rules", [
    el("h2", "health-card-title", ["Platform rules"]),
    el("p", "muted", ["What the platform self-check found of the rules no public source settles."]),
    list === null ? el("p", "muted", ["The self-check's record could not be read this time; Refresh in a minute."]) : el(
      "ul",
      "health-rule-list",
      list.map((rule) => ruleItem(rule, now))
    )
  ]);
  section.setAttribute("aria-label", "Platform rules");
  return section;
}
function exposureItem(found) {
  const look = EXPOSURES[found.status];
  const item = el("li", `health-rule health-exposure--${found.status}`, [
    el("div", "health-rule-head", [el("span", "health-rule-title", [`${found.destination} token request`]), pill(look.tone, look.label)]),
    el("p", "health-rule-detail", [found.message]),
    found.status === "exposed" ? el("p", "health-rule-fallback", [found.advice]) : null
  ]);
  item.dataset.destination = found.destination;
  return item;
}
function exposureSection(found) {
  const section = el("section", "health-rules health-exposure", [
    el("h2", "health-card-title", ["Secure settings from this browser"]),
    el("p", "muted", [
      "Whether a request template invoked from an agent's browser gets the secure settings filled in (checked once per sidebar, with the token request)."
    ]),
    found === null ? el("p", "muted", ["Checking\u2026"]) : found.length === 0 ? el("p", "muted", ["No destination gets a token through a request template: nothing to check."]) : el("ul", "health-rule-list", found.map(exposureItem))
  ]);
  section.setAttribute("aria-label", "Secure settings from this browser");
  return section;
}
function storeQuotaText(until, now) {
  const still = (parseTime(until) ?? 0) > now;
  return `Events ${still ? "wait" : "waited"} for the installation's storage quota until ${timeText(until, now)}.`;
}
function overall(health, now) {
  return el("div", "health-overall", [
    el("p", health.dropped > 0 ? "health-dropped health-dropped--some" : "health-dropped", [
      health.dropped > 0 ? `${pluralize(health.dropped, "event")} dropped since install: reached neither a destination nor the history.` : "No event dropped since install."
    ]),
    health.quota_bound ? el("p", "health-quota", ["The installation's own platform quota held deliveries back in the last hour."]) : null,
    health.store_quota_until ? el("p", "health-quota health-store", [storeQuotaText(health.store_quota_until, now)]) : null
  ]);
}
function sources(health) {
  const { pages_read: pages, complete } = health.coverage;
  const read = pluralize(pages, "history page");
  const counts = !complete ? `Counts come from the ${read} read now; "at least" marks a count the pages not read could add to.` : pages === 0 ? "Nothing is stored in the history yet: every count is exactly 0." : `Every count is exact: ${read} read, holding all of them.`;
  return el("p", "muted health-sources", [
    `Drops, outages (the last error, since when, the next probe) and the storage backlog come from the delivery engine's own state and are exact. ${counts}`
  ]);
}
function healthBody(health, rulesShown, now) {
  return [overall(health, now), ...health.destinations.map((h) => card(h, now)), sources(health), rules(rulesShown, now)];
}

const STALE_MS = 2 * 6e4;
const TICK_MS = 3e4;
class HealthView {
  constructor(load, checkExposure) {
    this.load = load;
    this.checkExposure = checkExposure;
    this.checked = el("p", "subtitle", ["\xA0"]);
    const heading = el("h1", "title", ["Delivery health"]);
    heading.id = "health-title";
    const refresh = smallButton("Refresh", "health-refresh");
    refresh.addEventListener("click", () => void this.refresh());
    this.notices = el("div", "notices health-notices");
    this.body = el("div", "health-body", [loadingView("Checking delivery health\u2026")]);
    this.exposure = el("div", "health-exposure-body");
    this.root = el("main", "sidebar health", [
      el("header", "header", [el("div", "header-text", [heading, this.checked]), refresh]),
      this.notices,
      this.body,
      this.exposure
    ]);
    this.root.setAttribute("aria-labelledby", heading.id);
    this.shown = null;
    this.rules = null;
    this.exposureChecked = false;
    this.latestNotice = null;
    this.staleAnswer = false;
    this.ticking = false;
    this.clock = new PlatformClock();
  }
  /**
   * Each time the view is opened: a fresh check, and ages that keep moving. The view enters the
   * page when first opened, so until then the page holds the list alone.
   */
  show(parent) {
    if (this.root.parentElement !== parent) parent.append(this.root);
    if (!this.ticking) setInterval(() => this.tick(), TICK_MS);
    this.ticking = true;
    void this.refresh();
    if (!this.exposureChecked) void this.checkTemplates();
  }
  /** Once per sidebar: each check is a token request the vendor answers, and the answer does not change by itself. */
  async checkTemplates() {
    this.exposureChecked = true;
    replaceChildren(this.exposure, [exposureSection(null)]);
    replaceChildren(this.exposure, [exposureSection(await this.checkExposure())]);
  }
  async refresh() {
    this.body.setAttribute("aria-busy", "true");
    try {
      const answer = (await this.load()).health;
      this.clock.sync(answer.checked_at);
      this.staleAnswer = answer.coverage.pages_read === 0 && this.shown !== null;
      if (!this.staleAnswer) this.shown = answer;
      this.rules = answer.platform_rules ?? this.rules;
      this.latestNotice = answer.notice;
      this.render();
    } catch (err) {
      replaceChildren(this.notices, [errorView(`Health could not be checked: ${errorMessage(err)}`)]);
      if (this.shown === null) replaceChildren(this.body, []);
    } finally {
      this.body.removeAttribute("aria-busy");
    }
  }
  render() {
    if (this.shown === null) return;
    replaceChildren(this.body, healthBody(this.shown, this.rules, this.clock.now()));
    this.tick();
  }
  /** Ages move on: "checked 3 min ago", and a warning once the figures are stale. */
  tick() {
    const now = this.clock.now();
    for (const time of Array.from(this.root.querySelectorAll("time[data-at]")))
      time.textContent = ago(time.dataset.at ?? null, now);
    if (this.shown === null) return;
    const at = this.shown.checked_at;
    this.checked.textContent = `Checked at ${timeText(at, now)} (${ago(at, now)})`;
    replaceChildren(this.notices, [
      staleNotice(at, this.staleAnswer, now),
      this.latestNotice && noticeView("info", this.latestNotice, false)
    ]);
  }
}
function staleNotice(at, couldNotRead, now) {
  if (!couldNotRead && now - (parseTime(at) ?? now) <= STALE_MS) return null;
  const why = couldNotRead ? "the history could not be read since" : "Refresh for current ones";
  return noticeView("warning", `These figures are from ${timeText(at, now)}, ${ago(at, now)}: ${why}.`, false);
}

const TOKEN_BODY = "grant_type=client_credentials";
const TOKEN_TEMPLATES = DESCRIPTORS.flatMap((d) => {
  const templates = d.templates;
  return templates.token ? [{ destination: d.label, template: templates.token }] : [];
});
const advice = (destination) => `Give the ${destination} API client this app uses only the right to do what the app does (least privilege), and a client of its own, so a token taken from a browser can do no more than the app does.`;
function refusedStatus(err) {
  const status = err?.status;
  return typeof status === "number" ? status : 0;
}
const REFUSED = /* @__PURE__ */ new Set([400, 401, 403]);
async function checkOne(request, destination, template) {
  let status;
  try {
    status = (await request.invokeTemplate(template, { body: TOKEN_BODY })).status;
  } catch (err) {
    const refused = refusedStatus(err);
    if (REFUSED.has(refused)) {
      return {
        destination,
        status: "not_exposed",
        message: `A ${destination} token request from this page was refused (HTTP ${refused}): secure settings stay on the server.`
      };
    }
    const answer = refused ? `HTTP ${refused}` : "no answer";
    return {
      destination,
      status: "unknown",
      message: `The ${destination} token request from this page did not settle it (${answer}). Try again later.`
    };
  }
  return {
    destination,
    status: "exposed",
    message: `A ${destination} token request from this page was answered HTTP ${status}: the platform filled in the secure credentials, so any agent can obtain a ${destination} token from the browser console.`,
    advice: advice(destination)
  };
}
function checkTemplateExposure(request) {
  return Promise.all(TOKEN_TEMPLATES.map(({ destination, template }) => checkOne(request, destination, template)));
}

function root() {
  return document.getElementById("app") ?? document.body;
}
async function start() {
  try {
    const fdk = await app.initialized();
    const pushes = el("div", "view-panel");
    new Sidebar(new HistoryApi(fdk)).mount(pushes);
    const health = new HealthView(
      async () => (await fdk.request.invoke("healthCheck", {})).response,
      () => checkTemplateExposure(fdk.request)
    );
    const healthPanel = el("div", "view-panel");
    const views = tabbed(
      [
        { id: "pushes", label: "Pushes", panel: pushes },
        { id: "health", label: "Health", panel: healthPanel, onShow: () => health.show(healthPanel) }
      ],
      "Sidebar views"
    );
    root().replaceChildren(views);
  } catch (err) {
    root().replaceChildren(errorView(`The app could not start: ${errorMessage(err)}`));
  }
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start());
else void start();

})();
