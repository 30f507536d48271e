// Live updates over Server-Sent Events. EventSource reconnects by itself and sends Last-Event-ID;
// this wrapper adds what screens need on top: a visible "connection lost" state when nothing
// (not even the server's ping every 15 s) has arrived for a while, a reload of state after a gap, and the
// server's word that its database is away ("paused") until the next event that is not a ping.
'use strict';
window.MadoguchiLive = (function () {
  const STALE_MS = 40000;
  const RETRY_MS = 3000;

  function connect(url, handlers) {
    let source;
    let lastMessage = Date.now();
    let healthy = null;
    let paused = false;

    function setPaused(value) {
      if (paused === value) return;
      paused = value;
      if (handlers.onPaused) handlers.onPaused(value);
    }

    function setHealthy(value) {
      if (healthy === value) return;
      healthy = value;
      if (handlers.onStatus) handlers.onStatus(value);
      if (value && handlers.onResync) handlers.onResync();
    }

    function touch() {
      lastMessage = Date.now();
      setHealthy(true);
    }

    // Anything but a ping means the server is at work again; pings go on while its database is away.
    function news() {
      touch();
      setPaused(false);
    }

    function open() {
      source = new EventSource(url);
      source.onopen = touch;
      source.onerror = function () {
        setHealthy(false);
        // A closed stream (the server restarted, or refused it while its database was away) is reopened by hand,
        // a little later for each screen so that a whole floor does not come back in the same instant.
        if (source.readyState === EventSource.CLOSED) setTimeout(open, RETRY_MS + Math.random() * 2000);
      };
      source.addEventListener('ping', touch);
      source.addEventListener('hello', news);
      source.addEventListener('paused', function () { touch(); setPaused(true); });
      source.addEventListener('resync', function () { news(); if (handlers.onResync) handlers.onResync(); });
      (handlers.types || []).forEach(function (type) {
        source.addEventListener(type, function (e) {
          news();
          handlers.onEvent(type, JSON.parse(e.data));
        });
      });
    }

    setInterval(function () {
      if (Date.now() - lastMessage > STALE_MS) {
        setHealthy(false);
        source.close();
        lastMessage = Date.now();
        open();
      }
    }, 5000);
    open();
  }

  function csrfHeaders() {
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (token && header) headers[header.content] = token.content;
    return headers;
  }

  async function post(url, body, extraHeaders) {
    const response = await fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: Object.assign(csrfHeaders(), extraHeaders || {}),
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    let data = null;
    const text = await response.text();
    if (text) { try { data = JSON.parse(text); } catch (ignored) { data = null; } }
    return { status: response.status, ok: response.ok, data: data };
  }

  async function getJson(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
    if (!response.ok) {
      const failure = new Error('HTTP ' + response.status);
      failure.status = response.status;
      throw failure;
    }
    return response.json();
  }

  /**
   * Whether a failed request (a rejected fetch, or a post() result) means "the service is away for now": no answer
   * at all, or 502/503/504 (the database is away, or a proxy found no server). Such a request may work a little later.
   */
  function isOutage(failure) {
    if (!failure) return false;
    // fetch() rejects with a TypeError when no answer came at all (the server, or the network, is gone).
    if (failure.status === undefined) return failure instanceof TypeError;
    return failure.status === 502 || failure.status === 503 || failure.status === 504;
  }

  /**
   * The waiting state of a screen while the service is away. down(failure) starts it; check() asks probe() at once.
   * While it lasts probe() is asked every few seconds; it ends when probe() succeeds (or fails for another reason
   * than an outage, which is then the screen's own business). onChange(down) is called when it starts or ends, and
   * again when the kind of failure changes (the server answers again, but still without its database).
   */
  function outage(probe, onChange) {
    let down = false;
    let kind = null;
    let timer = null;
    function set(value, failure) {
      const newKind = value ? kindOf(failure) : null;
      if (down === value && kind === newKind) return;
      down = value;
      kind = newKind;
      onChange(value);
    }
    function again() {
      clearTimeout(timer);
      timer = setTimeout(check, RETRY_MS + Math.random() * 1000);
    }
    async function check() {
      clearTimeout(timer);
      try {
        await probe();
      } catch (failure) {
        if (isOutage(failure)) { set(true, failure); again(); return; }
      }
      set(false);
    }
    return {
      // Without a failure (the stream said "paused"): the server answers, its database does not.
      down: function (failure) { set(true, failure); again(); },
      check: check,
      isDown: function () { return down; },
      /** While down: 'database' when the server answered 503 (its database is away), 'network' when nothing answered. */
      kind: function () { return kind; }
    };
  }

  function kindOf(failure) {
    if (!failure) return 'database';
    return failure.status === 503 ? 'database' : 'network';
  }

  /** Writes a live region's text only when it changes, so that screen readers hear each change once. */
  function say(region, text) {
    if (region.textContent !== text) region.textContent = text;
  }

  // The lean stream server (its own port) is tried first when a page names it. If it cannot be opened at
  // all (not reachable, or the page's Content-Security-Policy does not allow its origin), the stream on the
  // page's own origin is used instead; a short probe decides, so stale detection stays in connect().
  function chooseStream(lean, fallback, done) {
    if (!lean) { done(fallback); return; }
    let decided = false;
    let probe;
    function decide(url) { if (decided) return; decided = true; if (probe) probe.close(); done(url); }
    try { probe = new EventSource(lean); } catch (e) { decide(fallback); return; }
    probe.onopen = function () { decide(lean); };
    probe.onerror = function () { decide(fallback); };
    setTimeout(function () { decide(fallback); }, 5000);
  }

  return { connect: connect, post: post, getJson: getJson, chooseStream: chooseStream, isOutage: isOutage, outage: outage, say: say };
})();
