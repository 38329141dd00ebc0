// The console's card list in plain JavaScript, as a baseline for
// bench/first-cards.mjs: the same config.json, the same remembered sessions
// (sessionStorage `unplug.session.<id>`), the same list requests, and the same
// cards (`article.unplug-card`: logo, name, connection, kind, status pill,
// facts, Disconnect). Like the console, each connection's cards appear once
// its list is read to the end, and Altegio statuses are fetched six at a time.
'use strict';

const PLATFORM = { rocketchat: 'Rocket.Chat', ryze: 'RyzeAPI', altegio: 'Altegio' };
// The console's logos (src/components/logo.rs): outline, letters, where the letters' middle sits.
const LOGO = {
  rocketchat: ['M7 3h18a5 5 0 0 1 5 5v12a5 5 0 0 1-5 5H15l-7 5v-5H7a5 5 0 0 1-5-5V8a5 5 0 0 1 5-5z', 'R', '14'],
  ryze: ['M16 1.5l13 7.5v14l-13 7.5-13-7.5V9z', 'Ry', '16'],
  altegio: ['M10 2h12a8 8 0 0 1 8 8v12a8 8 0 0 1-8 8H10a8 8 0 0 1-8-8V10a8 8 0 0 1 8-8z', 'A', '16'],
};
const SVG = 'http://www.w3.org/2000/svg';
const RC_PAGE = 100;
const ALTEGIO_PAGE = 200;

function join(base, path) {
  return base.replace(/\/+$/, '') + path;
}

async function getJson(url, headers) {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

async function rocketChat(connection, session) {
  const headers = { 'X-User-Id': session.user_id, 'X-Auth-Token': session.auth_token };
  const cards = [];
  for (;;) {
    const url = join(connection.baseUrl, `/api/v1/integrations.list?offset=${cards.length}&count=${RC_PAGE}`);
    const page = await getJson(url, headers);
    for (const item of page.integrations) {
      cards.push({
        name: item.name,
        kind: item.type === 'webhook-outgoing' ? 'Outgoing webhook' : 'Incoming webhook',
        slug: item.enabled ? 'active' : 'disabled',
        status: item.enabled ? 'Active' : 'Disabled',
        facts: [
          ['Channel', [].concat(item.channel ?? []).join(', ')],
          ['Target host', item.urls?.[0] ? new URL(item.urls[0]).hostname : ''],
        ],
      });
    }
    if (cards.length >= page.total || page.integrations.length === 0) return cards;
  }
}

async function ryze(connection, session) {
  const list = await getJson(join(connection.baseUrl, '/api/instance/list'), { token: session.token });
  const label = { active: 'Active', paused: 'Paused', error: 'Error' };
  return list.data
    .filter((instance) => instance.chatwoot && instance.chatwoot.enabled)
    .map((instance) => {
      const word = instance.chatwoot.status || '';
      return {
        name: instance.instanceName,
        kind: 'Chatwoot on instance',
        slug: (label[word] || 'Unknown').toLowerCase(),
        status: shown(label[word] || 'Unknown', word),
        facts: [['Chatwoot inbox', instance.chatwoot.chatwoot_inbox_name ?? '']],
      };
    });
}

async function altegio(connection, session) {
  const headers = { Authorization: `Bearer ${session.token}`, Accept: 'application/vnd.api.v2+json' };
  const app = session.application_id;
  const label = { active: 'Active', pending: 'Pending', freezed: 'Frozen' };
  const cards = [];
  for (let page = 1; ; page += 1) {
    const url = join(connection.baseUrl, `/marketplace/application/${app}/salons?page=${page}&count=${ALTEGIO_PAGE}`);
    const salons = (await getJson(url, headers)).data;
    // A browser keeps about six connections per host, as the console assumes.
    for (let at = 0; at < salons.length; at += 6) {
      const chunk = salons.slice(at, at + 6);
      const words = await Promise.all(chunk.map((salon) =>
        getJson(join(connection.baseUrl, `/marketplace/salon/${salon.id}/application/${app}`), headers)
          .then((answer) => answer.data.connection_status.status, () => 'unknown')));
      chunk.forEach((salon, index) => {
        const word = words[index];
        const status = label[word] || 'Unknown';
        cards.push({
          name: salon.title, kind: 'App on location', slug: status.toLowerCase(), status: shown(status, word),
          facts: [['City', salon.city ?? '']],
        });
      });
    }
    if (salons.length < ALTEGIO_PAGE) return cards;
  }
}

const LOADERS = { rocketchat: rocketChat, ryze, altegio };

/** The shared status word, and the platform's own only where it says more. */
function shown(status, word) {
  return word.toLowerCase() === status.toLowerCase() ? status : `${status} (${word})`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function logo(slug, label) {
  const [outline, letters, middle] = LOGO[slug];
  const wrapper = element('span', 'unplug-logo');
  wrapper.setAttribute('role', 'img');
  wrapper.setAttribute('aria-label', label);
  wrapper.dataset.platform = slug;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 32 32');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('class', 'unplug-logo__shape');
  path.setAttribute('d', outline);
  const text = document.createElementNS(SVG, 'text');
  text.setAttribute('class', 'unplug-logo__letters');
  for (const [name, value] of [['x', '16'], ['y', middle], ['text-anchor', 'middle'], ['dominant-baseline', 'central']]) {
    text.setAttribute(name, value);
  }
  text.textContent = letters;
  svg.append(path, text);
  wrapper.append(svg);
  return wrapper;
}

function card(connection, item) {
  const platform = PLATFORM[connection.platform];
  const article = element('article', 'unplug-card');
  article.dataset.platform = connection.platform;
  article.dataset.status = item.slug;
  const header = element('header', 'unplug-card__header');
  const heading = element('div', 'unplug-card__heading');
  const title = element('h3', 'unplug-card__title');
  const name = element('button', 'unplug-card__name', item.name);
  name.type = 'button';
  title.append(name);
  heading.append(title, element('p', 'unplug-card__connection', connection.label));
  header.append(logo(connection.platform, platform), heading);
  const meta = element('p', 'unplug-card__meta');
  meta.append(element('span', 'unplug-card__kind', item.kind), element('span', 'unplug-card__status', item.status));
  const facts = element('dl', 'unplug-fields unplug-card__facts');
  for (const [label, value] of item.facts.filter(([, value]) => value)) {
    facts.append(element('dt', undefined, label), element('dd', undefined, value));
  }
  const actions = element('div', 'unplug-card__actions');
  const disconnect = element('button', 'unplug-button--danger', 'Disconnect');
  disconnect.type = 'button';
  actions.append(disconnect);
  article.append(header, meta, facts, actions);
  return article;
}

async function main() {
  const grid = document.getElementById('grid');
  const config = await getJson('../config.json', {});
  await Promise.all(config.connections.map(async (connection) => {
    const stored = sessionStorage.getItem(`unplug.session.${connection.id}`);
    const load = LOADERS[connection.platform];
    if (!stored || !load) return;
    const cards = await load(connection, JSON.parse(stored));
    const fragment = document.createDocumentFragment();
    for (const item of cards) fragment.append(card(connection, item));
    grid.append(fragment);
  }));
}

main().catch((error) => {
  document.body.append(element('p', 'unplug-error', `Plain page failed: ${error.message}`));
  console.error(error);
});
