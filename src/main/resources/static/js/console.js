// The counter console. Every action goes through the REST API with the session's CSRF token; the waiting
// list follows the office's live events and reloads itself after any gap in the connection. While the service
// is away (the database restarting, the network down) the console says so; an action refused meanwhile says that
// it was not carried out and is never sent again by itself: the clerk decides once the console is current again.
'use strict';
(function () {
  const root = document.getElementById('console');
  const counterId = root.dataset.counter;
  const office = root.dataset.office;
  // Passed as a data attribute: the content security policy allows no inline script.
  const cfg = JSON.parse(root.dataset.config);
  const name = (list, id, field) => (list.find(x => x.id === id) || {})[field] || id;
  const deptName = id => name(cfg.departments, id, 'nameJa');
  const procName = id => name(cfg.procedures, id, 'nameJa');
  const prioName = id => name(cfg.priorities, id, 'nameJa');
  // The server refuses changes to other departments' visits; the console offers only what this clerk may do.
  const mayAct = id => cfg.acts.indexOf(id) >= 0;
  const finalStates = ['COMPLETED', 'CANCELLED', 'DROPPED', 'UNSERVED'];
  const $ = id => document.getElementById(id);
  let state = null;
  // The current visitor's ticket as last shown (its itinerary), for the hand-over's chooser.
  let ticket = null;
  let reloadTimer = null;
  let streamHealthy = null;
  const waiting = MadoguchiLive.outage(function () {
    return MadoguchiLive.getJson('/api/v1/counters/' + encodeURIComponent(counterId));
  }, function (down) {
    renderConn();
    if (!down) reload();
  });

  function renderConn() {
    const conn = $('conn');
    let text = '最新の状態です';
    if (waiting.isDown() && waiting.kind() === 'database') {
      text = 'データベースに接続できません。復旧を待っています…（この間の操作は実行されません。復旧すると自動で最新の状態に戻ります）';
    } else if (waiting.isDown()) {
      text = '接続が切れています。再接続しています…（この間の操作は実行されません。つながると自動で最新の状態に戻ります）';
    } else if (streamHealthy === false) {
      text = '接続が切れています。再接続しています…（操作は可能です）';
    } else if (streamHealthy === null) {
      text = '';
    }
    MadoguchiLive.say(conn, text);
    conn.className = text && text !== '最新の状態です' ? 'conn bad' : 'conn';
  }

  // The floor's clock minus this PC's, as of the page's rendering.
  const clockOffset = (Date.parse(cfg.asOf) - Date.now()) || 0;

  function minutesSince(iso) {
    if (!iso) return '';
    return Math.max(0, Math.floor((Date.now() + clockOffset - Date.parse(iso)) / 60000)) + '分';
  }

  function clock(iso) {
    return new Date(iso).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone: cfg.timeZone });
  }

  function show(message) {
    const box = $('message');
    box.textContent = message || '';
    box.hidden = !message;
  }

  /** The clerk's action, named as on its button, so that a refusal says which one was not carried out. */
  async function act(label, url, body) {
    show('');
    let result;
    try {
      result = await MadoguchiLive.post(url, body);
    } catch (e) {
      result = e;
    }
    if (MadoguchiLive.isOutage(result)) {
      waiting.down(result);
      // 503: refused before anything was done. No answer at all: it may or may not have reached the server.
      show(result.status === 503
        ? '「' + label + '」は実行されていません（データベースに接続できません）。上の表示が「最新の状態です」に戻ったら、もう一度押してください。'
        : '「' + label + '」が実行されたか確認できません（サーバーに接続できません）。上の表示が「最新の状態です」に戻ったら、画面で状態を確かめ、必要ならもう一度押してください。');
      return;
    }
    if (!result.ok && result.status !== 204) {
      show((result.data && result.data.detail) || ('操作できませんでした（' + result.status + '）'));
      if (result.status === 401) window.location.href = '/login';
    } else if (result.status === 204) {
      show('お待ちの方はいません。');
    }
    await reload();
  }

  function renderState() {
    const visit = state && state.current;
    $('counter-state').textContent = state && state.open ? '窓口は開いています' : '窓口は閉じています（「窓口を開く」を押してください）';
    $('current-number').textContent = visit ? String(state.currentNumber) : '—';
    const details = $('current-details');
    details.innerHTML = '';
    if (visit) {
      const rows = [['課', deptName(visit.departmentId)],
        ['状態', { CALLED: '呼出中', SERVING: '対応中' }[visit.status] || visit.status],
        ['手続', visit.procedureIds.map(procName).join('、') || '（窓口で確認）'],
        ['呼出回数', String(1 + visit.recallCount)]];
      rows.forEach(function (row) {
        const dt = document.createElement('dt'); dt.textContent = row[0];
        const dd = document.createElement('dd'); dd.textContent = row[1];
        details.append(dt, dd);
      });
    }
    const busy = !!visit;
    $('call').disabled = !(state && state.open) || busy;
    ['recall', 'absent'].forEach(id => $(id).disabled = !(visit && visit.status === 'CALLED'));
    $('start').disabled = !(visit && visit.status === 'CALLED');
    ['complete', 'handover'].forEach(id => $(id).disabled = !busy);
    // Without the ticket (another department's visitor at a shared counter) the ticket cannot be changed here.
    ['add', 'cancel'].forEach(id => $(id).disabled = !busy || !state.currentTicketId);
    $('open').disabled = !!(state && state.open);
    $('close').disabled = !(state && state.open) || busy;
  }

  const visitStatusJa = { PENDING: '予定', WAITING: '順番待ち', CALLED: '呼出中', SERVING: '対応中', COMPLETED: '完了',
    ABSENT: '不在', CANCELLED: '取消', DROPPED: '不在により取消', UNSERVED: '未対応' };

  // The current ticket's itinerary; departments not yet reached can be removed here.
  async function renderItinerary() {
    const list = $('itinerary');
    list.innerHTML = '';
    ticket = null;
    if (!state || !state.currentTicketId) return;
    ticket = await MadoguchiLive.getJson('/api/v1/tickets/' + state.currentTicketId);
    // Cancelling the whole ticket is for a manager while another department still has a visit on it.
    const foreign = ticket.visits.find(v => finalStates.indexOf(v.status) < 0 && !mayAct(v.departmentId));
    $('cancel').disabled = !!foreign;
    $('cancel').title = foreign ? deptName(foreign.departmentId) + 'の予約が残っているため、受付票の取消は所属長が行います' : '';
    ticket.visits.forEach(function (v) {
      const li = document.createElement('li');
      li.append(document.createTextNode(deptName(v.departmentId) + '（' + (visitStatusJa[v.status] || v.status) + '）'));
      if (v.status === 'PENDING' && mayAct(v.departmentId)) {
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = '予定から外す';
        remove.setAttribute('aria-label', deptName(v.departmentId) + 'を予定から外す');
        remove.addEventListener('click', () => act(deptName(v.departmentId) + 'を予定から外す', '/api/v1/visits/' + v.id + '/remove'));
        li.append(' ', remove);
      }
      list.appendChild(li);
    });
  }

  function cell(text) { const td = document.createElement('td'); td.textContent = text; return td; }

  async function reload() {
    try {
      state = await MadoguchiLive.getJson('/api/v1/counters/' + encodeURIComponent(counterId));
      const queues = await Promise.all(cfg.serves.map(d => MadoguchiLive.getJson('/api/v1/departments/' + d + '/queue')));
      const absents = await Promise.all(cfg.serves.map(d => MadoguchiLive.getJson('/api/v1/departments/' + d + '/absent')));
      renderState();
      await renderItinerary();
      const waiting = [].concat.apply([], queues).filter(e => !e.seatedCounterId || e.seatedCounterId === counterId);
      waiting.sort((a, b) => (a.seatedCounterId === counterId ? 0 : 1) - (b.seatedCounterId === counterId ? 0 : 1)
        || (cfg.priorities.find(p => p.id === a.priorityClass) || {}).rank - (cfg.priorities.find(p => p.id === b.priorityClass) || {}).rank
        || Date.parse(a.originalIssuedAt) - Date.parse(b.originalIssuedAt) || a.number - b.number);
      const body = $('queue');
      body.innerHTML = '';
      waiting.forEach(function (e) {
        const tr = document.createElement('tr');
        const num = cell(String(e.number)); num.className = 'num';
        tr.append(num, cell(deptName(e.departmentId)), cell(e.priorityClass === 'GENERAL' ? '' : prioName(e.priorityClass)),
          cell(clock(e.originalIssuedAt)), cell(minutesSince(e.queuedAt)), cell(e.itinerary.map(deptName).join(' → ')));
        body.appendChild(tr);
      });
      if (waiting.length === 0) {
        const tr = document.createElement('tr'); const td = cell('お待ちの方はいません'); td.colSpan = 6; tr.appendChild(td); body.appendChild(tr);
      }
      const absentBody = $('absentees');
      absentBody.innerHTML = '';
      [].concat.apply([], absents).forEach(function (e) {
        const tr = document.createElement('tr');
        const button = document.createElement('button');
        button.type = 'button'; button.textContent = '順番に戻す';
        button.setAttribute('aria-label', e.number + '番を順番待ちに戻す');
        button.addEventListener('click', () => act(e.number + '番を順番に戻す', '/api/v1/visits/' + e.visitId + '/return'));
        const td = document.createElement('td'); td.appendChild(button);
        tr.append(cell(String(e.number)), cell(deptName(e.departmentId)), td);
        absentBody.appendChild(tr);
      });
    } catch (e) {
      // An outage is shown in the connection line, and a message about a refused action stays where it is.
      if (MadoguchiLive.isOutage(e)) waiting.down(e);
      else show('最新の状態を読み込めませんでした。自動で再試行します。');
    }
  }

  function scheduleReload() {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(reload, 250);
  }

  const visitUrl = op => '/api/v1/visits/' + state.current.id + '/' + op;
  const actions = {
    call: () => act('次の方を呼出', '/api/v1/counters/' + encodeURIComponent(counterId) + '/call-next'),
    recall: () => act('再呼出', visitUrl('recall')),
    start: () => act('対応開始', visitUrl('start')),
    complete: () => act('完了', visitUrl('complete')),
    absent: () => act('不在', visitUrl('absent')),
    handover: () => handOver.open(),
    add: () => act('予定に追加', '/api/v1/tickets/' + state.currentTicketId + '/visits', { departmentId: $('target').value, procedureIds: [] }),
    cancel: () => { if (window.confirm(state.currentNumber + '番の受付票を取り消しますか？')) act('受付票を取消', '/api/v1/tickets/' + state.currentTicketId + '/cancel'); },
    open: () => act('窓口を開く', '/api/v1/counters/' + encodeURIComponent(counterId) + '/open'),
    close: () => act('窓口を閉じる', '/api/v1/counters/' + encodeURIComponent(counterId) + '/close')
  };
  Object.keys(actions).forEach(function (id) {
    $(id).addEventListener('click', function () { if (!$(id).disabled) actions[id](); });
  });

  const keys = { n: 'call', r: 'recall', s: 'start', c: 'complete', a: 'absent', h: 'handover', x: 'cancel' };
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) return;
    // While the hand-over asks, its own buttons have the keys: C must not complete the visit behind it.
    if ($('handover-dialog').open) return;
    const id = e.shiftKey && e.key.toLowerCase() === 'a' ? 'add' : keys[e.key.toLowerCase()];
    if (id && !$(id).disabled) { e.preventDefault(); actions[id](); }
  });

  // The hand-over asks which department, then says what will happen with the department's name, and acts only on
  // that confirmation; Esc (or 取りやめる) at either step leaves the visitor where they are.
  const handOver = (function () {
    const dialog = $('handover-dialog');
    const options = $('handover-options');
    let visitId = null;
    let number = null;
    let fromDepartment = null;

    function chosen() {
      const radio = options.querySelector('input:checked');
      return radio ? radio.value : null;
    }

    function step(confirming) {
      $('handover-choose').hidden = confirming;
      $('handover-confirm').hidden = !confirming;
    }

    function open() {
      if (!state || !state.current) return;
      visitId = state.current.id;
      number = state.currentNumber;
      fromDepartment = state.current.departmentId;
      // The departments already planned on this ticket first, in their order; then the other linked ones.
      const planned = ((ticket && ticket.visits) || []).filter(v => v.status === 'PENDING').map(v => v.departmentId);
      const linked = cfg.departments.filter(d => d.linked && d.id !== fromDepartment).map(d => d.id);
      const ids = planned.filter(id => linked.indexOf(id) >= 0)
        .concat(linked.filter(id => planned.indexOf(id) < 0));
      options.innerHTML = '';
      ids.forEach(function (id) {
        const label = document.createElement('label');
        const radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = 'handover-department';
        radio.value = id;
        label.append(radio, document.createTextNode(' ' + deptName(id) + (planned.indexOf(id) >= 0 ? '（予定あり）' : '')));
        options.appendChild(label);
      });
      $('handover-title').textContent = number + '番を次の課へ引き継ぐ（窓口連携）';
      $('handover-none').hidden = true;
      step(false);
      dialog.showModal();
      const first = options.querySelector('input');
      if (first) first.focus();
    }

    function close() {
      if (dialog.open) dialog.close();
      visitId = null;
      $('handover').focus();
    }

    $('handover-form').addEventListener('submit', function (e) {
      e.preventDefault();
      const id = chosen();
      if (!id) {
        $('handover-none').hidden = false;
        const first = options.querySelector('input');
        if (first) first.focus();
        return;
      }
      $('handover-question').textContent = number + '番の' + deptName(fromDepartment) + 'の対応を完了し、「'
        + deptName(id) + '」へ引き継ぎます。よろしいですか？';
      $('handover-ok').textContent = deptName(id) + 'へ引き継ぐ';
      step(true);
      $('handover-ok').focus();
    });
    $('handover-back').addEventListener('click', function () {
      step(false);
      (options.querySelector('input:checked') || options.querySelector('input')).focus();
    });
    $('handover-cancel').addEventListener('click', close);
    $('handover-cancel-confirm').addEventListener('click', close);
    // Esc: the dialog's own cancel.
    dialog.addEventListener('cancel', function (e) { e.preventDefault(); close(); });
    $('handover-ok').addEventListener('click', function () {
      const id = chosen();
      const visit = visitId;
      close();
      // Only the visitor the question named: if the counter moved on meanwhile, nothing is handed over.
      if (!id || !state || !state.current || state.current.id !== visit) {
        show('対応中の受付が変わったため、引き継ぎは行っていません。');
        return;
      }
      act('完了して' + deptName(id) + 'へ引き継ぐ', '/api/v1/visits/' + visit + '/hand-over',
        { departmentId: id, procedureIds: [] });
    });
    return { open: open };
  })();

  // First counter: one ticket for a whole plan from the navigator or pre-entry (QR via a keyboard-wedge
  // reader, or the short code typed). A retry after a lost answer reuses the key and gets the same ticket.
  let planKey = null;
  let planKeyFor = null;
  $('plan-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    const code = $('plan-code').value.trim();
    const out = $('plan-result');
    if (!code) return;
    if (planKeyFor !== code) { planKey = String(Date.now()) + '-' + Math.random().toString(36).slice(2); planKeyFor = code; }
    out.textContent = '発券しています…';
    try {
      const result = await MadoguchiLive.post('/api/v1/offices/' + encodeURIComponent(office) + '/tickets/from-plan',
        { code: code, priorityClass: $('plan-priority').value }, { 'Idempotency-Key': planKey });
      if (result.status === 503) {
        // Not sent again by itself: the visitor may have left. The key is kept, so pressing again cannot make two.
        waiting.down(result);
        out.textContent = 'データベースに接続できないため、発券されていません。上の表示が「最新の状態です」に戻ったら、もう一度「発券する」を押してください（同じ受付票になります）。';
        return;
      }
      if (!result.ok) {
        out.textContent = (result.data && result.data.detail) || ('発券できませんでした（' + result.status + '）');
        return;
      }
      const t = result.data;
      out.textContent = '';
      const p = document.createElement('p');
      p.className = 'number';
      p.textContent = t.number + '番';
      const route = document.createElement('p');
      route.textContent = '予定: ' + t.visits.map(v => deptName(v.departmentId)).join(' → ');
      const print = document.createElement('a');
      print.className = 'button primary';
      print.href = '/console/' + encodeURIComponent(counterId) + '/tickets/' + encodeURIComponent(t.publicToken);
      print.textContent = '受付票を印刷';
      out.append(p, route, print);
      $('plan-code').value = '';
      planKeyFor = null;
    } catch (err) {
      waiting.down(err);
      out.textContent = 'サーバーに接続できません。つながったら、もう一度「発券する」を押してください（同じ受付票になります）。';
      return;
    }
    await reload();
  });

  MadoguchiLive.connect('/api/v1/offices/' + encodeURIComponent(office) + '/events', {
    types: ['issued', 'queued', 'called', 'recalled', 'absent', 'returned', 'started', 'completed', 'handed_over',
      'visit_added', 'visit_removed', 'cancelled', 'dropped', 'unserved', 'counter_opened', 'counter_closed'],
    onEvent: scheduleReload,
    onResync: reload,
    onPaused: function (paused) { if (paused) waiting.down(); else waiting.check(); },
    onStatus: function (healthy) {
      streamHealthy = healthy;
      renderConn();
      if (!healthy || waiting.isDown()) waiting.check();
    }
  });
  reload();
})();
