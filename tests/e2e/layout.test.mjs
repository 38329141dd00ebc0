// The console is usable at 320 px wide: no view scrolls sideways, and the
// buttons a person needs are on screen. The run saves a screenshot of each
// view (tests/e2e/artifacts/), at 320 px and at the default 1280 px.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConsolePage } from './support/console-page.mjs';
import { useApp } from './support/harness.mjs';

const app = useApp();

/** How far the page scrolls sideways, in CSS pixels (0 when it fits). */
const sidewaysOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function inView(locator) {
  const box = await locator.boundingBox();
  const { width } = locator.page().viewportSize();
  assert.ok(box && box.x >= 0 && box.x + box.width <= width, `${locator} lies within the ${width} px viewport`);
}

async function tour(width) {
  const { page } = app;
  await page.setViewportSize({ width, height: 800 });
  const ui = await ConsolePage.signedIn(app);
  const shots = [];
  const check = async (view) => {
    assert.equal(await sidewaysOverflow(page), 0, `${view} at ${width} px scrolls sideways`);
    shots.push(await app.browser.screenshot(`${view}-${width}px`));
  };

  await check('cards');
  await inView(ui.cardDisconnect('Helpdesk bridge'));

  const dialog = await ui.openDisconnect('La Visage');
  await inView(dialog.getByRole('button', { name: 'Disconnect', exact: true }));
  await inView(dialog.getByRole('button', { name: 'Cancel', exact: true }));
  await check('dialog');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();

  const panel = await ui.openLoadedDetails('GitHub pushes');
  await panel.getByRole('button', { name: 'Show response', exact: true }).click();
  await inView(panel.getByRole('button', { name: 'Close', exact: true }));
  await check('detail-panel');
  await panel.getByRole('button', { name: 'Close', exact: true }).click();

  await ui.disconnect('vendas');
  await ui.outcome('vendas').getByRole('button', { name: 'Show response', exact: true }).click();
  await ui.outcome('vendas').scrollIntoViewIfNeeded();
  await check('outcome');

  await ui.show('Connections');
  await check('connections');
  await ui.activity();
  await check('activity');
  return shots;
}

test('every view fits 320 px without scrolling sideways', { timeout: 60_000 }, async () => {
  await tour(320);
});

test('every view at 1280 px, for the record', { timeout: 60_000 }, async () => {
  const shots = await tour(1280);
  assert.equal(shots.length, 6);
});
