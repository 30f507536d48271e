// The display board (呼出モニター). The page arrives rendered by the server; this script keeps it current
// from the public summary and the event stream, and announces each call: a two-tone chime, then the
// sentence in Japanese, then in English. Announcements are strictly queued so that a second call never
// cuts off the first, and every call is also shown visually (a slow flash) for the board with sound off.
// While the stream is refused or down, the board polls the summary and announces the new calls it finds
// there, until the stream is back. While nothing can be fetched (the server's database is away) the board keeps
// the numbers it shows, says discreetly that updating is paused, and carries on by itself afterwards; calls it
// had shown already are not read out again.
'use strict';
window.MadoguchiBoard = (function () {
  const KANA = ['ゼロ', 'いち', 'に', 'さん', 'よん', 'ご', 'ろく', 'なな', 'はち', 'きゅう'];
  const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const FRESH_MS = 12000;          // how long a new call stays highlighted
  const STALE_CALL_MS = 60000;     // calls replayed after a reconnection are shown, not spoken again
  const POLL_MS = 3000;            // summary polling while the stream is refused or down
  const LIVE_REGION_DELAY_MS = 1200;
  const MAX_RECENT = 8;
  const PAGE_SIZE = 20;            // calls shown at once; more are shown page by page
  const BUSY_FROM = 7;             // from this many calls they take the whole width
  const PAGE_MS = 8000;            // how long each page of calls stays
  const TILE_ASPECT = 2.6;         // width : height a call tile looks best at (number beside its counter)
  const EVENT_TYPES = ['issued', 'queued', 'called', 'recalled', 'absent', 'returned', 'started', 'completed',
    'handed_over', 'visit_added', 'visit_removed', 'cancelled', 'dropped', 'unserved', 'day_closed',
    'counter_opened', 'counter_closed'];

  function digitsOf(number) {
    return String(number).replace(/[^0-9]/g, '').split('').map(Number);
  }

  /**
   * The two sentences read out for a call, Japanese first. Numbers are read digit by digit, as on the
   * ticket ("いち ゼロ に 番", "one zero two"), never as an amount ("百二", "one hundred two").
   */
  function announcementTexts(number, counterLabelJa, counterLabelEn, recall) {
    const digits = digitsOf(number);
    const ja = (recall ? 'もう一度お呼びします。' : '') + '受付番号 ' + digits.map(function (d) { return KANA[d]; }).join(' ')
      + ' 番の方、' + counterLabelJa + 'へお越しください。';
    const en = (recall ? 'Calling again. ' : '') + 'Number ' + digits.map(function (d) { return WORDS[d]; }).join(' ')
      + ', please go to ' + counterLabelEn + '.';
    return [ja, en];
  }

  // ------------------------------------------------------------ sound

  let audio = null;
  let gestureSeen = false;

  function audioContext() {
    if (!audio) {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (Context) {
        try { audio = new Context(); } catch (ignored) { audio = null; }
      }
    }
    return audio;
  }

  /** Browsers let a page make sound only after someone has touched it (unless the kiosk policy allows it). */
  function soundAllowed() {
    const a = audioContext();
    if (a && a.state === 'running') return true;
    return gestureSeen || !!(navigator.userActivation && navigator.userActivation.hasBeenActive);
  }

  function chime(done) {
    const a = audioContext();
    if (!a || a.state !== 'running') { setTimeout(done, 0); return; }
    // "Pin-pon": a falling major third, soft attack and release so it does not startle.
    const start = a.currentTime + 0.05;
    [[659.25, 0], [523.25, 0.45]].forEach(function (tone) {
      const oscillator = a.createOscillator();
      const gain = a.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = tone[0];
      gain.gain.setValueAtTime(0.0001, start + tone[1]);
      gain.gain.exponentialRampToValueAtTime(0.35, start + tone[1] + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + tone[1] + 0.7);
      oscillator.connect(gain);
      gain.connect(a.destination);
      oscillator.start(start + tone[1]);
      oscillator.stop(start + tone[1] + 0.75);
    });
    setTimeout(done, 1300);
  }

  function voiceFor(lang) {
    if (!window.speechSynthesis || !speechSynthesis.getVoices) return null;
    const voices = speechSynthesis.getVoices() || [];
    const wanted = lang.toLowerCase();
    return voices.find(function (v) { return v.lang && v.lang.replace('_', '-').toLowerCase() === wanted; })
      || voices.find(function (v) { return v.lang && v.lang.toLowerCase().indexOf(wanted.slice(0, 2)) === 0; })
      || null;
  }

  let speaking = null; // kept referenced: Chrome may drop the end event of an utterance it garbage-collected

  function speak(text, lang, done) {
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) { setTimeout(done, 0); return; }
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.rate = 0.9;
    const voice = voiceFor(lang);
    if (voice) utterance.voice = voice;
    let finished = false;
    // A voice that never reports its end must not stall the board: give up after a generous estimate.
    const fallback = setTimeout(finish, 3000 + text.length * 300);
    function finish() {
      if (finished) return;
      finished = true;
      clearTimeout(fallback);
      if (speaking === utterance) speaking = null;
      done();
    }
    utterance.onend = finish;
    utterance.onerror = finish;
    speaking = utterance;
    try {
      window.speechSynthesis.speak(utterance);
    } catch (e) {
      finish();
    }
  }

  // One job at a time; each job calls its continuation exactly once.
  const jobs = [];
  let running = false;

  function enqueue(list) {
    Array.prototype.push.apply(jobs, list);
    if (!running) runNext();
  }

  function runNext() {
    const job = jobs.shift();
    if (!job) { running = false; return; }
    running = true;
    let continued = false;
    job(function () {
      if (continued) return;
      continued = true;
      runNext();
    });
  }

  function clearQueue() {
    jobs.length = 0;
    if (window.speechSynthesis) {
      try { window.speechSynthesis.cancel(); } catch (ignored) { /* nothing to stop */ }
    }
  }

  function announce(number, counterJa, counterEn, recall) {
    const texts = announcementTexts(number, counterJa, counterEn, recall);
    enqueue([
      function (next) { chime(next); },
      function (next) { speak(texts[0], 'ja-JP', next); },
      function (next) { speak(texts[1], 'en-US', next); }
    ]);
  }

  // ------------------------------------------------------------ the page

  function start() {
    const body = document.body;
    const office = body.dataset.office;
    const lang = body.dataset.lang || 'ja';
    const bilingual = body.dataset.bilingual === 'true';
    const msg = {
      people: body.dataset.msgPeople, recall: body.dataset.msgRecall, announce: body.dataset.msgAnnounce,
      recentNone: body.dataset.msgRecentNone, page: body.dataset.msgPage
    };
    const el = {
      calling: document.getElementById('calling'), callingNone: document.getElementById('calling-none'),
      callingPage: document.getElementById('calling-page'),
      recent: document.getElementById('recent'), recentNone: document.getElementById('recent-none'),
      waiting: document.getElementById('waiting'), conn: document.getElementById('conn'),
      sound: document.getElementById('sound'), blocked: document.getElementById('sound-blocked'),
      announcer: document.getElementById('announcer'), clock: document.getElementById('clock')
    };
    const counters = {};
    const labelsReady = MadoguchiLive.getJson('/api/v1/offices/' + encodeURIComponent(office) + '/floor')
      .then(function (floor) {
        floor.counters.forEach(function (c) { counters[c.id] = { ja: c.labelJa, en: c.labelEn }; });
      })
      .catch(function () { /* labels fall back to the counter id until the next load */ });
    const fresh = {};
    const spokenEvents = {};
    let soundOn = readSoundSetting();
    // Server time minus this device's time: a TV's own clock may be off, and the demo runs a day of its own.
    let clockOffset = (Date.parse(body.dataset.asOf) - Date.now()) || 0;

    function format(pattern, args) {
      return String(pattern).replace(/\{(\d)\}/g, function (m, i) { return args[Number(i)]; });
    }

    function label(ja, en) {
      return lang === 'ja' ? ja : en;
    }

    // Outside Japanese, names come in English whatever the page language is (there are no zh/ko names).
    const nameLang = lang === 'ja' ? undefined : 'en';

    function span(cls, text, spanLang) {
      const s = document.createElement('span');
      s.className = cls;
      s.textContent = text;
      if (spanLang) s.lang = spanLang;
      return s;
    }

    // -------- rendering

    function renderCalling(summary) {
      const calls = [];
      summary.departments.forEach(function (d) {
        d.calling.forEach(function (c) { calls.push({ call: c, dept: d }); });
      });
      calls.sort(function (a, b) { return String(b.call.calledAt).localeCompare(String(a.call.calledAt)); });
      const now = Date.now();
      const items = calls.map(function (x) {
        const c = x.call;
        const key = c.number + '|' + c.counterId;
        const li = document.createElement('li');
        li.className = 'call' + (fresh[key] && fresh[key] > now ? ' fresh' : '');
        li.dataset.key = key;
        const body = document.createElement('div');
        body.className = 'call-body';
        body.appendChild(span('call-number', String(c.number)));
        const to = span('call-to', '');
        to.appendChild(span('call-counter', label(c.counterLabelJa, c.counterLabelEn), nameLang));
        if (bilingual) to.appendChild(span('call-counter-en', c.counterLabelEn, 'en'));
        to.appendChild(span('call-dept', label(x.dept.nameJa, x.dept.nameEn), nameLang));
        if (c.recallCount > 0) to.appendChild(span('call-recall', msg.recall));
        body.appendChild(to);
        li.appendChild(body);
        return li;
      });
      callItems = items;
      layoutCalls();
      el.callingNone.hidden = items.length > 0;
      return calls.map(function (x) { return x.call.number; });
    }

    // -------- laying out any number of calls

    let callItems = [];
    let page = 0;
    let pageTimer = null;

    function emWidth(text) {
      let em = 0;
      for (const ch of text) em += ch.charCodeAt(0) < 0x2000 ? 0.6 : 1;
      return em;
    }

    /** Columns and rows that give n tiles the largest size in a w × h area. */
    function gridFor(n, w, h) {
      let best = { cols: 1, rows: Math.max(1, n), size: 0 };
      for (let cols = 1; cols <= Math.max(1, n); cols++) {
        const rows = Math.ceil(n / cols);
        const size = Math.min(w / cols / TILE_ASPECT, h / rows);
        if (size > best.size) best = { cols: cols, rows: rows, size: size };
      }
      return best;
    }

    function layoutCalls() {
      const pages = Math.max(1, Math.ceil(callItems.length / PAGE_SIZE));
      if (page >= pages) page = 0;
      const shown = callItems.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
      document.body.classList.toggle('board-busy', callItems.length >= BUSY_FROM);
      // Long numbers get smaller digits, so that the counter beside them keeps its room.
      const digits = shown.reduce(function (m, li) {
        return Math.max(m, li.querySelector('.call-number').textContent.length);
      }, 2);
      el.calling.style.setProperty('--digits', String(digits));
      // Likewise the longest counter label ("8番窓口" or "105番窓口"), in em: full-width characters count one.
      const labelEm = shown.reduce(function (m, li) {
        return Math.max(m, emWidth(li.querySelector('.call-counter').textContent));
      }, 4);
      el.calling.style.setProperty('--label-em', labelEm.toFixed(1));
      const grid = gridFor(shown.length, el.calling.clientWidth || 1, el.calling.clientHeight || 1);
      el.calling.style.setProperty('--cols', String(grid.cols));
      el.calling.style.setProperty('--rows', String(grid.rows));
      el.calling.replaceChildren.apply(el.calling, shown);
      el.callingPage.hidden = pages < 2;
      el.callingPage.textContent = format(msg.page, [page + 1, pages]);
      clearTimeout(pageTimer);
      if (pages > 1) {
        pageTimer = setTimeout(function () { page = (page + 1) % pages; layoutCalls(); }, PAGE_MS);
      }
    }

    window.addEventListener('resize', function () { layoutCalls(); });

    function renderWaiting(summary) {
      summary.departments.forEach(function (d) {
        const row = el.waiting.querySelector('tr[data-department="' + CSS.escape(d.id) + '"]');
        if (row) row.querySelector('.waiting-count').textContent = format(msg.people, [d.waiting]);
      });
    }

    function renderRecent(recent, callingNumbers) {
      const shown = {};
      callingNumbers.forEach(function (n) { shown[n] = true; });
      const items = [];
      recent.forEach(function (r) {
        if (shown[r.number] || items.length >= MAX_RECENT) return;
        shown[r.number] = true;
        const li = document.createElement('li');
        li.appendChild(span('recent-number', String(r.number)));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(span('recent-counter', label(r.counterLabelJa, r.counterLabelEn), nameLang));
        items.push(li);
      });
      el.recent.replaceChildren.apply(el.recent, items);
      el.recentNone.hidden = items.length > 0;
    }

    // -------- updating paused

    let streamPaused = false;
    let fetchFailed = false;
    let retryTimer = null;
    function showPaused() {
      const paused = streamPaused || fetchFailed;
      body.dataset.updates = paused ? 'paused' : 'live';
      // Written only when it changes, so that screen readers hear it once.
      if (paused === el.conn.hasChildNodes()) return;
      if (!paused) { el.conn.replaceChildren(); return; }
      el.conn.replaceChildren(span('', el.conn.dataset.msg));
      if (bilingual) el.conn.append(' ', span('en', el.conn.dataset.msgEn, 'en'));
    }

    let refreshTimer = null;
    function refresh() {
      // Several events often arrive together (a call closes one visit and opens another): fetch once.
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(function () {
        Promise.all([
          MadoguchiLive.getJson('/api/v1/offices/' + encodeURIComponent(office) + '/summary'),
          MadoguchiLive.getJson('/board/recent?office=' + encodeURIComponent(office))
        ]).then(function (results) {
          if (results[0].asOf) clockOffset = Date.parse(results[0].asOf) - Date.now();
          noteCalls(results[0]);
          const callingNumbers = renderCalling(results[0]);
          renderWaiting(results[0]);
          renderRecent(results[1], callingNumbers);
          fetchFailed = false;
          showPaused();
        }).catch(function () {
          // What is shown stays; the board tries again until it can update (polling does so too, when on).
          fetchFailed = true;
          showPaused();
          clearTimeout(retryTimer);
          retryTimer = setTimeout(refresh, POLL_MS);
        });
      }, 200);
    }

    // -------- calls

    let liveTexts = [];
    let liveTimer = null;
    function tellScreenReaders(text) {
      // Calls that come together are read as one message instead of interrupting each other.
      liveTexts.push(text);
      clearTimeout(liveTimer);
      liveTimer = setTimeout(function () {
        el.announcer.textContent = liveTexts.join(' ');
        liveTexts = [];
      }, LIVE_REGION_DELAY_MS);
    }

    function highlight(key) {
      fresh[key] = Date.now() + FRESH_MS;
      page = 0; // the newest calls come first: show them
      setTimeout(refresh, FRESH_MS + 100); // takes the highlight off again
    }

    function speakCall(number, counterId, recall) {
      // Counter labels come with the floor; calls wait for it (in order) rather than read out an id.
      labelsReady.then(function () {
        const counter = counters[counterId] || { ja: counterId, en: counterId };
        tellScreenReaders(format(msg.announce, [number, label(counter.ja, counter.en)]));
        if (soundOn && soundAllowed()) {
          announce(number, counter.ja, counter.en, recall);
        }
      });
    }

    // Calls as last seen, by number|counter: when they were called and how often recalled, and (asOf) the
    // server time of the summary that showed that recall count. Calls reach the board two ways, as events and
    // in the summary (the only way while the stream is refused); each is announced once, whichever comes first.
    const known = {};
    // Calls made before the page was rendered are on it already: shown, not read out.
    const renderedAt = Date.parse(body.dataset.asOf) || Date.now() + clockOffset;

    function noteCalls(summary) {
      const asOf = Date.parse(summary.asOf);
      const calls = [];
      summary.departments.forEach(function (d) { d.calling.forEach(function (c) { calls.push(c); }); });
      calls.sort(function (a, b) { return Date.parse(a.calledAt) - Date.parse(b.calledAt); });
      calls.forEach(function (c) {
        const key = c.number + '|' + c.counterId;
        const calledAt = Date.parse(c.calledAt);
        const before = known[key];
        const isNew = !before || before.calledAt !== calledAt;
        const recalled = !isNew && c.recallCount > before.recalls;
        if (isNew || recalled || !before.asOf) {
          known[key] = { calledAt: calledAt, recalls: c.recallCount, asOf: asOf };
        }
        if (calledAt <= renderedAt) return;
        if (isNew && asOf - calledAt <= STALE_CALL_MS) {
          highlight(key);
          speakCall(c.number, c.counterId, false);
        } else if (recalled) {
          highlight(key);
          speakCall(c.number, c.counterId, true);
        }
      });
      // Calls long gone from the board are forgotten (a recent one may still be on its way as an event).
      Object.keys(known).forEach(function (key) {
        if (known[key].calledAt < asOf - 10 * STALE_CALL_MS && !calls.some(function (c) {
          return c.number + '|' + c.counterId === key;
        })) delete known[key];
      });
    }

    /** True when the summary already brought this call (or recall), so its event must not repeat it. */
    function alreadyKnown(type, event) {
      const k = known[event.number + '|' + event.counterId];
      const at = Date.parse(event.at);
      if (type === 'called') {
        if (k && k.calledAt === at) return true;
        known[event.number + '|' + event.counterId] = { calledAt: at, recalls: 0, asOf: 0 };
        return false;
      }
      if (!k) return false;
      if (k.asOf && at <= k.asOf) return true;
      k.recalls += 1;
      return false;
    }

    function onCall(type, event) {
      const key = event.number + '|' + event.counterId;
      highlight(key);
      refresh();
      if (spokenEvents[event.id]) return;
      spokenEvents[event.id] = true;
      if (alreadyKnown(type, event)) return;
      // Measured against the server's clock: a TV whose own clock is off must not fall silent.
      if (event.at && Date.now() + clockOffset - Date.parse(event.at) > STALE_CALL_MS) return;
      speakCall(event.number, event.counterId, type === 'recalled');
    }

    // -------- polling while the stream is refused or down

    let pollTimer = null;
    function setPolling(on) {
      if (on && !pollTimer) {
        pollTimer = setInterval(refresh, POLL_MS);
        refresh();
      } else if (!on && pollTimer) {
        clearInterval(pollTimer);
        pollTimer = null;
      }
    }

    // -------- sound setting

    function readSoundSetting() {
      try { return localStorage.getItem('madoguchi.board.sound') !== 'off'; } catch (e) { return true; }
    }

    function showSound() {
      el.sound.setAttribute('aria-pressed', soundOn ? 'true' : 'false');
      el.sound.querySelector('[data-on]').hidden = !soundOn;
      el.sound.querySelector('[data-off]').hidden = soundOn;
      el.blocked.hidden = !soundOn || soundAllowed();
    }

    el.sound.addEventListener('click', function () {
      soundOn = !soundOn;
      try { localStorage.setItem('madoguchi.board.sound', soundOn ? 'on' : 'off'); } catch (ignored) { /* private mode */ }
      if (!soundOn) clearQueue();
      showSound();
    });

    function onGesture() {
      gestureSeen = true;
      const a = audioContext();
      if (a && a.state === 'suspended') a.resume().then(showSound, showSound);
      showSound();
    }
    document.addEventListener('pointerdown', onGesture, true);
    document.addEventListener('keydown', onGesture, true);
    audioContext();
    showSound();
    // The audio context may start running a moment after load when the device policy allows autoplay.
    setTimeout(showSound, 1000);

    // -------- clock

    const timeZone = body.dataset.timeZone || 'Asia/Tokyo';
    function tick() {
      const now = new Date(Date.now() + clockOffset);
      el.clock.textContent = now.toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone: timeZone });
      el.clock.dateTime = now.toISOString();
    }
    tick();
    setInterval(tick, 10000);

    // The calls rendered by the server are laid out like any later ones.
    callItems = Array.prototype.slice.call(el.calling.children);
    layoutCalls();

    // -------- live

    MadoguchiLive.connect('/api/v1/offices/' + encodeURIComponent(office) + '/events', {
      types: EVENT_TYPES,
      onEvent: function (type, data) {
        if (type === 'called' || type === 'recalled') onCall(type, data);
        else refresh();
      },
      onStatus: function (healthy) {
        body.dataset.live = healthy ? 'connected' : 'polling';
        setPolling(!healthy);
      },
      onPaused: function (paused) {
        streamPaused = paused;
        showPaused();
        if (!paused) refresh();
      },
      onResync: refresh
    });
  }

  if (document.body && document.body.classList.contains('board')) start();

  return { announcementTexts: announcementTexts, digitsOf: digitsOf };
})();
