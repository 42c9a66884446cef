/* app.js: the privacy screen (A8.4): a button or Esc hides the page at once,
 * and the page blurs itself after a few idle minutes. Enhancement only. */
(function () {
  'use strict';
  var screen = document.getElementById('privacy-screen');
  var btn = document.getElementById('privacy-btn');
  if (!screen) return;
  var idleMs = 3 * 60 * 1000, timer = null;
  function hide() { screen.hidden = false; }
  function show() {
    /* After the idle lock (lock.js) only the password brings the page back. */
    if (document.body.classList.contains('idle-locked')) return;
    screen.hidden = true; document.body.classList.remove('blurred'); arm();
  }
  function arm() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { document.body.classList.add('blurred'); }, idleMs);
  }
  if (btn) btn.addEventListener('click', function (e) { e.preventDefault(); hide(); });
  screen.addEventListener('click', show);
  document.addEventListener('keydown', function (e) {
    if (document.body.classList.contains('idle-locked')) { e.preventDefault(); return; }
    if (!screen.hidden) { show(); e.preventDefault(); return; }
    if (e.key === 'Escape') { hide(); return; }
    arm();
  });
  ['mousemove', 'mousedown', 'touchstart', 'scroll'].forEach(function (ev) {
    document.addEventListener(ev, function () {
      if (document.body.classList.contains('blurred') && screen.hidden) document.body.classList.remove('blurred');
      arm();
    }, { passive: true });
  });
  arm();
})();
/* Print buttons: window.print() without inline script. */
(function () {
  'use strict';
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
})();
/* Issue 19: a wide table scrolls inside its own box, never the page (every
 * screen size); tables the templates already wrap are left as they are. */
(function () {
  'use strict';
  document.querySelectorAll('main table').forEach(function (t) {
    if (t.closest('.table-scroll, .scroll-x, .tablewrap')) return;
    var box = document.createElement('div');
    box.className = 'table-scroll';
    t.parentNode.insertBefore(box, t);
    box.appendChild(t);
  });
})();
