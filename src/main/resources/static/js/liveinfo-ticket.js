// The visitor's ticket page. It listens to the office's public status stream and, when a department of the
// itinerary changes, fetches the itinerary again (already worded in the visitor's language). When the
// stream is down it polls every 20 s. The polite live region speaks only when the visitor's own status
// changes (called, being served, done), never for the queue moving. While the server's database is away the
// itinerary stays as it was and a note says that it is not being updated, until a current status arrives.
'use strict';
(function () {
  const main = document.getElementById('main');
  const d = main.dataset;
  const conn = document.getElementById('conn');
  const announce = document.getElementById('announce');
  const pausedNote = document.getElementById('paused');
  let streamPaused = false;
  let fetchFailed = false;
  const POLL_MS = 20000;
  let pollTimer = null;
  let lastKey = null;
  let fetching = false;
  let again = false;

  function depts() {
    return Array.prototype.map.call(document.querySelectorAll('#steps li[data-dept]'), function (li) { return li.dataset.dept; });
  }

  function showPaused() {
    const paused = streamPaused || fetchFailed;
    MadoguchiLive.say(pausedNote, paused ? d.connPaused : '');
    document.body.dataset.updates = paused ? 'paused' : 'live';
  }

  function state() { return document.getElementById('ticket-live').dataset.state; }

  async function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      const response = await fetch(d.stepsUrl, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } });
      if (response.status === 404 || response.status === 410) { location.reload(); return; }
      fetchFailed = MadoguchiLive.isOutage(response);
      showPaused();
      if (!response.ok) return;
      const html = await response.text();
      const holder = document.createElement('div');
      holder.innerHTML = html;
      const fresh = holder.querySelector('#ticket-live');
      if (!fresh) return;
      const before = state();
      document.getElementById('ticket-live').replaceWith(fresh);
      if (fresh.dataset.state !== before) announce.textContent = fresh.dataset.announce;
    } catch (e) {
      // Offline for a moment: the next event or poll tries again.
      fetchFailed = true;
      showPaused();
    } finally {
      fetching = false;
      if (again) { again = false; refresh(); }
    }
  }

  // Only the departments of this ticket matter; the jitter spreads many visitors' requests over a second.
  function onStatus(status) {
    const wasPaused = streamPaused;
    streamPaused = !!status.updatesPaused;
    showPaused();
    // Back from an outage: whatever happened meanwhile is fetched, even if the queue looks the same.
    if (!streamPaused && (wasPaused || fetchFailed)) setTimeout(refresh, Math.random() * 800);
    const mine = depts();
    const key = status.departments.filter(function (dep) { return mine.indexOf(dep.id) >= 0; })
      .map(function (dep) {
        return dep.id + ':' + dep.waiting + ':' + dep.atCounter + ':' +
          dep.calling.map(function (c) { return c.number + '@' + c.counterId; }).join(',');
      }).join('|');
    if (lastKey !== null && key !== lastKey) setTimeout(refresh, Math.random() * 800);
    lastKey = key;
  }

  function setConnected(ok) {
    document.body.dataset.live = ok ? 'connected' : 'polling';
    conn.textContent = ok ? d.connLive : d.connPolling;
    conn.classList.toggle('bad', !ok);
    if (ok && pollTimer) { clearInterval(pollTimer); pollTimer = null; }
    if (!ok && !pollTimer) { pollTimer = setInterval(refresh, POLL_MS); }
  }


  if (!window.EventSource) { setConnected(false); return; }
  MadoguchiLive.chooseStream(d.streamLean, d.stream, function (url) { MadoguchiLive.connect(url, {
    types: ['status'],
    onEvent: function (type, status) { onStatus(status); },
    onStatus: setConnected,
    onResync: function () { lastKey = null; refresh(); }
  }); });
})();
