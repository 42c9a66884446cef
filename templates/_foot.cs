</main>
<footer class="foot"><?cs var:L.footer ?></footer>
<div class="privacy-screen" id="privacy-screen" hidden><p><?cs var:L.privacy.blank ?></p></div>
</body>
</html>
