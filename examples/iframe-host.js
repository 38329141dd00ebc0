// A host portal embedding Unplug in an iframe. Unplug only hears this page if config.json's
// embed.allowedOrigins lists this page's origin, and only posts its events to listed origins.

// Where Unplug is served (the folder of its index.html): set it to your deployment. It is
// written here, never read from this page's URL, because credentials are posted to its origin.
const UNPLUG_URL = 'http://127.0.0.1:8080/';

const app = new URL(UNPLUG_URL);
const frame = document.getElementById('unplug');
// Embedded: no header of Unplug's own; dark until the host says otherwise.
frame.src = new URL('?embed=1&theme=dark', app).href;

/** Sends a message to Unplug, to its origin only. */
window.sendToUnplug = (message) => frame.contentWindow.postMessage(message, app.origin);

window.unplugEvents = [];
addEventListener('message', (event) => {
  // Unplug's frame only: its window and its origin.
  if (event.source !== frame.contentWindow || event.origin !== app.origin || event.data?.type !== 'unplug:event') return;
  window.unplugEvents.push(event.data);
  const line = document.createElement('li');
  const { event: name, platform = '', connection = '', id = '' } = event.data;
  line.textContent = `${name} ${platform} ${connection} ${id}`.trim();
  document.getElementById('events').append(line);
});

document.getElementById('theme-light').addEventListener('click', () => sendToUnplug({ type: 'unplug:theme', theme: 'light' }));
document.getElementById('theme-dark').addEventListener('click', () => sendToUnplug({ type: 'unplug:theme', theme: 'dark' }));
