// OS1 page: sign-in, chat over a WebSocket, voice (push-to-talk and hands-free), and the other sections.
// Plain JavaScript, no libraries, nothing fetched from other sites. Talks only to /api/ on this server.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { csrf: null, ws: null, wsReady: false, streaming: new Map(), pendingAudio: null, features: {} };

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `HTTP ${status}`);
    this.status = status;
    this.hint = body && body.hint;
  }
}

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && state.csrf) headers["X-CSRF-Token"] = state.csrf;
  const response = await fetch(path, {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get("content-type") || "";
  const data = type.includes("application/json") ? await response.json() : await response.blob();
  if (response.status === 401 && path !== "/api/session") { showSignIn(); }
  if (!response.ok) throw new ApiError(response.status, type.includes("json") ? data : null);
  return data;
}

function say(noteId, error) {
  const text = error instanceof ApiError && error.hint ? `${error.message} ${error.hint}` : String(error.message || error);
  $(noteId).textContent = text;
}

// ---------------------------------------------------------------- sign-in

function showSignIn() {
  $("signin").hidden = false;
  $("tabs").hidden = true;
  $("sign-out").hidden = true;
  document.querySelectorAll(".panel").forEach((p) => { p.hidden = true; });
  if (state.ws) { state.ws.close(); state.ws = null; }
}

async function signIn(credentials) {
  const result = await api("POST", "/api/session", credentials);
  state.csrf = result.csrf;
  await start();
}

async function start() {
  const info = await api("GET", "/api/session");
  state.csrf = info.csrf;
  $("signin").hidden = true;
  $("tabs").hidden = false;
  $("sign-out").hidden = false;
  const companion = await api("GET", "/api/companion");
  state.features = companion.features || {};
  showCompanion(companion.companion, companion.mood);
  $("speak-replies").checked = companion.voice && companion.voice.engine !== "off" && localStorage.getItem("os1.speak") === "1";
  selectTab("chat");
  await loadHistory();
  connect();
}

function showCompanion(name, mood) {
  if (name) { $("companion-name").textContent = name; document.title = `${name} · OS1`; }
  if (mood !== undefined) $("mood").textContent = mood ? `feels ${mood}` : "";
}

// ---------------------------------------------------------------- tabs

const loaders = {};

function selectTab(name) {
  document.querySelectorAll("#tabs [role=tab]").forEach((tab) => {
    const selected = tab.id === `tab-${name}`;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(tab.getAttribute("aria-controls")).hidden = !selected;
  });
  if (loaders[name]) loaders[name]();
}

// ---------------------------------------------------------------- chat

function addMessage(role, text, extra) {
  const item = document.createElement("li");
  item.className = `msg ${role}`;
  item.textContent = text;
  if (extra) {
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = extra;
    item.appendChild(meta);
  }
  $("log").appendChild(item);
  $("log").scrollTop = $("log").scrollHeight;
  return item;
}

async function loadHistory() {
  $("log").textContent = "";
  try {
    const data = await api("GET", "/api/history?limit=40");
    for (const turn of data.turns) addMessage(turn.role === "person" ? "person" : "companion", turn.text);
  } catch (error) { addMessage("system", error.message); }
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const ws = new WebSocket(`${scheme}://${location.host}/api/chat/ws`);
  ws.binaryType = "arraybuffer";
  state.ws = ws;
  ws.onopen = () => { ws.send(JSON.stringify({ type: "hello" })); };
  ws.onmessage = (event) => {
    if (typeof event.data !== "string") { onAudio(event.data); return; }
    onFrame(JSON.parse(event.data));
  };
  ws.onclose = () => {
    state.wsReady = false;
    if (state.ws === ws && $("signin").hidden) {
      addMessage("system", "Connection lost — reconnecting…");
      setTimeout(() => { if (state.ws === ws) connect(); }, 1500);
    }
  };
}

function onFrame(frame) {
  switch (frame.type) {
    case "ready":
      state.wsReady = true;
      showCompanion(frame.companion, frame.mood);
      break;
    case "opening":
      addMessage("companion", frame.text);
      showCompanion(frame.companion, frame.mood);
      break;
    case "notice":  // a reminder or follow-up that came due while the page is open
      addMessage("companion", frame.text);
      break;
    case "start": {
      const bubble = addMessage("companion", "");
      bubble.classList.add("streaming");
      state.streaming.set(frame.id, bubble);
      break;
    }
    case "chunk": {
      const bubble = state.streaming.get(frame.id);
      if (bubble) { bubble.textContent += frame.text; $("log").scrollTop = $("log").scrollHeight; }
      break;
    }
    case "done": {
      const bubble = state.streaming.get(frame.id);
      state.streaming.delete(frame.id);
      if (bubble) { bubble.textContent = frame.text; bubble.classList.remove("streaming"); }
      if (frame.note) addMessage("system", frame.note);
      showCompanion(frame.companion, frame.mood);
      $("send").disabled = false;
      break;
    }
    case "turn":  // said in another tab
      addMessage("person", frame.person_text);
      addMessage("companion", frame.text);
      showCompanion(frame.companion, frame.mood);
      break;
    case "heard":
      $("voice-status").textContent = "Listening to what you said…";
      break;
    case "transcript":
      $("voice-status").textContent = "";
      if (frame.text) addMessage("person", frame.text, "spoken");
      break;
    case "audio":
      state.pendingAudio = frame;
      break;
    case "audio_end":
      break;
    case "error":
      addMessage("system", frame.hint ? `${frame.message} ${frame.hint}` : frame.message);
      $("send").disabled = false;
      $("voice-status").textContent = "";
      break;
    default:
      break;
  }
}

let messageCounter = 0;

function sendMessage(text) {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN) { addMessage("system", "Not connected yet — one moment."); return; }
  stopPlayback();
  messageCounter += 1;
  const id = `m${Date.now()}-${messageCounter}`;
  addMessage("person", text);
  state.ws.send(JSON.stringify({ type: "message", text, id, speak: $("speak-replies").checked }));
}

