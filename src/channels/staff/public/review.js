// The editors' review: one click copies a group's YAML snippet for faq-data/.
(function () {
  'use strict';
  var text = JSON.parse(document.getElementById('staff-data').textContent);
  var status = document.getElementById('status');
  function say(message) { status.textContent = ''; window.setTimeout(function () { status.textContent = message; }, 30); }
  var buttons = document.querySelectorAll('.copy-yaml');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', function (event) {
      var pre = document.getElementById(event.currentTarget.getAttribute('data-target'));
      if (!pre || !navigator.clipboard) { say(text.copyFailed); return; }
      navigator.clipboard.writeText(pre.textContent).then(function () { say(text.copied); }, function () { say(text.copyFailed); });
    });
  }
})();
