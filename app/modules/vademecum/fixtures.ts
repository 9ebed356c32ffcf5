import type { CompetenceFrameworkInput, VademecumInput, VademecumModule } from "./compile";

/**
 * Realistic input for the vademecum's tests and benchmarks: DigComp 2.2 in English and Italian,
 * and four modules a social worker might have taken, two of which share the Signal tool card.
 */
export const DIGCOMP_22: CompetenceFrameworkInput = {
  name: "DigComp 2.2",
  areas: [
    {
      code: "1",
      name: { en: "Information and data literacy", it: "Alfabetizzazione su informazioni e dati" },
      competences: [
        { code: "1.1", name: { en: "Browsing, searching and filtering data, information and digital content", it: "Navigare, ricercare e filtrare dati, informazioni e contenuti digitali" } },
        { code: "1.2", name: { en: "Evaluating data, information and digital content", it: "Valutare dati, informazioni e contenuti digitali" } },
        { code: "1.3", name: { en: "Managing data, information and digital content", it: "Gestire dati, informazioni e contenuti digitali" } },
      ],
    },
    {
      code: "2",
      name: { en: "Communication and collaboration", it: "Comunicazione e collaborazione" },
      competences: [
        { code: "2.1", name: { en: "Interacting through digital technologies", it: "Interagire con gli altri attraverso le tecnologie digitali" } },
        { code: "2.2", name: { en: "Sharing through digital technologies", it: "Condividere informazioni attraverso le tecnologie digitali" } },
        { code: "2.3", name: { en: "Engaging in citizenship through digital technologies", it: "Esercitare la cittadinanza attraverso le tecnologie digitali" } },
        { code: "2.4", name: { en: "Collaborating through digital technologies", it: "Collaborare attraverso le tecnologie digitali" } },
        { code: "2.5", name: { en: "Netiquette", it: "Netiquette" } },
        { code: "2.6", name: { en: "Managing digital identity", it: "Gestire l'identità digitale" } },
      ],
    },
    {
      code: "3",
      name: { en: "Digital content creation", it: "Creazione di contenuti digitali" },
      competences: [
        { code: "3.1", name: { en: "Developing digital content", it: "Sviluppare contenuti digitali" } },
        { code: "3.2", name: { en: "Integrating and re-elaborating digital content", it: "Integrare e rielaborare contenuti digitali" } },
        { code: "3.3", name: { en: "Copyright and licences", it: "Copyright e licenze" } },
        { code: "3.4", name: { en: "Programming", it: "Programmazione" } },
      ],
    },
    {
      code: "4",
      name: { en: "Safety", it: "Sicurezza" },
      competences: [
        { code: "4.1", name: { en: "Protecting devices", it: "Proteggere i dispositivi" } },
        { code: "4.2", name: { en: "Protecting personal data and privacy", it: "Proteggere i dati personali e la privacy" } },
        { code: "4.3", name: { en: "Protecting health and well-being", it: "Proteggere la salute e il benessere" } },
        { code: "4.4", name: { en: "Protecting the environment", it: "Proteggere l'ambiente" } },
      ],
    },
    {
      code: "5",
      name: { en: "Problem solving", it: "Risolvere problemi" },
      competences: [
        { code: "5.1", name: { en: "Solving technical problems", it: "Risolvere problemi tecnici" } },
        { code: "5.2", name: { en: "Identifying needs and technological responses", it: "Individuare bisogni e risposte tecnologiche" } },
        { code: "5.3", name: { en: "Creatively using digital technologies", it: "Utilizzare in modo creativo le tecnologie digitali" } },
        { code: "5.4", name: { en: "Identifying digital competence gaps", it: "Individuare i divari di competenze digitali" } },
      ],
    },
  ],
  levels: [
    { level: 1, name: { en: "Foundation", it: "Base" } },
    { level: 2, name: { en: "Foundation", it: "Base" } },
    { level: 3, name: { en: "Intermediate", it: "Intermedio" } },
    { level: 4, name: { en: "Intermediate", it: "Intermedio" } },
    { level: 5, name: { en: "Advanced", it: "Avanzato" } },
    { level: 6, name: { en: "Advanced", it: "Avanzato" } },
    { level: 7, name: { en: "Highly specialised", it: "Altamente specializzato" } },
    { level: 8, name: { en: "Highly specialised", it: "Altamente specializzato" } },
  ],
};

/** A 1×1 PNG, as an image embedded in authored content. */
export const TINY_PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

