// The office status page: each new status arrives over the public stream and updates the figures in
// place. When the stream is down the page polls the same status every 30 s. Screen readers hear at most
// one short summary a minute, and only when the numbers being called have changed. While the server's database
// is away (the status comes marked updatesPaused, or polling is refused) the figures stay and a note says that
// they are not being updated; it goes when a current status arrives.
'use strict';
(function () {
  const main = document.getElementById('main');
  const d = main.dataset;
  const conn = document.getElementById('conn');
  const announce = document.getElementById('announce');
  const pausedNote = document.getElementById('paused');
  const POLL_MS = 30000;
  const ANNOUNCE_EVERY_MS = 60000;
  let version = Number(d.version);
  let pollTimer = null;
  let lastAnnounced = 0;
  let pendingAnnouncement = null;
  let announceTimer = null;

  function setPaused(paused) {
    MadoguchiLive.say(pausedNote, paused ? d.connPaused : '');
    document.body.dataset.updates = paused ? 'paused' : 'live';
  }

  function fmt(pattern, value) { return pattern.replace('{0}', value); }

  function timeText(iso) {
    try {
      return new Date(iso).toLocaleTimeString('ja-JP', { timeZone: d.zone, hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' });
    } catch (e) { return iso; }
  }

  function counterLabel(call) {
    if (call.counterNumber !== null && call.counterNumber !== undefined) return fmt(d.counterFormat, call.counterNumber);
    return document.documentElement.lang === 'ja' ? call.counterLabelJa : call.counterLabelEn;
  }

  function renderCalls(cell, calls) {
    cell.textContent = '';
    if (!calls.length) {
      const none = document.createElement('span');
      none.textContent = d.callingNone;
      cell.appendChild(none);
      return;
    }
    const list = document.createElement('ul');
    list.className = 'live-calls';
    calls.forEach(function (c) {
      const li = document.createElement('li');
      li.dataset.number = c.number;
      const strong = document.createElement('strong');
      strong.textContent = c.number;
      const label = document.createElement('span');
      label.textContent = counterLabel(c);
      li.appendChild(strong);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(label);
      list.appendChild(li);
    });
    cell.appendChild(list);
  }

  function callsKey(status) {
    return status.departments.map(function (dep) {
      return dep.calling.map(function (c) { return c.number + '@' + c.counterId; }).join(',');
    }).join('|');
  }

  let lastCallsKey = null;

  function apply(status) {
    if (status.version < version) return;
    version = status.version;
    setPaused(!!status.updatesPaused);
    // The office opened or closed since the page was drawn: the page is drawn again in its new state.
    if (status.opening && status.opening.phase !== d.openingPhase) { window.location.reload(); return; }
    const open = !status.opening || status.opening.phase === 'OPEN';
    status.departments.forEach(function (dep) {
      const row = main.querySelector('li[data-dept="' + dep.id + '"]');
      if (!row) return;
      row.dataset.congestion = open ? dep.congestion : 'CLOSED';
      row.querySelector('[data-field=congestion]').textContent = open
        ? d['congestion' + dep.congestion.charAt(0) + dep.congestion.slice(1).toLowerCase()] : d.outOfHours;
      row.querySelector('[data-field=waiting]').textContent = fmt(d.peopleFormat, dep.waiting);
      row.querySelector('[data-field=wait]').textContent = !open ? d.outOfHours
        : dep.waitMinutes === 0 ? d.minutesNone : fmt(d.minutesFormat, dep.waitMinutes);
      renderCalls(row.querySelector('[data-field=calling]'), dep.calling);
    });
    const asOf = document.getElementById('as-of');
    asOf.dateTime = status.asOf;
    asOf.textContent = timeText(status.asOf);
    const key = callsKey(status);
    if (lastCallsKey !== null && key !== lastCallsKey) queueAnnouncement(status);
    lastCallsKey = key;
  }

  // A summary of the newest calls, throttled: the region is polite and speaks at most once a minute.
  function queueAnnouncement(status) {
    const calls = [];
    status.departments.forEach(function (dep) {
      dep.calling.forEach(function (c) { calls.push({ at: c.calledAt, text: c.number + ' ' + counterLabel(c) }); });
    });
    calls.sort(function (a, b) { return a.at < b.at ? 1 : -1; });
    pendingAnnouncement = fmt(d.announceFormat, calls.slice(0, 3).map(function (c) { return c.text; }).join('、'));
    const wait = Math.max(0, lastAnnounced + ANNOUNCE_EVERY_MS - Date.now());
    if (announceTimer) return;
    announceTimer = setTimeout(function () {
      announceTimer = null;
      lastAnnounced = Date.now();
      if (pendingAnnouncement) announce.textContent = pendingAnnouncement;
      pendingAnnouncement = null;
    }, wait);
  }

  async function poll() {
    try {
      apply(await MadoguchiLive.getJson(d.statusUrl));
    } catch (e) {
      // Tried again at the next tick; meanwhile the figures shown are not current.
      if (MadoguchiLive.isOutage(e)) setPaused(true);
    }
  }

  function setConnected(ok) {
    document.body.dataset.live = ok ? 'connected' : 'polling';
    conn.textContent = ok ? d.connLive : d.connPolling;
    conn.classList.toggle('bad', !ok);
    if (ok && pollTimer) { clearInterval(pollTimer); pollTimer = null; }
    if (!ok && !pollTimer) { pollTimer = setInterval(poll, POLL_MS); }
  }

  lastCallsKey = null;


  if (!window.EventSource) { setConnected(false); return; }
  MadoguchiLive.chooseStream(d.streamLean, d.stream, function (url) { MadoguchiLive.connect(url, {
    types: ['status'],
    onEvent: function (type, status) { apply(status); },
    onStatus: setConnected
  }); });
})();
