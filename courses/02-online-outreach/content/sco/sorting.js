/*
 * Sort the outreach situations: a small SCORM 2004 (4th edition) SCO.
 * Plain JavaScript, no libraries, no remote resources.
 * Language: ?lang=en (default) or ?lang=it in the launch URL.
 * Works without a learning platform too; progress is then not saved.
 */
(function () {
  "use strict";

  var PASS_THRESHOLD = 0.75;
  var CATEGORIES = ["ok", "ask", "never"];

  var TEXT = {
    en: {
      title: "Sort the outreach situations",
      intro: "Eight situations from street work, youth work and homelessness services. For each, decide: is it OK, should you ask your supervisor first, or should you never do it?",
      noApi: "Note: this exercise is not connected to a learning platform, so your progress and score will not be saved.",
      resumed: "Welcome back: you are continuing where you stopped.",
      progress: "Situation {n} of {total}",
      legend: "Your answer",
      ok: "OK",
      ask: "Ask your supervisor",
      never: "Never",
      check: "Check my answer",
      chooseFirst: "Please choose one of the three answers.",
      next: "Next situation",
      finish: "See my result",
      correct: "Correct.",
      incorrect: "Not quite.",
      suggested: "Suggested answer: {answer}.",
      resultTitle: "Your result",
      score: "You sorted {raw} of {total} situations as suggested.",
      passed: "Passed: you reached the threshold of 6 out of 8.",
      failed: "Not passed yet: the threshold is 6 out of 8. Read the explanations and try again.",
      yourAnswer: "Your answer: {answer}",
      retry: "Try again",
      retryNote: "This attempt has been recorded. A new attempt starts now; to record it, finish it and reopen the exercise from the platform if asked.",
      saved: "Your result has been saved."
    },
    it: {
      title: "Classifica le situazioni",
      intro: "Otto situazioni dall'educativa di strada, dal lavoro con i giovani e dai servizi per persone senza dimora. Per ciascuna decidi: va bene, devi prima chiedere a chi ti coordina, oppure non va fatto mai?",
      noApi: "Nota: questo esercizio non è collegato a una piattaforma di apprendimento, quindi i progressi e il punteggio non verranno salvati.",
      resumed: "Bentornata, bentornato: riprendi da dove ti eri fermato.",
      progress: "Situazione {n} di {total}",
      legend: "La tua risposta",
      ok: "Va bene",
      ask: "Chiedi a chi ti coordina",
      never: "Mai",
      check: "Verifica la risposta",
      chooseFirst: "Scegli una delle tre risposte.",
      next: "Situazione successiva",
      finish: "Vedi il risultato",
      correct: "Corretto.",
      incorrect: "Non proprio.",
      suggested: "Risposta suggerita: {answer}.",
      resultTitle: "Il tuo risultato",
      score: "Hai classificato {raw} situazioni su {total} come suggerito.",
      passed: "Superato: hai raggiunto la soglia di 6 su 8.",
      failed: "Non ancora superato: la soglia è 6 su 8. Leggi le spiegazioni e riprova.",
      yourAnswer: "La tua risposta: {answer}",
      retry: "Riprova",
      retryNote: "Questo tentativo è stato registrato. Ne inizia uno nuovo; per registrarlo, completalo e, se richiesto, riapri l'esercizio dalla piattaforma.",
      saved: "Il tuo risultato è stato salvato."
    }
  };

  var SITUATIONS = [
    {
      answer: "ok",
      en: {
        text: "Posting the street team's weekly schedule and the drop-in centre's opening hours on the service's Instagram account.",
        why: "Public, useful information published from the organisation's own account is exactly what a professional online presence is for."
      },
      it: {
        text: "Pubblicare sull'account Instagram del servizio il calendario settimanale dell'unità di strada e gli orari del centro diurno.",
        why: "Informazioni pubbliche e utili, pubblicate dall'account dell'ente: è proprio lo scopo di una presenza professionale online."
      }
    },
    {
      answer: "never",
      en: {
        text: "Accepting a follow request on your personal Instagram account from a 15-year-old you met on the street.",
        why: "Your private account stays private. Accepting mixes your private life with the helping relationship and blurs boundaries. Kindly point the young person to the service's account."
      },
      it: {
        text: "Accettare sul tuo profilo Instagram personale la richiesta di un quindicenne conosciuto in strada.",
        why: "Il profilo privato resta privato. Accettare mescola la tua vita privata con la relazione d'aiuto e confonde i confini. Indica con gentilezza l'account del servizio."
      }
    },
    {
      answer: "ok",
      en: {
        text: "Replying, during working hours, in the football project's group chat, which was set up with the agreement of the young people and their parents and is run from the service's phone.",
        why: "An agreed channel, a work device, working hours: this is ordinary, well-organised online youth work."
      },
      it: {
        text: "Rispondere, in orario di lavoro, nella chat di gruppo del progetto calcio, creata con l'accordo dei ragazzi e dei genitori e gestita dal telefono di servizio.",
        why: "Un canale concordato, un dispositivo di servizio, l'orario di lavoro: è normale lavoro educativo online, ben organizzato."
      }
    },
    {
      answer: "never",
      en: {
        text: "Sharing on the service's page a photo from last night's outreach round in which people sleeping in a doorway can be recognised, to encourage donations.",
        why: "People sleeping rough have the same right to dignity and privacy as anyone else. Recognisable images of people in vulnerable situations are never used for campaigns without their free and informed agreement."
      },
      it: {
        text: "Condividere sulla pagina del servizio una foto dell'uscita di ieri sera in cui si riconoscono persone che dormono in un portone, per incoraggiare le donazioni.",
        why: "Chi dorme in strada ha lo stesso diritto alla dignità e alla riservatezza di chiunque. Le immagini riconoscibili di persone in situazioni di fragilità non si usano mai per una campagna senza il loro accordo libero e informato."
      }
    },
    {
      answer: "ask",
      en: {
        text: "Opening a TikTok account for the project to publish short harm-reduction videos made with young people.",
        why: "It can be valuable, but a new platform needs the organisation's approval, a place in the social media policy, a moderation plan and the informed agreement of the young people who appear (and of their parents, if required)."
      },
      it: {
        text: "Aprire un account TikTok del progetto per pubblicare brevi video di riduzione del danno realizzati con i ragazzi.",
        why: "Può essere prezioso, ma una nuova piattaforma richiede l'approvazione dell'ente, un posto nella policy sui social, un piano di moderazione e l'accordo informato dei ragazzi che compaiono (e dei genitori, se richiesto)."
      }
    },
    {
      answer: "ask",
      en: {
        text: "Looking at a young person's public profile because others say he has posted that he is in danger.",
        why: "It may be a legitimate protective check, but it should follow an agreed procedure, be discussed with your supervisor and be documented. Never monitor young people's profiles routinely or out of curiosity. If life is at risk, follow the crisis protocol at once."
      },
      it: {
        text: "Guardare il profilo pubblico di un ragazzo perché altri dicono che ha scritto di essere in pericolo.",
        why: "Può essere una verifica legittima a scopo di tutela, ma va fatta secondo una procedura concordata, discussa con chi ti coordina e documentata. Mai controllare i profili dei ragazzi per abitudine o curiosità. Se è in pericolo la vita, segui subito il protocollo di crisi."
      }
    },
    {
      answer: "ask",
      en: {
        text: "Forwarding to a colleague in another service a screenshot of a worrying post by a young person you work with.",
        why: "Sharing can be necessary for protection, but only with those who need to know, through a secure channel and according to the protocol. Decide it with your supervisor; in an emergency, follow the crisis protocol directly."
      },
      it: {
        text: "Inoltrare a un collega di un altro servizio lo screenshot di un post preoccupante di un ragazzo che segui.",
        why: "Condividere può essere necessario per tutelare, ma solo con chi ha bisogno di sapere, con un canale sicuro e secondo il protocollo. Decidilo con chi ti coordina; in emergenza segui direttamente il protocollo di crisi."
      }
    },
    {
      answer: "never",
      en: {
        text: "Telling a young person, in a private message, about another young person's difficulties, to encourage them to get in touch with each other.",
        why: "You never disclose someone's situation without their agreement. You can offer to ask the other young person whether they would like to be in contact."
      },
      it: {
        text: "Raccontare a un ragazzo, in un messaggio privato, le difficoltà di un altro ragazzo per incoraggiarli a sentirsi.",
        why: "Non si rivela mai la situazione di qualcuno senza il suo accordo. Puoi proporti di chiedere all'altro ragazzo se gli farebbe piacere essere contattato."
      }
    }
  ];

  /* ---------- language ---------- */

  function pickLanguage() {
    var lang = "en";
    try {
      var match = /[?&]lang=([a-zA-Z-]+)/.exec(window.location.search);
      if (match) lang = match[1].toLowerCase().split("-")[0];
    } catch (e) { /* keep default */ }
    return TEXT.hasOwnProperty(lang) ? lang : "en";
  }

  var lang = pickLanguage();
  var t = TEXT[lang];

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return values.hasOwnProperty(key) ? String(values[key]) : all;
    });
  }

  /* ---------- SCORM 2004 run-time ---------- */

  function searchWindow(win) {
    var hops = 0;
    try {
      while (win && !win.API_1484_11 && win.parent && win.parent !== win && hops < 500) {
        hops += 1;
        win = win.parent;
      }
      return win && win.API_1484_11 ? win.API_1484_11 : null;
    } catch (e) {
      return null; /* a cross-origin frame: no API reachable this way */
    }
  }

  function findApi() {
    var api = searchWindow(window);
    try {
      if (!api && window.opener) api = searchWindow(window.opener);
      if (!api && window.top && window.top.opener) api = searchWindow(window.top.opener);
    } catch (e) { /* ignore */ }
    return api;
  }

  var api = findApi();
  var connected = false;
  var terminated = false;
  var startedAt = new Date().getTime();

  function call(name, a, b) {
    if (!connected || terminated) return "";
    try {
      return String(b === undefined ? api[name](a) : api[name](a, b));
    } catch (e) {
      return "";
    }
  }

  function setValue(element, value) { return call("SetValue", element, String(value)); }
  function getValue(element) { return call("GetValue", element); }
  function commit() { return call("Commit", ""); }

  function sessionTime() {
    var seconds = Math.max(0, Math.round((new Date().getTime() - startedAt) / 1000));
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return "PT" + h + "H" + m + "M" + s + "S";
  }

  function terminate() {
    if (!connected || terminated) return;
    setValue("cmi.session_time", sessionTime());
    call("Terminate", "");
    terminated = true;
  }

  if (api) {
    try {
      connected = String(api.Initialize("")) === "true";
    } catch (e) {
      connected = false;
    }
  }

  /* ---------- state ---------- */

  var state = { answers: [], index: 0, checked: false, finished: false };
  for (var i = 0; i < SITUATIONS.length; i += 1) state.answers.push(null);
  var resumed = false;

  function restore() {
    if (!connected || getValue("cmi.entry") !== "resume") return;
    var raw = getValue("cmi.suspend_data");
    var data = null;
    try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
    if (data && data.v === 1 && data.a && data.a.length === SITUATIONS.length) {
      for (var k = 0; k < SITUATIONS.length; k += 1) {
        state.answers[k] = CATEGORIES.indexOf(data.a[k]) >= 0 ? data.a[k] : null;
      }
      state.checked = data.c === true;
    }
    var location = parseInt(getValue("cmi.location"), 10);
    if (!isNaN(location) && location >= 0 && location < SITUATIONS.length) state.index = location;
    if (state.checked && state.answers[state.index] === null) state.checked = false;
    resumed = true;
  }

  function save() {
    if (!connected || terminated) return;
    setValue("cmi.suspend_data", JSON.stringify({ v: 1, a: state.answers, c: state.checked }));
    setValue("cmi.location", state.index);
    setValue("cmi.completion_status", "incomplete");
    setValue("cmi.exit", "suspend");
    commit();
  }

  function rawScore() {
    var raw = 0;
    for (var k = 0; k < SITUATIONS.length; k += 1) {
      if (state.answers[k] === SITUATIONS[k].answer) raw += 1;
    }
    return raw;
  }

  function report() {
    var raw = rawScore();
    var scaled = Math.round((raw / SITUATIONS.length) * 10000) / 10000;
    if (connected && !terminated) {
      setValue("cmi.score.min", 0);
      setValue("cmi.score.max", SITUATIONS.length);
      setValue("cmi.score.raw", raw);
      setValue("cmi.score.scaled", scaled);
      setValue("cmi.completion_status", "completed");
      setValue("cmi.success_status", scaled >= PASS_THRESHOLD ? "passed" : "failed");
      setValue("cmi.exit", "normal");
      setValue("cmi.suspend_data", "");
      setValue("cmi.location", "");
      commit();
      terminate();
      return true;
    }
    return false;
  }

  /* ---------- rendering ---------- */

  var app = document.getElementById("app");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var name in attrs) {
        if (attrs.hasOwnProperty(name)) node.setAttribute(name, attrs[name]);
      }
    }
    if (text !== undefined && text !== null) node.appendChild(document.createTextNode(text));
    return node;
  }

  function clear() {
    while (app.firstChild) app.removeChild(app.firstChild);
  }

  function header() {
    app.appendChild(el("h1", { id: "heading" }, t.title));
    if (!connected) app.appendChild(el("p", { "class": "note", role: "note" }, t.noApi));
  }

  function renderSituation(focusHeading) {
    clear();
    header();
    if (state.index === 0 && !state.checked && state.answers[0] === null) app.appendChild(el("p", null, t.intro));
    if (resumed) {
      app.appendChild(el("p", { "class": "note" }, t.resumed));
      resumed = false;
    }
    var item = SITUATIONS[state.index];
    var progress = el("h2", { "class": "progress", tabindex: "-1" },
      fill(t.progress, { n: state.index + 1, total: SITUATIONS.length }));
    app.appendChild(progress);
    app.appendChild(el("p", { "class": "situation", id: "situation-text" }, item[lang].text));

    var fieldset = el("fieldset", { "aria-describedby": "situation-text" });
    fieldset.appendChild(el("legend", null, t.legend));
    CATEGORIES.forEach(function (category) {
      var id = "answer-" + category;
      var label = el("label", { "for": id });
      var input = el("input", { type: "radio", name: "answer", id: id, value: category });
      if (state.answers[state.index] === category) input.checked = true;
      if (state.checked) input.disabled = true;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + t[category]));
      fieldset.appendChild(label);
    });
    app.appendChild(fieldset);

    var message = el("div", { id: "message", role: "status" });
    app.appendChild(message);

    if (state.checked) {
      showFeedback(message);
      var last = state.index === SITUATIONS.length - 1;
      var next = el("button", { type: "button" }, last ? t.finish : t.next);
      next.addEventListener("click", function () {
        if (last) {
          state.finished = true;
          renderResult();
        } else {
          state.index += 1;
          state.checked = false;
          save();
          renderSituation(true);
        }
      });
      app.appendChild(next);
      next.focus();
    } else {
      var check = el("button", { type: "button" }, t.check);
      check.addEventListener("click", function () {
        var chosen = app.querySelector("input[name=answer]:checked");
        if (!chosen) {
          message.textContent = t.chooseFirst;
          return;
        }
        state.answers[state.index] = chosen.value;
        state.checked = true;
        save();
        renderSituation(false);
      });
      app.appendChild(check);
      if (focusHeading) progress.focus();
    }
  }

  function showFeedback(container) {
    var item = SITUATIONS[state.index];
    var right = state.answers[state.index] === item.answer;
    var box = el("div", { "class": "feedback " + (right ? "correct" : "incorrect") });
    box.appendChild(el("p", null, (right ? "\u2714 " + t.correct : "\u2716 " + t.incorrect) +
      " " + fill(t.suggested, { answer: t[item.answer] })));
    box.appendChild(el("p", null, item[lang].why));
    container.appendChild(box);
  }

  function renderResult() {
    var raw = rawScore();
    var passed = raw / SITUATIONS.length >= PASS_THRESHOLD;
    var wasConnected = connected && !terminated;
    var saved = report();
    clear();
    header();
    var title = el("h2", { tabindex: "-1" }, t.resultTitle);
    app.appendChild(title);
    app.appendChild(el("p", { "class": "progress" }, fill(t.score, { raw: raw, total: SITUATIONS.length })));
    app.appendChild(el("p", null, (passed ? "\u2714 " : "\u2716 ") + (passed ? t.passed : t.failed)));
    if (saved && wasConnected) app.appendChild(el("p", { role: "status" }, t.saved));

    var list = el("ol", { "class": "results" });
    SITUATIONS.forEach(function (item, k) {
      var li = el("li");
      var right = state.answers[k] === item.answer;
      li.appendChild(el("p", null, item[lang].text));
      li.appendChild(el("p", null, (right ? "\u2714 " : "\u2716 ") +
        fill(t.yourAnswer, { answer: state.answers[k] ? t[state.answers[k]] : "\u2014" }) + ". " +
        fill(t.suggested, { answer: t[item.answer] })));
      li.appendChild(el("p", null, item[lang].why));
      list.appendChild(li);
    });
    app.appendChild(list);

    var retry = el("button", { type: "button", "class": "secondary" }, t.retry);
    retry.addEventListener("click", function () {
      for (var k = 0; k < SITUATIONS.length; k += 1) state.answers[k] = null;
      state.index = 0;
      state.checked = false;
      state.finished = false;
      renderSituation(true);
      if (saved) {
        var note = el("p", { "class": "note" }, t.retryNote);
        app.insertBefore(note, app.children[1] || null);
      }
    });
    app.appendChild(retry);
    title.focus();
  }

  /* ---------- leaving the page ---------- */

  window.addEventListener("pagehide", function () {
    if (!connected || terminated) return;
    if (!state.finished) {
      save();
      setValue("cmi.exit", "suspend");
    }
    terminate();
  });

  /* ---------- start ---------- */

  document.documentElement.setAttribute("lang", lang);
  document.title = t.title;
  restore();
  if (connected && !resumed) {
    setValue("cmi.completion_status", "incomplete");
    commit();
  }
  renderSituation(false);
}());