export const SECURE_MESSAGING: VademecumModule = {
  id: "vademecum-secure-communication",
  title: { en: "Secure messaging with service users", it: "Messaggistica sicura con le persone seguite" },
  description: {
    en: "Choosing and using messengers that protect the people you support.",
    it: "Scegliere e usare app di messaggistica che proteggono le persone che segui.",
  },
  objectives: [
    { en: "Choose an end-to-end encrypted messenger", it: "Scegliere un'app con crittografia end-to-end" },
  ],
  defaultLanguage: "en",
  competences: [
    { framework: "DigComp 2.2", code: "2.1", level: 4 },
    { framework: "DigComp 2.2", code: "4.2", level: 3 },
  ],
  status: "completed",
  completedAt: "2025-02-10T09:30:00Z",
  entries: [
    {
      key: "tool-signal",
      kind: "tool",
      competence: "2.1",
      framework: "DigComp 2.2",
      content: {
        en: {
          title: "Signal",
          summary: "End-to-end encrypted messenger.",
          purpose: "<p>Keep in touch with service users <em>without</em> exposing their messages.</p>",
          risks: "<p>Disappearing messages can remove information you must keep in the case file.</p>",
          privacy: "<p>Stores almost no metadata; contacts are found by phone number.</p>",
          alternatives: "<p>Threema, or your organisation's own secure chat.</p>",
        },
        it: {
          title: "Signal",
          summary: "App di messaggistica con crittografia end-to-end.",
          purpose: "<p>Restare in contatto con le persone seguite <em>senza</em> esporre i loro messaggi.</p>",
          risks: "<p>I messaggi effimeri possono cancellare informazioni da conservare nella cartella.</p>",
          privacy: "<p>Conserva pochissimi metadati; i contatti si trovano dal numero di telefono.</p>",
          alternatives: "<p>Threema, oppure la chat sicura della tua organizzazione.</p>",
        },
      },
    },
    {
      key: "checklist-first-video-call",
      kind: "checklist",
      competence: "2.1",
      framework: "DigComp 2.2",
      content: {
        en: {
          title: "Before your first video call",
          items: ["Send the link by a channel the person already uses", "Check who else can hear you", "Agree what to do if the call drops"],
        },
        it: {
          title: "Prima della prima videochiamata",
          items: ["Invia il link con un canale che la persona usa già", "Verifica chi altro può sentirti", "Concorda cosa fare se la chiamata cade"],
        },
      },
    },
    {
      key: "takeaway-consent-before-channel",
      kind: "takeaway",
      competence: "4.2",
      content: {
        en: { title: "Ask before you switch channels", body: "<p>Moving a conversation to a new app is a decision about the person's data: ask first.</p>" },
        it: { title: "Chiedi prima di cambiare canale", body: "<p>Spostare una conversazione su una nuova app è una scelta sui dati della persona: chiedi prima.</p>" },
      },
    },
    {
      key: "guide-verify-safety-number",
      kind: "guide",
      competence: "4.2",
      content: {
        en: {
          title: "Verify a safety number",
          steps: ["Open the conversation and tap the contact's name", "Choose <strong>View safety number</strong>", "Compare the numbers in person or on a call"],
        },
      },
    },
    {
      key: "story-whatsapp-group",
      kind: "story",
      competence: "2.1",
      content: {
        en: {
          title: "The group chat that said too much",
          body: `<p>A family centre ran its parents' group on a messenger where every member saw every phone number.</p><img src="${TINY_PNG}" alt="Chat screenshot"/><img src="https://tracker.example/pixel.gif" alt="pixel"/><script>alert(1)</script>`,
          source: "ELASTIC pilot, Bologna",
        },
        it: {
          title: "La chat di gruppo che diceva troppo",
          body: `<p>Un centro per le famiglie gestiva il gruppo dei genitori su un'app in cui ogni membro vedeva i numeri di tutti.</p><img src="${TINY_PNG}" alt="Schermata della chat"/><img src="https://tracker.example/pixel.gif" alt="pixel"/><script>alert(1)</script>`,
          source: "Pilota ELASTIC, Bologna",
        },
      },
    },
    {
      key: "glossary-e2ee",
      kind: "glossary",
      content: {
        en: { title: "End-to-end encryption", definition: "<p>Only the people in the conversation can read it.</p>" },
        it: { title: "Crittografia end-to-end", definition: "<p>Solo chi partecipa alla conversazione può leggerla.</p>" },
      },
    },
    {
      key: "glossary-esim",
      kind: "glossary",
      content: {
        en: { title: "eSIM", definition: "<p>A SIM card built into the phone.</p>" },
        it: { title: "eSIM", definition: "<p>Una SIM integrata nel telefono.</p>" },
      },
    },
  ],
};

