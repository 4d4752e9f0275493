// Poli worklist: adds each finished visit's SATUSEHAT status (menunggu, terkirim, ditahan, gagal) under its visit status.
"use strict";
(() => {
  const body = document.getElementById("daftar");
  if (!body) return;
  let busy = false;
  async function decorate() {
    if (busy) return;
    busy = true;
    try {
      const poli = document.getElementById("poli").value, date = document.getElementById("tanggal").value;
      const states = await simpus.api("GET", `/api/satusehat/worklist?poli=${encodeURIComponent(poli)}&date=${encodeURIComponent(date)}`);
      const byVisit = new Map(states.map(s => [String(s.visitId), s]));
      for (const tr of body.querySelectorAll("tr[data-id]")) {
        const s = byVisit.get(tr.dataset.id);
        const cell = tr.children[5];
        if (!s || !cell || cell.querySelector(".satusehat")) continue;
        const tag = document.createElement("div");
        tag.className = "kecil satusehat";
        tag.dataset.status = s.status;
        tag.textContent = "SATUSEHAT: " + s.status;
        if (s.message) tag.title = s.message;
        cell.appendChild(tag);
      }
    } catch { } finally { busy = false; }
  }
  new MutationObserver(() => decorate()).observe(body, { childList: true });
})();
