// Keeps a floor screen's opening state current: the page was rendered for one state (open, before opening,
// closed…); when the office's state changes (it opens, its day closes) the page is loaded again in the new one.
// A failed check changes nothing: the screens' own outage notes cover a server that is away.
'use strict';
(function () {
  const el = document.getElementById('opening');
  if (!el || !el.dataset.openingUrl) return;
  const CHECK_MS = 30000;
  async function check() {
    try {
      const response = await fetch(el.dataset.openingUrl, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) return;
      const state = await response.json();
      if (state.phase && state.phase !== el.dataset.openingPhase) window.location.reload();
    } catch (e) {
      // Tried again at the next tick.
    }
  }
  setInterval(check, CHECK_MS);
})();
