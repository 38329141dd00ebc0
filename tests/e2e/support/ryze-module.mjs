// What the console says of a RyzeAPI server whose Chatwoot module is off.
import { CONNECTIONS } from './console-page.mjs';

export const MODULE_OFF = [
  'The Chatwoot module is not enabled on this RyzeAPI server (HTTP 503), so it has no Chatwoot integrations to list or remove.',
  'Platform message: integration gateway not configured',
  "Only the server's operator can change this: enable the module on the RyzeAPI server (set BRIDGE_URL and BRIDGE_TOKEN) and restart it. Retrying from here will not help.",
];

/** The RyzeAPI strip's message, line by line. */
export async function ryzeStripSays(ui) {
  const alert = ui.strip(CONNECTIONS.ryze).getByRole('alert');
  await alert.getByText(MODULE_OFF[0], { exact: true }).waitFor();
  return (await alert.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
}