export const ONLINE_OUTREACH: VademecumModule = {
  id: "vademecum-online-outreach",
  title: { it: "Outreach online con i giovani", en: "Online outreach to young people" },
  description: {
    it: "Raggiungere i giovani dove sono, senza mettere a rischio loro o te.",
    en: "Reaching young people where they are, without putting them or you at risk.",
  },
  objectives: [{ it: "Pianificare una presenza professionale sui social", en: "Plan a professional social media presence" }],
  defaultLanguage: "it",
  competences: [
    { framework: "DigComp 2.2", code: "2.6", level: 4 },
    { framework: "DigComp 2.2", code: "2.1", level: 3 },
  ],
  status: "completed",
  completedAt: "2025-03-01T15:00:00Z",
  entries: [
    {
      key: "tool-signal",
      kind: "tool",
      competence: "2.1",
      framework: "DigComp 2.2",
      content: {
        it: { title: "Signal", summary: "Messaggistica cifrata, usata anche dai giovani." },
        en: { title: "Signal", summary: "Encrypted messenger that young people use too." },
      },
    },
    {
      key: "tool-instagram",
      kind: "tool",
      competence: "2.6",
      framework: "DigComp 2.2",
      content: {
        it: {
          title: "Instagram per il lavoro di strada",
          purpose: "<p>Farsi trovare dai ragazzi con un profilo <strong>professionale</strong>, distinto da quello personale.</p>",
          risks: "<p>I messaggi privati non sono cifrati end-to-end per impostazione predefinita.</p>",
        },
      },
    },
    {
      key: "link-garante-privacy",
      kind: "link",
      competence: "4.2",
      content: {
        it: {
          title: "Garante per la protezione dei dati personali",
          summary: "Le regole italiane sulla privacy, spiegate.",
          href: "https://www.garanteprivacy.it/",
        },
        en: {
          title: "Italian Data Protection Authority",
          summary: "Italy's privacy rules, explained.",
          href: "https://www.garanteprivacy.it/",
        },
      },
    },
    {
      key: "link-elastic",
      kind: "link",
      content: {
        en: { title: "The ELASTIC project", href: "https://www.elasticproject.eu/" },
        it: { title: "Il progetto ELASTIC", href: "https://www.elasticproject.eu/" },
      },
    },
    {
      key: "glossary-outreach",
      kind: "glossary",
      content: {
        it: { title: "Outreach digitale", definition: "<p>Il lavoro di strada svolto negli spazi online.</p>" },
        en: { title: "Digital outreach", definition: "<p>Street work done in online spaces.</p>" },
      },
    },
    {
      key: "glossary-2fa",
      kind: "glossary",
      content: {
        it: { title: "Autenticazione a due fattori", definition: "<p>Un secondo controllo oltre alla password.</p>" },
        en: { title: "Two-factor authentication", definition: "<p>A second check on top of the password.</p>" },
      },
    },
  ],
};

/** A third-party package: no vademecum entries, only its LOM record, in English only. */
export const DIGITAL_RIGHTS: VademecumModule = {
  id: "intro-digital-rights",
  title: { en: "Digital rights of service users" },
  description: { en: "What the GDPR means for the people social services support." },
  objectives: [{ en: "Explain the right of access" }, { en: "Recognise a data breach" }],
  defaultLanguage: "en",
  competences: [{ framework: "DigComp 2.2", code: "4.2", level: 3 }],
  status: "completed",
  completedAt: "2025-01-20T11:00:00Z",
  entries: [],
};

export const VIDEO_CALLS: VademecumModule = {
  id: "vademecum-video-calls",
  title: { en: "Video calls that respect privacy", it: "Videochiamate rispettose della privacy" },
  description: { en: "Running counselling sessions by video.", it: "Condurre colloqui in videochiamata." },
  objectives: [],
  defaultLanguage: "en",
  competences: [{ framework: "DigComp 2.2", code: "2.4", level: 4 }],
  status: "in-progress",
  entries: [
    {
      key: "tool-jitsi",
      kind: "tool",
      competence: "2.4",
      framework: "DigComp 2.2",
      content: {
        en: { title: "Jitsi Meet", summary: "Open-source video meetings in the browser." },
        it: { title: "Jitsi Meet", summary: "Videoriunioni open source nel browser." },
      },
    },
  ],
};

export function sampleInput(reader: "it" | "en"): VademecumInput {
  return {
    reader:
      reader === "it"
        ? { name: "Maria Rossi", organisation: "Cooperativa Sociale Aurora", languages: ["it"] }
        : { name: "Jane Doe", organisation: "Leeds City Council", languages: ["en-GB"] },
    modules: [SECURE_MESSAGING, ONLINE_OUTREACH, DIGITAL_RIGHTS, VIDEO_CALLS],
    framework: DIGCOMP_22,
    profile: [
      { code: "4.2", level: 3, selfRatedLevel: 4 },
      { code: "2.1", level: 4, selfRatedLevel: 3 },
      { code: "2.6", level: null, selfRatedLevel: 2 },
    ],
  };
}
