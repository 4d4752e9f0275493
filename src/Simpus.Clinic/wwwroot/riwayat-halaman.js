// The script of riwayat.html (kept out of the page so the Content-Security-Policy allows no inline script).
"use strict";
const $ = id => document.getElementById(id);
const rm = decodeURIComponent(location.pathname.split("/")[2]);
const statusLabel = { "arrived": "Menunggu", "in-progress": "Diperiksa", "finished": "Selesai", "cancelled": "Dibatalkan" };
const outcomeLabel = { "pulang": "Pulang", "kontrol": "Kontrol ulang", "rujuk": "Dirujuk", "rawat-inap": "Rawat inap", "meninggal": "Meninggal" };
let history = null;

function vitals(v) {
  if (!v) return "";
  const parts = [];
  if (v.systolic) parts.push(`TD ${v.systolic}/${v.diastolic}`);
  if (v.pulse) parts.push(`N ${v.pulse}`);
  if (v.respiration) parts.push(`RR ${v.respiration}`);
  if (v.temperature) parts.push(`S ${String(v.temperature).replace(".", ",")}°C`);
  if (v.weight) parts.push(`BB ${String(v.weight).replace(".", ",")} kg`);
  if (v.height) parts.push(`TB ${v.height} cm`);
  return parts.join(" · ");
}

function voided(x) { return x.voidedAt ? ` class="batal" title="Dibatalkan: ${simpus.esc(x.voidReason)}"` : ""; }

function render() {
  const q = $("saring").value.trim().toLowerCase();
  const visits = history.visits.filter(v => !q || JSON.stringify(v).toLowerCase().includes(q));
  $("daftar").innerHTML = visits.map(v => `<section class="panel kunjungan">
    <div><b>${simpus.tanggal(v.visitDate)}</b> ${simpus.jam(v.arrivedAt)}<div>${simpus.esc(v.poliName || v.poli)}</div>
      <span class="lencana ${v.status}">${statusLabel[v.status] || v.status}</span>
      ${v.status !== "cancelled" ? `<div><a href="/poli/periksa/${v.visitId}">Buka pemeriksaan</a></div>` : ""}
      ${v.clinician ? `<div class="kecil">oleh ${simpus.esc(v.clinicianName || v.clinician)}</div>` : ""}</div>
    <div><div>${simpus.esc(v.complaint || "")}</div><div class="ringkas-vital">${vitals(v.vitals)}</div>
      ${v.physicalExam ? `<div class="kecil">${simpus.esc(v.physicalExam)}</div>` : ""}
      <ul>${v.diagnoses.map(d => `<li${voided(d)}><span class="${d.primary ? "utama" : ""}">${simpus.esc(d.code)} ${simpus.esc(d.name)}</span>
        <span class="lencana">${d.case === "kkl" ? "KKL" : d.case === "lama" ? "Lama" : "Baru"}</span>${d.primary ? " <span class=kecil>utama</span>" : ""}</li>`).join("")}</ul>
      ${v.outcome ? `<div class="kecil">Hasil akhir: ${simpus.esc(outcomeLabel[v.outcome] || v.outcome)}</div>` : ""}</div>
    <div>${v.procedures.length ? `<div class="kecil">Tindakan</div><ul>${v.procedures.map(p => `<li${voided(p)}>${simpus.esc(p.name)}</li>`).join("")}</ul>` : ""}
      ${v.prescriptions.length ? `<div class="kecil">Resep</div><ul>${v.prescriptions.map(p => `<li${voided(p)}>${simpus.esc(p.drugName)} — ${simpus.esc(p.dose)}, ${p.quantity} ${simpus.esc(p.unit)}${p.days ? ", " + p.days + " hari" : ""}</li>`).join("")}</ul>` : ""}
      ${v.referrals.length ? `<div class="kecil">Rujukan</div><ul>${v.referrals.map(r => `<li${voided(r)}>${simpus.esc(r.destination)}: ${simpus.esc(r.reason)}</li>`).join("")}</ul>` : ""}</div>
  </section>`).join("") || `<p class="kecil">Tidak ada kunjungan${q ? " yang cocok" : ""}.</p>`;
}

$("saring").addEventListener("input", simpus.debounce(render, 150));

(async () => {
  const ctx = await simpus.bar("/poli");
  if (!ctx) return;
  try {
    history = await simpus.api("GET", `/api/patients/${encodeURIComponent(rm)}/history-clinical`);
  } catch (err) {
    simpus.message($("pesan"), "galat", (err.problem && err.problem.detail) || "Pasien tidak ditemukan.");
    return;
  }
  $("judul").textContent = `Riwayat ${history.name} (${history.rm})`;
  $("ringkas").textContent = `${history.sex === "L" ? "Laki-laki" : "Perempuan"}, lahir ${simpus.tanggal(history.birthDate)} (${simpus.umur(history.birthDate)}) · ${history.visits.length} kunjungan, terbaru di atas`;
  render();
  $("saring").focus();
})();
