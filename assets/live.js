// Live support (issue 21): an incident's room over a WebSocket, and the
// call itself over WebRTC between the two browsers. Plain JavaScript, no
// dependencies, no inline handlers (the pages' CSP is script-src 'self').
//
// On an incident's page (#live, data-party "staff" or "contact") it joins
// /live/incidents/{id} with the browser's session cookie and runs the chat,
// presence, the ring, the call (voice always, video optional, the
// customer's screen for the agent), the meter and the balance warning. On
// the customer's other pages it joins the rooms of the organisation's open
// incidents (GET /portal/live/rooms) only to show a ring, whose Accept opens
// the incident's page, which answers. The frames are domain::live's.
(function () {
  "use strict";

  var RECONNECT_MS = [1000, 2000, 4000, 8000];
  var ROOMS_MAX = 5;

  function $(id) { return document.getElementById(id); }
  function show(element, on) { if (element) element.hidden = !on; }
  function say(element, text) { if (element) element.textContent = text; }

  // The sentences of this script in the page's language (web::shell's
  // script_words), `{name}` filled from `values`.
  var WORDS = (function () {
    var element = document.getElementById("script-words");
    try {
      return JSON.parse(element.getAttribute("data-words")) || {};
    } catch (e) {
      return {};
    }
  })();
  function t(key, values) {
    var text = WORDS[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(values[name]));
    });
    return text;
  }

  function announce(message) {
    var region = $("announcer");
    if (!region) return;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var rest = s % 60;
    var mm = h > 0 && m < 10 ? "0" + m : String(m);
    return (h > 0 ? h + ":" : "") + mm + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function socketUrl(incident) {
    var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
    return scheme + "//" + window.location.host + "/live/incidents/" + encodeURIComponent(incident);
  }

  // ---- The ring's sound: two short tones every two seconds (Web Audio, so
  // no media file and nothing for the CSP to allow).
  var ringer = null;
  function startRinging() {
    if (ringer) return;
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    var context;
    try { context = new Context(); } catch (e) { return; }
    function beep() {
      [0, 0.35].forEach(function (offset) {
        var oscillator = context.createOscillator();
        var gain = context.createGain();
        oscillator.frequency.value = 880;
        gain.gain.value = 0.08;
        oscillator.connect(gain);
        gain.connect(context.destination);
        var at = context.currentTime + offset;
        oscillator.start(at);
        oscillator.stop(at + 0.25);
      });
    }
    beep();
    ringer = { context: context, timer: window.setInterval(beep, 2000) };
  }
  function stopRinging() {
    if (!ringer) return;
    window.clearInterval(ringer.timer);
    try { ringer.context.close(); } catch (e) { /* already closed */ }
    ringer = null;
  }

  // ---- ICE servers: from the portal (STUN, or Cloudflare's TURN), read once.
  var iceConfig = null;
  function iceServers() {
    if (!iceConfig) {
      iceConfig = window.fetch("/api/live/ice-servers", { credentials: "same-origin", headers: { accept: "application/json" } })
        .then(function (answer) {
          if (!answer.ok) throw new Error("ICE servers answered " + answer.status);
          return answer.json();
        })
        .then(function (body) {
          var config = { iceServers: body.iceServers || body.ice_servers || [] };
          // The browser suite's relayed call sets this before the page
          // loads (tests/browser/13-live-call.test.mjs): TURN only.
          var policy = window.SPICA_LIVE_ICE_TRANSPORT_POLICY;
          if (policy) config.iceTransportPolicy = policy;
          return config;
        })
        .catch(function () {
          iceConfig = null;
          return { iceServers: [] };
        });
    }
    return iceConfig;
  }

  // ---- A room: one WebSocket, reopened after a drop.
  function Room(incident, handlers) {
    this.incident = incident;
    this.handlers = handlers;
    this.attempt = 0;
    this.closing = false;
    this.socket = null;
    this.open();
  }

  Room.prototype.open = function () {
    var room = this;
    var socket;
    try {
      socket = new WebSocket(socketUrl(room.incident));
    } catch (e) {
      room.retry();
      return;
    }
    room.socket = socket;
    socket.onopen = function () {
      room.attempt = 0;
      if (room.handlers.open) room.handlers.open();
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame && typeof frame.type === "string") room.handlers.frame(frame);
    };
    socket.onclose = function (event) {
      if (room.socket !== socket) return;
      room.socket = null;
      if (room.handlers.closed) room.handlers.closed(event);
      // Refused (401, 403, 404 end the handshake as 1006) or abusive (1008):
      // retried with a growing pause; the page never hammers the room.
      if (!room.closing) room.retry();
    };
  };

  Room.prototype.retry = function () {
    var room = this;
    var pause = RECONNECT_MS[Math.min(room.attempt, RECONNECT_MS.length - 1)];
    room.attempt += 1;
    window.setTimeout(function () { if (!room.closing) room.open(); }, pause);
  };

  Room.prototype.send = function (frame) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  };

  Room.prototype.close = function () {
    this.closing = true;
    if (this.socket) this.socket.close(1000, "page closed");
  };

  // ---- The call's media: a perfect-negotiation peer connection (the
  // customer's side is polite), signalled through the room.
  function Call(room, polite, ui) {
    this.room = room;
    this.polite = polite;
    this.ui = ui;
    this.pc = null;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.local = null;
    this.screen = null;
    this.screenSender = null;
    this.ready = null;
  }

  Call.prototype.start = function (video) {
    var call = this;
    if (call.ready) return call.ready;
    call.ready = iceServers().then(function (config) {
      var pc = new RTCPeerConnection(config);
      call.pc = pc;
      window.spicaLive.pc = pc;
      pc.onicecandidate = function (event) {
        if (event.candidate) call.room.send({ type: "signal", data: { candidate: event.candidate.toJSON() } });
      };
      pc.onnegotiationneeded = function () {
        call.makingOffer = true;
        pc.setLocalDescription()
          .then(function () {
            call.room.send({ type: "signal", data: { description: pc.localDescription.toJSON() } });
          })
          .catch(function () { /* a newer negotiation follows */ })
          .then(function () { call.makingOffer = false; });
      };
      pc.ontrack = function (event) { call.ui.track(event.track, event.streams[0]); };
      pc.onconnectionstatechange = function () { call.ui.media(pc.connectionState); };
      return navigator.mediaDevices.getUserMedia({ audio: true, video: !!video })
        .then(function (stream) {
          call.local = stream;
          stream.getTracks().forEach(function (track) { pc.addTrack(track, stream); });
          if (video) call.room.send({ type: "media", media: ["audio", "video"] });
        })
        .catch(function () {
          call.ui.problem(t("mic-failed"));
          // Receive the other side's media all the same.
          pc.addTransceiver("audio", { direction: "recvonly" });
        })
        .then(function () { return pc; });
    });
    return call.ready;
  };

  Call.prototype.signal = function (data) {
    var call = this;
    if (!data) return;
    (call.ready || call.start(false)).then(function (pc) {
      if (data.description) {
        var description = data.description;
        var collision = description.type === "offer" &&
          (call.makingOffer || pc.signalingState !== "stable");
        call.ignoreOffer = !call.polite && collision;
        if (call.ignoreOffer) return null;
        return pc.setRemoteDescription(description).then(function () {
          if (description.type !== "offer") return null;
          return pc.setLocalDescription().then(function () {
            call.room.send({ type: "signal", data: { description: pc.localDescription.toJSON() } });
          });
        });
      }
      if (data.candidate) {
        return pc.addIceCandidate(data.candidate).catch(function (error) {
          if (!call.ignoreOffer) throw error;
        });
      }
      return null;
    }).catch(function () { /* a failed step is renegotiated on resume */ });
  };

  Call.prototype.shareScreen = function () {
    var call = this;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia) {
      return Promise.reject(new Error(t("no-screen-share")));
    }
    return navigator.mediaDevices.getDisplayMedia({ video: true, audio: false, preferCurrentTab: true })
      .then(function (stream) {
        var track = stream.getVideoTracks()[0];
        call.screen = stream;
        return (call.ready || call.start(false)).then(function (pc) {
          call.screenSender = pc.addTrack(track, stream);
          call.room.send({ type: "media", media: ["audio", "screen"] });
          track.addEventListener("ended", function () { call.stopScreen(); });
          return track;
        });
      });
  };

  Call.prototype.stopScreen = function () {
    if (this.screenSender && this.pc && this.pc.signalingState !== "closed") {
      try { this.pc.removeTrack(this.screenSender); } catch (e) { /* closed */ }
    }
    if (this.screen) this.screen.getTracks().forEach(function (t) { t.stop(); });
    this.screen = null;
    this.screenSender = null;
    this.ui.screen(false);
  };

  Call.prototype.end = function () {
    if (this.screen) this.screen.getTracks().forEach(function (t) { t.stop(); });
    if (this.local) this.local.getTracks().forEach(function (t) { t.stop(); });
    if (this.pc) this.pc.close();
    this.pc = null;
    this.ready = null;
    this.screen = null;
    this.screenSender = null;
  };

  // ---- An incident's page: the panel.
  function panel(section) {
    var incident = section.getAttribute("data-incident");
    var staff = section.getAttribute("data-party") === "staff";
    var state = { call: null, callId: null, kind: null, phase: "idle", ringingId: null, meterAt: 0, meterBase: 0, media: null };
    var call = null;
    var ticker = null;
    var room;

    show(section.querySelector(".live-off"), false);
    show(section.querySelector(".live-on"), true);

    var answerCall = new URLSearchParams(window.location.search).get("answer");

    var ui = {
      track: function (track, stream) {
        if (track.kind === "video") {
          var video = $("live-remote-video");
          video.srcObject = new MediaStream([track]);
          show(video, true);
          var play = video.play();
          if (play && play.catch) play.catch(function () { /* muted autoplay */ });
          track.addEventListener("ended", function () { show(video, false); });
          track.onmute = function () { if (video.srcObject && video.srcObject.getVideoTracks()[0] === track) show(video, false); };
          track.onunmute = function () { show(video, true); };
        } else {
          var audio = $("live-remote-audio");
          audio.srcObject = stream || new MediaStream([track]);
          var playing = audio.play();
          if (playing && playing.catch) playing.catch(function () { /* autoplay */ });
        }
      },
      media: function (connection) {
        window.spicaLive.media = connection;
        if (connection === "connected") say($("live-call-state"), (staff ? t("connected-staff") : t("connected-customer")));
        if (connection === "failed") say($("live-call-state"), t("audio-failed"));
      },
      problem: function (text) { say($("live-warning"), text); show($("live-warning"), true); },
      screen: function (sharing) {
        show($("live-share"), !staff && state.phase === "live" && state.kind === "call" && !sharing);
        show($("live-share-stop"), !staff && sharing);
      }
    };

    function setState(text) {
      say($("live-call-state"), text);
      window.spicaLive.state = text;
    }

    function controls() {
      var live = state.phase === "live";
      var ringing = state.phase === "ringing";
      if (staff) {
        var idle = state.phase === "idle";
        $("live-ring").disabled = !idle;
        $("live-chat-start").disabled = !idle;
        show($("live-chat-start"), !(live && state.kind === "chat_session"));
        show($("live-chat-end"), live && state.kind === "chat_session");
        show($("live-hangup"), (live || ringing) && state.kind === "call");
        $("live-hangup").textContent = (ringing ? t("cancel-call") : t("hang-up"));
      } else {
        show($("live-ring-banner"), ringing);
        show($("live-hangup"), live && state.kind === "call");
        ui.screen(!!(call && call.screen));
      }
      show($("live-meter"), live);
    }

    function tick() {
      if (state.phase !== "live") return;
      say($("live-elapsed"), clock(state.meterBase + (Date.now() - state.meterAt) / 1000));
    }

    function startMeter(seconds, coupons) {
      state.meterBase = seconds;
      state.meterAt = Date.now();
      if (coupons !== undefined) say($("live-coupons"), String(coupons));
      tick();
      if (!ticker) ticker = window.setInterval(tick, 1000);
    }

    function stopMeter() {
      if (ticker) window.clearInterval(ticker);
      ticker = null;
    }

    function endCall() {
      if (call) call.end();
      call = null;
      window.spicaLive.call = null;
      show($("live-remote-video"), false);
      $("live-remote-video").srcObject = null;
      $("live-remote-audio").srcObject = null;
    }

    function beginMedia() {
      if (state.kind !== "call") return;
      if (call) call.end();
      call = new Call(room, !staff, ui);
      window.spicaLive.call = call;
      call.start(!!(state.media && state.media.indexOf("video") >= 0));
    }

    function chatLine(frame) {
      var item = document.createElement("p");
      var when = document.createElement("time");
      when.setAttribute("datetime", frame.at);
      var at = new Date(frame.at);
      when.textContent = isNaN(at) ? frame.at : at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      var who = document.createElement("strong");
      var author = frame.author || {};
      who.textContent = author.kind === "staff" ? t("support-name", { name: author.name || "" }) : (author.name || "");
      var text = document.createElement("span");
      text.className = "free-text";
      text.textContent = frame.text;
      item.appendChild(when);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(who);
      item.appendChild(document.createTextNode(": "));
      item.appendChild(text);
      $("live-chat-log").appendChild(item);
    }

    function presence(frame) {
      var people = frame.participants || [];
      var contacts = people.filter(function (p) { return p.kind === "contact"; });
      var names = people.map(function (p) { return p.kind === "staff" ? t("support-name", { name: p.name }) : p.name; });
      say($("live-presence"), names.length ? t("in-room", { names: names.join(", ") }) : t("nobody"));
      window.spicaLive.participants = people;
      if (staff) show($("live-unreachable"), contacts.length === 0);
      var view = frame.call;
      if (view && state.phase === "idle") {
        state.callId = view.call_id;
        state.kind = view.kind;
        state.phase = view.state === "ringing" ? "ringing" : "live";
        if (state.phase === "live") startMeter(0);
        controls();
      }
    }

    function callFrame(frame) {
      state.callId = frame.call_id;
      state.kind = frame.kind;
      var chat = frame.kind === "chat_session";
      switch (frame.state) {
        case "connected":
          stopRinging();
          state.phase = "live";
          setState((chat ? t("chat-measured") : t("call-measured")));
          announce((chat ? t("chat-started") : t("call-started")));
          show($("live-session"), false);
          show($("live-warning"), false);
          startMeter(0);
          beginMedia();
          break;
        case "interrupted":
          setState(t("peer-dropped"));
          break;
        case "resumed":
          state.phase = "live";
          setState((chat ? t("chat-resumed") : t("call-resumed")));
          beginMedia();
          break;
        default: {
          stopRinging();
          var words = {
            ended: (chat ? t("chat-ended") : t("call-ended")),
            missed: t("missed"),
            declined: t("declined"),
            unreachable: (staff ? t("unreachable-staff") : t("unreachable-customer")),
            cancelled: t("cancelled")
          };
          setState(words[frame.state] || (chat ? t("chat-over") : t("call-over")));
          announce(words[frame.state] || "");
          if (staff && frame.state === "unreachable") show($("live-unreachable"), true);
          state.phase = "idle";
          stopMeter();
          endCall();
        }
      }
      controls();
    }

    function frameIn(frame) {
      switch (frame.type) {
        case "presence": presence(frame); break;
        case "chat": chatLine(frame); break;
        case "ringing":
          state.callId = frame.call_id;
          state.kind = "call";
          state.media = frame.media || ["audio"];
          state.phase = "ringing";
          if (staff) {
            setState(t("ringing-customer"));
          } else {
            var video = state.media.indexOf("video") >= 0;
            say($("live-ring-text"), (video ? t("calling-you-video") : t("calling-you")));
            setState(t("calling-you"));
            startRinging();
            if (answerCall && answerCall === frame.call_id) {
              answerCall = null;
              room.send({ type: "accept" });
            } else {
              window.setTimeout(function () { if ($("live-accept")) $("live-accept").focus(); }, 0);
            }
          }
          controls();
          break;
        case "call": callFrame(frame); break;
        case "meter":
          startMeter(frame.seconds, frame.coupons);
          break;
        case "session": {
          var seconds = frame.seconds || 0;
          var text = frame.session_id
            ? t("measured", { minutes: Math.floor(seconds / 60), seconds: seconds % 60, coupons: frame.coupons_charged })
            : t("nothing-measured", { coupons: frame.coupons_charged });
          say($("live-session"), text);
          show($("live-session"), true);
          say($("live-coupons"), String(frame.coupons_charged));
          window.spicaLive.session = frame;
          break;
        }
        case "signal":
          if (!call) beginMedia();
          if (call) call.signal(frame.data);
          break;
        case "balance_warning":
          ui.problem(t("balance-warning", { seconds: frame.seconds, balance: frame.balance_after }));
          announce(t("balance-warning-short"));
          break;
        case "error":
          if (frame.code === "busy") setState(t("busy"));
          else if (frame.code !== "peer_away") setState(t("not-possible", { detail: frame.detail }));
          break;
        default: break;
      }
    }

    room = new Room(incident, {
      frame: frameIn,
      open: function () { say($("live-presence"), t("room-connected")); },
      closed: function () { say($("live-presence"), t("room-lost")); }
    });
    window.spicaLive.room = room;

    if (staff) {
      $("live-ring").addEventListener("click", function () {
        var media = $("live-video").checked ? ["audio", "video"] : ["audio"];
        state.media = media;
        show($("live-unreachable"), false);
        room.send({ type: "ring", media: media });
      });
      $("live-chat-start").addEventListener("click", function () { room.send({ type: "start_chat_session" }); });
      $("live-chat-end").addEventListener("click", function () { room.send({ type: "end_chat_session" }); });
    } else {
      $("live-accept").addEventListener("click", function () { stopRinging(); room.send({ type: "accept" }); });
      $("live-decline").addEventListener("click", function () { stopRinging(); room.send({ type: "decline" }); });
      $("live-share").addEventListener("click", function () {
        if (!call) return;
        call.shareScreen()
          .then(function () { ui.screen(true); setState(t("sharing")); })
          .catch(function () { ui.problem(t("not-shared")); });
      });
      $("live-share-stop").addEventListener("click", function () {
        if (call) call.stopScreen();
        setState(t("stopped-sharing"));
      });
    }
    $("live-hangup").addEventListener("click", function () { room.send({ type: "hangup" }); });
    $("live-chat-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var field = $("live-chat-text");
      var text = field.value.trim();
      if (!text) return;
      if (room.send({ type: "chat", text: text })) field.value = "";
      else announce(t("not-sent"));
    });
    window.addEventListener("pagehide", function () { room.close(); });
    controls();
  }

  // ---- The customer's other pages: a ring banner for each open incident.
  function rings() {
    window.fetch("/portal/live/rooms", { credentials: "same-origin", headers: { accept: "application/json" } })
      .then(function (answer) {
        var type = answer.headers.get("content-type") || "";
        if (!answer.ok || type.indexOf("application/json") !== 0) return { incidents: [] };
        return answer.json();
      })
      .then(function (body) {
        (body.incidents || []).slice(0, ROOMS_MAX).forEach(function (incident) {
          var banner = null;
          var room = new Room(incident, {
            frame: function (frame) {
              if (frame.type === "ringing") {
                if (!banner) banner = ringBanner(incident, frame.call_id, room);
                startRinging();
              } else if (frame.type === "call" && banner) {
                banner.parentNode.removeChild(banner);
                banner = null;
                stopRinging();
              }
            }
          });
          window.spicaLive.rooms.push(room);
          window.addEventListener("pagehide", function () { room.close(); });
        });
      })
      .catch(function () { /* no rings on this page */ });
  }

  function ringBanner(incident, callId, room) {
    var banner = document.createElement("section");
    banner.className = "live-ring";
    banner.setAttribute("aria-label", t("incoming-call"));
    var text = document.createElement("p");
    text.setAttribute("role", "status");
    text.textContent = t("calling-about");
    var accept = document.createElement("a");
    accept.className = "button";
    accept.href = "/portal/incidents/" + encodeURIComponent(incident) + "?answer=" + encodeURIComponent(callId);
    accept.textContent = t("accept");
    accept.addEventListener("click", function () { stopRinging(); });
    var decline = document.createElement("button");
    decline.type = "button";
    decline.className = "secondary";
    decline.textContent = t("decline");
    decline.addEventListener("click", function () { stopRinging(); room.send({ type: "decline" }); });
    var actions = document.createElement("p");
    actions.appendChild(accept);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(decline);
    banner.appendChild(text);
    banner.appendChild(actions);
    var main = $("main") || document.body;
    main.insertBefore(banner, main.firstChild);
    announce(t("calling-you"));
    accept.focus();
    return banner;
  }

  function init() {
    window.spicaLive = { pc: null, call: null, room: null, rooms: [], state: "", session: null };
    if (!("WebSocket" in window)) return;
    var section = $("live");
    if (section) {
      panel(section);
    } else if (document.querySelector("#site-nav a[href='/portal']")) {
      rings();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
