// The browser tests' harness: Chromium through playwright-core, axe-core on
// every page, a full-page screenshot per step, and the JSON API for set-up
// (customers, orders, incidents), and the email stand-in for reading the
// links emailed (staff see the outbox with links redacted).
//
// Run through scripts/browser.sh, which starts the Worker and the email and
// Stripe stand-ins and sets PORTAL_BASE_URL, STAFF_TOKEN, STANDIN_URL, SCREENSHOTS
// and CHROMIUM_PATH.
//
// Conventions of the tests:
// - pages are opened with `session.go(path)` and forms posted with
//   `session.submit(button)`, which waits for the next document to load (the
//   pages are plain forms answered with redirects); both fail at once when
//   the document answers with HTTP 4xx/5xx;
// - every page a test lands on is passed to `session.step(name)`, which saves
//   a full-page screenshot `<test>-<NN>-<name>.png` and runs axe-core;
// - a test fails, besides its own assertions, if any page had an axe violation
//   of impact "serious" or "critical", if one of the portal's own resources
//   (stylesheet, script, image) answered 4xx/5xx, or if a page was loaded that
//   no step checked. Less severe axe findings are printed as diagnostics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const BASE_URL = (process.env.PORTAL_BASE_URL || '').replace(/\/+$/, '');
export const STAFF_TOKEN = process.env.STAFF_TOKEN || '';
const STANDIN_URL = (process.env.STANDIN_URL || '').replace(/\/+$/, '');
export const SCREENSHOTS = path.resolve(process.env.SCREENSHOTS || 'tests/artifacts/screenshots');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!BASE_URL || !STAFF_TOKEN || !STANDIN_URL) {
  throw new Error('PORTAL_BASE_URL, STAFF_TOKEN and STANDIN_URL are not set: run the browser tests with scripts/browser.sh');
}

/** Per test, in milliseconds: a journey that takes longer is stuck. */
const TEST_TIMEOUT = 45_000;
/** For a single action (fill, click, find an element). */
const ACTION_TIMEOUT = 5_000;
/** For a page load after a navigation or a form post. */
const NAVIGATION_TIMEOUT = 10_000;
/** Impacts that fail a test; the others are reported as diagnostics. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

const LAUNCH_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------- test data

let counter = 0;

/** A string unique to this run, process and call: letters, digits, dashes. */
export function unique(label) {
  counter += 1;
  const random = Math.floor(Math.random() * 36 ** 4).toString(36);
  return `${label}-${Date.now().toString(36)}-${process.pid.toString(36)}${counter}${random}`;
}

/** A new customer's details: unique email and license serial. */
export function newCustomer(label) {
  const id = unique(label).toLowerCase();
  return {
    email: `browser-${id}@example.test`,
    serial: `TS-${id}`.toUpperCase().slice(0, 40).replace(/-+$/, ''),
    companyName: 'Browser Test d.o.o.',
    street: 'Slovenska cesta 1',
    postalCode: '1000',
    city: 'Ljubljana',
    country: 'SI',
    contactName: 'Ana Novak',
    phone: '+38612345678',
  };
}

// ---------------------------------------------------------------- JSON API

/**
 * Calls the portal's JSON API. `body` is sent as JSON, `raw` as it is (its
 * content type in `headers`). `expect`: the status (or statuses) required;
 * anything else throws with the answer's body.
 */
