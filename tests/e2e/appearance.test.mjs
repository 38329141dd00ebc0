// Look: light and dark follow the browser unless the URL, the host or the
// toggle says otherwise; dark passes axe's contrast rules too; forced colours
// keep boundaries and selection visible.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ARTIFACTS, useApp } from './support/harness.mjs';
import { assertNoViolations } from './support/axe.mjs';
import { ConsolePage } from './support/console-page.mjs';

const app = useApp();
const LIGHT_BG = 'rgb(246, 247, 249)';
const DARK_BG = 'rgb(21, 24, 28)';

const background = (page) => page.locator('.unplug').evaluate((root) => getComputedStyle(root).backgroundColor);

test('a dark browser gets the dark theme, which passes axe, with a screenshot', { timeout: 60_000 }, async () => {
  await app.page.emulateMedia({ colorScheme: 'dark' });
  const ui = await ConsolePage.signedIn(app);
  assert.equal(await background(ui.page), DARK_BG);
  await assertNoViolations(ui.page, 'the card view, dark');
  await ui.page.screenshot({ path: path.join(ARTIFACTS, 'console-dark.png') });
  await ui.disconnect('vendas');
  await ui.outcome('vendas').waitFor();
  await assertNoViolations(ui.page, 'an outcome, dark');
});

test('the URL overrides the browser, and the toggle cycles system, light, dark', { timeout: 60_000 }, async () => {
  await app.page.emulateMedia({ colorScheme: 'dark' });
  const ui = await ConsolePage.open(app, { query: '?theme=light' });
  assert.equal(await background(ui.page), LIGHT_BG, 'theme=light wins over a dark browser');
  const toggle = ui.page.getByRole('button', { name: /^Theme: / });
  assert.equal(await toggle.innerText(), 'Theme: light');
  await toggle.click();
  assert.equal(await toggle.innerText(), 'Theme: dark');
  assert.equal(await background(ui.page), DARK_BG);
  await toggle.click();
  assert.equal(await toggle.innerText(), 'Theme: system');
  assert.equal(await background(ui.page), DARK_BG, 'back to the browser, which is dark');
  await app.page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await background(ui.page), LIGHT_BG);
});

test('forced colours keep cards and controls outlined and the selected tab and view marked', { timeout: 60_000 }, async () => {
  await app.page.emulateMedia({ forcedColors: 'active' });
  const ui = await ConsolePage.signedIn(app);
  const borders = await ui.page.evaluate(() => [...document.querySelectorAll('.unplug-card, .unplug button')]
    .map((element) => getComputedStyle(element).borderTopStyle));
  assert.ok(borders.length > 20 && borders.every((style) => style !== 'none'), `borders: ${[...new Set(borders)]}`);
  // The pressed view button and the selected tab keep their own Highlight colours.
  const adjusted = await ui.page.evaluate(() => [...document.querySelectorAll('.unplug [aria-pressed="true"], .unplug [aria-selected="true"]')]
    .map((element) => getComputedStyle(element).forcedColorAdjust));
  assert.ok(adjusted.length >= 2 && adjusted.every((value) => value === 'none'), `forced-color-adjust: ${adjusted}`);
  await assertNoViolations(ui.page, 'the card view, forced colours');
  await ui.page.screenshot({ path: path.join(ARTIFACTS, 'console-forced-colors.png') });
});
