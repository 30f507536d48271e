// The kiosk: choose departments, print one ticket. A double tap or a retry after a network error reuses
// the same Idempotency-Key, so the visitor never gets two tickets. While the service is away (its database
// restarting, the network down) the kiosk says so and sends nothing; what the visitor chose stays, and issuing
// works again as soon as the service is back, without anyone reloading the page.
'use strict';
(function () {
  const root = document.getElementById('kiosk');
  const office = root.dataset.office;
  const routeList = document.getElementById('route');
  const issueButton = document.getElementById('issue');
  const notLinked = document.getElementById('not-linked');
  const busy = document.getElementById('busy');
  const offline = document.getElementById('offline');
  const offlineText = document.getElementById('offline-text');
  const offlineState = document.getElementById('offline-state');
  const retryButton = document.getElementById('retry');
  const backButton = document.getElementById('back');
  const service = document.getElementById('service');
  const scan = document.getElementById('scan');
  const badCode = document.getElementById('bad-code');
  // Per department, most often chosen first (the server orders them from the statistics).
  const procedures = JSON.parse(root.dataset.procedures || '{}');
  const summary = document.getElementById('chosen-summary');
  const wide = ['ja', 'zh'].indexOf(document.documentElement.lang) >= 0;
  let route = [];
  let key = newKey();
  let pending = null;

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  function buttons() { return Array.from(document.querySelectorAll('button.dept')); }

  function render() {
    routeList.innerHTML = '';
    route.forEach(function (item) {
      const li = document.getElementById('route-item').content.firstElementChild.cloneNode(true);
      li.querySelector('.name').textContent = item.name;
      const remove = li.querySelector('.remove');
      remove.textContent = '×';
      remove.setAttribute('aria-label', root.dataset.removeLabel.replace('{0}', item.name));
      remove.addEventListener('click', function () { toggle(item.id); });
      // Procedures are optional: whoever knows them (or the floor manager beside them) can tick them now.
      const fieldset = li.querySelector('.procs');
      const choices = procedures[item.id] || [];
      fieldset.hidden = choices.length === 0;
      fieldset.querySelector('legend').textContent = root.dataset.proceduresLabel;
      choices.forEach(function (p) {
        const label = document.createElement('label');
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.value = p.id;
        box.checked = item.procedures.includes(p.id);
        box.addEventListener('change', function () {
          item.procedures = box.checked ? item.procedures.concat([p.id]) : item.procedures.filter(x => x !== p.id);
          summarise();
        });
        label.append(box, document.createTextNode(' ' + p.name));
        fieldset.appendChild(label);
      });
      routeList.appendChild(li);
    });
    document.getElementById('route-empty').hidden = route.length > 0;
    buttons().forEach(function (b) {
      b.setAttribute('aria-pressed', route.some(r => r.id === b.dataset.dept) ? 'true' : 'false');
    });
    issueButton.disabled = route.length === 0;
    summarise();
  }

  // The action bar's one line of what will be on the ticket, always in view beside the issue button.
  function summarise() {
    if (route.length === 0) { summary.textContent = summary.dataset.nothing; return; }
    summary.textContent = route.map(function (item) {
      const names = (procedures[item.id] || []).filter(p => item.procedures.includes(p.id)).map(p => p.name);
      if (names.length === 0) return item.name;
      return item.name + (wide ? '（' + names.join('、') + '）' : ' (' + names.join(', ') + ')');
    }).join(' → ');
  }

  function toggle(id) {
    const button = buttons().find(b => b.dataset.dept === id);
    const index = route.findIndex(r => r.id === id);
    notLinked.hidden = true;
    if (index >= 0) {
      route.splice(index, 1);
    } else {
      const linked = button.dataset.linked === 'true';
      // A department outside the linked group has a ticket of its own.
      if (route.length > 0 && (!linked || route.some(r => !r.linked))) {
        notLinked.hidden = false;
        return;
      }
      route.push({ id: id, name: button.dataset.name, linked: linked, procedures: [] });
    }
    render();
  }

  function reset() {
    route = [];
    key = newKey();
    pending = null;
    document.getElementById('priority').value = 'GENERAL';
    notLinked.hidden = true;
    badCode.hidden = true;
    render();
  }

  // Any public read of this office tells whether the service answers again.
  const waiting = MadoguchiLive.outage(function () {
    return MadoguchiLive.getJson('/api/v1/offices/' + encodeURIComponent(office) + '/summary');
  }, function (down) {
    service.textContent = down ? service.dataset.down : service.dataset.back;
    if (!down) setTimeout(function () { if (!waiting.isDown()) service.textContent = ''; }, 10000);
    if (!offline.hidden && offline.dataset.mode === 'waiting') showWaiting();
  });

  // The request was not sent, or not answered: it is kept (with its key) and sent again when the visitor asks.
  function showWaiting() {
    const down = waiting.isDown();
    offline.dataset.mode = 'waiting';
    offlineText.textContent = offline.dataset.waiting;
    offlineState.textContent = down ? offline.dataset.waitingState : offline.dataset.backState;
    retryButton.disabled = down;
    offline.hidden = false;
    (down ? backButton : retryButton).focus();
  }

  function showRefused(detail) {
    offline.dataset.mode = 'refused';
    offlineText.textContent = detail || offline.dataset.refused;
    offlineState.textContent = '';
    retryButton.disabled = false;
    offline.hidden = false;
    retryButton.focus();
  }

  async function send(request) {
    // Closed (the opening notice is shown instead): a code read now issues nothing.
    if (root.hidden) return;
    pending = request;
    offline.hidden = true;
    if (waiting.isDown()) {
      // Known to fail: the visitor is told at once instead of waiting for a request that cannot succeed.
      showWaiting();
      return;
    }
    busy.hidden = false;
    let result;
    try {
      result = await MadoguchiLive.post(request.url, request.body, { 'Idempotency-Key': request.key });
    } catch (networkError) {
      result = networkError;
    }
    busy.hidden = true;
    if (MadoguchiLive.isOutage(result)) {
      waiting.down(result);
      showWaiting();
      return;
    }
    if (result.ok && result.data && result.data.publicToken) {
      // A kiosk opened as /kiosk?paper=a4 prints on an office printer instead of receipt paper.
      const paper = new URLSearchParams(window.location.search).get('paper') === 'a4' ? '&paper=a4' : '';
      window.location.href = '/kiosk/tickets/' + encodeURIComponent(result.data.publicToken) + '?print=1' + paper;
      return;
    }
    if (result.status === 422 && request.fromScan) {
      badCode.hidden = false;
      pending = null;
      key = newKey();
      return;
    }
    if (result.status >= 400 && result.status < 500 && result.status !== 408 && result.status !== 429) {
      // The request itself is refused (closed day, unknown department…): staff must help.
      showRefused(result.data && result.data.detail);
      pending = null;
      return;
    }
    showRefused(null);
  }

  function issue() {
    if (route.length === 0) return;
    send({
      url: '/api/v1/offices/' + encodeURIComponent(office) + '/tickets', key: key,
      body: { itinerary: route.map(r => ({ departmentId: r.id, procedureIds: r.procedures })),
              priorityClass: document.getElementById('priority').value }
    });
  }

  function issueFromCode(code) {
    badCode.hidden = true;
    send({ url: '/api/v1/offices/' + encodeURIComponent(office) + '/tickets/from-plan', key: newKey(),
           body: { code: code }, fromScan: true });
  }

  buttons().forEach(function (b) { b.addEventListener('click', function () { toggle(b.dataset.dept); }); });
  issueButton.addEventListener('click', issue);
  document.getElementById('clear').addEventListener('click', reset);
  retryButton.addEventListener('click', function () { if (pending) send(pending); else { offline.hidden = true; reset(); } });
  backButton.addEventListener('click', function () {
    offline.hidden = true;
    (issueButton.disabled ? document.getElementById('clear') : issueButton).focus();
  });

  // The short code typed on a large on-screen keypad, for a visitor who has the code but no QR at hand.
  const pad = document.getElementById('code-pad');
  const typed = document.getElementById('code-typed');
  function closePad() { pad.hidden = true; typed.textContent = ''; document.getElementById('type-code').focus(); }
  document.getElementById('type-code').addEventListener('click', function () {
    typed.textContent = '';
    pad.hidden = false;
    pad.querySelector('[data-key]').focus();
  });
  pad.querySelectorAll('[data-key]').forEach(function (k) {
    k.addEventListener('click', function () { if (typed.textContent.length < 16) typed.textContent += k.dataset.key; });
  });
  document.getElementById('code-back').addEventListener('click', function () { typed.textContent = typed.textContent.slice(0, -1); });
  document.getElementById('code-cancel').addEventListener('click', closePad);
  document.getElementById('code-send').addEventListener('click', function () {
    const code = typed.textContent;
    if (!code) return;
    closePad();
    issueFromCode(code);
  });
  pad.addEventListener('keydown', function (e) { if (e.key === 'Escape') closePad(); });

  // A keyboard-wedge QR reader types the code and presses Enter, wherever the focus is.
  let buffer = '';
  let lastKey = 0;
  document.addEventListener('keydown', function (e) {
    if (e.target === scan) {
      if (e.key === 'Enter' && scan.value.trim()) { issueFromCode(scan.value.trim()); scan.value = ''; }
      return;
    }
    const now = Date.now();
    // A kiosk has no keyboard, so only a reader types here; the pause allowed between its keys is generous
    // because a busy kiosk PC can deliver a fast burst of key events late.
    if (now - lastKey > 3000) buffer = '';
    lastKey = now;
    if (e.key === 'Enter') {
      if (buffer.length >= 6) { e.preventDefault(); issueFromCode(buffer); }
      buffer = '';
    } else if (e.key.length === 1) {
      buffer += e.key;
    }
  });
  // The office's stream is followed only for the service's state: the server says "paused" while its database is away.
  MadoguchiLive.connect('/api/v1/offices/' + encodeURIComponent(office) + '/events', {
    types: [],
    onPaused: function (paused) { if (paused) waiting.down(); else waiting.check(); },
    onStatus: function (healthy) { if (!healthy || waiting.isDown()) waiting.check(); }
  });
  render();
})();