export async function api(method, pathname, { body, raw, token, headers = {}, expect } = {}) {
  const response = await fetch(BASE_URL + pathname, {
    method,
    redirect: 'manual',
    signal: AbortSignal.timeout(NAVIGATION_TIMEOUT),
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (expect !== undefined) {
    const wanted = Array.isArray(expect) ? expect : [expect];
    if (!wanted.includes(response.status)) {
      throw new Error(`${method} ${pathname} answered ${response.status}, expected ${wanted.join(' or ')}: ${text.slice(0, 600)}`);
    }
  }
  return { status: response.status, json, text, headers: response.headers };
}

/** The messages to an address, newest first (staff API). */
export async function outbox(email) {
  const answer = await api('GET', `/api/staff/outbox?to=${encodeURIComponent(email)}`, {
    token: STAFF_TOKEN,
    expect: 200,
  });
  return answer.json.messages;
}

/** The ids of the messages to an address so far, to wait for a newer one. */
export async function messageIds(email) {
  return new Set((await outbox(email)).map((message) => message.id));
}

const LINKS = {
  verify: /https?:\/\/[^\s"'<>]+\/verify\?token=[A-Za-z0-9_-]{43}/,
  signIn: /https?:\/\/[^\s"'<>]+\/sign-in\?token=[A-Za-z0-9_-]{43}/,
};
/** The same links as staff see them in the outbox: their secret redacted. */
const REDACTED_LINKS = {
  verify: '/verify?token=[redacted]',
  signIn: '/sign-in?token=[redacted]',
};

/**
 * The email API bodies the stand-in accepted for an address (their
 * `headers` included), waiting until `match` finds one, up to `timeout` ms.
 */
export async function waitForEmailBody(email, match, { timeout = 20_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const response = await fetch(`${STANDIN_URL}/received`);
    for (const request of await response.json()) {
      const body = request.body || {};
      if (request.answered === 200 && (body.to || []).includes(email) && match(body)) return body;
    }
    if (Date.now() > deadline) throw new Error(`no matching email to ${email} within ${timeout} ms`);
    await sleep(200);
  }
}

/** The texts of the emails the email stand-in accepted, by outbox id. */
async function mailbox() {
  const response = await fetch(`${STANDIN_URL}/received`);
  const received = await response.json();
  const texts = new Map();
  for (const request of received) {
    if (request.answered === 200) texts.set(request.idempotency_key, request.body?.text || '');
  }
  return texts;
}

/**
 * The newest link of a kind ("verify" or "signIn") emailed to an address in a
 * message not in `except`, as its recipient got it, waiting for it up to
 * `timeout` ms.
 */
export async function waitForLink(email, kind, { except = new Set(), timeout = 10_000 } = {}) {
  const pattern = LINKS[kind];
  const deadline = Date.now() + timeout;
  for (;;) {
    const messages = await outbox(email);
    const delivered = await mailbox();
    for (const message of messages) {
      if (except.has(message.id)) continue;
      if (!(message.text || '').includes(REDACTED_LINKS[kind])) continue;
      const found = (delivered.get(message.id) || '').match(pattern);
      if (found) return found[0];
    }
    if (Date.now() > deadline) {
      const seen = messages.map((m) => `${m.subject} (${m.status})`).join('; ') || 'none';
      const limit = messages.length >= 5 ? ' (the portal sends at most 5 link emails an hour to an address, counting every email)' : '';
      throw new Error(`no ${kind} link was emailed to ${email} within ${timeout} ms${limit}; messages: ${seen}`);
    }
    await sleep(200);
  }
}

/**
 * Makes Stripe's stand-in keep the webhook of a checkout session when it is
 * paid, so that the browser arrives back before the payment is confirmed.
 */
export async function holdWebhook(sessionId) {
  const response = await fetch(`${STANDIN_URL}/checkout-sessions/${encodeURIComponent(sessionId)}/hold`, { method: 'POST' });
  assert.equal(response.status, 200, `holding the webhook of ${sessionId}: ${await response.text()}`);
}

/** Sends a held webhook to the portal; asserts the portal took it (200). */
export async function releaseWebhook(sessionId) {
  const response = await fetch(`${STANDIN_URL}/checkout-sessions/${encodeURIComponent(sessionId)}/release`, { method: 'POST' });
  const answer = await response.json();
  assert.equal(answer.status, 200, `the portal did not take the webhook of ${sessionId}: ${JSON.stringify(answer)}`);
}

export function tokenOf(link) {
  return new URL(link).searchParams.get('token');
}

/**
 * Puts a customer's license in the catalogue with their company as its
 * licensee, so that registering its serial makes the company its holder
 * (and earns the free first coupon).
 */
export async function catalogueLicense(customer) {
  const answer = await api('POST', '/api/staff/licenses', {
    token: STAFF_TOKEN,
    expect: 200,
    body: [{
      serial: customer.serial, product: 'Time & Space', edition: 'Professional', version: '8.0',
      list_price: '1234.50', installations: '2',
      licensee_name: customer.companyName, licensee_country: customer.country,
    }],
  });
  assert.deepEqual(answer.json.rejected, [], `the license was not imported: ${answer.text}`);
}

/**
 * Registers a new customer through the API (pending verification); with
 * `claim`, under serial "0" ("I do not know it"), which makes a license
 * claim for staff to decide once the address is confirmed.
 */
export async function registerCustomer(label, { claim = false, companyName, phone } = {}) {
  const customer = newCustomer(label);
  if (companyName) customer.companyName = companyName;
  if (phone) customer.phone = phone;
  if (claim) customer.serial = '0';
  else await catalogueLicense(customer);
  const answer = await api('POST', '/api/registrations', {
    expect: 201,
    body: {
      serial: customer.serial,
      company: {
        name: customer.companyName,
        street: customer.street,
        postal_code: customer.postalCode,
        city: customer.city,
        country: customer.country,
      },
      contact: { name: customer.contactName, email: customer.email, phone: customer.phone },
      newsletter: false,
      accept_terms: true,
    },
  });
  customer.customerId = answer.json.customer_id;
  return customer;
}

/** Confirms a registered customer's address with the emailed link (API). */
export async function verifyCustomer(customer) {
  const link = await waitForLink(customer.email, 'verify');
  const answer = await api('POST', '/api/registrations/verify', { body: { token: tokenOf(link) }, expect: 200 });
  customer.couponBalance = answer.json.coupon_balance;
  return customer;
}

/** A registered, verified customer (with the free coupon of a new serial). */
export async function activeCustomer(label, options) {
  return verifyCustomer(await registerCustomer(label, options));
}

/** Opens a voice-call incident for a signed-in customer (API); its id. */
export async function openIncident(customer, subject) {
  const opened = await api('POST', '/api/me/incidents', {
    token: customer.accessToken,
    expect: 201,
    body: {
      subject: `${subject} (${Date.now()})`,
      description: 'The licence server does not answer since this morning.',
      channel: 'voice',
      phone: customer.phone,
      preferred_times: 'Any time today',
    },
  });
  return opened.json.incident_id;
}

/** Signs a customer in through the API: an emailed link, redeemed; the bearer token. */
export async function apiSignIn(customer) {
  const before = await messageIds(customer.email);
  await api('POST', '/api/sessions', { body: { email: customer.email }, expect: 202 });
  const link = await waitForLink(customer.email, 'signIn', { except: before });
  const answer = await api('POST', '/api/sessions/redeem', { body: { token: tokenOf(link) }, expect: 200 });
  customer.accessToken = answer.json.access_token;
  return customer.accessToken;
}

// ---------------------------------------------------------------- browser

function slug(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** Polls a locator's text until it matches (string: contains, RegExp: test). */
export async function expectText(locator, expected, { timeout = 3_000, what = 'element' } = {}) {
  const deadline = Date.now() + timeout;
  let actual;
  for (;;) {
    actual = (await locator.first().textContent({ timeout: ACTION_TIMEOUT }).catch(() => null)) ?? null;
    const text = actual === null ? null : actual.replace(/\s+/g, ' ').trim();
    if (text !== null) {
      const ok = expected instanceof RegExp ? expected.test(text) : text.includes(expected);
      if (ok) return text;
    }
    if (Date.now() > deadline) {
      assert.fail(`${what}: expected text ${expected instanceof RegExp ? expected : JSON.stringify(expected)}, found ${actual === null ? 'no such element' : JSON.stringify(text)}`);
    }
    await sleep(100);
  }
}

/** One test's browser: a Chromium with one context and one page. */
export class Session {
  /**
   * `args`: more Chromium switches (fake media devices for live calls);
   * `locale`: the browser's language (its Accept-Language), `en-GB` unless said.
   */
  static async open(prefix, t, { args = [], locale = 'en-GB' } = {}) {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...LAUNCH_ARGS, ...args] });
    const context = await browser.newContext({
      bypassCSP: true,
      baseURL: BASE_URL,
      viewport: { width: 1280, height: 900 },
      locale,
    });
    context.setDefaultTimeout(ACTION_TIMEOUT);
    context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
    const page = await context.newPage();
    return new Session(prefix, t, browser, context, page);
  }

  constructor(prefix, t, browser, context, page) {
    Object.assign(this, { prefix, t, browser, context, page });
    this.steps = 0;
    this.documents = []; // every document loaded: { url, checked }
    this.lastDocument = null; // the main frame's last navigation answer
    this.violations = []; // serious and critical axe findings
    this.consoleErrors = [];
    this.brokenResources = []; // the portal's styles, scripts, images that failed
    page.on('domcontentloaded', () => {
      const url = page.url();
      if (url !== 'about:blank') this.documents.push({ url, checked: false });
    });
    page.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && response.frame() === page.mainFrame()) {
        this.lastDocument = { method: request.method(), url: response.url(), status: response.status() };
      }
    });
    page.on('requestfinished', async (request) => {
      if (request.isNavigationRequest()) return;
      const url = new URL(request.url());
      if (url.origin !== new URL(BASE_URL).origin || url.pathname === '/favicon.ico') return;
      const response = await request.response().catch(() => null);
      if (response && response.status() >= 400) {
        this.brokenResources.push(`${url.pathname} answered HTTP ${response.status()} (loaded by ${this.path()})`);
      }
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        this.consoleErrors.push(`console: ${message.text()}`);
      }
    });
  }

  /**
   * Opens a path of the portal (or an absolute URL, such as an emailed link);
   * fails at once if the page answers with an error status.
   */
  async go(target) {
    await this.page.goto(target.startsWith('http') ? target : BASE_URL + target);
    await this.expectSuccess(`opening ${target.startsWith('http') ? new URL(target).pathname : target}`);
  }

  /** Opens a path of the portal, asserts its h1, and checks it as a step named by it. */
  async visit(target, heading) {
    await this.go(target);
    await this.expectHeading(heading);
    await this.step(heading);
  }

  /**
   * Clicks a button (or link) and waits for the next document to load; fails
   * at once if it answers with an error status.
   */
  async submit(locator) {
    const label = (await locator.first().textContent({ timeout: ACTION_TIMEOUT }).catch(() => '')) || '';
    await Promise.all([this.page.waitForEvent('load', { timeout: NAVIGATION_TIMEOUT }), locator.click()]);
    await this.expectSuccess(`after clicking "${label.replace(/\s+/g, ' ').trim()}" on ${this.documents.at(-2)?.url ?? 'the page'}`);
  }

  /** Fails (with a screenshot of it) if the current document answered 4xx/5xx. */
  async expectSuccess(doing) {
    const answer = this.lastDocument;
    if (!answer || answer.status < 400) return;
    const body = (await this.page.locator('body').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
    const url = new URL(answer.url);
    assert.fail(`${doing}: ${answer.method} ${url.pathname}${url.search} answered HTTP ${answer.status}: ${body}`);
  }

  /** The current path, for assertions. */
  path() {
    return new URL(this.page.url()).pathname;
  }

  /** Asserts the current path, and returns the match. */
  expectPath(pattern) {
    const current = this.path();
    const match = typeof pattern === 'string' ? current === pattern && [current] : current.match(pattern);
    assert.ok(match, `expected to be on ${pattern}, but the browser is on ${this.page.url()}`);
    return match;
  }

  /** Asserts the page's h1. */
  async expectHeading(expected) {
    return expectText(this.page.locator('h1'), expected, { what: `h1 of ${this.path()}` });
  }

  /**
   * Checks the page the browser is on: its HTTP status, a full-page
   * screenshot, and axe-core.
   */
  async step(name) {
    const { page } = this;
    await page.waitForLoadState('load');
    this.steps += 1;
    const file = path.join(SCREENSHOTS, `${this.prefix}-${String(this.steps).padStart(2, '0')}-${slug(name)}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const current = this.documents.at(-1);
    if (current) current.checked = true;

    await this.expectSuccess(`step "${name}"`);

    if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
      await page.addScriptTag({ path: AXE_PATH });
    }
    const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const where = `${this.path()} (step ${this.steps}, ${name})`;
    for (const violation of results.violations) {
      const nodes = violation.nodes
        .slice(0, 5)
        .map((node) => `      ${node.target.join(' ')}  ${node.html.slice(0, 160)}`)
        .join('\n');
      const line = `[${violation.impact}] ${violation.id} on ${where}: ${violation.help} (${violation.nodes.length} element(s)) ${violation.helpUrl}\n${nodes}`;
      if (FAILING_IMPACTS.has(violation.impact)) this.violations.push(line);
      else this.t.diagnostic(`axe ${line.split('\n')[0]}`);
    }
    return file;
  }

  /** A screenshot of where a failed test stopped (no checks). */
  async failureShot() {
    const file = path.join(SCREENSHOTS, `${this.prefix}-${String(this.steps + 1).padStart(2, '0')}-failed.png`);
    await this.page.screenshot({ path: file, fullPage: true, timeout: 3_000 }).catch(() => {});
    return file;
  }

  /** What must fail the test besides its own assertions. */
  accessibilityProblems({ includeUnchecked }) {
    const problems = [...this.violations];
    for (const resource of new Set(this.brokenResources)) problems.push(`a page's resource failed: ${resource}`);
    if (includeUnchecked) {
      for (const document of this.documents.filter((d) => !d.checked)) {
        problems.push(`a page was visited without a step (no screenshot, no axe): ${document.url}`);
      }
    }
    return problems;
  }

  async close() {
    await this.browser.close().catch(() => {});
  }
}

/**
 * A browser test: `body(session)` runs with a fresh Chromium; afterwards the
 * test fails on its own error or on serious/critical axe violations.
 */
export function browserTest(prefix, name, body, { locale } = {}) {
  test(name, { timeout: TEST_TIMEOUT }, async (t) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const session = await Session.open(prefix, t, { locale });
    let failure;
    try {
      await body(session, t);
    } catch (error) {
      failure = error;
      const shot = await session.failureShot();
      t.diagnostic(`stopped on ${session.page.url()}; screenshot ${shot}`);
    } finally {
      for (const line of session.consoleErrors) t.diagnostic(line);
      await session.close();
    }
    const problems = session.accessibilityProblems({ includeUnchecked: !failure });
    const report = problems.length
      ? `pages: ${problems.length} problem(s) (axe violations of impact serious/critical, resources that failed, pages not checked):\n  ${problems.join('\n  ')}`
      : '';
    if (failure) {
      if (report && failure instanceof Error) failure.message += `\n${report}`;
      throw failure;
    }
    if (report) assert.fail(report);
  });
}

