// The printed ticket: print once on arrival from the kiosk, then go back to the start for the next visitor.
'use strict';
(function () {
  document.getElementById('print').addEventListener('click', function () { window.print(); });
  if (document.getElementById('main').dataset.autoprint === 'true') {
    window.addEventListener('load', function () { setTimeout(function () { window.print(); }, 100); });
    setTimeout(function () { window.location.href = '/kiosk'; }, 20000);
  }
})();
