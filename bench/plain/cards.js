// The console's Integrations list in plain JavaScript, a benchmark peer: the
// rows, search, counts and windowing of bench/peer/model.js, rendered with
// the DOM by hand. Like the console, it renders only the cards on screen
// once the list is long, keeps the cards whose key did not change, and
// writes the search to the URL on each keystroke. As in the console, the
// typed letter is painted first and the results in a task after that frame.
import {
  GUESS, LOGO_LETTERS, PLATFORM, formatNumber, gridStyle, loadConnections, measure, sameGeometry, select, statusCounts, summary,
  visible, writeSearch,
} from '../peer/model.js';

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(className, text) {
  const node = element('button', className, text);
  node.type = 'button';
  return node;
}

/** A platform's logo (`components/logo.rs`): an image named after the platform, its letters on a CSS-drawn shape. */
function logo(platform) {
  const node = element('span', 'unplug-logo', LOGO_LETTERS[platform]);
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', PLATFORM[platform]);
  node.dataset.platform = platform;
  return node;
}

/** One card, with the console's markup (`components/card.rs`). */
function card(row) {
  const article = element('article', 'unplug-card');
  const titleId = `unplug-card-${row.key.replace(/[^A-Za-z0-9]/g, '-')}`;
  article.setAttribute('aria-labelledby', titleId);
  article.dataset.platform = row.platform;
  article.dataset.status = row.status;
  article.dataset.disconnected = 'false';
  const header = element('header', 'unplug-card__header');
  const heading = element('div', 'unplug-card__heading');
  const title = element('h3', 'unplug-card__title');
  title.id = titleId;
  const name = button('unplug-card__name', row.name);
  name.setAttribute('aria-haspopup', 'dialog');
  title.append(name);
  heading.append(title, element('p', 'unplug-card__connection', row.label));
  const select = element('input', 'unplug-select');
  select.type = 'checkbox';
  select.setAttribute('aria-label', `Select ${row.name}`);
  header.append(logo(row.platform), heading, select);
  const meta = element('p', 'unplug-card__meta');
  meta.append(element('span', 'unplug-card__kind', row.kind), element('span', 'unplug-card__status', row.statusText));
  const facts = element('dl', 'unplug-fields unplug-card__facts');
  for (const { label, value } of row.facts) facts.append(element('dt', '', label), element('dd', '', value));
  const actions = element('div', 'unplug-card__actions');
  const disconnect = button('unplug-button--danger', 'Disconnect');
  disconnect.setAttribute('aria-busy', 'false');
  actions.append(disconnect);
  if (row.switchLabel !== null) actions.append(button('unplug-switch', row.switchLabel));
  article.append(header, meta, facts, actions);
  return article;
}

function statusCount([slug, label, count]) {
  const node = button('unplug-count');
  node.dataset.status = slug;
  node.setAttribute('aria-pressed', 'false');
  node.append(element('span', 'unplug-count__label', label), ' ', element('span', 'unplug-count__number', formatNumber(count)));
  return node;
}

const grid = document.getElementById('grid');
const counts = document.getElementById('counts');
const status = document.getElementById('summary');
const search = document.getElementById('unplug-search');

const state = { byConnection: new Map(), all: [], shown: [], geometry: null, rendered: new Map() };

/** Renders the slice of `state.shown` on screen, reusing the cards whose key is unchanged. */
function renderWindow() {
  const slice = visible(state.shown.length, state.geometry ?? GUESS);
  const style = gridStyle(state.shown.length, slice, state.geometry ?? GUESS);
  grid.classList.toggle('unplug-grid--windowed', style.windowed);
  grid.style.gridTemplateColumns = style.gridTemplateColumns;
  grid.style.paddingTop = style.paddingTop;
  grid.style.paddingBottom = style.paddingBottom;
  const next = new Map();
  const nodes = [];
  for (const row of state.shown.slice(slice.start, slice.end)) {
    const node = state.rendered.get(row.renderKey) ?? card(row);
    next.set(row.renderKey, node);
    nodes.push(node);
  }
  // Only what changed moves: unchanged cards keep their place (and their focus).
  nodes.forEach((node, index) => {
    if (grid.children[index] !== node) grid.insertBefore(node, grid.children[index] ?? null);
  });
  while (grid.children.length > nodes.length) grid.lastElementChild.remove();
  state.rendered = next;
}

/** Measures the grid again; renders when its geometry changed. */
function remeasure() {
  const geometry = measure(grid);
  if (state.geometry === null || !sameGeometry(state.geometry, geometry)) {
    state.geometry = geometry;
    renderWindow();
  }
}

function update() {
  const query = search.value;
  const previousCount = state.shown.length;
  state.shown = select(state.all, query);
  counts.replaceChildren(...statusCounts(state.all, query).map(statusCount));
  status.textContent = summary(state.shown.length, state.all.length);
  renderWindow();
  if (state.shown.length !== previousCount) requestAnimationFrame(remeasure);
}

let searchPending = false;
search.addEventListener('input', () => {
  if (searchPending) return;
  searchPending = true;
  requestAnimationFrame(() => setTimeout(() => {
    searchPending = false;
    writeSearch(search.value);
    update();
  }, 0));
});
addEventListener('scroll', remeasure, { passive: true });
addEventListener('resize', remeasure);
search.value = new URL(location.href).searchParams.get('q') ?? '';
update();

loadConnections('../../config.json', (connection, rows) => {
  state.byConnection.set(connection.id, rows);
  state.all = [...state.byConnection.values()].flat();
  update();
}).catch((error) => {
  document.body.append(element('p', 'unplug-error', `Plain page failed: ${error.message}`));
  console.error(error);
});
