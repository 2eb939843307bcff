// The accounting packages as this connector sees them: Xero's Accounting API and QuickBooks Online,
// on the real paths, reached at the base URLs the harness sends in RemoteEnv.endpoints.
// Written from docs/simulator/xero.md, docs/simulator/qbo.md and docs/harness/payments.md.
'use strict';

const { Remote, RemoteError } = require('./http');

const LIVE = (status) => !['DELETED', 'VOIDED'].includes(status);

// One shape for an invoice, whichever package it comes from.
//   { id, number, state: 'live'|'deleted'|'voided', total, due, foreign: [payment ids not ours], credited, ours }
class XeroBooks {
  constructor(env, remote) {
    this.label = 'Xero';
    this.env = env;
    this.remote = remote;
    remote.onUnauthorised = () => this.refresh();
  }

  async connect() {
    const app = this.env.xero_app;
    const scope = 'openid profile email offline_access accounting.transactions accounting.settings';
    const code = await this.remote.authorize(this.env.endpoints.xero_authorize, {
      response_type: 'code', client_id: app.client_id, redirect_uri: app.redirect_uri, scope, state: 'cb',
    });
    await this.remote.tokens(`${this.env.endpoints.xero_identity}/connect/token`, app,
      { grant_type: 'authorization_code', code: code.code, redirect_uri: app.redirect_uri });
    const connections = await this.remote.call('GET', `${this.env.endpoints.xero_api}/connections`);
    const org = connections.filter((c) => c.tenantType === 'ORGANISATION').pop();
    if (!org) throw new RemoteError('Xero granted no organisation', 0);
    this.tenant = org.tenantId;
  }

  refresh() {
    return this.remote.refresh(`${this.env.endpoints.xero_identity}/connect/token`, this.env.xero_app);
  }

  api(method, path, body, headers = {}) {
    return this.remote.call(method, `${this.env.endpoints.xero_api}/api.xro/2.0${path}`, body,
      { 'xero-tenant-id': this.tenant, ...headers });
  }

  shape(inv, txn) {
    const payments = inv.Payments || [];
    return {
      id: inv.InvoiceID, number: inv.InvoiceNumber, customer: (inv.Contact || {}).ContactID,
      state: inv.Status === 'DELETED' ? 'deleted' : inv.Status === 'VOIDED' ? 'voided' : 'live',
      total: inv.Total, due: inv.AmountDue,
      foreign: payments.filter((p) => p.Reference !== txn).map((p) => p.PaymentID),
      credited: (inv.AmountCredited || 0) > 0 || (inv.CreditNotes || []).length > 0,
      ours: (payments.find((p) => p.Reference === txn) || {}).PaymentID || null,
    };
  }

  async invoice(id, txn) {
    try {
      const found = await this.api('GET', `/Invoices/${encodeURIComponent(id)}`);
      return this.shape(found.Invoices[0], txn);
    } catch (err) {
      if (err.status === 404) return null;
      throw err;
    }
  }

  async byNumber(number, txn) {
    const found = await this.api('GET', `/Invoices?InvoiceNumbers=${encodeURIComponent(number)}`);
    const live = (found.Invoices || []).filter((i) => LIVE(i.Status));
    return live.length ? this.shape(live[live.length - 1], txn) : null;
  }

  async findOurs(txn) {
    const where = encodeURIComponent(`Reference=="${txn}"`);
    const found = await this.api('GET', `/Payments?where=${where}`);
    const ours = (found.Payments || []).filter((p) => p.Status !== 'DELETED');
    return ours.length ? ours[0].PaymentID : null;
  }

  async bankAccount() {
    if (!this.account) {
      const found = await this.api('GET', `/Accounts?where=${encodeURIComponent('Type=="BANK"')}`);
      this.account = ((found.Accounts || [])[0] || {}).Code || '090';
    }
    return this.account;
  }

  async post(payment, invoice, key) {
    const body = { Payments: [{ Invoice: { InvoiceID: invoice.id }, Account: { Code: await this.bankAccount() },
      Date: payment.date, Amount: payment.amount, Reference: payment.transaction_number }] };
    const answer = await this.api('PUT', '/Payments', body, { 'Idempotency-Key': key });
    return answer.Payments[0].PaymentID;
  }
}

