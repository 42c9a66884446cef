</main>
<footer class="foot"><?cs var:L.footer ?>
<?cs # Issue 21: the rules in force and the information-handling document, from every page (A11.1, A8.2). ?>
<p class="foot-links"><a href="/rules" id="foot-rules"><?cs var:L.rulebook.foot_link ?></a> <a href="/rules#handling-doc" id="foot-handling"><?cs var:L.rulebook.foot_handling ?></a></p></footer>
<div class="privacy-screen" id="privacy-screen" hidden><p id="privacy-blank"><?cs var:L.privacy.blank ?></p><p id="privacy-locked" hidden><?cs var:L.lockjs.locked ?></p></div>
</body>
</html>