// ---------------------------------------------------------------- voice: playback

const player = { queue: [], current: null };

function onAudio(buffer) {
  if (!state.pendingAudio) return;
  state.pendingAudio = null;
  player.queue.push(new Blob([buffer], { type: "audio/wav" }));
  if (!player.current) playNext();
}

function playNext() {
  const blob = player.queue.shift();
  if (!blob) { player.current = null; return; }
  const url = URL.createObjectURL(blob);
  const audio = new Audio(url);
  player.current = audio;
  audio.onended = () => { URL.revokeObjectURL(url); playNext(); };
  audio.onerror = audio.onended;
  audio.play().catch(() => { player.current = null; });
}

function stopPlayback() {
  player.queue.length = 0;
  if (player.current) { player.current.pause(); player.current = null; }
}

function interrupt() {
  stopPlayback();
  if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify({ type: "interrupt" }));
}

// ---------------------------------------------------------------- voice: recording

const mic = { stream: null, recorder: null, chunks: [] };
const VAD = { threshold: 0.035, startMs: 120, endMs: 650 };

async function microphone() {
  if (mic.stream) return mic.stream;
  if (!navigator.mediaDevices || !window.MediaRecorder) throw new Error("This browser cannot record audio here.");
  mic.stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
  return mic.stream;
}

