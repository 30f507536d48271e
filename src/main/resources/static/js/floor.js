// The floor overview (フロア状況). Rendered by the server, then refreshed from the floor-status API whenever
// the office's event stream reports a change. Waits grow with no event at all, so it also refreshes on a timer:
// a department must turn to "needs attention" even while nothing is happening at its counters.
// While the figures cannot be fetched (the database is away) they stay, marked as not being updated, and the page
// carries on by itself when the service is back.
'use strict';
(function () {
  const REFRESH_MS = 15000;
  const body = document.body;
  const office = body.dataset.office;
  const ja = body.dataset.lang === 'ja';
  const msg = {
    minutes: body.dataset.msgMinutes, underMinute: body.dataset.msgUnderMinute, noWait: body.dataset.msgNoWait,
    counters: body.dataset.msgCounters, alert: body.dataset.msgAlert, ok: body.dataset.msgOk,
    alertCount: body.dataset.msgAlertCount, noAlerts: body.dataset.msgNoAlerts
  };
  const rows = document.getElementById('rows');
  const alerts = document.getElementById('alerts');
  const updated = document.getElementById('updated');
  const conn = document.getElementById('conn');
  const timeZone = body.dataset.timeZone || 'Asia/Tokyo';

  function format(pattern, args) {
    return String(pattern).replace(/\{(\d)\}/g, function (m, i) { return args[Number(i)]; });
  }

  function cell(tag, text, cls) {
    const c = document.createElement(tag);
    if (cls) c.className = cls;
    c.textContent = text;
    return c;
  }

  function waitText(seconds) {
    if (seconds === null || seconds === undefined) return msg.noWait;
    if (seconds < 60) return msg.underMinute;
    return format(msg.minutes, [Math.floor(seconds / 60)]);
  }

  function row(d) {
    const tr = document.createElement('tr');
    tr.dataset.department = d.id;
    if (d.alert) tr.className = 'alert-row';
    const name = document.createElement('th');
    name.scope = 'row';
    const primary = cell('span', ja ? d.nameJa : d.nameEn);
    if (!ja) primary.lang = 'en';
    name.appendChild(primary);
    if (ja) {
      const en = cell('span', d.nameEn, 'dept-en');
      en.lang = 'en';
      name.appendChild(document.createTextNode(' '));
      name.appendChild(en);
    }
    tr.appendChild(name);
    tr.appendChild(cell('td', String(d.waiting), 'n'));
    tr.appendChild(cell('td', String(d.atCounter), 'n'));
    tr.appendChild(cell('td', waitText(d.longestWaitSeconds), 'n'));
    tr.appendChild(cell('td', format(msg.counters, [d.countersOpen, d.countersTotal]), 'n'));
    tr.appendChild(cell('td', String(d.absent), 'n'));
    const state = document.createElement('td');
    state.appendChild(cell('span', d.alert ? msg.alert : msg.ok, d.alert ? 'state-alert' : 'state-ok'));
    tr.appendChild(state);
    return tr;
  }

  function render(status) {
    rows.replaceChildren.apply(rows, status.departments.map(row));
    function total(key) { return status.departments.reduce(function (sum, d) { return sum + d[key]; }, 0); }
    document.getElementById('total-waiting').textContent = String(total('waiting'));
    document.getElementById('total-at-counter').textContent = String(total('atCounter'));
    document.getElementById('total-absent').textContent = String(total('absent'));
    const count = status.departments.filter(function (d) { return d.alert; }).length;
    const text = count > 0 ? format(msg.alertCount, [count]) : msg.noAlerts;
    // Only a changed sentence is written, so the status region speaks when the alert count changes.
    if (alerts.textContent !== text) alerts.textContent = text;
    alerts.classList.toggle('has-alerts', count > 0);
    const asOf = new Date(status.asOf);
    updated.dateTime = asOf.toISOString();
    updated.textContent = asOf.toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: timeZone });
  }

  let streamHealthy = true;
  let streamPaused = false;
  let fetchFailed = false;
  function showConn() {
    const paused = streamPaused || fetchFailed;
    const text = paused ? conn.dataset.msgPaused : (streamHealthy ? '' : conn.dataset.msgLost);
    MadoguchiLive.say(conn, text);
    conn.classList.toggle('bad', text !== '');
  }

  let timer = null;
  function refresh() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      MadoguchiLive.getJson('/api/v1/offices/' + encodeURIComponent(office) + '/floor-status')
        .then(function (status) {
          render(status);
          fetchFailed = false;
          showConn();
        })
        .catch(function () {
          fetchFailed = true;
          showConn();
          timer = setTimeout(refresh, 5000);
        });
    }, 300);
  }

  setInterval(refresh, REFRESH_MS);

  // The nightly backup runs while the page is open; its warning is asked for every few minutes.
  const backupWarning = document.getElementById('backup-warning');
  function refreshBackupWarning() {
    MadoguchiLive.getJson('/floor/backup-warning').then(function (answer) {
      if (backupWarning.textContent !== answer.warning) backupWarning.textContent = answer.warning;
      backupWarning.hidden = !answer.warning;
    }).catch(function () { /* the next round retries */ });
  }
  setInterval(refreshBackupWarning, 5 * 60 * 1000);
  MadoguchiLive.connect('/api/v1/offices/' + encodeURIComponent(office) + '/events', {
    types: ['issued', 'queued', 'called', 'recalled', 'absent', 'returned', 'started', 'completed', 'handed_over',
      'visit_added', 'visit_removed', 'cancelled', 'dropped', 'unserved', 'day_closed', 'counter_opened', 'counter_closed'],
    onEvent: refresh,
    onStatus: function (healthy) {
      streamHealthy = healthy;
      showConn();
      body.dataset.live = healthy ? 'connected' : 'lost';
    },
    onPaused: function (paused) {
      streamPaused = paused;
      showConn();
      if (!paused) refresh();
    },
    onResync: refresh
  });
})();
