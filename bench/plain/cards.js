// The console's card list in plain JavaScript, as a baseline for
// bench/first-cards.mjs: the same config.json, the same remembered sessions
// (sessionStorage `unplug.session.<id>`), the same list requests, and the same
// cards (`article.unplug-card`: platform, name, kind, status). Like the
// console, each connection's cards appear once its list is read to the end,
// and Altegio statuses are fetched six at a time.
'use strict';

const PLATFORM = { rocketchat: 'Rocket.Chat', ryze: 'RyzeAPI', altegio: 'Altegio' };
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
        status: item.enabled ? 'Active (enabled)' : 'Disabled (disabled)',
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
        status: `${label[word] || 'Unknown'} (${word})`,
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
        cards.push({ name: salon.title, kind: 'App on location', slug: status.toLowerCase(), status: `${status} (${word})` });
      });
    }
    if (salons.length < ALTEGIO_PAGE) return cards;
  }
}

const LOADERS = { rocketchat: rocketChat, ryze, altegio };

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function card(connection, item) {
  const platform = PLATFORM[connection.platform];
  const article = element('article', 'unplug-card');
  article.dataset.platform = connection.platform;
  article.dataset.status = item.slug;
  const header = element('header', 'unplug-card__header');
  const logo = element('span', 'unplug-card__logo', platform[0]);
  logo.setAttribute('aria-hidden', 'true');
  header.append(logo, element('span', 'unplug-card__source', `${platform} · ${connection.label}`));
  const title = element('h3', 'unplug-card__title');
  const name = element('button', 'unplug-card__name', item.name);
  name.type = 'button';
  title.append(name);
  const meta = element('p', 'unplug-card__meta');
  meta.append(element('span', 'unplug-card__kind', item.kind), element('span', 'unplug-card__status', item.status));
  const actions = element('div', 'unplug-card__actions');
  const disconnect = element('button', 'unplug-button--danger', 'Disconnect');
  disconnect.type = 'button';
  actions.append(disconnect);
  article.append(header, title, meta, actions);
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
