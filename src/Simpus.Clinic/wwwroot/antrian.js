// Waiting-room screen (/antrian): shows the board per poli and, when a clinician calls a patient, the number large and
// spoken in Indonesian with the browser's speech synthesis ("Nomor antrean U lima belas, silakan ke Poli Umum").
// Sound can be turned off (remembered in this browser). New calls are polled every 2 seconds.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  let zone = "Asia/Jakarta", lastCall = null, started = false;
  const suara = {
    get on() { return localStorage.getItem("simpus.antrian.suara") !== "0"; },
    set on(v) { localStorage.setItem("simpus.antrian.suara", v ? "1" : "0"); },
  };

  function tampilSuara() {
    $("suara").textContent = suara.on ? "Suara: aktif" : "Suara: mati";
    $("suara").setAttribute("aria-pressed", String(suara.on));
    const perluKlik = suara.on && navigator.userActivation && !navigator.userActivation.hasBeenActive;
    $("aktifkan").classList.toggle("tersembunyi", !perluKlik);
  }
  $("suara").addEventListener("click", () => { suara.on = !suara.on; if (!suara.on && "speechSynthesis" in window) speechSynthesis.cancel(); tampilSuara(); });
  document.addEventListener("click", tampilSuara);

  function ucapkan(text) {
    if (!suara.on || !("speechSynthesis" in window)) return;
    const u = new SpeechSynthesisUtterance(text);
    u.lang = "id-ID";
    u.rate = 0.9;
    const voice = speechSynthesis.getVoices().find(v => v.lang && v.lang.toLowerCase().startsWith("id"));
    if (voice) u.voice = voice;
    speechSynthesis.speak(u);
  }

  function tampilPanggilan(call, baru) {
    const el = $("panggilan");
    el.classList.remove("kosong", "baru");
    $("nomorPanggil").textContent = call.queueLabel;
    $("tujuanPanggil").textContent = "silakan ke " + call.poliName;
    if (baru) { void el.offsetWidth; el.classList.add("baru"); }
  }

  async function pollPanggilan() {
    try {
      if (!started) {
        const latest = await simpus.api("GET", "/api/queue/calls");
        if (latest.length) { lastCall = latest[latest.length - 1].id; tampilPanggilan(latest[latest.length - 1], false); }
        else lastCall = 0;
        started = true;
        document.body.dataset.panggilan = String(lastCall);
        return;
      }
      const calls = await simpus.api("GET", "/api/queue/calls?after=" + lastCall);
      for (const call of calls) {
        lastCall = Math.max(lastCall, call.id);
        tampilPanggilan(call, true);
        ucapkan(call.announcement);
      }
      document.body.dataset.panggilan = String(lastCall);
    } catch { }
  }

  async function muatPapan() {
    try {
      const board = await simpus.api("GET", "/api/queue");
      $("papan").innerHTML = board.filter(p => p.waiting || p.serving || p.finished).map(p => `
        <div class="poli" data-poli="${simpus.esc(p.poli)}">
          <h2>${simpus.esc(p.name)}</h2>
          <div class="ket">Sedang dilayani</div>
          <div class="sekarang">${simpus.esc(p.servingLabel ?? "–")}</div>
          <div class="berikut">Berikutnya: ${p.nextLabels.length ? p.nextLabels.map(simpus.esc).join(", ") : "–"}</div>
          <div class="ket">${p.waiting} menunggu</div>
        </div>`).join("") || '<p style="text-align:center">Belum ada antrean hari ini.</p>';
    } catch { }
    $("jam").textContent = new Date().toLocaleString("id-ID", { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZone: zone });
  }

  simpus.api("GET", "/api/settings").then(s => {
    simpus.zona(s.timeZone);
    zone = { WIB: "Asia/Jakarta", WITA: "Asia/Makassar", WIT: "Asia/Jayapura" }[s.timeZone] || zone;
    $("nama").textContent = "Antrean " + s.name;
  }).catch(() => { });
  tampilSuara();
  muatPapan();
  pollPanggilan();
  setInterval(muatPapan, 5000);
  setInterval(pollPanggilan, 2000);
})();