// ---------------------------------------------------------------- flows

/**
 * Signs a customer in through the pages: /sign-in's form emails a link, the
 * link's page has one "Sign in" button, which lands on /portal.
 */
export async function browserSignIn(session, customer) {
  const { page } = session;
  await session.go('/sign-in');
  await session.step('sign-in form');
  const before = await messageIds(customer.email);
  await page.locator('#email').fill(customer.email);
  await session.submit(page.getByRole('button', { name: /^Email me/ }));
  await session.expectHeading('Check your email');
  await session.step('sign-in check your email');

  const link = await waitForLink(customer.email, 'signIn', { except: before });
  await session.go(link);
  await session.step('sign-in link');
  await session.submit(page.getByRole('button', { name: /^Sign in\b/ }));
  session.expectPath(/^\/portal\/?$/);
  await session.expectHeading('Your support account');
  await page.locator('#coupon-balance').waitFor({ state: 'visible' });
  await session.step('portal after sign-in');

  const cookies = await session.context.cookies(BASE_URL);
  assert.ok(
    cookies.some((cookie) => cookie.httpOnly),
    `signing in set no HttpOnly session cookie; cookies: ${JSON.stringify(cookies.map((c) => ({ name: c.name, httpOnly: c.httpOnly })))}`,
  );
}

