// The script of poli.html (kept out of the page so the Content-Security-Policy allows no inline script).
"use strict";
const $ = id => document.getElementById(id);
const statusLabel = { "arrived": "Menunggu", "in-progress": "Diperiksa", "finished": "Selesai" };
let rows = [], selected = 0, me = null;

function todayLocal() {
  const d = new Date(); return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

async function load() {
  const poli = $("poli").value, date = $("tanggal").value;
  try {
    rows = await simpus.api("GET", `/api/poli/worklist?poli=${encodeURIComponent(poli)}&date=${date}`);
  } catch (e) { simpus.message($("pesan"), "galat", e.problem.detail || "Gagal memuat daftar."); return; }
  const waiting = rows.filter(r => r.status === "arrived");
  $("ringkas").innerHTML = `<span>Menunggu <b>${waiting.length}</b></span><span>Diperiksa <b>${rows.filter(r => r.status === "in-progress").length}</b></span>` +
    `<span>Selesai <b>${rows.filter(r => r.status === "finished").length}</b></span>` +
    (waiting.length ? `<span>Menunggu terlama <b>${Math.max(...waiting.map(r => r.waitingMinutes))} menit</b></span>` : "");
  $("daftar").innerHTML = rows.map((r, i) => `<tr data-id="${r.visitId}" data-index="${i}" tabindex="-1" class="${i === selected ? "pilih" : ""}">
      <td class="nomor">${simpus.esc(r.queueLabel || r.queueNumber)}</td>
      <td><b>${simpus.esc(r.patientName)}</b><div class="kecil">${simpus.esc(r.rm)} · kunjungan ${simpus.esc(r.visitType)}</div></td>
      <td>${r.sex} / ${simpus.umur(r.birthDate)}</td>
      <td>${simpus.esc(r.payerName || r.payer)}</td>
      <td>${simpus.esc(r.complaint || "")}</td>
      <td><span class="lencana ${r.status}">${statusLabel[r.status] || r.status}</span></td>
      <td class="angka lama-tunggu ${r.status === "arrived" && r.waitingMinutes > 30 ? "lewat" : ""}">${r.waitingMinutes} mnt</td>
      <td>${simpus.esc(r.primaryDiagnosis || "")}</td>
      <td class="aksi">${r.status === "arrived" ? `<button type="button" data-panggil="${r.visitId}">Panggil</button>`
        : `<button type="button" class="kedua" data-buka="${r.visitId}">${r.status === "finished" ? "Lihat" : "Periksa"}</button>`}
        ${r.status === "in-progress" ? `<button type="button" class="kedua" data-ulang="${r.visitId}" title="Layar antrean menampilkan dan mengucapkan nomornya lagi">Panggil ulang</button>` : ""}</td></tr>`).join("")
    || `<tr><td colspan="9" class="kecil">Belum ada pasien untuk poli ini pada tanggal ini.</td></tr>`;
  if (selected >= rows.length) selected = Math.max(0, rows.length - 1);
}

async function call(id) {
  try {
    await simpus.api("POST", `/api/visits/${id}/status`, { status: "in-progress" });
    location.href = `/poli/periksa/${id}`;
  } catch (e) {
    simpus.message($("pesan"), "galat", e.problem.detail || "Gagal memanggil pasien.");
    load();
  }
}

function open(id) { location.href = `/poli/periksa/${id}`; }

async function callAgain(id) {
  try {
    const call = await simpus.api("POST", `/api/visits/${id}/call`);
    simpus.message($("pesan"), "ok", `${call.queueLabel} dipanggil ulang di layar antrean.`);
  } catch (e) {
    simpus.message($("pesan"), "galat", e.problem.detail || "Gagal memanggil ulang.");
    load();
  }
}

function activate(i) {
  const r = rows[i];
  if (!r) return;
  if (r.status === "arrived") call(r.visitId); else open(r.visitId);
}

function select(i) {
  selected = Math.max(0, Math.min(rows.length - 1, i));
  document.querySelectorAll("#daftar tr").forEach(tr => tr.classList.toggle("pilih", Number(tr.dataset.index) === selected));
  const tr = document.querySelector(`#daftar tr[data-index="${selected}"]`);
  if (tr) tr.focus();
}

$("daftar").addEventListener("click", e => {
  const b = e.target.closest("button");
  if (b && b.dataset.panggil) return call(b.dataset.panggil);
  if (b && b.dataset.buka) return open(b.dataset.buka);
  if (b && b.dataset.ulang) return callAgain(b.dataset.ulang);
  const tr = e.target.closest("tr[data-index]");
  if (tr) select(Number(tr.dataset.index));
});
$("daftar").addEventListener("dblclick", e => { const tr = e.target.closest("tr[data-index]"); if (tr) activate(Number(tr.dataset.index)); });
document.addEventListener("keydown", e => {
  if (e.target.matches("input, select, textarea")) return;
  if (e.key === "ArrowDown") { e.preventDefault(); select(selected + 1); }
  else if (e.key === "ArrowUp") { e.preventDefault(); select(selected - 1); }
  else if (e.key === "Enter" && e.target.closest("#daftar tr, body")) { if (!e.target.matches("button")) { e.preventDefault(); activate(selected); } }
});
document.addEventListener("keydown", e => { if (e.key === "F9") { e.preventDefault(); $("panggilBerikut").click(); } });
$("panggilBerikut").addEventListener("click", () => {
  const next = rows.find(r => r.status === "arrived");
  if (next) call(next.visitId); else simpus.message($("pesan"), "info", "Tidak ada pasien yang menunggu.");
});
$("poli").addEventListener("change", () => { selected = 0; load(); });
$("tanggal").addEventListener("change", () => { selected = 0; load(); });

(async () => {
  const ctx = await simpus.bar("/poli");
  if (!ctx) return;
  me = ctx.me;
  const polis = await simpus.api("GET", "/api/poli").catch(() => null) || [{ code: me.poli || "umum", name: me.poli || "umum" }];
  $("poli").innerHTML = polis.filter(p => p.active !== false).map(p => `<option value="${simpus.esc(p.code)}">${simpus.esc(p.name)}</option>`).join("");
  // The kohort ibu register belongs to the KIA poli: its link shows only on that worklist.
  const heading = () => {
    $("judul").textContent = "Daftar pasien " + ($("poli").selectedOptions[0]?.textContent || "poli");
    $("tautanKohort").classList.toggle("tersembunyi", $("poli").value !== "kia");
  };
  $("poli").addEventListener("change", heading);
  $("poli").value = me.poli || "umum";
  heading();
  $("tanggal").value = todayLocal();
  await load();
  select(Math.max(0, rows.findIndex(r => r.status !== "finished")));
  setInterval(load, 30000);
})();
