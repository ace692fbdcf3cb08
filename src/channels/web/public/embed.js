// Adds a "Chatta med oss" button to a host page that opens the chat (/embed, from this script's own
// server) in a panel. Usage: <script src="https://CHAT-HOST/webchat/embed.js" async></script>
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || document.getElementById('nk-faq-chat-button')) return;
  var origin = new URL(script.src).origin;

  var button = document.createElement('button');
  button.id = 'nk-faq-chat-button';
  button.type = 'button';
  // The host page names its own incident and organisation (data-label, data-title); neutral words otherwise.
  button.textContent = script.getAttribute('data-label') || 'Har du frågor? Chatta med oss';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'nk-faq-chat-panel');
  button.style.cssText = 'position:fixed;right:1rem;bottom:1rem;z-index:2147483000;padding:0.75rem 1.25rem;border:0;border-radius:2rem;background:#00558c;color:#fff;font:600 1rem system-ui,sans-serif;cursor:pointer';

  var panel = document.createElement('div');
  panel.id = 'nk-faq-chat-panel';
  panel.hidden = true;
  panel.style.cssText = 'position:fixed;right:1rem;bottom:4.5rem;z-index:2147483000;width:min(26rem,calc(100vw - 2rem));height:min(40rem,calc(100vh - 6rem));border:1px solid #6b6b6b;border-radius:8px;overflow:hidden;background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.25)';

  var frame;
  button.addEventListener('click', function () {
    var open = panel.hidden;
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.src = origin + '/embed';
      frame.title = script.getAttribute('data-title') || 'Chatt med kommunen';
      frame.style.cssText = 'width:100%;height:100%;border:0';
      panel.appendChild(frame);
    }
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open && frame) frame.focus();
  });

  document.body.appendChild(panel);
  document.body.appendChild(button);
})();
