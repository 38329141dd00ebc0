// Unplug's timers, off the page's main thread. Once a tab has been hidden for a while,
// Chromium wakes the page's chained timers about once a minute; a dedicated worker's timers
// keep their time, and the message each one posts wakes the page at once. The page posts
// [id, milliseconds]; the worker posts the id back when they have passed.
'use strict';
onmessage = ({ data: [id, ms] }) => {
  setTimeout(() => postMessage(id), ms);
};
