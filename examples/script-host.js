// A host portal mounting Unplug into its own element. Unplug's events arrive as messages to
// this window, posted to this page's origin only when config.json's embed.allowedOrigins lists it.
window.unplugEvents = [];
addEventListener('message', (event) => {
  if (event.origin !== location.origin || event.data?.type !== 'unplug:event') return;
  window.unplugEvents.push(event.data);
  const line = document.createElement('li');
  line.textContent = `${event.data.event} ${event.data.id ?? ''}`.trim();
  document.getElementById('events').append(line);
});

window.unplugMounted = Unplug.mount(document.getElementById('unplug'), { configUrl: 'unplug/config.json' });
