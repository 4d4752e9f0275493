// District /obat: POR per puskesmas, stock-outs, expiry and the LPLPO recap per drug of a month (package schema 2).
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const n = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 });
  const targets = { ispa: 20, diare: 8, myalgia: 1 };
  let recap = [];

  function pct(g) {
    if (g.percent == null) return `<td class="angka kecil">–</td>`;
    return `<td class="angka ${g.percent > targets[g.code] ? "lewat" : "baik"}">${n.format(g.percent)} %<div class="kecil">${n.format(g.given)}/${n.format(g.cases)}</div></td>`;
  }

  function drawRecap() {
    const q = $("cari").value.trim().toLowerCase();
    $("lplpo").innerHTML = recap.filter(r => !q || (r.name + " " + r.code).toLowerCase().includes(q)).map(r => `<tr>
        <td>${simpus.esc(r.name)}<div class="kecil">${simpus.esc(r.code)}</div></td><td>${simpus.esc(r.unit)}</td>
        <td class="angka">${n.format(r.pemakaian)}</td><td class="angka">${n.format(r.sisaStok)}</td><td class="angka">${n.format(r.stokOptimum)}</td>
        <td class="angka"><b>${n.format(r.permintaan)}</b></td><td class="angka">${r.ketersediaan == null ? "–" : n.format(r.ketersediaan)}</td>
        <td class="angka ${r.puskesmasKosong ? "lewat" : ""}">${r.puskesmasKosong || ""}</td></tr>`).join("")
      || `<tr><td colspan="8" class="kecil">Belum ada data LPLPO untuk bulan ini.</td></tr>`;
  }

  async function load() {
    const month = $("bulan").value;
    try {
      const [por, stockouts, expiry, lplpo] = await Promise.all(["por", "stockouts", "expiry", "lplpo"]
        .map(x => simpus.api("GET", `/api/pharmacy/${x}?month=${month}`)));
      simpus.message($("pesan"), "", "");
      $("por").innerHTML = por.map(r => `<tr${r.puskesmas ? "" : ' style="font-weight:600"'}><td>${simpus.esc(r.puskesmasName)}</td>` +
        (r.reported ? r.groups.map(pct).join("") +
          `<td class="angka ${r.itemsPerPrescription > 2.6 ? "lewat" : r.itemsPerPrescription == null ? "" : "baik"}">${r.itemsPerPrescription == null ? "–" : n.format(r.itemsPerPrescription)}</td>`
          : `<td colspan="4" class="kecil">Belum ada data POR (belum mengirim atau paket skema 1)</td>`) + "</tr>").join("");
      $("kosong").innerHTML = stockouts.map(r => `<tr><td>${simpus.esc(r.puskesmasName)}</td><td>${simpus.esc(r.drugName)}</td>
          <td class="angka">${n.format(r.sisaStok)}</td><td class="angka lewat">${r.hariKosong || ""}</td></tr>`).join("")
        || `<tr><td colspan="4" class="kecil">Tidak ada kekosongan yang dilaporkan.</td></tr>`;
      $("ed").innerHTML = expiry.map(r => `<tr><td>${simpus.esc(r.puskesmasName)}</td><td>${simpus.esc(r.drugName)} <span class="kecil">${simpus.esc(r.unit)}</span></td>
          <td class="angka">${r.kedaluwarsa ? n.format(r.kedaluwarsa) : ""}</td><td class="angka">${r.hampirKedaluwarsa ? n.format(r.hampirKedaluwarsa) : ""}</td></tr>`).join("")
        || `<tr><td colspan="4" class="kecil">Tidak ada obat kedaluwarsa yang dilaporkan.</td></tr>`;
      recap = lplpo;
      drawRecap();
    } catch (e) {
      simpus.message($("pesan"), "galat", (e.problem && (e.problem.detail || e.problem.title)) || "Gagal memuat data obat.");
    }
  }

  $("bulan").addEventListener("change", load);
  $("cari").addEventListener("input", drawRecap);
  (async () => {
    if (!await dinkesBar("/obat")) return;
    $("bulan").value = new URLSearchParams(location.search).get("month") || lastMonth();
    load();
  })();
})();
