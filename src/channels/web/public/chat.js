// Starts Web Chat on the page. The self-hosted transport below is a small DirectLine-compatible object:
// Web Chat needs activity$ (multicast), connectionStatus$ (replaying, 0 → 1 → 2) and postActivity().
(function () {
  'use strict';

  var configElement = document.getElementById('chat-config');
  var host = document.getElementById('webchat');
  if (!configElement || !host) return;
  var config = JSON.parse(configElement.textContent || '{}');
  if (!window.WebChat) {
    host.textContent = config.notices.failed;
    return;
  }

  // A minimal multicast observable; with `replay` new subscribers get the current value first, like
  // rxjs' BehaviorSubject that DirectLineJS uses.
  function createSubject(replay) {
    var observers = [];
    var hasValue = false;
    var current;
    function normalize(observerOrNext, error, complete) {
      if (typeof observerOrNext === 'function') return { next: observerOrNext, error: error, complete: complete };
      return observerOrNext || {};
    }
    var observable = {
      subscribe: function (observerOrNext, error, complete) {
        var observer = normalize(observerOrNext, error, complete);
        observers.push(observer);
        var subscription = {
          closed: false,
          unsubscribe: function () {
            subscription.closed = true;
            observers = observers.filter(function (o) { return o !== observer; });
          },
        };
        if (replay && hasValue && observer.next) observer.next(current);
        return subscription;
      },
    };
    return {
      observable: observable,
      next: function (value) {
        if (replay) {
          hasValue = true;
          current = value;
        }
        observers.slice().forEach(function (o) { if (o.next) o.next(value); });
      },
    };
  }

  // A cold observable of one value from a promise, started once however often it is subscribed.
  function fromPromiseOnce(start) {
    var promise;
    return {
      subscribe: function (observerOrNext, error, complete) {
        var observer = typeof observerOrNext === 'function' ? { next: observerOrNext, error: error, complete: complete } : observerOrNext || {};
        var closed = false;
        promise = promise || start();
        promise.then(
          function (value) {
            if (closed) return;
            if (observer.next) observer.next(value);
            if (observer.complete) observer.complete();
          },
          function (err) {
            if (!closed && observer.error) observer.error(err);
          }
        );
        return { closed: false, unsubscribe: function () { closed = true; } };
      },
    };
  }

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function createSelfHostedDirectLine(messagesUrl, conversationId, userId) {
    var activities = createSubject(false);
    var status = createSubject(true);
    var noticeCount = 0;

    function notice(text) {
      noticeCount += 1;
      activities.next({
        type: 'message',
        id: 'notice-' + noticeCount,
        timestamp: new Date().toISOString(),
        from: { id: 'notice', name: config.botName, role: 'bot' },
        conversation: { id: conversationId },
        textFormat: 'plain',
        text: text,
      });
    }

    function post(body) {
      return fetch(messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(body),
      }).then(function (response) {
        return response.json().then(
          function (json) { return { status: response.status, json: json, retryAfter: response.headers.get('retry-after') }; },
          function () { return { status: response.status, json: null, retryAfter: null }; }
        );
      });
    }

    function emitReplies(json) {
      (json && Array.isArray(json.activities) ? json.activities : []).forEach(function (a) { activities.next(a); });
    }

    function send(activity) {
      // Web Chat also posts typing and event activities; this channel carries only messages.
      if (activity.type !== 'message') return Promise.resolve('local-' + randomId());
      var body = { type: 'message', conversationId: conversationId, userId: userId };
      if (typeof activity.text === 'string' && activity.text !== '') body.text = activity.text;
      if (activity.value !== undefined) body.value = activity.value;
      if (body.text === undefined && body.value === undefined) body.text = '';
      var echo = function (id, timestamp) {
        // Web Chat matches its pending message by channelData.clientActivityID.
        var copy = Object.assign({}, activity, {
          id: id,
          timestamp: timestamp,
          conversation: { id: conversationId },
          from: Object.assign({}, activity.from, { id: userId, role: 'user' }),
          channelData: Object.assign({}, activity.channelData),
        });
        activities.next(copy);
        return id;
      };
      return post(body).then(
        function (result) {
          if (result.status === 200 && result.json) {
            echo(result.json.id, result.json.timestamp);
            emitReplies(result.json);
            return result.json.id;
          }
          if (result.status === 429) {
            notice(config.notices.rateLimited.replace('{seconds}', result.retryAfter || '60'));
            throw new Error('rate limited');
          }
          var id = 'unsent-' + randomId();
          echo(id, new Date().toISOString());
          notice(result.status === 413 ? config.notices.tooLong : config.notices.failed);
          return id;
        },
        function (err) {
          notice(config.notices.failed);
          throw err;
        }
      );
    }

    status.next(0);
    // Connect on the next tick, after Web Chat has subscribed, then greet: the bot's welcome answers a
    // conversationUpdate in which the resident joins.
    setTimeout(function () {
      status.next(1);
      status.next(2);
      post({ type: 'conversationUpdate', conversationId: conversationId, userId: userId }).then(
        function (result) {
          if (result.status === 200) emitReplies(result.json);
          else notice(config.notices.failed);
        },
        function () { notice(config.notices.failed); }
      );
    }, 0);

    return {
      activity$: activities.observable,
      connectionStatus$: status.observable,
      postActivity: function (activity) {
        return fromPromiseOnce(function () { return send(activity); });
      },
      end: function () { status.next(5); },
    };
  }

  var styleOptions = {
    accent: '#00558c',
    primaryFont: 'system-ui, "Segoe UI", Roboto, Arial, sans-serif',
    bubbleBackground: '#f2f4f7',
    bubbleFromUserBackground: '#00558c',
    bubbleFromUserTextColor: '#ffffff',
    bubbleBorderRadius: 8,
    bubbleFromUserBorderRadius: 8,
    hideUploadButton: true,
    sendBoxHeight: 48,
    suggestedActionLayout: 'flow',
    suggestedActionBorderColor: '#00558c',
    suggestedActionTextColor: '#00558c',
    suggestedActionBorderRadius: 20,
    transcriptVisualKeyboardIndicatorColor: '#000000',
  };

  function render(directLine, userId) {
    host.textContent = '';
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: userId,
        locale: config.locale,
        nonce: config.nonce,
        styleOptions: styleOptions,
        sendTypingIndicator: false,
      },
      host
    );
  }

  if (config.transport.kind === 'direct-line') {
    fetch(config.transport.tokenUrl, { method: 'POST', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('token ' + response.status);
        return response.json();
      })
      .then(function (token) {
        render(window.WebChat.createDirectLine({ token: token.token, domain: config.transport.domain }), token.userId);
      })
      .catch(function () {
        host.textContent = config.notices.failed;
      });
  } else {
    var userId = 'u-' + randomId();
    render(createSelfHostedDirectLine(config.transport.messagesUrl, 'c-' + randomId(), userId), userId);
  }
})();
