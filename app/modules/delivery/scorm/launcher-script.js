/*
 * The SCORM launcher, served on the content origin as /content/<token>/__launcher.js after
 * scorm-again's browser build. It creates window.API (SCORM 1.2) or window.API_1484_11
 * (SCORM 2004) with the learner's saved data, and delivers every Commit and Terminate to
 * /content/<token>/__commit: retried with backoff until the server accepts it, kept in
 * sessionStorage meanwhile, and sent with navigator.sendBeacon when the page goes away.
 * It tells the app page (and only the app origin) how saving goes, and where a SCO's
 * navigation request led (SCORM 2004: carried out by the server's sequencer at Terminate;
 * SCORM 1.2: flow navigation, left to the page).
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("launch-data").textContent);
  var isScorm12 = config.version === "1.2";
  var STORE_PREFIX = "vademecum.pending.";
  var ownKey = STORE_PREFIX + config.attempt;
  var session = randomId();
  var startedAt = Date.now();
  var sequence = config.sequence;
  var writable = new Set(config.writable);
  var pending = null;
  var inFlight = false;
  var retryDelay = 0;
  var retryTimer = null;
  var unloading = false;
  var lastState = { state: "idle" };

  function randomId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function readStored(key) {
    try {
      var text = sessionStorage.getItem(key);
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }

  function writeStored(key, entry) {
    try {
      if (entry) sessionStorage.setItem(key, JSON.stringify(entry));
      else sessionStorage.removeItem(key);
    } catch {
      // Storage full or blocked: the data stays in memory and is still retried.
    }
  }

  function report(state, progress) {
    lastState = { state: state, progress: progress || lastState.progress || null };
    if (window.parent !== window) {
      window.parent.postMessage({ source: "vademecum-launcher", type: "status", state: state, progress: lastState.progress }, config.appOrigin);
    }
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== config.appOrigin || event.source !== window.parent) return;
    if (event.data && event.data.type === "status?") report(lastState.state);
    if (event.data && event.data.type === "finish") finish();
  });

  /*
   * The app is about to leave this SCO: unload it (so it terminates as it would when closed),
   * wait until its data is stored (not while offline: it stays in this tab and the next
   * launcher sends it), then say so.
   */
  function finish() {
    var frame = document.getElementById("sco");
    if (frame && frame.getAttribute("src") !== "about:blank") frame.setAttribute("src", "about:blank");
    var waited = 0;
    (function check() {
      var busy = inFlight || (pending && lastState.state !== "offline");
      if (!busy || waited >= 5000) {
        window.parent.postMessage({ source: "vademecum-launcher", type: "finished" }, config.appOrigin);
        return;
      }
      waited += 50;
      setTimeout(check, 50);
    })();
  }

  // ---------------------------------------------------------------- the CMI sent to the server

  function ruleName(element) {
    return element.replace(/\.\d+(?=\.)/g, ".n");
  }

  function flatten(value, prefix, into) {
    Object.keys(value).forEach(function (key) {
      var element = prefix ? prefix + "." + key : key;
      var item = value[key];
      if (item !== null && typeof item === "object") flatten(item, element, into);
      else if (item !== undefined && item !== null && writable.has(ruleName(element))) into[element] = String(item);
    });
    return into;
  }

  function pad(number, width) {
    return String(number).padStart(width, "0");
  }

  function elapsed() {
    var hundredths = Math.round((Date.now() - startedAt) / 10);
    var hours = Math.floor(hundredths / 360000);
    var minutes = Math.floor((hundredths % 360000) / 6000);
    var seconds = (hundredths % 6000) / 100;
    if (isScorm12) return pad(Math.min(hours, 9999), 4) + ":" + pad(minutes, 2) + ":" + seconds.toFixed(2).padStart(5, "0");
    return "PT" + hours + "H" + minutes + "M" + seconds.toFixed(2) + "S";
  }

  var sessionTimeElement = isScorm12 ? "cmi.core.session_time" : "cmi.session_time";

  function snapshot(kind) {
    var cmi = flatten(api.renderCommitCMI(kind === "terminate").cmi || {}, "cmi", {});
    // A SCO that does not report its session time gets the time it was open.
    if (!/[1-9]/.test(cmi[sessionTimeElement] || "")) cmi[sessionTimeElement] = elapsed();
    // SCORM 1.2: a SCO that finishes without setting a status has been completed.
    if (isScorm12 && kind === "terminate" && cmi["cmi.core.lesson_status"] === "not attempted") cmi["cmi.core.lesson_status"] = "completed";
    // SCORM 2004: the navigation request the SCO leaves for its end (not part of scorm-again's commit data).
    var request = !isScorm12 && kind === "terminate" && api.adl && api.adl.nav ? api.adl.nav.request : null;
    if (request && request !== "_none_") cmi["adl.nav.request"] = String(request);
    return cmi;
  }

  // ---------------------------------------------------------------- delivery

  function post(entry, beacon) {
    var body = JSON.stringify(entry.payload);
    if (beacon) return navigator.sendBeacon(entry.url, new Blob([body], { type: "text/plain;charset=UTF-8" }));
    return fetch(entry.url, {
      method: "POST",
      body: body,
      headers: { "Content-Type": "text/plain;charset=UTF-8" },
      credentials: "omit",
      keepalive: body.length < 60000,
    });
  }

  function retryLater() {
    report("offline");
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : 1000, 30000);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(send, retryDelay);
  }

  function settled(entry) {
    if (pending === entry) {
      pending = null;
      writeStored(ownKey, null);
    }
  }

  function send() {
    if (!pending || inFlight || unloading) return;
    var entry = pending;
    inFlight = true;
    report("saving");
    post(entry, false).then(
      function (response) {
        if (response.ok) {
          retryDelay = 0;
          settled(entry);
          // Still "in flight" until the answer is read: finish() waits for where a navigation request led.
          return response.json().then(
            function (result) {
              inFlight = false;
              if (!pending) report("saved", result.progress);
              if (result.navigation && window.parent !== window) {
                window.parent.postMessage({ source: "vademecum-launcher", type: "sequenced", navigation: result.navigation }, config.appOrigin);
              }
              send();
            },
            function () {
              inFlight = false;
              if (!pending) report("saved");
              send();
            },
          );
        }
        inFlight = false;
        // The server refused the data itself: sending it again cannot help.
        if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
          settled(entry);
          report("rejected");
          send();
          return undefined;
        }
        retryLater();
        return undefined;
      },
      function () {
        inFlight = false;
        retryLater();
      },
    );
  }

  function record(kind) {
    sequence += 1;
    pending = { url: config.commitUrl, payload: { sequence: sequence, session: session, kind: kind, cmi: snapshot(kind) } };
    writeStored(ownKey, pending);
    if (unloading) {
      if (post(pending, true)) report("saving");
      return;
    }
    send();
  }

  window.addEventListener("online", function () {
    clearTimeout(retryTimer);
    send();
  });

  window.addEventListener("pagehide", function () {
    unloading = true;
    // A fetch under way was sent with keepalive and completes on its own.
    if (pending && !inFlight) post(pending, true);
  });

  // ---------------------------------------------------------------- the run-time API

  var cmi = config.cmi;
  var unsent = readStored(ownKey);
  if (unsent && unsent.payload) {
    // The last page in this tab closed before the server confirmed its data: continue from it.
    cmi = Object.assign({}, cmi, unsent.payload.cmi);
    delete cmi[sessionTimeElement];
    var exitElement = isScorm12 ? "cmi.core.exit" : "cmi.exit";
    cmi[isScorm12 ? "cmi.core.entry" : "cmi.entry"] = unsent.payload.cmi[exitElement] === "suspend" ? "resume" : cmi[isScorm12 ? "cmi.core.entry" : "cmi.entry"];
    delete cmi[exitElement];
    sequence = Math.max(sequence, unsent.payload.sequence);
    pending = unsent;
  }

  // Other attempts' data left in this tab (another SCO closed while offline) goes out too.
  for (var index = 0; index < sessionStorage.length; index += 1) {
    var key = sessionStorage.key(index);
    if (!key || key === ownKey || key.indexOf(STORE_PREFIX) !== 0) continue;
    (function (storedKey, entry) {
      if (!entry) return;
      post(entry, false).then(function (response) {
        if (response.ok || (response.status >= 400 && response.status < 500)) writeStored(storedKey, null);
      }, function () {});
    })(key, readStored(key));
  }

  var settings = {
    autocommit: false,
    lmsCommitUrl: false,
    logLevel: 5,
    autoCompleteLessonStatus: true,
    mastery_override: true,
  };
  var api = isScorm12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  api.loadFromFlattenedJSON(cmi);

  /* SCORM 1.2 has no sequencing: scorm-again's nav.event asks the page for flow navigation. */
  function flowRequest() {
    var request = isScorm12 && api.nav ? api.nav.event : null;
    return request === "continue" || request === "previous" ? request : null;
  }

  api.on(isScorm12 ? "LMSCommit" : "Commit", function () {
    record("commit");
  });
  api.on(isScorm12 ? "LMSFinish" : "Terminate", function () {
    record("terminate");
    var request = flowRequest();
    if (request && window.parent !== window) {
      window.parent.postMessage({ source: "vademecum-launcher", type: "navigate", request: request }, config.appOrigin);
    }
  });

  if (isScorm12) window.API = api;
  else window.API_1484_11 = api;

  report(pending ? "saving" : "idle");
  send();
})();
