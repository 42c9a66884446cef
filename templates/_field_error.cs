<?cs def:ferr(name) ?><?cs if:Form["err_" + name] ?><span class="field-error" id="err-<?cs var:name ?>"><?cs var:Form["err_" + name] ?></span><?cs /if ?><?cs /def ?>
