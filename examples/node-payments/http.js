// HTTP to a remote: bearer tokens refreshed once on 401, 429 waited out on the SIMULATED clock
// (RemoteEnv.clock: POST {"advance_seconds": n}), reads retried on 5xx or a dropped connection.
// A write whose answer is lost is reported as `unknown` so the caller looks before posting again.
'use strict';

class RemoteError extends Error {
  constructor(message, status, extra = {}) {
    super(message);
    this.status = status;
    Object.assign(this, extra);
  }
}

// The remote's own words: Xero's ValidationErrors, QuickBooks' Fault, OAuth's error, or the text.
function remoteText(body, raw) {
  if (body && body.Elements) {
    const errors = body.Elements.flatMap((e) => e.ValidationErrors || []).map((e) => e.Message);
    if (errors.length) return errors.join('; ');
  }
  if (body && body.Fault && body.Fault.Error) {
    return body.Fault.Error.map((e) => `${e.Detail || e.Message} (${e.code})`).join('; ');
  }
  if (body && body.Message) return body.Message;
  if (body && body.error) return String(body.error);
  return String(raw).slice(0, 300);
}

class Remote {
  constructor(env) {
    this.env = env;
    this.access = null;
    this.refreshToken = null;
    this.reconnect = false;
  }

  async wait(seconds) {
    const clock = this.env.clock || { url: `${this.env.control}/_connsim/clock`, headers: {} };
    await fetch(clock.url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(clock.headers || {}) },
      body: JSON.stringify({ advance_seconds: seconds }) });
  }

  async authorize(url, params) {
    const answer = await fetch(`${url}?${new URLSearchParams(params)}`, { redirect: 'manual' });
    const location = answer.headers.get('location');
    if (!location) throw new RemoteError(`authorize answered HTTP ${answer.status} without a redirect`, answer.status);
    const query = new URL(location).searchParams;
    if (query.get('error')) throw new RemoteError(`authorisation refused: ${query.get('error')}`, 400);
    return Object.fromEntries(query.entries());
  }

  async tokens(url, app, form) {
    const basic = Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64');
    const answer = await fetch(url, { method: 'POST', body: new URLSearchParams(form),
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json' } });
    const body = await answer.json().catch(() => ({}));
    if (!answer.ok) {
      throw new RemoteError(`token endpoint: ${remoteText(body, '')}`, answer.status,
        { reconnect: body.error === 'invalid_grant' });
    }
    this.access = body.access_token;
    this.refreshToken = body.refresh_token || this.refreshToken;
    this.reconnect = false;
  }

  async refresh(url, app) {
    try {
      await this.tokens(url, app, { grant_type: 'refresh_token', refresh_token: this.refreshToken });
    } catch (err) {
      if (err.reconnect || err.status === 400 || err.status === 401) this.reconnect = true;
      throw err;
    }
  }

  // One API call. `onUnauthorised` is set by the books (refresh); `auth` false for public documents.
  async call(method, url, body, headers = {}, auth = true) {
    if (auth && this.reconnect) throw new RemoteError('the connection needs to be re-authorised', 401, { reconnect: true });
    const write = method !== 'GET' && !url.includes('/query');
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      const init = { method, headers: { Accept: 'application/json', ...headers } };
      if (auth) init.headers.Authorization = `Bearer ${this.access}`;
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        if (!init.headers['Content-Type']) init.headers['Content-Type'] = 'application/json';
      }
      let answer;
      let raw;
      try {
        answer = await fetch(url, init);
        raw = await answer.text();
      } catch (err) {
        if (write) throw new RemoteError(`${method} ${url}: the answer was lost (${err.cause ? err.cause.code : err.message})`, 0, { unknown: true });
        if (attempt < 4) continue;
        throw new RemoteError(`${method} ${url}: ${err.message}`, 0);
      }
      let parsed = null;
      try { parsed = raw ? JSON.parse(raw) : null; } catch (_) { parsed = null; }
      if (answer.ok) return parsed;
      if (answer.status === 401 && auth && !refreshed && this.onUnauthorised) {
        refreshed = true;
        try {
          await this.onUnauthorised();
        } catch (err) {
          throw new RemoteError('the connection needs to be re-authorised', 401, { reconnect: true });
        }
        continue;
      }
      if (answer.status === 401 || (answer.status === 403 && auth)) {
        this.reconnect = true;
        throw new RemoteError('the connection needs to be re-authorised', answer.status, { reconnect: true });
      }
      if (answer.status === 429 && attempt < 8) {
        await this.wait(Number(answer.headers.get('retry-after') || 60));
        continue;
      }
      if (answer.status >= 500) {
        if (write) throw new RemoteError(`${method} ${url}: HTTP ${answer.status}`, answer.status, { unknown: true });
        if (attempt < 4) continue;
      }
      throw new RemoteError(remoteText(parsed, raw), answer.status);
    }
  }
}

module.exports = { Remote, RemoteError };
