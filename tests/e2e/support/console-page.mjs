// The page object: every way a test reaches the console goes through here,
// by role and accessible name, so a renamed button breaks one place and the
// tests read as what a person does.
import assert from 'node:assert/strict';
import { API_URL, APP_URL } from './harness.mjs';
import { SECRET_CREDENTIALS } from './platforms.mjs';

/** The three sandbox connections of the default config.json, by platform. */
export const CONNECTIONS = {
  rocketchat: 'Rocket.Chat (sandbox)',
  ryze: 'RyzeAPI (sandbox)',
  altegio: 'Altegio (sandbox)',
};

/** How many cards each sandbox connection holds in the default data. */
export const DEFAULT_COUNTS = { rocketchat: 12, ryze: 4, altegio: 4 };

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class ConsolePage {
  /** `app` is what `useApp()` returns; read inside a test, after `beforeEach`. */
  constructor(app) {
    this.app = app;
    this.page = app.page;
  }

  /**
   * Opens the console. `requestTimeoutMs` rewrites the served config.json
   * for this page only, so a timeout test waits a second, not fifteen;
   * `rateLimits` (by platform) sets connections' `rateLimit` the same way.
   * `query` is appended to the URL (`?q=…`).
   */
  static async open(app, { requestTimeoutMs, rateLimits, query = '' } = {}) {
    const ui = new ConsolePage(app);
    if (requestTimeoutMs !== undefined || rateLimits !== undefined) {
      await ui.page.route('**/config.json', async (route) => {
        const response = await route.fetch();
        const json = await response.json();
        if (requestTimeoutMs !== undefined) json.requestTimeoutMs = requestTimeoutMs;
        for (const connection of json.connections) {
          const limit = rateLimits?.[connection.platform];
          if (limit) connection.rateLimit = limit;
        }
        await route.fulfill({ response, json });
      });
    }
    await ui.page.goto(`${APP_URL}${query}`);
    await ui.tab('Integrations').waitFor();
    return ui;
  }

  /**
   * Opens the console and signs every sandbox connection in with its demo
   * credentials (`remember` ticks "Remember in this tab" first).
   */
  static async signedIn(app, { requestTimeoutMs, rateLimits, query, remember = false, counts = DEFAULT_COUNTS } = {}) {
    const ui = await ConsolePage.open(app, { requestTimeoutMs, rateLimits, query });
    await ui.signInAllWithDemo({ remember, counts });
    return ui;
  }

  /**
   * Accepts Chromium's "Failed to load resource: ... status of N" for the
   * non-2xx answers a test provokes on purpose, and only those.
   */
  allowFailedLoad(status, urlPart) {
    this.app.browser.allowErrors(new RegExp(`Failed to load resource: the server responded with a status of ${status} .*${escapeRegExp(urlPart)}`));
  }

  // --- Views -------------------------------------------------------------

  tab(name) {
    return this.page.getByRole('tab', { name, exact: true });
  }

  async show(view) {
    await this.tab(view).click();
    await this.page.getByRole('tabpanel', { name: view, exact: true }).waitFor();
  }

  // --- Connections -------------------------------------------------------

  /** A connection's panel on the Connections view. */
  connection(label) {
    return this.page.getByRole('region', { name: label, exact: true });
  }

  signedInAs(label) {
    return this.connection(label).getByText(/^Signed in as /);
  }

  async setRemember(label, remember) {
    await this.connection(label).getByRole('checkbox', { name: 'Remember in this tab', exact: true }).setChecked(remember);
  }

  async signInWithDemo(label, { remember = false } = {}) {
    await this.show('Connections');
    await this.setRemember(label, remember);
    await this.connection(label).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
    await this.signedInAs(label).waitFor();
  }

  /** Signs all three in with demo credentials, side by side, and waits for every default card. */
  async signInAllWithDemo({ remember = false, counts = DEFAULT_COUNTS } = {}) {
    await this.show('Connections');
    for (const label of Object.values(CONNECTIONS)) {
      await this.setRemember(label, remember);
      await this.connection(label).getByRole('button', { name: 'Use demo credentials', exact: true }).click();
    }
    for (const label of Object.values(CONNECTIONS)) await this.signedInAs(label).waitFor();
    await this.show('Integrations');
    await this.waitForAllCards(counts);
  }

  /** Waits until every connection has loaded its `counts` (by platform). */
  async waitForAllCards(counts = DEFAULT_COUNTS) {
    for (const [platform, count] of Object.entries(counts)) {
      await this.waitForLoaded(CONNECTIONS[platform], count);
    }
  }

  /** Fills a connection's form (`fields` by label) and presses Connect. */
  async signIn(label, fields, { remember = false } = {}) {
    await this.show('Connections');
    const panel = this.connection(label);
    for (const [field, value] of Object.entries(fields)) {
      await panel.getByLabel(field, { exact: true }).fill(value);
    }
    await this.setRemember(label, remember);
    await panel.getByRole('button', { name: 'Connect', exact: true }).click();
  }

  async useTokenPath(label) {
    await this.connection(label).getByRole('button', { name: 'Use a user ID and auth token instead', exact: true }).click();
  }

  async signOut(label) {
    await this.show('Connections');
    await this.connection(label).getByRole('button', { name: 'Sign out', exact: true }).click();
  }

  // --- Integrations ------------------------------------------------------

  inventory() {
    return this.page.getByRole('region', { name: 'Integrations', exact: true });
  }

  /** A connection's status strip above the cards. */
  strip(label) {
    return this.inventory().getByRole('listitem').filter({ has: this.page.getByText(label, { exact: true }) });
  }

  async waitForLoaded(label, count) {
    const shown = count.toLocaleString('en-US');
    await this.strip(label).getByRole('status').filter({ hasText: new RegExp(`^${shown} of ${shown} loaded$`) }).waitFor();
  }

  async refresh() {
    await this.inventory().getByRole('button', { name: 'Refresh', exact: true }).click();
  }

  cards() {
    return this.inventory().getByRole('article');
  }

  card(name) {
    return this.page.getByRole('article', { name, exact: true });
  }

  /**
   * The card's own Disconnect button. The card also holds its dialog and
   * detail panel, each with a "Disconnect" of its own while open; the
   * card's comes first in the document.
   */
  cardDisconnect(name) {
    return this.card(name).getByRole('button', { name: /^(Disconnect|Disconnecting…)$/ }).first();
  }

  confirmDialog(name) {
    return this.page.getByRole('dialog', { name: `Disconnect ${name}?`, exact: true });
  }

  async openDisconnect(name) {
    await this.cardDisconnect(name).click();
    await this.confirmDialog(name).waitFor();
    return this.confirmDialog(name);
  }

  /** Disconnect, then confirm in the dialog. */
  async disconnect(name) {
    const dialog = await this.openDisconnect(name);
    await dialog.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** A card's success or "already gone" outcome. */
  outcome(name) {
    return this.card(name).getByRole('status');
  }

  /** A card's failure. */
  failure(name) {
    return this.card(name).getByRole('alert');
  }

  /** Opens a card's detail panel from its name. */
  async openDetails(name) {
    await this.card(name).getByRole('button', { name, exact: true }).click();
    const panel = this.detailPanel(name);
    await panel.waitFor();
    return panel;
  }

  detailPanel(name) {
    return this.page.getByRole('dialog', { name, exact: true });
  }

  /** Opens a card's detail panel and waits until the platform's record is in. */
  async openLoadedDetails(name) {
    const panel = await this.openDetails(name);
    await panel.getByRole('heading', { name: 'Everything the platform returns', exact: true }).waitFor();
    await panel.getByRole('status').filter({ hasText: 'Loading details…' }).waitFor({ state: 'hidden' });
    return panel;
  }

  /** A detail panel's `label → value` rows from the list, shown from the start (copy buttons left out). */
  async listedRows(panel) {
    return panel.locator('.unplug-details__listed').evaluate((dl) => {
      const rows = {};
      for (const dt of dl.querySelectorAll('dt')) {
        const value = dt.nextElementSibling.cloneNode(true);
        value.querySelectorAll('button').forEach((button) => button.remove());
        rows[dt.innerText.trim()] = value.textContent.trim();
      }
      return rows;
    });
  }

  /** Closes an open detail panel. */
  async closeDetails(panel) {
    await panel.getByRole('button', { name: 'Close', exact: true }).click();
    await panel.waitFor({ state: 'hidden' });
  }

  /** A detail panel's `path → value` rows from the platform's record. */
  async detailRows(panel) {
    return panel.locator('.unplug-details__all').evaluate((dl) => {
      const rows = {};
      for (const dt of dl.querySelectorAll('dt')) rows[dt.innerText.trim()] = dt.nextElementSibling.innerText.trim();
      return rows;
    });
  }

  // --- Finding -----------------------------------------------------------

  search() {
    return this.inventory().getByRole('searchbox', { name: 'Search', exact: true });
  }

  /**
   * Puts `text` in Search and waits for its results: the console paints what was typed first and
   * applies the search in a task after that frame (src/views/inventory/toolbar.rs), so this waits
   * for the next frame and the task queued after it.
   */
  async searchFor(text) {
    await this.search().fill(text);
    await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  }

  /** Picks an option of the Platform, Connection, Kind or Sort select by its text. */
  async choose(filter, option) {
    await this.inventory().getByRole('combobox', { name: filter, exact: true }).selectOption({ label: option });
  }

  /** A status count button, e.g. "Paused 1". */
  statusCount(status) {
    return this.inventory().getByRole('group', { name: 'Status', exact: true }).getByRole('button', { name: new RegExp(`^${status} \\d+$`) });
  }

  /** "Showing N of M" as `{ shown, total }`. */
  async showing() {
    const text = await this.inventory().getByRole('status').filter({ hasText: /^Showing [\d,]+ of [\d,]+$/ }).innerText();
    const [, shown, total] = text.replaceAll(',', '').match(/^Showing (\d+) of (\d+)$/);
    return { shown: Number(shown), total: Number(total) };
  }

  async waitForShowing(shown, total) {
    const [a, b] = [shown, total].map((n) => n.toLocaleString('en-US'));
    await this.inventory().getByRole('status').filter({ hasText: new RegExp(`^Showing ${a} of ${b}$`) }).waitFor();
  }

  /** The names of the rendered cards, in order. */
  cardNames() {
    return this.cards().getByRole('heading', { level: 3 }).allInnerTexts();
  }

  /** The page's query string as an object, read from the page itself. */
  /**
   * The view state in the URL. A search or number typed key by key reaches the URL once typing
   * pauses for 300 ms (src/state/url.rs, REFINED_URL_AFTER_MS): read after that pause.
   */
  async query() {
    const href = await this.page.evaluate(() => new Promise((resolve) => setTimeout(() => resolve(location.href), 350)));
    return Object.fromEntries(new URL(href).searchParams);
  }

  /** A card's "Last activity" text, in the card view. */
  lastActivity(name) {
    return this.card(name).locator('dt:text-is("Last activity") + dd');
  }

  /** The "Inactive for more than N days" filter. */
  idleFilter() {
    return this.inventory().getByRole('spinbutton', { name: 'Inactive for more than N days', exact: true });
  }

  async switchView(name) {
    await this.inventory().getByRole('group', { name: 'View', exact: true }).getByRole('button', { name, exact: true }).click();
  }

  // --- Bulk --------------------------------------------------------------

  selectBox(name) {
    return this.inventory().getByRole('checkbox', { name: `Select ${name}`, exact: true });
  }

  selectAllMatching() {
    return this.inventory().getByRole('button', { name: /^Select all \d+ matching$/ });
  }

  /** Opens "Disconnect selected" and returns its dialog. */
  async openBulkConfirm() {
    await this.inventory().getByRole('button', { name: 'Disconnect selected', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Disconnect \d+ integrations?\?$/ });
    await dialog.waitFor();
    return dialog;
  }

  /** Confirms a bulk run of `count` items, typing the count when asked. */
  async startBulk(count) {
    const dialog = await this.openBulkConfirm();
    if (count > 10) {
      await dialog.getByRole('textbox', { name: 'Number of integrations to disconnect', exact: true }).fill(String(count));
    }
    await dialog.getByRole('button', { name: count === 1 ? 'Disconnect 1 integration' : `Disconnect ${count} integrations`, exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  bulkPanel() {
    return this.inventory().getByRole('region', { name: 'Bulk disconnect', exact: true });
  }

  async waitForBulkState(state, timeout = 60_000) {
    await this.page.locator(`[data-bulk-state="${state}"]`).waitFor({ timeout });
  }

  /** The queue's counts line as numbers. */
  async bulkCounts() {
    const text = await this.bulkPanel().locator('.unplug-bulk__counts').innerText();
    const number = (label) => Number(text.match(new RegExp(`${label} (\\d+)`))?.[1] ?? 0);
    const [, settled, total] = text.match(/(\d+) of (\d+) done/);
    return {
      settled: Number(settled), total: Number(total), removed: number('removed'), alreadyGone: number('already gone'),
      failed: number('failed'), waiting: number('waiting'), notSent: number('not sent'),
    };
  }

  // --- Activity ----------------------------------------------------------

  /** Activity's rows as `{ time, connection, request, status, outcome }`, as shown (newest first). */
  async activity() {
    await this.show('Activity');
    const rows = this.page.getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    const texts = await rows.evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.cells].map((td) => td.innerText.trim())));
    return texts.map(([time, connection, request, status, outcome]) => ({ time, connection, request, status, outcome }));
  }

  // --- Secrets -----------------------------------------------------------

  /** Everything a page must never show or keep: its text, its URL and its localStorage. */
  async assertShowsNone(secrets) {
    const text = await this.page.evaluate(() => document.body.innerText);
    const url = this.page.url();
    const local = await this.page.evaluate(() => Object.keys(window.localStorage));
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `the page's text shows the secret ${secret}`);
      assert.ok(!url.includes(secret), `the URL holds the secret ${secret}`);
    }
    assert.deepEqual(local, [], 'nothing is written to localStorage');
  }
}

/** Field names that hold secrets on at least one platform (issue 3, "Secrets are masked"). */
const SECRET_KEYS = new Set(['token', 'script', 'authToken', 'chatwoot_api_token', 'partner_token', 'api_key', 'password']);

/**
 * Collects every secret the platforms send to the page, from the answers
 * themselves (a Rocket.Chat login's fresh authToken, each webhook's token
 * and script, each Chatwoot token), plus the sandbox's fixed credentials.
 */
export class SecretWatch {
  constructor(page) {
    this.values = new Set(SECRET_CREDENTIALS);
    this.pending = [];
    page.on('response', (response) => {
      if (response.url().startsWith(API_URL)) this.pending.push(this.#collect(response));
    });
  }

  async #collect(response) {
    let json;
    try {
      json = JSON.parse(await response.text());
    } catch {
      return;
    }
    const walk = (value) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, field] of Object.entries(value)) {
          if (SECRET_KEYS.has(key) && typeof field === 'string' && field.length >= 6) this.values.add(field);
          else walk(field);
        }
      }
    };
    walk(json);
  }

  /** Every secret seen so far. */
  async all() {
    await Promise.all(this.pending);
    return [...this.values];
  }
}
