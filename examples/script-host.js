// A host portal mounting Unplug into its own element. Unplug's events arrive as messages to
// this window, posted to this page's origin only when config.json's embed.allowedOrigins lists it.

// Where Unplug is served (the folder of its index.html and unplug.js): set it to your
// deployment. It is written here, never read from this page's URL: the page runs what it loads.
const UNPLUG_URL = 'http://127.0.0.1:8080/';

window.unplugEvents = [];
addEventListener('message', (event) => {
  // Mounted by script, Unplug posts to this very window, so its messages carry this page's origin.
  if (event.source !== window || event.origin !== location.origin || event.data?.type !== 'unplug:event') return;
  window.unplugEvents.push(event.data);
  const line = document.createElement('li');
  line.textContent = `${event.data.event} ${event.data.id ?? ''}`.trim();
  document.getElementById('events').append(line);
});

/** Adds Unplug's stable loader, unplug.js, to the page; resolves once `Unplug` is defined. */
function loadUnplug() {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL('unplug.js', UNPLUG_URL).href;
    script.onload = () => resolve(window.Unplug);
    script.onerror = () => reject(new Error(`could not load ${script.src}`));
    document.head.append(script);
  });
}

// config.json defaults to the one beside unplug.js.
window.unplugMounted = loadUnplug().then((Unplug) => Unplug.mount(document.getElementById('unplug')));
