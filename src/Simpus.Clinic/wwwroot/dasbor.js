// The head's dashboard (/ for the head, /dasbor): GET /api/dashboard?month=YYYY-MM drawn with Chart.js; every bar, point and
// card links to the list behind it (/laporan/kunjungan with filters, the attendance recap, the monthly report).
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const { warna, angka, persen } = grafik;
  let data = null;
  let pwsKode = null;

  const namaKia = {
    K1: "K1 akses", K1_AKSES: "K1 akses", K1_MURNI: "K1 murni", K4: "K4", K6: "K6", PN: "Pn", PF: "PF", KF_LENGKAP: "KF lengkap",
    KN1: "KN1", KN_LENGKAP: "KN lengkap", IDL: "IDL", D: "D/S",
  };
  /** Which KIA records stand behind an indicator (for the list of visits). */
  function jenisKia(code) {
    if (code.startsWith("K") && !code.startsWith("KF") && !code.startsWith("KN")) return "anc";
    if (code === "PN" || code === "PF") return "persalinan";
    if (code.startsWith("KF")) return "nifas";
    if (code.startsWith("KN")) return "neonatus";
    if (code === "IDL") return "imunisasi";
    return null;
  }
  function daftar(params, month) {
    const q = new URLSearchParams({ month: month || data.month });
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) q.set(k, v);
    return "/laporan/kunjungan?" + q;
  }
  /** "Kel. Kecandran", "Desa Sukamaju" from the official region list; the code when the list does not know it. */
  function namaDesa(desa) {
    if (desa.key === "*") return "Luar wilayah";
    if (desa.key === "") return "Tanpa kode desa";
    return ((desa.key.split(".")[3] || "").startsWith("1") ? "Kel. " : "Desa ") + (desa.name || desa.key);
  }
  const desaParam = key => key === "*" ? "luar" : key === "" ? "tanpa" : key;

  function kartu(judul, besar, rinci, href, buruk) {
    return `<a class="kartu${buruk ? " buruk" : ""}" href="${simpus.esc(href)}"><div class="judul-kartu">${simpus.esc(judul)}</div>` +
      `<div class="besar">${simpus.esc(besar)}</div><div class="rinci">${simpus.esc(rinci)}</div></a>`;
  }

  function gambarKartu() {
    const c = data.current;
    const w = c.waiting;
    const p = c.punctuality;
    const k1 = c.kia.find(k => k.code === "K1") || c.kia[0];
    const cards = [
      kartu("Kunjungan", angka.format(c.visits), `baru ${angka.format(c.newVisits)} · lama ${angka.format(c.oldVisits)}`, daftar({})),
      kartu("Kasus penyakit baru", angka.format(c.newCases), c.topTen.length ? "terbanyak: " + c.topTen[0].code : "belum ada", "#penyakit"),
      kartu("Kunjungan penduduk miskin", persen(c.payers.poorVisitShare), `${angka.format(c.payers.poorVisits)} kunjungan · pasien ${persen(c.payers.poorPatientShare)}`,
        daftar({ poor: "true" })),
      kartu("Waktu tunggu (median / p90)", w.total.waitMedian == null ? "–" : `${angka.format(w.total.waitMedian)} / ${angka.format(w.total.waitP90)} mnt`,
        `target ${w.targetMinutes} mnt · ${persen(w.total.withinTargetPercent)} sesuai`, daftar({ overMinutes: w.targetMinutes }),
        w.total.waitP90 != null && w.total.waitP90 > w.targetMinutes),
      kartu("Ketepatan waktu pegawai", p ? persen(p.rate) : "–", p ? `${angka.format(p.presentDays)} hari hadir · ${p.employees} pegawai` : "belum ada data",
        "/absensi?month=" + data.month),
    ];
    if (k1) {
      cards.push(kartu(`Cakupan ${namaKia[k1.code] || k1.code}`, persen(k1.coverage), `target PWS ${persen(k1.pwsTargetPercent)}`, "#pws",
        k1.coverage != null && k1.pwsTargetPercent != null && k1.coverage < k1.pwsTargetPercent));
    }
    $("kartu").innerHTML = cards.join("");
  }

  function gambarKunjungan() {
    const c = data.current;
    grafik.buat("gPoli", {
      type: "bar",
      data: {
        labels: c.byPoli.map(p => p.name),
        datasets: [
          { label: "Baru", data: c.byPoli.map(p => p.new), backgroundColor: warna.utama, stack: "k" },
          { label: "Lama", data: c.byPoli.map(p => p.old), backgroundColor: warna.muda, stack: "k" },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    }, (i, ds) => daftar({ poli: c.byPoli[i].code, type: ds === 0 ? "baru" : "lama" }));
    $("lPoli").href = daftar({});

    const t = data.trend;
    grafik.buat("gTren", {
      type: "bar",
      data: {
        labels: grafik.bulanLabel(t),
        datasets: [
          { label: "Baru", data: t.map(m => m.newVisits), backgroundColor: warna.utama, stack: "k" },
          { label: "Lama", data: t.map(m => m.oldVisits), backgroundColor: warna.muda, stack: "k" },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    }, (i, ds) => daftar({ type: ds === 0 ? "baru" : "lama" }, t[i].month));
  }

  function gambarPenyakit() {
    const top = data.topTen;
    const previous = data.trend[data.trend.length - 2].month;
    grafik.buat("g10", {
      type: "bar",
      data: {
        labels: top.map(d => `${d.code} ${d.name}`.slice(0, 42)),
        datasets: [
          { label: grafik.bulan(data.month), data: top.map(d => d.total), backgroundColor: warna.utama },
          { label: grafik.bulan(previous), data: top.map(d => d.previousMonth), backgroundColor: warna.banding },
        ],
      },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true } } },
    }, (i, ds) => daftar({ code: top[i].code, case: "baru" }, ds === 0 ? data.month : previous));
    $("t10").innerHTML = top.map(d => {
      const kelas = d.change > 0 ? "naik" : d.change < 0 ? "turun" : "";
      const ubah = (d.change > 0 ? "+" : d.change < 0 ? "−" : "±") + angka.format(Math.abs(d.change)) +
        (d.changePercent == null ? "" : ` (${d.changePercent > 0 ? "+" : d.changePercent < 0 ? "−" : ""}${angka.format(Math.abs(d.changePercent))} %)`);
      return `<tr><td>${d.rank}</td><td><a href="${simpus.esc(daftar({ code: d.code, case: "baru" }))}">${simpus.esc(d.code)}</a> ${simpus.esc(d.name)}</td>` +
        `<td class="angka">${angka.format(d.total)}</td><td class="angka">${angka.format(d.previousMonth)}</td><td class="angka utuh ${kelas}">${ubah}</td></tr>`;
    }).join("") || `<tr><td colspan="5">Belum ada kasus baru pada bulan ini.</td></tr>`;
  }

  function gambarJaminan() {
    const p = data.current.payers;
    const rows = p.rows.filter(r => r.visits > 0);
    grafik.buat("gBayar", {
      type: "doughnut",
      data: {
        labels: rows.map(r => r.name),
        datasets: [{ label: "Kunjungan", data: rows.map(r => r.visits), backgroundColor: rows.map((r, i) => warna.deret[i % warna.deret.length]) }],
      },
      options: { plugins: { legend: { position: "right" } } },
    }, i => daftar({ payer: rows[i].code }));
    const t = data.trend;
    grafik.buat("gMiskin", {
      type: "line",
      data: {
        labels: grafik.bulanLabel(t),
        datasets: [
          grafik.seri("% kunjungan miskin", t.map(m => m.poorVisitShare), warna.utama),
          grafik.seri("% pasien miskin", t.map(m => m.poorPatientShare), warna.biru),
        ],
      },
      options: { scales: { y: { beginAtZero: true, max: 100, ...grafik.satuan(" %") } } },
    }, i => daftar({ poor: "true" }, t[i].month));
    $("miskinRingkas").textContent = `— kunjungan miskin ${persen(p.poorVisitShare)}, pasien miskin ${persen(p.poorPatientShare)}`;
    $("lMiskin").href = daftar({ poor: "true" });
  }

  function gambarTunggu() {
    const w = data.current.waiting;
    const rows = w.rows.filter(r => r.examined > 0);
    grafik.buat("gTunggu", {
      type: "bar",
      data: {
        labels: rows.map(r => r.name),
        datasets: [
          { label: "Median", data: rows.map(r => r.waitMedian), backgroundColor: warna.utama },
          { label: "Persentil 90", data: rows.map(r => r.waitP90), backgroundColor: warna.kuning },
          grafik.garisTarget(`Target ${w.targetMinutes} menit`, rows.map(() => w.targetMinutes)),
        ],
      },
      options: { scales: { y: { beginAtZero: true, ...grafik.satuan(" mnt") } } },
    }, (i, ds) => ds === 0 ? daftar({ poli: rows[i].code, examined: "true" }) : ds === 1 ? daftar({ poli: rows[i].code, overMinutes: w.targetMinutes }) : null);
    const t = data.trend;
    grafik.buat("gTungguTren", {
      type: "line",
      data: {
        labels: grafik.bulanLabel(t),
        datasets: [
          grafik.seri("Median", t.map(m => m.waitMedian), warna.utama),
          grafik.seri("Persentil 90", t.map(m => m.waitP90), warna.kuning),
          grafik.garisTarget("Target", t.map(() => w.targetMinutes)),
        ],
      },
      options: { scales: { y: { beginAtZero: true, ...grafik.satuan(" mnt") } } },
    }, (i, ds) => ds < 2 ? daftar({ overMinutes: w.targetMinutes }, t[i].month) : null);
    $("tungguRingkas").textContent = w.total.waitMedian == null ? "— belum ada kunjungan yang diperiksa"
      : `— median ${angka.format(w.total.waitMedian)} mnt, p90 ${angka.format(w.total.waitP90)} mnt, target ${w.targetMinutes} mnt`;
    $("lTunggu").href = daftar({ overMinutes: w.targetMinutes });
  }

  function gambarAbsensi() {
    const p = data.current.punctuality;
    const units = p ? p.units : [];
    const recap = m => "/absensi?month=" + m;
    grafik.buat("gAbsen", {
      type: "bar",
      data: {
        labels: units.map(u => u.unit),
        datasets: [{ label: "Tepat waktu (%)", data: units.map(u => u.rate), backgroundColor: warna.utama }],
      },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, max: 100, ...grafik.satuan(" %") } } },
    }, () => recap(data.month));
    const t = data.trend;
    grafik.buat("gAbsenTren", {
      type: "line",
      data: {
        labels: grafik.bulanLabel(t),
        datasets: [grafik.seri("Tepat waktu (%)", t.map(m => m.punctuality), warna.utama)],
      },
      options: { scales: { y: { beginAtZero: true, max: 100, ...grafik.satuan(" %") } } },
    }, i => recap(t[i].month));
    $("absenRingkas").textContent = p && p.rate != null ? `— ${persen(p.rate)} hari hadir tepat waktu` : "— belum ada data absensi";
    $("lAbsen").href = recap(data.month);
  }

  function gambarKia() {
    const kia = data.current.kia.filter(k => k.coverage != null || k.yearToDate != null);
    grafik.buat("gKia", {
      type: "bar",
      data: {
        labels: kia.map(k => namaKia[k.code] || k.code),
        datasets: [
          { label: "Cakupan (%)", data: kia.map(k => k.coverage), backgroundColor: kia.map(k =>
            k.coverage != null && k.pwsTargetPercent != null && k.coverage < k.pwsTargetPercent ? warna.target : warna.utama) },
          grafik.garisTarget("Target PWS bulan ini (%)", kia.map(k => k.pwsTargetPercent)),
        ],
      },
      options: { scales: { y: { beginAtZero: true, ...grafik.satuan(" %") } } },
    }, (i, ds) => ds === 0 && jenisKia(kia[i].code) ? daftar({ kia: jenisKia(kia[i].code), ytd: "true" }) : null);
    const belum = data.current.kiaUndated || 0;
    $("kiaBelumLengkap").hidden = belum === 0;
    $("kiaBelumLengkap").textContent = belum ? `Data belum lengkap: ${belum} ibu hamil K1 akses bulan ini tanpa HPHT/usia kehamilan (dihitung di K1 akses saja).` : "";
  }

  function gambarPws() {
    const pws = data.pws;
    const codes = pws.desa.length ? pws.desa[0].indicators.map(i => i.code) : [];
    if (!codes.includes(pwsKode)) pwsKode = codes[0] || null;
    $("pwsPilih").innerHTML = codes.map(c =>
      `<button type="button" data-kode="${simpus.esc(c)}" aria-pressed="${c === pwsKode}">${simpus.esc(namaKia[c] || c)}</button>`).join("");
    $("pwsRingkas").textContent = `— ${namaKia[pwsKode] || pwsKode || ""}, target bulan ini ${persen(pws.targetPercent)}` +
      (pws.kecamatanName ? `, Kec. ${pws.kecamatanName}` : pws.kecamatan ? `, kecamatan ${pws.kecamatan}` : "");
    const desa = pws.desa;
    const nilai = d => d.indicators.find(i => i.code === pwsKode) || { month: 0, yearToDate: 0, yearlyTarget: null, coverage: null };
    const kind = pwsKode && jenisKia(pwsKode);
    grafik.buat("gPws", {
      type: "bar",
      data: {
        labels: desa.map(d => namaDesa(d)),
        datasets: [
          { label: `Cakupan kumulatif ${namaKia[pwsKode] || pwsKode || ""} (%)`, data: desa.map(d => nilai(d).coverage),
            capaian: desa.map(d => nilai(d).yearToDate), sasaran: desa.map(d => nilai(d).yearlyTarget),
            backgroundColor: desa.map(d => nilai(d).coverage != null && nilai(d).coverage < pws.targetPercent ? warna.target : warna.utama) },
          grafik.garisTarget(`Target PWS ${grafik.bulan(data.month)}`, desa.map(() => pws.targetPercent)),
        ],
      },
      options: {
        scales: { y: { beginAtZero: true, ...grafik.satuan(" %") } },
        plugins: { tooltip: { callbacks: { afterLabel: ctx => ctx.datasetIndex === 0
          ? `${angka.format(ctx.dataset.capaian[ctx.dataIndex])} orang dari sasaran ${ctx.dataset.sasaran[ctx.dataIndex] == null ? "–" : angka.format(ctx.dataset.sasaran[ctx.dataIndex])}` : "" } } },
      },
    }, (i, ds) => ds === 0 && kind ? daftar({ kia: kind, ytd: "true", desa: desaParam(desa[i].key) }) : null);

    // The puskesmas' cumulative coverage month by month since January against the rising target line.
    const year = data.month.slice(0, 4);
    const months = data.trend.filter(m => m.month.startsWith(year));
    grafik.buat("gPwsTren", {
      type: "line",
      data: {
        labels: grafik.bulanLabel(months),
        datasets: [
          grafik.seri(`Cakupan ${namaKia[pwsKode] || pwsKode || ""} puskesmas (%)`, months.map(m => m.kia[pwsKode] ? m.kia[pwsKode].coverage : null),
            warna.utama),
          { ...grafik.garisTarget("Target PWS (%)", months.map(m => Math.round(1000 * Number(m.month.slice(5)) / 12) / 10)), borderDash: [6, 4] },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ...grafik.satuan(" %") } } },
    }, (i, ds) => ds === 0 && kind ? daftar({ kia: kind }, months[i].month) : null);

    $("tPws").innerHTML = desa.map(d => {
      const v = nilai(d);
      const link = kind ? `<a href="${simpus.esc(daftar({ kia: kind, ytd: "true", desa: desaParam(d.key) }))}">${simpus.esc(namaDesa(d))}</a>` : simpus.esc(namaDesa(d));
      const kurang = v.coverage != null && v.coverage < pws.targetPercent;
      return `<tr><td>${link}</td><td class="angka">${angka.format(d.population)}</td><td class="angka">${angka.format(v.month)}</td>` +
        `<td class="angka">${angka.format(v.yearToDate)}</td><td class="angka">${v.yearlyTarget == null ? "–" : angka.format(v.yearlyTarget)}</td>` +
        `<td class="angka${kurang ? " naik" : ""}">${persen(v.coverage)}</td></tr>`;
    }).join("") || `<tr><td colspan="6">Belum ada data.</td></tr>`;
  }

  async function hariIni() {
    const panel = $("hariIni");
    if (!data.complete) {
      const board = await simpus.api("GET", "/api/queue");
      $("hariIniTanggal").textContent = simpus.tanggal(data.today);
      // One column per poli (its name links to the day's visits), one row per state of the queue.
      const hari = "/laporan/kunjungan?" + new URLSearchParams({ date: data.today });
      $("hariIniKepala").innerHTML = "<tr><th></th>" + board.map(p =>
        `<th class="angka"><a href="${simpus.esc(hari + "&poli=" + encodeURIComponent(p.poli))}">${simpus.esc(p.name)}</a></th>`).join("") + "</tr>";
      $("hariIniTabel").innerHTML = [["Menunggu", p => p.waiting], ["Sedang dilayani (nomor)", p => p.servingLabel ?? p.serving ?? "–"], ["Selesai", p => p.finished]]
        .map(([label, value]) => `<tr><th>${label}</th>${board.map(p => `<td class="angka">${simpus.esc(value(p))}</td>`).join("")}</tr>`).join("");
      panel.classList.remove("tersembunyi");
    } else {
      panel.classList.add("tersembunyi");
    }
  }

  /** The pharmacy's alerts of today (GET /api/pharmacy/alerts, the apotek's own list): counts with a few drug names. */
  async function peringatanObat() {
    const panel = $("obat");
    let a;
    try {
      a = await simpus.api("GET", "/api/pharmacy/alerts");
    } catch {
      panel.classList.add("tersembunyi");
      return;
    }
    const nama = list => {
      const names = [...new Set(list.map(x => x.drugName))];
      return names.slice(0, 3).join(", ") + (names.length > 3 ? `, dan ${names.length - 3} lainnya` : "");
    };
    const expired = a.expiring.filter(x => x.expired);
    const soon = a.expiring.filter(x => !x.expired);
    const rows = [
      [expired, "bets kedaluwarsa (harus dimusnahkan)"],
      [soon, `bets kedaluwarsa dalam ${a.expiryWindowMonths} bulan`],
      [a.belowMinimum, "obat di bawah stok minimum"],
      [a.outOfStockPrescribedToday, "obat kosong yang diresepkan hari ini"],
    ].filter(([list]) => list.length);
    $("obatTanggal").textContent = `— ${simpus.tanggal(a.today)}`;
    $("obatDaftar").innerHTML = rows.length
      ? rows.map(([list, label]) => `<li class="buruk"><a href="/apotek/stok"><b>${list.length}</b> ${simpus.esc(label)}</a>` +
          `<span class="kecil"> ${simpus.esc(nama(list))}</span></li>`).join("")
      : `<li>Tidak ada peringatan obat.</li>`;
    panel.classList.remove("tersembunyi");
  }

  async function tampil(month) {
    simpus.message($("pesan"), "info", "Memuat dasbor ...");
    try {
      data = await simpus.api("GET", "/api/dashboard" + (month ? "?month=" + encodeURIComponent(month) : ""));
    } catch (err) {
      simpus.message($("pesan"), "galat", (err.problem && (err.problem.detail || err.problem.title)) || "Gagal memuat dasbor.");
      return;
    }
    simpus.message($("pesan"), "", "");
    $("bulan").value = data.month;
    $("bulan").max = data.today.slice(0, 7);
    $("judul").textContent = `${data.puskesmasName} — ${data.label}${data.complete ? "" : " (s.d. hari ini)"}`;
    $("dihitung").textContent = "dihitung pukul " + simpus.jam(data.current.generatedAt);
    $("unduh").href = "/laporan?month=" + data.month;
    gambarKartu();
    gambarKunjungan();
    gambarPenyakit();
    gambarJaminan();
    gambarTunggu();
    gambarAbsensi();
    gambarKia();
    gambarPws();
    document.body.dataset.siap = data.month;
    hariIni().catch(() => {});
    peringatanObat();
  }

  $("pwsPilih").addEventListener("click", e => {
    const b = e.target.closest("button[data-kode]");
    if (!b) return;
    pwsKode = b.dataset.kode;
    gambarPws();
  });
  $("pilih").addEventListener("submit", e => {
    e.preventDefault();
    const month = $("bulan").value;
    history.pushState(null, "", location.pathname + "?month=" + month);
    tampil(month);
  });
  window.addEventListener("popstate", () => tampil(new URLSearchParams(location.search).get("month")));

  (async () => {
    const ctx = await simpus.bar(location.pathname);
    if (!ctx) return;
    tampil(new URLSearchParams(location.search).get("month"));
  })();
})();
