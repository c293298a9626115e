/* Built from src/ (source b058b2d3270aafee45daf24ae4ae22c5d37ad4d43685dfd54da327dbcbef7273) by `npm run build`; do not edit. */
(function () {
'use strict';

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

const PAGE_SIZE = 25;
class HistoryApi {
  constructor(client) {
    this.client = client;
  }
  async call(method, args = {}) {
    try {
      const result = await this.client.request.invoke(method, args);
      return result.response;
    } catch (err) {
      throw new ApiError(err);
    }
  }
  list(filter, after) {
    const page = after ? { size: PAGE_SIZE, after } : { size: PAGE_SIZE };
    return this.call("listActivities", { page, filter });
  }
  async show(id) {
    return (await this.call("showActivity", { id })).activity;
  }
  count() {
    return this.call("countActivities");
  }
  retry(id) {
    return this.call("retryActivity", { id });
  }
  retryAllFailed() {
    return this.call("retryAllFailed");
  }
}

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
function historySize(count, listed, listedAll) {
  const value = Math.max(count.value, listed);
  const exact = count.exact && count.value >= listed || listedAll && listed >= count.value;
  return `${exact ? "" : "At least "}${value} in history`;
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
  if (result.queued === 0) return ["info", `Nothing to retry.${waiting}`];
  return ["success", `Queued ${pluralize(result.queued, "push", "pushes")} for retry${runsText(result, now)}.${waiting}`];
}
function droppedNotice(dropped) {
  return `${pluralize(dropped, "event")} could not be stored during an overload. ${dropped === 1 ? "It is" : "They are"} not in this list; the app's logs name each one.`;
}
function serverNotices(list, count) {
  return [...new Set([list, count].filter((n) => typeof n === "string" && n !== ""))];
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
function failureNotice(what, err, now) {
  if (!quotaSpent(err)) return ["error", `${what}: ${errorMessage(err)}`];
  return [
    "warning",
    `${what}: the installation's request quota is spent for this minute. Try again from ${timeText(quotaFreeAt(now), now)}.`
  ];
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

const TICK_MS = 3e4;
const WIDE_ENOUGH_FOR_SUMMARY = "(min-width: 480px)";
class Sidebar {
  constructor(api) {
    this.api = api;
    this.layout = createLayout();
    this.filter = {};
    this.activities = [];
    this.after = null;
    this.hasMore = false;
    this.listedAll = false;
    this.count = null;
    this.lastList = null;
    this.generation = 0;
    this.detailId = null;
    this.summaryOpen = window.matchMedia(WIDE_ENOUGH_FOR_SUMMARY).matches;
    this.listNotice = null;
    this.countNotice = null;
    this.queued = new QueuedRetries();
    this.clock = new PlatformClock();
  }
  mount(parent) {
    parent.replaceChildren(this.layout.root);
    this.layout.refresh.addEventListener("click", () => void this.refresh());
    this.watchFilter(this.layout.outcome, "outcome");
    this.watchFilter(this.layout.destination, "destination");
    setInterval(() => this.tick(), TICK_MS);
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
    void this.reload();
  }
  filtered() {
    return Object.keys(this.filter).length > 0;
  }
  async refresh() {
    this.closeDetail();
    replaceChildren(this.layout.notice, []);
    await Promise.all([this.reload(), this.loadCount()]);
  }
  async loadCount() {
    try {
      const { count } = await this.api.count();
      this.clock.sync(count.refreshed_at);
      this.count = count;
      this.renderCount();
      replaceChildren(this.layout.dropped, count.dropped > 0 ? [noticeView("warning", droppedNotice(count.dropped), false)] : []);
      this.countNotice = count.notice;
      this.renderServerNotice();
    } catch (err) {
      this.countFailed(err);
    }
  }
  /** A count refused for quota keeps the last one (its "updated … ago" ages); otherwise the header says why there is none. */
  countFailed(err) {
    const now = this.clock.now();
    if (quotaSpent(err) && this.count) return this.renderCount();
    this.count = null;
    this.layout.count.textContent = quotaSpent(err) ? `Count not read: try again from ${timeText(quotaFreeAt(now), now)}` : failureNotice("Count unavailable", err, now)[1];
  }
  /** The first page for the current filters. */
  async reload() {
    const generation = ++this.generation;
    this.activities = [];
    this.listedAll = false;
    this.renderList();
    replaceChildren(this.layout.body, [loadingView()]);
    try {
      const page = await this.api.list(this.filter, null);
      if (generation === this.generation) this.accept(page.activities, page.meta);
    } catch (err) {
      if (generation === this.generation) this.listFailed(err);
    }
  }
  async loadMore(button) {
    const generation = this.generation;
    button.setAttribute("loading", "true");
    try {
      const page = await this.api.list(this.filter, this.after);
      if (generation === this.generation) this.accept([...this.activities, ...page.activities], page.meta);
    } catch (err) {
      button.removeAttribute("loading");
      this.notify(...failureNotice("More pushes could not be read", err, this.clock.now()));
    }
  }
  accept(activities, meta) {
    this.clock.sync(meta.now);
    this.activities = activities;
    this.after = meta.after_cursor;
    this.hasMore = meta.has_more && meta.after_cursor !== null;
    this.listedAll = !meta.has_more && !this.filtered();
    this.listNotice = meta.notice;
    replaceChildren(this.layout.stale, []);
    this.lastList = {
      activities,
      after: this.after,
      hasMore: this.hasMore,
      listedAll: this.listedAll,
      filter: this.filter,
      at: this.clock.now()
    };
    this.renderList();
    this.renderCount();
    this.renderServerNotice();
  }
  /** The count, raised to what the unfiltered list has loaded when that is more. */
  renderCount() {
    if (!this.count) return;
    const size = historySize(this.count, this.filtered() ? 0 : this.activities.length, this.listedAll);
    replaceChildren(this.layout.count, [`${size} \xB7 updated `, timeView(this.count.refreshed_at, this.clock.now())]);
  }
  renderServerNotice() {
    replaceChildren(
      this.layout.serverNotice,
      serverNotices(this.listNotice, this.countNotice).map((text) => noticeView("info", text, false))
    );
  }
  /**
   * A reload refused for quota shows the last list again, saying when it was read and when to try
   * again; any other failure (or no list yet) says why in place of the list.
   */
  listFailed(err) {
    const now = this.clock.now();
    const last = this.lastList;
    if (!quotaSpent(err) || !last) {
      this.hasMore = false;
      replaceChildren(this.layout.body, [noticeView(...failureNotice("The list could not be read", err, now), false)]);
      replaceChildren(this.layout.more, []);
      return;
    }
    const sameFilters = JSON.stringify(last.filter) === JSON.stringify(this.filter);
    this.activities = last.activities;
    this.after = last.after;
    this.hasMore = sameFilters && last.hasMore;
    this.listedAll = sameFilters && last.listedAll;
    this.renderList();
    this.renderCount();
    const [type, text] = failureNotice("The list could not be refreshed", err, now);
    const shown = `Showing the list read at ${timeText(new Date(last.at).toISOString(), now)}${sameFilters ? "" : ", before the filters changed"}.`;
    replaceChildren(this.layout.stale, [noticeView(type, `${text} ${shown}`, false)]);
  }
  renderList() {
    const now = this.clock.now();
    const shown = this.activities.map((a) => this.queued.shown(a, now));
    const handlers = {
      open: (id) => void this.openDetail(id),
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
    if (!this.hasMore) return replaceChildren(this.layout.more, []);
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
  async openDetail(id) {
    this.detailId = id;
    this.showPane(true);
    replaceChildren(this.layout.detailPane, [loadingView("Loading push\u2026")]);
    try {
      const activity = await this.api.show(id);
      if (this.detailId === id) this.renderDetail(activity);
    } catch (err) {
      if (this.detailId === id) this.renderDetailError(err);
    }
  }
  renderDetail(activity) {
    const handlers = { back: () => this.closeDetail(), retry: (id, button) => void this.retry(id, button) };
    const now = this.clock.now();
    replaceChildren(this.layout.detailPane, [detailView(this.queued.shown(activity, now), now, handlers)]);
    this.layout.detailPane.querySelector(".detail-title")?.focus();
  }
  renderDetailError(err) {
    const back = backButton({ back: () => this.closeDetail() });
    replaceChildren(this.layout.detailPane, [
      back,
      noticeView(...failureNotice("This push could not be read", err, this.clock.now()), false)
    ]);
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
    this.activities = this.activities.map((a) => a.id === activity.id ? activity : a);
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

function root() {
  return document.getElementById("app") ?? document.body;
}
async function start() {
  try {
    const fdk = await app.initialized();
    new Sidebar(new HistoryApi(fdk)).mount(root());
  } catch (err) {
    root().replaceChildren(errorView(`The app could not start: ${errorMessage(err)}`));
  }
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start());
else void start();

})();
