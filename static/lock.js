/* lock.js: the idle lock (A8.4) in the browser. The server locks a session
 * after 15 idle minutes, but only sees it at the next request; this hides
 * the page at the very moment the lock falls due (the server tells each page
 * how many seconds are left: body data-lock-in), removes what it showed, and
 * goes to the lock screen, from which only the password brings it back.
 * Enhancement only: without it the server's lock still holds. */
(function () {
  'use strict';
  var left = parseInt(document.body.getAttribute('data-lock-in'), 10);
  if (isNaN(left) || left < 0) return;
  function lock() {
    var screen = document.getElementById('privacy-screen');
    var main = document.getElementById('main');
    document.body.classList.add('idle-locked');
    if (main) main.textContent = '';
    if (screen) {
      var blank = document.getElementById('privacy-blank');
      var locked = document.getElementById('privacy-locked');
      if (blank) blank.hidden = true;
      if (locked) locked.hidden = false;
      screen.hidden = false;
    }
    /* The same page again: the server now finds the session idle, locks
     * it (keeping this page to return to) and answers with the lock screen. */
    setTimeout(function () {
      location.replace(location.pathname + location.search);
    }, 1500);
  }
  /* A second after the server's own deadline, so that it agrees. */
  setTimeout(lock, (left + 1) * 1000);
})();