async function startRecording() {
  const stream = await microphone();
  interrupt();  // new speech interrupts the companion
  mic.chunks = [];
  const type = MediaRecorder.isTypeSupported("audio/webm;codecs=opus") ? "audio/webm;codecs=opus" : "";
  mic.recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
  mic.recorder.ondataavailable = (event) => { if (event.data.size) mic.chunks.push(event.data); };
  mic.recorder.onstop = async () => {
    const blob = new Blob(mic.chunks, { type: mic.recorder.mimeType || "audio/webm" });
    if (blob.size > 0 && state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(await blob.arrayBuffer());
  };
  mic.recorder.start();
  $("talk").setAttribute("aria-pressed", "true");
  $("voice-status").textContent = "Recording…";
}

function stopRecording() {
  if (mic.recorder && mic.recorder.state === "recording") mic.recorder.stop();
  $("talk").setAttribute("aria-pressed", "false");
  $("voice-status").textContent = "";
}

// Hands-free keeps the raw samples itself: recording starts only once speech is detected, so the
// last PREROLL seconds before that moment are kept and sent too (else the first word is cut off).
const PREROLL_SECONDS = 0.5;
const hf = { context: null, node: null, source: null, ring: [], ringLength: 0, take: null, speaking: false, loud: 0, quiet: 0 };

function wavFrom(chunks, rate) {
  // 16 kHz mono 16-bit PCM: what the recogniser wants, and a tenth of the browser's float data.
  const target = 16000;
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const samples = new Float32Array(total);
  let offset = 0;
  for (const chunk of chunks) { samples.set(chunk, offset); offset += chunk.length; }
  const ratio = rate / target;
  const count = Math.floor(samples.length / ratio);
  const buffer = new ArrayBuffer(44 + count * 2);
  const view = new DataView(buffer);
  const text = (at, value) => { for (let i = 0; i < value.length; i += 1) view.setUint8(at + i, value.charCodeAt(i)); };
  text(0, "RIFF"); view.setUint32(4, 36 + count * 2, true); text(8, "WAVE"); text(12, "fmt ");
  view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, target, true); view.setUint32(28, target * 2, true); view.setUint16(32, 2, true);
  view.setUint16(34, 16, true); text(36, "data"); view.setUint32(40, count * 2, true);
  for (let i = 0; i < count; i += 1) {
    const value = Math.max(-1, Math.min(1, samples[Math.floor(i * ratio)]));
    view.setInt16(44 + i * 2, value < 0 ? value * 0x8000 : value * 0x7fff, true);
  }
  return buffer;
}

function onSamples(event) {
  const input = new Float32Array(event.inputBuffer.getChannelData(0));
  const rate = hf.context.sampleRate;
  const ms = (input.length / rate) * 1000;
  let sum = 0;
  for (const s of input) sum += s * s;
  const level = Math.sqrt(sum / input.length);
  // While the companion speaks, ask for a clearly louder voice, so its own audio does not count.
  const threshold = player.current ? VAD.threshold * 2.5 : VAD.threshold;
  if (hf.take) hf.take.push(input);
  else {
    hf.ring.push(input);
    hf.ringLength += input.length;
    while (hf.ringLength - hf.ring[0].length > PREROLL_SECONDS * rate) hf.ringLength -= hf.ring.shift().length;
  }
  if (level > threshold) {
    hf.quiet = 0;
    hf.loud += ms;
    if (!hf.speaking && hf.loud >= VAD.startMs) {
      hf.speaking = true;
      hf.take = hf.ring;  // the pre-roll becomes the start of the recording
      hf.ring = []; hf.ringLength = 0;
      interrupt();  // new speech interrupts the companion
      $("talk").setAttribute("aria-pressed", "true");
      $("voice-status").textContent = "Listening…";
    }
  } else {
    hf.loud = 0;
    if (hf.speaking) {
      hf.quiet += ms;
      if (hf.quiet >= VAD.endMs) {
        const take = hf.take;
        hf.speaking = false; hf.take = null; hf.quiet = 0;
        $("talk").setAttribute("aria-pressed", "false");
        $("voice-status").textContent = "Hands-free: just speak.";
        if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(wavFrom(take, rate));
      }
    }
  }
}

