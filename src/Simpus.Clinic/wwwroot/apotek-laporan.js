// /apotek/laporan: the month's LPLPO and POR, and the pharmacy settings (planning figures, POR definitions).
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const dec = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  const fields = ["expiryWindowMonths", "distributionPeriodMonths", "leadTimeMonths", "safetySharePercent", "defaultSource", "pharmacistName", "pharmacistNip",
    "porIspaCodes", "porDiarrheaCodes", "porMyalgiaCodes", "porAntibioticClasses", "porInjectionForms"];
  const numeric = new Set(["expiryWindowMonths", "distributionPeriodMonths", "leadTimeMonths", "safetySharePercent"]);
  let report = null;

  function drawLplpo() {
    const rows = report.rows.filter(r => !$("adaData").checked || r.stokAwal || r.penerimaan || r.pemakaian || r.rusakHilang || r.selisihOpname || r.sisaStok || r.pemakaianRataRata);
    $("rumus").textContent = `stok optimum = rata² pakai 3 bulan × (${dec.format(report.distributionPeriodMonths)} + ${dec.format(report.leadTimeMonths)}) + ${dec.format(report.safetySharePercent)} % stok kerja; permintaan = optimum − sisa`;
    $("lplpo").innerHTML = rows.map(r => `<tr>
        <td>${simpus.esc(r.name)}<div class="kecil">${simpus.esc(r.code)}</div></td><td>${simpus.esc(r.unit)}</td>
        <td class="angka">${apotek.angka(r.stokAwal)}</td><td class="angka">${apotek.angka(r.penerimaan)}</td><td class="angka">${apotek.angka(r.persediaan)}</td>
        <td class="angka">${apotek.angka(r.pemakaian)}</td><td class="angka">${r.rusakHilang ? apotek.angka(r.rusakHilang) : ""}</td>
        <td class="angka">${r.selisihOpname ? `<span class="selisih ${r.selisihOpname < 0 ? "minus" : "plus"}">${r.selisihOpname > 0 ? "+" : ""}${r.selisihOpname}</span>` : ""}</td>
        <td class="angka ${r.sisaStok === 0 && r.pemakaianRataRata > 0 ? "stok-habis" : ""}"><b>${apotek.angka(r.sisaStok)}</b></td>
        <td class="angka">${dec.format(r.pemakaianRataRata)}</td><td class="angka">${apotek.angka(r.stokOptimum)}</td>
        <td class="angka"><b>${apotek.angka(r.permintaan)}</b></td>
        <td class="angka ${r.ketersediaan != null && r.ketersediaan < 1 ? "stok-kurang" : ""}">${r.ketersediaan == null ? "–" : dec.format(r.ketersediaan)}</td>
        <td class="angka ${r.hariKosong ? "stok-habis" : ""}">${r.hariKosong || ""}</td></tr>`).join("")
      || `<tr><td colspan="14" class="kecil">Belum ada mutasi obat pada bulan ini.</td></tr>`;
  }

  async function load() {
    const month = $("bulan").value;
    try {
      const [lplpo, por] = await Promise.all([
        simpus.api("GET", `/api/pharmacy/lplpo?month=${month}`), simpus.api("GET", `/api/pharmacy/por?month=${month}`)]);
      report = lplpo;
      simpus.message($("pesan"), "", "");
      drawLplpo();
      const pct = v => v == null ? "–" : dec.format(v) + " %";
      const mark = ok => ok == null ? "" : ok ? "tercapai" : "tidak-tercapai";
      $("por").innerHTML = por.indicators.map(i => `<tr><td>${simpus.esc(i.name)}<div class="kecil">${i.given} dari ${i.cases} kasus</div></td>
          <td class="angka ${mark(i.meetsTarget)}">${pct(i.percent)}</td><td class="angka">≤ ${dec.format(i.targetPercent)} %</td></tr>`).join("") +
        `<tr><td>Rerata item obat per resep<div class="kecil">${por.items} item / ${por.prescriptions} resep kasus POR; semua resep ${por.allItemsPerPrescription == null ? "–" : dec.format(por.allItemsPerPrescription)}</div></td>
          <td class="angka ${mark(por.itemsMeetTarget)}">${por.itemsPerPrescription == null ? "–" : dec.format(por.itemsPerPrescription)}</td><td class="angka">≤ 2,6</td></tr>`;
      $("porDefinisi").textContent = `ISPA: ${por.ispaCodes}; diare: ${por.diarrheaCodes}; myalgia: ${por.myalgiaCodes}; antibiotik: kelas Fornas ${por.antibioticClasses}; ` +
        `injeksi: ${por.injectionForms}${por.singleDiagnosisOnly ? "; hanya kasus diagnosis tunggal" : ""}.`;
    } catch (e) { simpus.message($("pesan"), "galat", apotek.pesanGalat(e, "Gagal memuat laporan.")); }
  }

  async function loadSettings() {
    const s = await simpus.api("GET", "/api/pharmacy/settings");
    fields.forEach(f => $(f).value = s[f] ?? "");
    $("porSingleDiagnosisOnly").checked = s.porSingleDiagnosisOnly;
  }

  $("setelan").addEventListener("submit", async e => {
    e.preventDefault();
    const body = { porSingleDiagnosisOnly: $("porSingleDiagnosisOnly").checked };
    fields.forEach(f => {
      const v = $(f).value.trim();
      body[f] = numeric.has(f) ? (v === "" ? null : Number(v.replace(",", "."))) : v;
    });
    try {
      await simpus.api("PUT", "/api/pharmacy/settings", body);
      simpus.clearErrors($("setelan"));
      simpus.message($("pesanSetelan"), "ok", "Pengaturan tersimpan.");
      await loadSettings(); await load();
    } catch (err) { simpus.message($("pesanSetelan"), "galat", simpus.showErrors($("setelan"), err)); }
  });
  $("bulan").addEventListener("change", load);
  $("adaData").addEventListener("change", () => report && drawLplpo());

  (async () => {
    const ctx = await apotek.start();
    if (!ctx) return;
    if (!ctx.canWrite) { $("setelan").querySelectorAll("input, button").forEach(x => x.disabled = true); }
    $("bulan").value = new URLSearchParams(location.search).get("month") || apotek.bulanLalu();
    await Promise.all([loadSettings(), load()]);
  })();
})();
