// Keeps a screen's opening state current. The page was rendered for one state (open, before opening, closed…);
// when the office's state changes (it opens, its day closes) a kiosk or board is loaded again in the new state,
// while a page marked data-opening-mode="notice" (a counter console in the middle of its work) only has its notice
// rewritten in place. A failed check changes nothing: the screens' own outage notes cover a server that is away.
'use strict';
(function () {
  const el = document.getElementById('opening');
  if (!el || !el.dataset.openingUrl) return;
  const CHECK_MS = 30000;
  const inPlace = el.dataset.openingMode === 'notice';

  async function json(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    return response.ok ? response.json() : null;
  }

  function setText(selector, text) {
    const target = el.querySelector(selector);
    if (!target) return;
    target.textContent = text || '';
    target.hidden = !text;
  }

  async function check() {
    try {
      if (!inPlace) {
        const state = await json(el.dataset.openingUrl);
        if (state && state.phase && state.phase !== el.dataset.openingPhase) window.location.reload();
        return;
      }
      const notice = await json(el.dataset.openingUrl + '/notice');
      if (!notice || notice.phase === el.dataset.openingPhase) return;
      el.dataset.openingPhase = notice.phase;
      setText('.opening-headline', notice.headline);
      setText('.opening-next', notice.next);
      setText('.opening-hours', notice.hours);
      el.hidden = notice.accepting;
    } catch (e) {
      // Tried again at the next tick.
    }
  }
  setInterval(check, CHECK_MS);
})();