class QuickBooks {
  constructor(env, remote) {
    this.label = 'QuickBooks';
    this.env = env;
    this.remote = remote;
    remote.onUnauthorised = () => this.refresh();
  }

  async connect() {
    const app = this.env.intuit_app;
    this.discovery = await this.remote.call('GET', this.env.endpoints.intuit_discovery, undefined, {}, false);
    const answer = await this.remote.authorize(this.discovery.authorization_endpoint, {
      client_id: app.client_id, response_type: 'code', scope: 'com.intuit.quickbooks.accounting',
      redirect_uri: app.redirect_uri, state: 'cb',
    });
    await this.remote.tokens(this.discovery.token_endpoint, app,
      { grant_type: 'authorization_code', code: answer.code, redirect_uri: app.redirect_uri });
    this.realm = answer.realmId;
  }

  refresh() {
    return this.remote.refresh(this.discovery.token_endpoint, this.env.intuit_app);
  }

  api(method, path, body, headers = {}) {
    const sep = path.includes('?') ? '&' : '?';
    return this.remote.call(method, `${this.env.endpoints.qbo_api}/v3/company/${this.realm}${path}${sep}minorversion=75`,
      body, headers);
  }

  query(text) {
    return this.api('POST', '/query', text, { 'Content-Type': 'application/text' });
  }

  async paymentRef(id) {
    const found = await this.api('GET', `/payment/${id}`);
    return found.Payment.PaymentRefNum;
  }

  async shape(inv, txn) {
    const linked = inv.LinkedTxn || [];
    const foreign = [];
    let ours = null;
    for (const link of linked.filter((l) => l.TxnType === 'Payment')) {
      if ((await this.paymentRef(link.TxnId)) === txn) ours = link.TxnId;
      else foreign.push(link.TxnId);
    }
    const voided = Number(inv.TotalAmt) === 0 && /void/i.test(inv.PrivateNote || '');
    return {
      id: String(inv.Id), number: inv.DocNumber, customer: (inv.CustomerRef || {}).value,
      state: voided ? 'voided' : 'live', total: Number(inv.TotalAmt), due: Number(inv.Balance), foreign,
      credited: linked.some((l) => l.TxnType === 'CreditMemo'), ours,
    };
  }

  async invoice(id, txn) {
    try {
      const found = await this.api('GET', `/invoice/${encodeURIComponent(id)}`);
      return this.shape(found.Invoice, txn);
    } catch (err) {
      if (err.status === 400 && /610|Object Not Found/.test(err.message)) return null;
      throw err;
    }
  }

  async byNumber(number, txn) {
    const found = await this.query(`select * from Invoice where DocNumber = '${number.replace(/'/g, "\\'")}'`);
    const rows = (found.QueryResponse || {}).Invoice || [];
    for (const row of rows.reverse()) {
      const shaped = await this.shape(row, txn);
      if (shaped.state === 'live') return shaped;
    }
    return null;
  }

  async findOurs(txn, invoice) {
    const fresh = invoice ? await this.invoice(invoice.id, txn) : null;
    return fresh ? fresh.ours : null;
  }

  async post(payment, invoice, key) {
    const body = { CustomerRef: { value: invoice.customer }, TotalAmt: payment.amount, TxnDate: payment.date,
      PaymentRefNum: payment.transaction_number, PrivateNote: payment.transaction_number,
      Line: [{ Amount: payment.amount, LinkedTxn: [{ TxnId: invoice.id, TxnType: 'Invoice' }] }] };
    const answer = await this.api('POST', `/payment?requestid=${encodeURIComponent(key)}`, body);
    return String(answer.Payment.Id);
  }
}

function openBooks(system, env) {
  const remote = new Remote(env);
  if (system === 'xero') return new XeroBooks(env, remote);
  if (system === 'qbo') return new QuickBooks(env, remote);
  throw Object.assign(new Error(`unknown accounting system ${JSON.stringify(system)} (xero or qbo)`),
    { contractType: 'ValueError' });
}

module.exports = { openBooks, RemoteError };