/**
 * A new active customer, signed in through the API (`accessToken`, to read
 * back what the pages did) and in the browser.
 */
export async function signedInCustomer(session, label) {
  const customer = await activeCustomer(label);
  await apiSignIn(customer);
  await browserSignIn(session, customer);
  return customer;
}

/** The row of the current page's tables holding `text`. */
export function rowWith(page, text) {
  return page.locator('tbody tr', { hasText: text });
}

/**
 * Decides a row of a desk list with its own form (a field, then a button):
 * the page comes back at `path` without the row.
 */
export async function decideRow(session, row, { field, text, button, path }) {
  await row.getByLabel(field).fill(text);
  await session.submit(row.getByRole('button', { name: button, exact: true }));
  session.expectPath(path);
  assert.equal(await row.count(), 0, `the row decided by "${button}" is still listed on ${path}`);
}

/** Signs staff in at /desk/sign-in with the staff token; lands on /desk. */
export async function deskSignIn(session) {
  const { page } = session;
  await session.go('/desk/sign-in');
  await session.step('desk sign-in form');
  await page.getByLabel('Staff token').fill(STAFF_TOKEN);
  await session.submit(page.getByRole('button', { name: /^Sign in\b/ }));
  session.expectPath(/^\/desk\/?$/);
  await session.expectHeading('Support desk');
  await session.step('desk');
}
