<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.title ?> - <?cs var:Net.name ?></title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main"><?cs var:L.skip ?></a>
<header class="top">
  <a class="brand" href="/"><?cs var:Net.name ?></a>
  <?cs if:Session.login ?><span class="who"><?cs var:Session.name ?>（<?cs var:Session.facility ?>）</span><?cs /if ?>
  <button type="button" class="privacy-btn" id="privacy-btn" title="<?cs var:L.privacy.hint ?>"><?cs var:L.privacy.button ?></button>
</header>
<main id="main">
