// connsim dashboard: every form with data-url is sent as JSON to that control API route (the same
// route a script calls), then the page reloads to show the new state. No build step, no framework.
"use strict";

function fieldValue(el) {
  const kind = el.dataset.json || "";
  if (el.type === "checkbox") return el.checked;
  if (kind === "bool-value") return el.value === "true";
  const raw = el.value;
  if (kind === "number") return raw === "" ? undefined : Number(raw);
  if (kind === "null") return raw === "" ? null : raw;
  return raw === "" ? undefined : raw;
}

function formBody(form) {
  const body = {};
  for (const el of form.querySelectorAll("[name]")) {
    const value = fieldValue(el);
    if (value !== undefined) body[el.name] = value;
  }
  return body;
}

function flash(text, ok) {
  const box = document.getElementById("flash");
  if (!box) return;
  box.textContent = text;
  box.className = ok ? "ok" : "error";
}

async function send(form) {
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
  const method = (form.dataset.method || "POST").toUpperCase();
  const init = {method, credentials: "same-origin", headers: {"X-Connsim-UI": "1"}};
  if (method !== "GET" && method !== "DELETE") {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(formBody(form));
  }
  const response = await fetch(form.dataset.url, init);
  let answer = null;
  try { answer = await response.json(); } catch (e) { answer = null; }
  if (!response.ok) {
    const message = answer && (answer.message || answer.error) || response.statusText;
    flash(`${method} ${form.dataset.url}: ${response.status} ${message}`, false);
    return;
  }
  sessionStorage.setItem("connsim-flash", `${method} ${form.dataset.url}: ${response.status}`);
  window.location.reload();
}

document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-url]");
  if (!form) return;
  event.preventDefault();
  send(form).catch((err) => flash(String(err), false));
});

document.addEventListener("DOMContentLoaded", () => {
  const done = sessionStorage.getItem("connsim-flash");
  if (done) { sessionStorage.removeItem("connsim-flash"); flash(done, true); }
  const journal = document.getElementById("journal");
  if (journal) startJournal(journal);
});

// -- the live journal: polls GET /_connsim/journal (or /journal/unmatched) for entries past the newest seen
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const child of children) node.append(child === null || child === undefined ? "" : child);
  return node;
}

function exchange(title, headers, body) {
  const lines = Object.entries(headers || {}).map(([k, v]) => `${k}: ${v}`).join("\n");
  return el("div", {class: "exchange"}, el("h4", {}, title), el("pre", {class: "headers"}, lines),
            el("pre", {class: "body"}, body || ""));
}

function entryNode(e) {
  const summary = el("summary", {},
    el("span", {class: "seq"}, `#${e.seq}`), " ", el("span", {class: "at"}, e.at), " ",
    el("b", {}, e.api), " ", el("span", {class: "tenant"}, e.tenant), " ",
    el("code", {}, `${e.method} ${e.path}${e.query ? "?" + e.query : ""}`), " ",
    el("span", {class: `status s${String(e.status)[0]}`}, String(e.status)),
    e.error_code ? el("span", {class: "error-code"}, ` ${e.error_code}`) : "",
    e.fault ? el("span", {class: "fault"}, ` fault ${e.fault}`) : "");
  const details = el("details", {class: "entry", "data-seq": String(e.seq)}, summary,
    el("p", {class: "meta"}, `request id ${e.request_id} · ${e.duration_ms} ms${e.truncated ? " · body truncated" : ""}`),
    exchange("Request", e.request_headers, e.request_body),
    exchange("Response", e.response_headers, e.response_body));
  if (e.unmatched) {
    const list = el("ol", {class: "candidates"});
    for (const c of e.unmatched.candidates || []) {
      const reasons = el("ul", {});
      for (const r of c.reasons || []) reasons.append(el("li", {}, r));
      list.append(el("li", {}, el("code", {}, c.route || c.tenant), ` (${c.api || c.kind || ""})`, reasons));
    }
    details.insertBefore(el("div", {class: "near-miss"}, el("h4", {}, `No ${e.unmatched.kind} matched; closest:`), list),
                         details.children[2]);
  }
  return details;
}

function startJournal(box) {
  let since = 0;
  const params = new URLSearchParams();
  if (box.dataset.api) params.set("api", box.dataset.api);
  if (box.dataset.tenant) params.set("tenant", box.dataset.tenant);
  const path = box.dataset.unmatched ? "/_connsim/journal/unmatched" : "/_connsim/journal";
  const live = document.getElementById("journal-live");
  async function poll() {
    params.set("since", String(since));
    const response = await fetch(`${path}?${params}`, {credentials: "same-origin"});
    if (response.ok) {
      const {entries} = await response.json();
      for (const e of entries) {
        box.prepend(entryNode(e));
        since = Math.max(since, e.seq);
      }
      box.dataset.loaded = "1";
    }
  }
  poll();
  setInterval(() => { if (!live || live.checked) poll(); }, 1500);
}
