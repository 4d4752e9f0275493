// The district dashboard (/): GET /api/dashboard[?month=] — opens on the latest month that is due — drawn with Chart.js:
// ranking against the district median, each indicator per puskesmas with its 12-month trend, reporting completeness and
// timeliness, late or implausible reports, the district's ten diseases; the reporting status table; workbook and DHIS2 downloads.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const { warna, angka, persen } = grafik;
  const label = { tepat: "Tepat waktu", terlambat: "Terlambat", belum: "Belum lapor", belumJatuhTempo: "Belum jatuh tempo" };
  let data = null;
  let indikator = "SKOR";
  let sorot = null; // the puskesmas shown on the trend beside the district median

  const nilai = (v, unit) => v == null ? "–" : unit === "%" ? persen(v) : angka.format(v);
  const nama = code => (data.puskesmas.find(p => p.code === code) || { name: code }).name;

  function kartu(judul, besar, rinci, href, buruk) {
    return `<a class="kartu${buruk ? " buruk" : ""}" href="${simpus.esc(href)}"><div class="judul-kartu">${simpus.esc(judul)}</div>` +
      `<div class="besar">${simpus.esc(besar)}</div><div class="rinci">${simpus.esc(rinci)}</div></a>`;
  }

  function gambarKartu() {
    const visits = data.puskesmas.reduce((s, p) => s + (p.values.KUNJUNGAN || 0), 0);
    const late = data.puskesmas.filter(p => p.timeliness === "terlambat" || p.timeliness === "belum").length;
    $("kartu").innerHTML = [
      kartu("Kelengkapan", persen(data.completeness), `${data.received} dari ${data.expected} puskesmas`, "#status", data.completeness != null && data.completeness < 100),
      kartu("Ketepatan waktu", persen(data.timeliness), `batas ${simpus.tanggal(data.dueDate)}`, "#status", late > 0),
      kartu("Pelanggaran aturan validasi", angka.format(data.violationCount), "laporan yang tidak masuk akal", "#mutu", data.violationCount > 0),
      kartu("Nilai pencilan", angka.format(data.outlierCount), "dibanding 12 bulan sebelumnya", "#mutu", data.outlierCount > 0),
      kartu("Kunjungan kabupaten", angka.format(visits), `median ${nilai(data.median.KUNJUNGAN, "kunjungan")} per puskesmas`, "#indikator"),
      kartu("Skor kinerja (median)", persen(data.median.SKOR), "rata-rata indikator, maks. 100 %", "#peringkat"),
    ].join("");
  }

  function gambarPeringkat() {
    const ranked = data.puskesmas.filter(p => p.score != null).sort((a, b) => a.rank - b.rank);
    grafik.buat("gPeringkat", {
      type: "bar",
      data: {
        labels: ranked.map(p => p.name),
        datasets: [
          { label: "Skor kinerja (%)", data: ranked.map(p => p.score), kode: ranked.map(p => p.code),
            backgroundColor: ranked.map(p => data.median.SKOR != null && p.score < data.median.SKOR ? warna.kuning : warna.utama) },
          { ...grafik.garisTarget("Median kabupaten", ranked.map(() => data.median.SKOR)), indexAxis: "y" },
        ],
      },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, max: 100, ...grafik.satuan(" %") } } },
    }, i => () => { sorot = ranked[i].code; gambarIndikator(); });
    $("tPeringkat").innerHTML = data.puskesmas.slice().sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9)).map(p => {
      const diff = p.score == null || data.median.SKOR == null ? null : Math.round((p.score - data.median.SKOR) * 10) / 10;
      return `<tr><td class="angka">${p.rank ?? "–"}</td><td>${simpus.esc(p.name)}</td><td class="angka">${persen(p.score)}</td>` +
        `<td class="angka ${diff < 0 ? "naik" : ""}">${diff == null ? "–" : (diff > 0 ? "+" : diff < 0 ? "−" : "±") + angka.format(Math.abs(diff))}</td>` +
        `<td>${label[p.timeliness] || p.timeliness}</td></tr>`;
    }).join("") || `<tr><td colspan="5">Belum ada puskesmas terdaftar.</td></tr>`;
  }

  function gambarIndikator() {
    const info = data.indicators.find(i => i.code === indikator) || data.indicators[0];
    indikator = info.code;
    $("indikatorPilih").innerHTML = data.indicators.map(i =>
      `<button type="button" data-kode="${simpus.esc(i.code)}" aria-pressed="${i.code === indikator}" title="${simpus.esc(i.name)}">${simpus.esc(i.label)}</button>`).join("");
    const median = data.median[indikator];
    $("indikatorRingkas").textContent = `— ${info.name}, median kabupaten ${nilai(median, info.unit)}`;
    const rows = data.puskesmas.filter(p => p.values[indikator] != null)
      .sort((a, b) => (b.values[indikator] - a.values[indikator]) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const unit = info.unit === "%" ? " %" : "";
    grafik.buat("gIndikator", {
      type: "bar",
      data: {
        labels: rows.map(p => p.name),
        datasets: [
          { label: info.name, data: rows.map(p => p.values[indikator]), kode: rows.map(p => p.code),
            backgroundColor: rows.map(p => p.code === sorot ? warna.biru : median != null && p.values[indikator] < median ? warna.kuning : warna.utama) },
          grafik.garisTarget("Median kabupaten", rows.map(() => median)),
        ],
      },
      options: { scales: { y: { beginAtZero: true, ...grafik.satuan(unit) } } },
    }, i => () => { sorot = rows[i].code; gambarIndikator(); });

    const t = data.trend;
    const shown = sorot ? [sorot] : data.puskesmas.slice(0, 5).map(p => p.code);
    grafik.buat("gIndikatorTren", {
      type: "line",
      data: {
        labels: grafik.bulanLabel(t),
        datasets: [
          grafik.seri("Median kabupaten", t.map(m => m.median[indikator]), warna.target, { borderDash: [6, 4] }),
          ...data.puskesmas.map((p, i) => grafik.seri(p.name, t.map(m => m.values[p.code] ? m.values[p.code][indikator] : null),
            warna.deret[i % warna.deret.length], { kode: p.code, hidden: !shown.includes(p.code), spanGaps: true })),
        ],
      },
      options: { scales: { y: { beginAtZero: true, ...grafik.satuan(unit) } }, plugins: { legend: { display: data.puskesmas.length <= 12 } } },
    });
  }

  function gambarMutu() {
    const t = data.trend;
    grafik.buat("gMutuTren", {
      type: "line",
      data: {
        labels: grafik.bulanLabel(t),
        datasets: [
          grafik.seri("Kelengkapan (%)", t.map(m => m.completeness), warna.utama),
          grafik.seri("Tepat waktu (%)", t.map(m => m.timeliness), warna.biru),
        ],
      },
      options: { scales: { y: { beginAtZero: true, max: 100, ...grafik.satuan(" %") } } },
    }, i => "/?month=" + t[i].month);
    const rows = data.puskesmas.filter(p => p.violations + p.outliers > 0 || p.timeliness === "terlambat" || p.timeliness === "belum");
    grafik.buat("gMasalah", {
      type: "bar",
      data: {
        labels: rows.map(p => p.name),
        datasets: [
          { label: "Pelanggaran aturan", data: rows.map(p => p.violations), backgroundColor: warna.target, stack: "m" },
          { label: "Pencilan", data: rows.map(p => p.outliers), backgroundColor: warna.kuning, stack: "m" },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    }, () => "#status");
    const late = data.puskesmas.filter(p => p.timeliness === "terlambat").map(p => p.name);
    const missing = data.puskesmas.filter(p => p.timeliness === "belum").map(p => p.name);
    $("terlambat").textContent = [
      late.length ? `Terlambat: ${late.join(", ")}.` : "",
      missing.length ? `Belum lapor: ${missing.join(", ")}.` : "",
      !late.length && !missing.length && !rows.length ? "Semua laporan tepat waktu dan wajar." : "",
      rows.length && !rows.some(p => p.violations + p.outliers > 0) ? "Tidak ada pelanggaran aturan atau pencilan." : "",
    ].join(" ");
  }

  function gambarPenyakit() {
    const top = data.topTen;
    const withData = data.puskesmas.filter(p => p.received);
    grafik.buat("g10", {
      type: "bar",
      data: {
        labels: top.map(d => `${d.code} ${d.name}`.slice(0, 40)),
        datasets: withData.map((p, i) => ({
          label: p.name, data: top.map(d => d.byPuskesmas[p.code] || 0), kode: p.code, stack: "p",
          backgroundColor: warna.deret[i % warna.deret.length],
        })),
      },
      options: { indexAxis: "y", scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } },
        plugins: { legend: { display: withData.length <= 12 } } },
    });
  }

  function gambarStatus() {
    $("tabel").innerHTML = data.puskesmas.map(p => `<tr>
        <td>${simpus.esc(p.code)}</td><td>${simpus.esc(p.name)}</td>
        <td>${p.received ? waktu(p.firstReceivedAt) : "–"}</td>
        <td class="angka">${p.revision ?? "–"}${p.revisions > 1 ? ` (${p.revisions} revisi)` : ""}</td>
        <td class="${p.timeliness}">${label[p.timeliness] || p.timeliness}</td>
        <td>${p.violations ? `<ul class="rinci">${p.problems.filter(m => !m.startsWith("Pencilan: ")).map(m => `<li>${simpus.esc(m)}</li>`).join("")}</ul>` : "–"}</td>
        <td>${p.outliers ? `<ul class="rinci">${p.problems.filter(m => m.startsWith("Pencilan: ")).map(m => `<li>${simpus.esc(m.slice(10))}</li>`).join("")}</ul>` : "–"}</td>
      </tr>`).join("") || `<tr><td colspan="7">Belum ada puskesmas terdaftar. Daftarkan di halaman Puskesmas.</td></tr>`;
    $("aturan").innerHTML = data.rules.map(r => `<li>${simpus.esc(r.description)}</li>`).join("");
  }

  async function tampil(month) {
    try {
      data = await simpus.api("GET", "/api/dashboard" + (month ? "?month=" + encodeURIComponent(month) : ""));
    } catch (err) {
      simpus.message($("pesan"), "galat", (err.problem && (err.problem.detail || err.problem.title)) || "Gagal memuat data.");
      return;
    }
    simpus.message($("pesan"), "", "");
    $("bulan").value = data.month;
    $("judul").textContent = "Dasbor puskesmas — " + data.label;
    $("jatuhTempo").textContent = `Batas lapor ${simpus.tanggal(data.dueDate)}` +
      (data.month === data.latestDueMonth ? " (bulan terakhir yang sudah jatuh tempo)" : "");
    $("dhis2").href = "/api/dhis2/dataValueSets?month=" + data.month;
    gambarKartu();
    gambarPeringkat();
    gambarIndikator();
    gambarMutu();
    gambarPenyakit();
    gambarStatus();
    document.body.dataset.siap = data.month;
  }

  async function unduh(ytd) {
    const month = $("bulan").value;
    simpus.message($("pesan"), "info", "Menyusun buku kerja ...");
    const res = await fetch(`/api/reports/monthly?month=${month}${ytd ? "&ytd=true" : ""}`);
    if (!res.ok) { simpus.message($("pesan"), "galat", "Gagal menyusun buku kerja."); return; }
    const blob = await res.blob();
    const match = /filename="?([^";]+)"?/.exec(res.headers.get("Content-Disposition") || "");
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = match ? match[1] : `dinkes-${month}.xlsx`;
    document.body.appendChild(a); a.click(); a.remove();
    simpus.message($("pesan"), "ok", `${a.download} sudah diunduh.`);
  }

  $("indikatorPilih").addEventListener("click", e => {
    const b = e.target.closest("button[data-kode]");
    if (!b) return;
    indikator = b.dataset.kode;
    gambarIndikator();
  });
  $("pilih").addEventListener("submit", e => {
    e.preventDefault();
    history.pushState(null, "", "/?month=" + $("bulan").value);
    tampil($("bulan").value);
  });
  window.addEventListener("popstate", () => tampil(new URLSearchParams(location.search).get("month")));
  $("unduh").addEventListener("click", () => unduh(false));
  $("unduhYtd").addEventListener("click", () => unduh(true));
  (async () => {
    if (!await dinkesBar("/")) return;
    tampil(new URLSearchParams(location.search).get("month"));
  })();
})();
