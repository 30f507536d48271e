// 手続ナビ: small conveniences only; every page works without this script.
document.addEventListener('DOMContentLoaded', () => {
  const print = document.getElementById('print');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', () => window.print());
  }
  const share = document.getElementById('share-url');
  if (share) {
    share.addEventListener('focus', () => share.select());
  }
});
