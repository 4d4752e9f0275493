// /apotek: the day's prescriptions and line-by-line dispensing (FEFO on the server), less or a substitute with a reason, hand-over.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const statusLabel = { menunggu: "Menunggu", sebagian: "Sebagian", siap: "Siap diserahkan", diserahkan: "Diserahkan" };
  let rows = [], selected = 0, current = null, canWrite = false;
  const substitutes = {};

  async function load() {
    try {
      rows = await simpus.api("GET", `/api/pharmacy/worklist?date=${$("tanggal").value}&poli=${encodeURIComponent($("poli").value)}`);
    } catch (e) { $("ringkas").textContent = apotek.pesanGalat(e, "Gagal memuat resep."); return; }
    const waiting = rows.filter(r => r.status !== "diserahkan");
    $("ringkas").textContent = `${waiting.length} resep belum diserahkan, ${rows.length - waiting.length} sudah diserahkan.`;
    $("daftar").innerHTML = rows.map((r, i) => `<tr data-index="${i}" tabindex="-1" class="${current && r.visitId === current.visitId ? "pilih" : ""}">
        <td><b>${simpus.esc(r.queueLabel)}</b></td>
        <td><b>${simpus.esc(r.patientName)}</b><div class="kecil">${simpus.esc(r.rm)}${r.visitStatus !== "finished" ? " · masih diperiksa" : ""}</div></td>
        <td>${simpus.esc(r.poliName)}</td>
        <td>${simpus.jam(r.prescribedAt)}</td>
        <td class="angka">${r.processed}/${r.lines}${r.shortLines ? ` <span class="lencana kurang" title="Stok kurang untuk ${r.shortLines} obat">stok kurang</span>` : ""}</td>
        <td><span class="lencana ${r.status}">${statusLabel[r.status]}</span></td></tr>`).join("")
      || `<tr><td colspan="6" class="kecil">Belum ada resep pada tanggal ini.</td></tr>`;
  }

  async function open(visitId, focus) {
    try {
      current = await simpus.api("GET", `/api/pharmacy/prescriptions/${visitId}`);
    } catch (e) { simpus.message($("pesan"), "galat", apotek.pesanGalat(e)); return; }
    simpus.message($("pesan"), "", "");
    draw();
    document.querySelectorAll("#daftar tr").forEach(tr => tr.classList.toggle("pilih", rows[Number(tr.dataset.index)]?.visitId === visitId));
    if (focus) {
      const first = document.querySelector("#baris input.jumlah");
      (first || $("serahkan")).focus();
    }
  }

  function draw() {
    const r = current;
    $("kosong").classList.add("tersembunyi");
    $("resep").classList.remove("tersembunyi");
    $("nama").textContent = r.patientName;
    $("identitas").textContent = `${r.rm} · ${r.sex} · ${simpus.umur(r.birthDate)} · ${r.poliName}${r.clinician ? " · " + r.clinician : ""}`;
    $("statusResep").className = "lencana " + r.status;
    $("statusResep").textContent = statusLabel[r.status];
    $("diagnosis").textContent = r.diagnoses.length ? "Diagnosis: " + r.diagnoses.join("; ") : "";
    const open = r.status !== "diserahkan" && canWrite;
    $("baris").innerHTML = r.lines.map((l, i) => {
      const need = Math.ceil(l.quantity);
      const stock = l.available < need ? (l.available === 0 ? "stok-habis" : "stok-kurang") : "";
      const head = `<td><b>${simpus.esc(l.drugName)}</b><div class="kecil">${simpus.esc(l.dose)}${l.days ? ` · ${l.days} hari` : ""}` +
        `${l.prescriptionVoided ? " · <i>dibatalkan pemeriksa setelah diberikan</i>" : ""}</div></td>` +
        `<td class="angka">${apotek.angka(l.quantity)} ${simpus.esc(l.unit)}</td><td class="angka ${stock}">${apotek.angka(l.available)}</td>`;
      if (l.dispensed) {
        const d = l.dispensed;
        return `<tr data-line="${i}">${head}<td><span class="diberikan">✓ ${apotek.angka(d.quantity)} ${simpus.esc(d.unit)}${d.substitute ? " " + simpus.esc(d.drugName) : ""}</span>` +
          `${d.reason ? `<div class="kecil">${simpus.esc(d.reason)}</div>` : ""}` +
          `<div class="bets">${d.batches.map(b => `bets ${simpus.esc(b.batch)} (ED ${simpus.tanggal(b.expiry)}): ${b.quantity}`).join("; ")}</div></td>` +
          `<td class="aksi">${open ? `<button type="button" class="kedua" data-batal="${i}">Batalkan</button>` : ""}</td></tr>`;
      }
      if (!open) return `<tr data-line="${i}">${head}<td class="kecil">belum diberikan</td><td></td></tr>`;
      const sub = substitutes[l.prescriptionId];
      const proposed = sub ? "" : Math.min(need, l.available);
      return `<tr data-line="${i}">${head}<td>
          <div class="baris" style="gap:.3rem;align-items:center">
            <input class="jumlah pas" data-jumlah="${i}" inputmode="numeric" value="${proposed}" aria-label="Jumlah ${simpus.esc(l.drugName)} yang diberikan">
            <input class="alasan" data-alasan="${i}" placeholder="alasan bila kurang/diganti" aria-label="Alasan ${simpus.esc(l.drugName)}"
              value="${l.available < need && !sub ? (l.available === 0 ? "Stok kosong" : "Stok tidak cukup") : ""}">
          </div>
          ${sub ? `<div class="kecil">Pengganti: <b>${simpus.esc(sub.name)}</b> (${simpus.esc(sub.unit)}) · <a href="#" data-batal-ganti="${i}">batal ganti</a></div>`
            : `<div class="ganti"><input data-ganti="${i}" placeholder="Ganti obat… (ketik nama)" aria-label="Obat pengganti untuk ${simpus.esc(l.drugName)}" autocomplete="off">
               <ul class="pilihan tersembunyi" data-pilihan="${i}" role="listbox"></ul></div>`}
          <div class="salah" data-salah="${i}"></div></td>
          <td class="aksi"><button type="button" data-berikan="${i}">Berikan</button></td></tr>`;
    }).join("");
    document.querySelectorAll("[data-ganti]").forEach(input => {
      const i = Number(input.dataset.ganti);
      apotek.cariObat(input, document.querySelector(`[data-pilihan="${i}"]`), d => {
        substitutes[current.lines[i].prescriptionId] = d;
        draw();
        const q = document.querySelector(`[data-jumlah="${i}"]`);
        if (q) q.focus();
      });
    });
    const live = r.lines.filter(l => !l.prescriptionVoided);
    $("serahkan").disabled = !open || live.some(l => !l.dispensed);
    $("serahkan").classList.toggle("tersembunyi", r.status === "diserahkan" || !canWrite);
  }

  async function give(i) {
    const l = current.lines[i];
    const slot = document.querySelector(`[data-salah="${i}"]`);
    const text = document.querySelector(`[data-jumlah="${i}"]`).value.trim();
    const reason = document.querySelector(`[data-alasan="${i}"]`).value.trim();
    const sub = substitutes[l.prescriptionId];
    if (text !== "" && !/^\d+$/.test(text)) { slot.textContent = "Jumlah harus bilangan bulat 0 atau lebih."; return; }
    const body = { quantity: text === "" ? null : Number(text), reason: reason || null, drug: sub ? sub.code : null };
    try {
      current = await simpus.api("POST", `/api/pharmacy/prescriptions/${current.visitId}/lines/${l.prescriptionId}/dispense`, body);
      delete substitutes[l.prescriptionId];
      simpus.message($("pesan"), "", "");
      draw();
      const next = document.querySelector("#baris input.jumlah");
      (next || $("serahkan")).focus();
      load();
    } catch (e) {
      slot.textContent = apotek.pesanGalat(e, "Gagal memberikan obat.");
      if (e.status === 409) {
        const refreshed = await simpus.api("GET", `/api/pharmacy/prescriptions/${current.visitId}`).catch(() => null);
        if (refreshed) {
          current = refreshed; draw();
          const again = document.querySelector(`[data-salah="${i}"]`);
          if (again) again.textContent = apotek.pesanGalat(e);
        }
      }
      const field = e.problem && e.problem.errors && e.problem.errors.reason ? "alasan" : "jumlah";
      const input = document.querySelector(`[data-${field}="${i}"]`);
      if (input) input.focus();
    }
  }

  async function undo(i) {
    const d = current.lines[i].dispensed;
    const reason = prompt(`Alasan membatalkan pemberian ${d.drugName}?`);
    if (!reason) return;
    try {
      current = await simpus.api("POST", `/api/pharmacy/prescriptions/${current.visitId}/dispensed/${d.id}/void`, { reason });
      draw(); load();
    } catch (e) { simpus.message($("pesan"), "galat", apotek.pesanGalat(e)); }
  }

  async function handOver() {
    if ($("serahkan").disabled) return;
    try {
      current = await simpus.api("POST", `/api/pharmacy/prescriptions/${current.visitId}/handover`);
      draw();
      simpus.message($("pesan"), "ok", `Obat ${current.patientName} sudah diserahkan.`);
      await load();
      const next = rows.findIndex(r => r.status !== "diserahkan");
      if (next >= 0) select(next);
    } catch (e) { simpus.message($("pesan"), "galat", apotek.pesanGalat(e)); }
  }

  function select(i) {
    if (!rows.length) return;
    selected = Math.max(0, Math.min(rows.length - 1, i));
    const tr = document.querySelector(`#daftar tr[data-index="${selected}"]`);
    document.querySelectorAll("#daftar tr").forEach(x => x.classList.toggle("pilih", x === tr));
    if (tr) tr.focus();
  }

  $("daftar").addEventListener("click", e => {
    const tr = e.target.closest("tr[data-index]");
    if (!tr) return;
    selected = Number(tr.dataset.index);
    open(rows[selected].visitId, false);
  });
  $("daftar").addEventListener("keydown", e => {
    if (e.key === "ArrowDown") { e.preventDefault(); select(selected + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); select(selected - 1); }
    else if (e.key === "Enter" && rows[selected]) { e.preventDefault(); open(rows[selected].visitId, true); }
  });
  $("baris").addEventListener("click", e => {
    const b = e.target.closest("button, a");
    if (!b) return;
    if (b.dataset.berikan !== undefined) give(Number(b.dataset.berikan));
    else if (b.dataset.batal !== undefined) undo(Number(b.dataset.batal));
    else if (b.dataset.batalGanti !== undefined) { e.preventDefault(); delete substitutes[current.lines[Number(b.dataset.batalGanti)].prescriptionId]; draw(); }
  });
  $("baris").addEventListener("keydown", e => {
    if (e.key !== "Enter" || e.ctrlKey) return;
    const q = e.target.closest("[data-jumlah], [data-alasan]");
    if (!q) return;
    e.preventDefault();
    give(Number(q.dataset.jumlah ?? q.dataset.alasan));
  });
  document.addEventListener("keydown", e => {
    if (e.key === "Enter" && e.ctrlKey && current) { e.preventDefault(); handOver(); }
    else if (!e.target.matches("input, select, textarea, button, a") && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault(); select(selected + (e.key === "ArrowDown" ? 1 : -1));
    }
  });
  $("serahkan").addEventListener("click", handOver);
  $("poli").addEventListener("change", load);
  $("tanggal").addEventListener("change", load);

  (async () => {
    const ctx = await apotek.start();
    if (!ctx) return;
    canWrite = ctx.canWrite;
    const polis = await simpus.api("GET", "/api/poli").catch(() => []);
    $("poli").innerHTML += polis.filter(p => p.active !== false).map(p => `<option value="${simpus.esc(p.code)}">${simpus.esc(p.name)}</option>`).join("");
    $("tanggal").value = apotek.hariIni();
    await load();
    const first = rows.findIndex(r => r.status !== "diserahkan");
    if (first >= 0) { select(first); open(rows[first].visitId, false); select(first); }
    setInterval(() => { load(); apotek.peringatan(); }, 30000);
  })();
})();
