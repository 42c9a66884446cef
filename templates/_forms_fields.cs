<?cs # _forms_fields.cs: forms 1-3 as on paper (issue 21): the fields beyond the first version's. Included by app_new.cs inside its form; needs _field_error.cs. ?>
<?cs def:ftext(name, max, type) ?><div class="row"><label for="<?cs var:name ?>"><?cs var:L.forms[name] ?></label>
    <input type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" maxlength="<?cs var:max ?>" value="<?cs var:Form[name] ?>"<?cs if:L.forms[name + "_hint"] ?> aria-describedby="hint-<?cs var:name ?>"<?cs /if ?>><?cs if:L.forms[name + "_hint"] ?><span class="hint" id="hint-<?cs var:name ?>"><?cs var:L.forms[name + "_hint"] ?></span><?cs /if ?><?cs call:ferr(name) ?></div>
<?cs /def ?>
<?cs def:fprofession(name, lic) ?><div class="row"><label for="<?cs var:name ?>"><?cs var:L.forms[name] ?></label>
    <select id="<?cs var:name ?>" name="<?cs var:name ?>"><option value=""><?cs var:L.council.choose ?></option>
    <?cs each:p = Professions ?><option value="<?cs var:p.code ?>"<?cs if:Form[name] == p.code ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?>
    </select><?cs call:ferr(name) ?></div>
  <div class="row"><label for="<?cs var:lic ?>"><?cs var:L.forms[lic] ?></label>
    <input type="text" id="<?cs var:lic ?>" name="<?cs var:lic ?>" maxlength="32" value="<?cs var:Form[lic] ?>" aria-describedby="hint-<?cs var:lic ?>"><span class="hint" id="hint-<?cs var:lic ?>"><?cs var:L.forms.license_hint ?></span><?cs call:ferr(lic) ?></div>
<?cs /def ?>
<?cs def:pledge(who) ?><fieldset class="row wide pledge" id="pledge-box"><legend><?cs var:L.forms.pledge_title ?></legend>
    <p><?cs var:L.forms["pledge_" + who] ?></p>
    <ol class="pledge-items">
      <li><?cs var:L.forms.pledge_a11_1 ?></li>
      <li><?cs var:L.forms.pledge_a11_2 ?></li>
      <li><?cs var:L.forms.pledge_a11_3 ?></li>
      <li><?cs var:L.forms.pledge_a11_4 ?></li>
    </ol>
    <p class="hint"><a href="/rules" target="_blank" rel="noopener"><?cs var:L.forms.pledge_read ?></a></p>
    <label><input type="checkbox" name="pledge" id="pledge" value="1"<?cs if:Form.pledge == "1" ?> checked<?cs /if ?>> <?cs var:L.forms["pledge_check_" + who] ?></label><?cs call:ferr("pledge") ?></fieldset>
<?cs /def ?>
