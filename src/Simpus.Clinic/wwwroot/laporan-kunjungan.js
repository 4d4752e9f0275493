// The visits behind a dashboard figure: GET /api/reports/visits with the filters of this page's address.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const query = new URLSearchParams(location.search);
  const limit = 200;
  let offset = 0, poli = {}, payers = {}, diagnosis = null, desaNama = null;

  const bulan = ym => new Intl.DateTimeFormat("id-ID", { month: "long", year: "numeric" }).format(new Date(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)) - 1, 1));
  const kia = { anc: "pemeriksaan kehamilan (ANC)", persalinan: "persalinan", nifas: "kunjungan nifas", neonatus: "kunjungan neonatus", imunisasi: "imunisasi" };

  /** Says in words which visits these are, e.g. "Kunjungan Oktober 2026 · Poli Umum · kunjungan baru". */
  function judul() {
    const parts = [];
    const month = query.get("month");
    if (query.get("date")) parts.push("Kunjungan " + simpus.tanggal(query.get("date")));
    else if (month) parts.push(query.get("ytd") === "true" ? `Kunjungan Januari s.d. ${bulan(month)}` : "Kunjungan " + bulan(month));
    if (query.get("poli")) parts.push(poli[query.get("poli")] || query.get("poli"));
    if (query.get("type")) parts.push("kunjungan " + query.get("type"));
    if (query.get("payer")) parts.push(payers[query.get("payer")] || query.get("payer"));
    if (query.get("poor") === "true") parts.push("penduduk miskin (BPJS PBI, Jamkesda/SKTM)");
    if (query.get("code")) parts.push(`diagnosis ${query.get("code")}${diagnosis ? " " + diagnosis : ""}${query.get("case") ? ", kasus " + query.get("case") : ""}`);
    if (query.get("kia")) parts.push(kia[query.get("kia")] || query.get("kia"));
    const desa = query.get("desa");
    if (desa) parts.push(desa === "luar" ? "warga luar wilayah" : desa === "tanpa" ? "tanpa kode desa" : "warga " + (desaNama || desa));
    if (query.get("overMinutes")) parts.push(`menunggu lebih dari ${query.get("overMinutes")} menit`);
    if (query.get("examined") === "true") parts.push("sudah diperiksa");
    return parts.join(" · ");
  }

  async function muat() {
    const q = new URLSearchParams(query);
    q.set("limit", limit);
    q.set("offset", offset);
    let page;
    try {
      page = await simpus.api("GET", "/api/reports/visits?" + q);
    } catch (err) {
      simpus.message($("pesan"), "galat", (err.problem && (err.problem.detail || err.problem.title)) || "Gagal memuat daftar.");
      return;
    }
    $("jumlah").textContent = `${page.total.toLocaleString("id-ID")} kunjungan`;
    const rows = page.rows.map(r => `<tr>
      <td class="utuh">${simpus.tanggal(r.visitDate)} ${simpus.jam(r.arrivedAt)}</td>
      <td class="utuh"><a href="/pasien/${encodeURIComponent(r.rm)}/riwayat">${simpus.esc(r.rm)}</a></td>
      <td>${simpus.esc(r.name)}</td><td>${simpus.esc(r.sex)}</td><td class="utuh">${simpus.esc(umur(r.birthDate, r.visitDate))}</td>
      <td>${simpus.esc(poli[r.poli] || r.poli)}</td><td>${simpus.esc(payers[r.payer] || r.payer)}</td>
      <td><span class="lencana ${r.visitType}">${r.visitType}</span></td>
      <td>${simpus.esc(r.diagnoses || "")}</td><td class="angka">${r.waitMinutes == null ? "–" : r.waitMinutes.toLocaleString("id-ID")}</td></tr>`).join("");
    if (offset === 0) $("daftar").innerHTML = rows || `<tr><td colspan="10">Tidak ada kunjungan.</td></tr>`;
    else $("daftar").insertAdjacentHTML("beforeend", rows);
    offset += page.rows.length;
    $("lagi").classList.toggle("tersembunyi", offset >= page.total);
  }

  /** Age at the visit date, in calendar terms: days under a month, months under two years, else years. */
  function umur(birth, visit) {
    const b = new Date(birth + "T00:00:00"), v = new Date(visit + "T00:00:00");
    let months = (v.getFullYear() - b.getFullYear()) * 12 + v.getMonth() - b.getMonth();
    if (v.getDate() < b.getDate()) months--;
    if (months < 1) return Math.round((v - b) / 86400000) + " hr";
    if (months < 24) return months + " bln";
    return Math.floor(months / 12) + " th";
  }

  $("lagi").addEventListener("click", muat);
  (async () => {
    const ctx = await simpus.bar("/laporan");
    if (!ctx) return;
    const [p, y] = await Promise.all([simpus.api("GET", "/api/poli").catch(() => []), simpus.api("GET", "/api/payers").catch(() => [])]);
    if (query.get("code")) diagnosis = (await simpus.api("GET", "/api/icd10/" + encodeURIComponent(query.get("code"))).catch(() => null) || {}).nameId || null;
    if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(query.get("desa") || "")) {
      desaNama = (await simpus.api("GET", "/api/regions/" + encodeURIComponent(query.get("desa"))).catch(() => null) || {}).label || null;
    }
    p.forEach(x => poli[x.code] = x.name);
    y.forEach(x => payers[x.code] = x.name);
    const title = judul();
    $("judul").textContent = title || "Daftar kunjungan";
    document.title = (title || "Daftar kunjungan") + " — SIMPUS";
    if (query.get("month")) $("kembali").href = "/dasbor?month=" + encodeURIComponent(query.get("month"));
    await muat();
  })();
})();
