<?cs include:"_head.cs" ?>
<div class="records-screen">
<h1><?cs var:L.records.purpose_title ?></h1>
<section class="card">
  <p class="record-who"><strong id="purpose-name"><?cs var:Patient.name ?></strong>（<?cs var:Patient.kana ?>・<?cs var:L.patients["sex_" + Patient.sex] ?>・<?cs call:born(Patient.birth_date) ?>・<?cs call:years(Patient.birth_date) ?>）</p>
  <p class="hint"><?cs var:L.records.purpose_hint ?></p>
  <form method="get" action="/records/patient" class="form" id="purpose-form">
    <input type="hidden" name="p" value="<?cs var:P ?>">
    <?cs if:Section && Section != "summary" ?><input type="hidden" name="section" value="<?cs var:Section ?>"><?cs /if ?>
    <button type="submit" name="purpose" value="care" class="primary" id="purpose-care"><?cs var:L.records.purpose_care ?></button>
    <button type="submit" name="purpose" value="explanation" class="button secondary" id="purpose-explanation"><?cs var:L.records.purpose_explanation ?></button>
    <button type="submit" name="purpose" value="patient_care" class="button secondary" id="purpose-patient_care"><?cs var:L.records.purpose_patient_care ?></button>
  </form>
</section>
</div>
<p class="print-only"><?cs var:L.viewer.print_use_anon ?></p>
<?cs include:"_foot.cs" ?>
