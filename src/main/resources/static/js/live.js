// Live updates over Server-Sent Events. EventSource reconnects by itself and sends Last-Event-ID;
// this wrapper adds what screens need on top: a visible "connection lost" state when nothing
// (not even the server's ping every 15 s) has arrived for a while, and a reload of state after a gap.
'use strict';
window.MadoguchiLive = (function () {
  const STALE_MS = 40000;

  function connect(url, handlers) {
    let source;
    let lastMessage = Date.now();
    let healthy = null;

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

    function open() {
      source = new EventSource(url);
      source.onopen = touch;
      source.onerror = function () {
        setHealthy(false);
        // A closed stream (the server restarted) is reopened by hand.
        if (source.readyState === EventSource.CLOSED) setTimeout(open, 3000);
      };
      ['hello', 'ping'].forEach(function (name) { source.addEventListener(name, touch); });
      source.addEventListener('resync', function () { touch(); if (handlers.onResync) handlers.onResync(); });
      (handlers.types || []).forEach(function (type) {
        source.addEventListener(type, function (e) {
          touch();
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
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.json();
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

  return { connect: connect, post: post, getJson: getJson, chooseStream: chooseStream };
})();
