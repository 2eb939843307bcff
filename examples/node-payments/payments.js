// The payments profile (ConnectBooster): portal payments pushed to Xero or QuickBooks Online.
// Methods and the keys of each answer are those of docs/harness/http-contract.md ("payments").
'use strict';

const { openBooks } = require('./books');

class Refusal extends Error {
  constructor(message) { super(message); this.contractType = 'UnsupportedAction'; }
}
class Unknown extends Error {
  constructor(message) { super(message); this.contractType = 'KeyError'; }
}

const GUIDANCE = {
  'Already Paid': (l) => `The invoice was already paid in ${l}. Check the payment there, then choose Dismiss Syncing.`,
  'Amount Due Changed': (l) => `A credit changed the amount due in ${l}. Un-apply the credit; the payment syncs on the next run.`,
  'Invoice Recreated': (l) => `The invoice was deleted and recreated in ${l}. Record the payment by hand there, then choose Dismiss Syncing.`,
  'Invoice Deleted': (l) => `The invoice was deleted in ${l}. Record the payment by hand if needed, then choose Dismiss Syncing.`,
  'Invoice Voided': (l) => `The invoice was voided in ${l}. Record the payment by hand if needed, then choose Dismiss Syncing.`,
  'Invoice Edited': (l) => `The invoice total changed in ${l}. Restore it or record the payment by hand, then choose Dismiss Syncing.`,
  'Locked Period': (l) => `The payment date is in a locked period in ${l}. Unlock the period; the payment syncs on the next run.`,
  'Reconnect Required': (l) => `Reconnect ${l}; waiting payments sync on the next run.`,
  'Remote Error': (l) => `${l} refused the payment. Retry; if it persists, contact support with the error.`,
};

class PaymentsService {
  constructor(env) {
    this.env = env;
    this.books = null;
    this.records = new Map();
    this.next = 1;
  }

  async connect_accounting(system) {
    const books = this.books && this.books.system === system ? this.books : openBooks(system, this.env);
    books.system = system;
    await books.connect();
    this.books = books;
    return null;
  }

  async record_payment(invoice, amount, date) {
    const id = String(this.next++);
    const payment = { id, transaction_number: `CB-${id}`, invoice, amount, date, status: 'Pending', reason: null,
      error: null, hidden: false, remote_id: null, seen: null, attempt: 1 };
    this.records.set(id, payment);
    await this.map(payment).catch(() => null); // mapped at the next sync if the books cannot answer now
    return id;
  }

  // Remember which invoice the client paid, and how it looked then.
  async map(payment) {
    if (payment.seen || !this.books) return;
    const found = await this.books.byNumber(payment.invoice, payment.transaction_number);
    if (found) payment.seen = found;
  }

  async sync_payments() {
    for (const payment of this.records.values()) {
      if (['Pending', 'Failed'].includes(payment.status)) await this.push(payment);
    }
    return null;
  }

  // A failed payment always says what went wrong (the remote's own words when it refused).
  fail(payment, reason, error = null) {
    const label = this.books ? this.books.label : 'the accounting package';
    Object.assign(payment, { status: 'Failed', reason, error: error || `${reason}: invoice ${payment.invoice} in ${label}` });
  }

  async push(payment) {
    const books = this.books;
    try {
      if (!books) { payment.reason = 'Reconnect Required'; return; }
      await this.map(payment);
      if (!payment.seen) { this.fail(payment, 'Invoice Deleted', `no invoice ${payment.invoice} in ${books.label}`); return; }
      const txn = payment.transaction_number;
      const now = await books.invoice(payment.seen.id, txn);
      if (now && now.ours) { this.synced(payment, now.ours); return; }
      if (!now || now.state !== 'live') {
        const replacement = await books.byNumber(payment.invoice, txn);
        if (replacement && replacement.id !== payment.seen.id) { this.fail(payment, 'Invoice Recreated'); return; }
        this.fail(payment, !now || now.state === 'deleted' ? 'Invoice Deleted' : 'Invoice Voided');
        return;
      }
      if (Math.abs(now.total - payment.seen.total) > 0.005) { this.fail(payment, 'Invoice Edited'); return; }
      if (now.due + 0.005 < payment.amount) {
        const newPayments = now.foreign.filter((p) => !payment.seen.foreign.includes(p));
        this.fail(payment, newPayments.length ? 'Already Paid' : 'Amount Due Changed');
        return;
      }
      await this.post(payment, now);
    } catch (err) {
      if (err.reconnect) {
        Object.assign(payment, { status: 'Pending', reason: 'Reconnect Required', error: null });
        return;
      }
      this.fail(payment, /lock date|period has closed|Account Period Closed/i.test(err.message) ? 'Locked Period' : 'Remote Error',
        err.message);
    }
  }

  async post(payment, invoice) {
    const key = `${payment.transaction_number}-${payment.attempt}`;
    for (let tries = 1; ; tries += 1) {
      try {
        this.synced(payment, await this.books.post(payment, invoice, key));
        return;
      } catch (err) {
        if (!err.unknown) {
          payment.attempt += 1; // a definitive refusal: the next attempt is a new request
          throw err;
        }
        // the answer was lost: look for our reference before posting again (same key)
        const found = await this.books.findOurs(payment.transaction_number, invoice);
        if (found) { this.synced(payment, found); return; }
        if (tries >= 3) throw err;
      }
    }
  }

  synced(payment, remoteId) {
    Object.assign(payment, { status: 'Synced', reason: null, error: null, remote_id: remoteId });
  }

  view(p) {
    const label = this.books ? this.books.label : 'your accounting package';
    return { id: p.id, transaction_number: p.transaction_number, invoice: p.invoice, amount: p.amount, date: p.date,
      status: p.status, reason: p.reason, error: p.error, guidance: p.reason ? GUIDANCE[p.reason](label) : null,
      hidden: p.hidden, remote_id: p.remote_id };
  }

  get(id) {
    const found = this.records.get(String(id));
    if (!found) throw new Unknown(`no payment ${id}`);
    return found;
  }

  async payments(include_hidden = false) {
    return [...this.records.values()].filter((p) => include_hidden || !p.hidden).map((p) => this.view(p));
  }

  async payment(id) { return this.view(this.get(id)); }

  async resolve_now(id) {
    const p = this.get(id);
    return { ...this.view(p), actions: p.status === 'Failed' ? ['Dismiss Syncing'] : [] };
  }

  async dismiss_syncing(id) {
    const p = this.get(id);
    if (p.status === 'Synced') throw new Refusal('This payment is already synced.');
    p.status = 'Dismissed';
    return null;
  }

  async hide(id) {
    const p = this.get(id);
    if (['Pending', 'Failed'].includes(p.status)) {
      throw new Refusal('A payment that has not synced stays visible until it is resolved or dismissed.');
    }
    p.hidden = true;
    return null;
  }

  async search_entities(transaction_number) {
    return [...this.records.values()].filter((p) => p.transaction_number === transaction_number).map((p) => this.view(p));
  }

  async alerts() {
    const all = [...this.records.values()];
    const failed = all.filter((p) => p.status === 'Failed').length;
    const out = [];
    if (failed > 0 && failed * 10 >= all.length) {
      out.push({ kind: 'failure-rate', message: `${failed} of ${all.length} payments are failing to sync` });
    }
    if (this.books && this.books.remote.reconnect) {
      out.push({ kind: 'reconnect', message: `Reconnect ${this.books.label}: the authorisation has ended.` });
    }
    return out;
  }
}

module.exports = { PaymentsService };
