// The printed ticket: print once on arrival, then go back to the screen that issued it (kiosk or console).
'use strict';
(function () {
  document.getElementById('print').addEventListener('click', function () { window.print(); });
  const main = document.getElementById('main');
  if (main.dataset.autoprint === 'true') {
    window.addEventListener('load', function () { setTimeout(function () { window.print(); }, 100); });
    setTimeout(function () { window.location.href = main.dataset.back || '/kiosk'; }, 20000);
  }
})();
