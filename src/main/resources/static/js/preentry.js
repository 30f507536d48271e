// Pre-entry, progressive enhancement only: the pages work without this file.
// A complete Itabashi postal code fills the address with the town at once (the "show address" button
// does the same with a page reload). The postal code is sent by POST so that it never appears in a URL.
(function () {
  'use strict';
  var csrfToken = document.querySelector('meta[name="_csrf"]');
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]');
  var pairs = { postalCode: 'address', previousPostalCode: 'previousAddress' };
  Object.keys(pairs).forEach(function (postalId) {
    var postal = document.getElementById(postalId);
    var address = document.getElementById(pairs[postalId]);
    // Says what the look-up did, found or not: a code outside Itabashi must not look like a broken page.
    var note = document.getElementById(postalId + '-lookup');
    if (!postal || !address || !window.fetch) {
      return;
    }
    function say(text) {
      if (note && text) {
        note.textContent = text;
      }
    }
    var last = '';
    postal.addEventListener('input', function () {
      var digits = postal.value.replace(/[０-９]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
      }).replace(/[^0-9]/g, '');
      if (digits.length !== 7 || digits === last) {
        return;
      }
      last = digits;
      var headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
      if (csrfToken && csrfHeader) {
        headers[csrfHeader.content] = csrfToken.content;
      }
      fetch('/preentry/postal', { method: 'POST', headers: headers, credentials: 'same-origin',
        body: 'code=' + encodeURIComponent(digits) })
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (data) {
          if (!data.postalCode) {
            return;
          }
          // Only fill an empty box or one still holding an earlier suggestion: never overwrite typing.
          if (data.address && (address.value === '' || address.dataset.suggested === address.value)) {
            address.value = data.address;
            address.dataset.suggested = data.address;
            say(note.dataset.found);
          } else if (data.address) {
            say(note.dataset.kept);
          } else {
            say(note.dataset.notFound);
          }
        })
        .catch(function () { /* the button still works */ });
    });
  });
}());