async function handsFree(on) {
  if (!on) {
    if (hf.node) { hf.node.disconnect(); hf.source.disconnect(); hf.context.close(); }
    Object.assign(hf, { context: null, node: null, source: null, ring: [], ringLength: 0, take: null, speaking: false, loud: 0, quiet: 0 });
    $("talk").setAttribute("aria-pressed", "false");
    $("voice-status").textContent = "";
    return;
  }
  try {
    const stream = await microphone();
    hf.context = new AudioContext();
    hf.source = hf.context.createMediaStreamSource(stream);
    // ScriptProcessor is old but needs no extra module file; 2048 samples is about 45 ms at 44.1 kHz.
    hf.node = hf.context.createScriptProcessor(2048, 1, 1);
    hf.node.onaudioprocess = onSamples;
    hf.source.connect(hf.node);
    hf.node.connect(hf.context.destination);  // silent (no output written), but keeps the node running
    $("voice-status").textContent = "Hands-free: just speak.";
  } catch (error) {
    $("handsfree").checked = false;
    $("voice-status").textContent = `Voice is not available: ${error.message}`;
  }
}

// ---------------------------------------------------------------- memory

function itemWithActions(text, meta, actions) {
  const li = document.createElement("li");
  const body = document.createElement("div");
  body.className = "text";
  body.textContent = text;
  li.appendChild(body);
  if (meta) {
    const m = document.createElement("div");
    m.className = "meta";
    m.textContent = meta;
    li.appendChild(m);
  }
  if (actions && actions.length) {
    const row = document.createElement("div");
    row.className = "actions";
    for (const [label, handler] of actions) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.addEventListener("click", () => handler(li, body));
      row.appendChild(button);
    }
    li.appendChild(row);
  }
  return li;
}

