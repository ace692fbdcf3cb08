// The versions: a publisher restores an earlier version (a new version with the old content).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('staff-data').textContent);
  var T = data.text;
  var outcome = document.getElementById('outcome');
  function tell(text) { outcome.textContent = text; outcome.focus(); }
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button.restore') : null;
    if (!button) return;
    if (!window.confirm(button.getAttribute('data-confirm'))) return;
    var headers = {};
    if (data.csrf) headers['x-csrf-token'] = data.csrf;
    button.disabled = true;
    fetch('/api/staff/versions/' + encodeURIComponent(button.getAttribute('data-version')) + '/restore', { method: 'POST', headers: headers, credentials: 'same-origin' })
      .then(function (res) { return res.json().then(function (json) { return { status: res.status, json: json }; }, function () { return { status: res.status, json: {} }; }); })
      .then(function (r) {
        if (r.status === 200) {
          try { window.sessionStorage.setItem('staff-restored', String(r.json.version)); } catch (e) { /* only the message is lost */ }
          window.location.reload();
          return;
        }
        button.disabled = false;
        var code = r.json.error && r.json.error.code;
        tell(code === 'forbidden' ? T.forbidden : window.StaffSwedish.refusal(r.json, data.swedish));
      }, function () { button.disabled = false; tell(T.failed); });
  });
  var restored = null;
  try { restored = window.sessionStorage.getItem('staff-restored'); window.sessionStorage.removeItem('staff-restored'); } catch (e) { restored = null; }
  if (restored) tell(T.restored.replace('{v}', restored));
})();