function when(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

async function loadMemories(query) {
  $("memory-note").textContent = "";
  const list = $("memory-list");
  list.textContent = "";
  try {
    const path = query ? `/api/memory?q=${encodeURIComponent(query)}&k=30` : "/api/memory?k=30";
    const data = await api("GET", path);
    if (!data.items.length) $("memory-note").textContent = query ? "Nothing found." : "No memories yet.";
    for (const item of data.items) {
      const meta = [item.speaker, when(item.ts || item.timestamp), item.score !== undefined ? `score ${Number(item.score).toFixed(2)}` : ""]
        .filter(Boolean).join(" · ");
      list.appendChild(itemWithActions(item.text, meta, [
        ["Edit", (li, body) => editMemory(item, li, body)],
        ["Forget", async (li) => {
          if (!window.confirm("Forget this for good?")) return;
          try { await api("DELETE", `/api/memory/${encodeURIComponent(item.id)}`); li.remove(); } catch (e) { say("memory-note", e); }
        }],
      ]));
    }
  } catch (error) { say("memory-note", error); }
}

function editMemory(item, li, body) {
  const area = document.createElement("textarea");
  area.value = item.text;
  area.setAttribute("aria-label", "Corrected memory");
  const save = document.createElement("button");
  save.textContent = "Save";
  save.type = "button";
  save.addEventListener("click", async () => {
    try {
      await api("PATCH", `/api/memory/${encodeURIComponent(item.id)}`, { text: area.value });
      item.text = area.value;
      body.textContent = area.value;
      area.remove(); save.remove();
    } catch (error) { say("memory-note", error); }
  });
  li.insertBefore(save, body.nextSibling);
  li.insertBefore(area, save);
  area.focus();
}

loaders.memory = () => loadMemories($("memory-q").value.trim());

// ---------------------------------------------------------------- people and connection

loaders.people = async () => {
  for (const id of ["people-list", "goals", "drifting"]) $(id).textContent = "";
  $("people-note").textContent = "";
  try {
    const data = await api("GET", "/api/people");
    if (!data.people.length) $("people-note").textContent = "Nobody yet — tell me about the people in your life.";
    for (const p of data.people) {
      const meta = [p.last_contact ? `last in touch ${when(p.last_contact)}` : "no contact noted yet",
        p.cadence_days ? `every ${p.cadence_days} days` : ""].filter(Boolean).join(" · ");
      $("people-list").appendChild(itemWithActions(p.label, meta));
    }
    const dash = await api("GET", "/api/connections");
    $("chart").src = `/api/connections/chart.svg?t=${Date.now()}`;
    $("chart-box").hidden = false;
    for (const g of dash.goals) $("goals").appendChild(itemWithActions(`${g.text}: ${g.done} of ${g.target}`, g.met ? "met" : "not yet"));
    for (const d of dash.drifting) $("drifting").appendChild(itemWithActions(`${d.label}`, `${d.days_since} days since you were in touch`));
  } catch (error) { say("people-note", error); }
};

// ---------------------------------------------------------------- letters

let currentLetter = null;

loaders.letters = async () => {
  $("letters-note").textContent = "";
  $("letter-list").textContent = "";
  try {
    const data = await api("GET", "/api/letters");
    for (const letter of data.letters) {
      const meta = [letter.status, when(letter.updated_at || letter.created_at)].filter(Boolean).join(" · ");
      $("letter-list").appendChild(itemWithActions(`To ${letter.recipient || "…"}: ${(letter.text || "").slice(0, 80)}`, meta,
        [["Preview", () => previewLetter(letter.id)]]));
    }
  } catch (error) { say("letters-note", error); }
};

function previewLetter(id) {
  currentLetter = id;
  const image = $("letter-preview");
  // Show the card once it is drawn (rendering takes a moment); say so if it cannot be.
  image.onload = () => { $("letter-preview-box").hidden = false; };
  image.onerror = () => { $("letters-note").textContent = "The card could not be drawn; the text is saved."; };
  $("letter-preview-box").hidden = true;
  image.src = `/api/letters/${encodeURIComponent(id)}/preview.png?t=${Date.now()}`;
  $("letter-download").href = `/api/letters/${encodeURIComponent(id)}/letter.pdf`;
}

// ---------------------------------------------------------------- reminders and agenda

loaders.agenda = async () => {
  $("agenda-note").textContent = "";
  $("reminder-list").textContent = "";
  $("agenda-list").textContent = "";
  try {
    const data = await api("GET", "/api/reminders");
    if (!data.reminders.length) $("reminder-list").appendChild(itemWithActions("No reminders.", ""));
    for (const r of data.reminders) $("reminder-list").appendChild(itemWithActions(r.text, `${when(r.due_at)}${r.every ? ` · every ${r.every}` : ""}`));
    const agenda = await api("GET", "/api/agenda?days=7");
    if (!agenda.agenda.length) $("agenda-list").appendChild(itemWithActions("Nothing in your calendars this week.", ""));
    for (const e of agenda.agenda) $("agenda-list").appendChild(itemWithActions(e.summary, [when(e.start), e.location].filter(Boolean).join(" · ")));
  } catch (error) { say("agenda-note", error); }
};

// ---------------------------------------------------------------- settings

loaders.settings = async () => {
  $("settings-note").textContent = "";
  try {
    const s = await api("GET", "/api/settings");
    $("set-model").value = s.model;
    $("models").textContent = "";
    for (const m of s.models) { const o = document.createElement("option"); o.value = m; $("models").appendChild(o); }
    $("set-voice").textContent = "";
    for (const v of s.voices) { const o = document.createElement("option"); o.value = v; o.textContent = v; $("set-voice").appendChild(o); }
    $("set-voice").value = s.voice;
    $("quiet-start").value = s.quiet_hours.start;
    $("quiet-end").value = s.quiet_hours.end;
  } catch (error) { say("settings-note", error); }
};

async function download(path, fallbackName) {
  const blob = await api("GET", path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---------------------------------------------------------------- wiring

function wire() {
  $("signin-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("signin-error").textContent = "";
    const user = $("user").value.trim();
    const credentials = user ? { user, password: $("password").value } : { token: $("token").value.trim() };
    try { await signIn(credentials); } catch (error) { say("signin-error", error); }
  });
  $("sign-out").addEventListener("click", async () => {
    try { await api("DELETE", "/api/session"); } finally { showSignIn(); }
  });
  document.querySelectorAll("#tabs [role=tab]").forEach((tab) => {
    tab.addEventListener("click", () => selectTab(tab.id.slice(4)));
    tab.addEventListener("keydown", (event) => {
      const tabs = [...document.querySelectorAll("#tabs [role=tab]")];
      const index = tabs.indexOf(tab);
      const next = event.key === "ArrowRight" ? tabs[(index + 1) % tabs.length]
        : event.key === "ArrowLeft" ? tabs[(index - 1 + tabs.length) % tabs.length] : null;
      if (next) { next.focus(); selectTab(next.id.slice(4)); }
    });
  });
  $("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("message").value.trim();
    if (!text) return;
    $("message").value = "";
    sendMessage(text);
  });
  $("message").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("chat-form").requestSubmit(); }
  });
  const talk = $("talk");
  const begin = (event) => { event.preventDefault(); startRecording().catch((e) => { $("voice-status").textContent = `Voice is not available: ${e.message}`; }); };
  talk.addEventListener("pointerdown", begin);
  talk.addEventListener("pointerup", stopRecording);
  talk.addEventListener("pointerleave", () => { if (mic.recorder && mic.recorder.state === "recording") stopRecording(); });
  talk.addEventListener("keydown", (event) => { if (event.code === "Space" && !event.repeat) begin(event); });
  talk.addEventListener("keyup", (event) => { if (event.code === "Space") stopRecording(); });
  $("handsfree").addEventListener("change", (event) => handsFree(event.target.checked));
  $("speak-replies").addEventListener("change", (event) => {
    localStorage.setItem("os1.speak", event.target.checked ? "1" : "0");
    if (!event.target.checked) stopPlayback();
  });
  $("memory-form").addEventListener("submit", (event) => { event.preventDefault(); loadMemories($("memory-q").value.trim()); });
  $("memory-recent").addEventListener("click", () => { $("memory-q").value = ""; loadMemories(""); });
  $("letter-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const letter = await api("POST", "/api/letters", { to: $("letter-to").value, body: $("letter-body").value });
      await loaders.letters();
      if (letter && letter.id !== undefined) previewLetter(letter.id);
    } catch (error) { say("letters-note", error); }
  });
  $("letter-send").addEventListener("click", async () => {
    if (!currentLetter) return;
    try {
      await api("POST", `/api/letters/${encodeURIComponent(currentLetter)}/send`, { email: $("letter-email").value.trim() });
      $("letters-note").textContent = "Sent.";
      await loaders.letters();
    } catch (error) { say("letters-note", error); }
  });
  $("reminder-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("POST", "/api/reminders", { text: $("reminder-text").value, when: $("reminder-when").value });
      $("reminder-text").value = ""; $("reminder-when").value = "";
      await loaders.agenda();
    } catch (error) { say("agenda-note", error); }
  });
  $("settings-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("PUT", "/api/settings", {
        model: $("set-model").value.trim(), voice: $("set-voice").value,
        quiet_hours: { start: Number($("quiet-start").value), end: Number($("quiet-end").value) },
      });
      $("settings-note").textContent = "Saved.";
    } catch (error) { say("settings-note", error); }
  });
  $("export").addEventListener("click", async () => {
    try { await download("/api/export", "os1-export.os1"); } catch (error) { say("settings-note", error); }
  });
  $("forget-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("POST", "/api/forget", { confirm: $("forget-confirm").value });
      $("forget-confirm").value = "";
      $("settings-note").textContent = "Everything has been deleted. We will meet anew.";
      if (state.ws) state.ws.close();
      state.ws = null;
      await start();
    } catch (error) { say("settings-note", error); }
  });
}

async function boot() {
  wire();
  // The printed link carries the token after '#', which never leaves the browser; use it once and drop it.
  const match = location.hash.match(/token=([^&]+)/);
  if (match) {
    history.replaceState(null, "", location.pathname);
    try { await signIn({ token: decodeURIComponent(match[1]) }); return; } catch (error) { say("signin-error", error); }
  }
  try { await start(); } catch (error) { showSignIn(); }
}

document.addEventListener("DOMContentLoaded", boot);
