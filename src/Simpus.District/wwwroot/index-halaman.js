// The script of index.html (kept out of the page so the Content-Security-Policy allows no inline script).
  const $ = id => document.getElementById(id);
  const label = { tepat: "Tepat waktu", terlambat: "Terlambat", belum: "Belum lapor", belumJatuhTempo: "Belum jatuh tempo" };
  const pct = v => v == null ? "–" : v.toLocaleString("id-ID") + " %";
  async function tampil() {
    const month = $("bulan").value;
    $("dhis2").href = `/api/dhis2/dataValueSets?month=${month}`;
    try {
      const q = await simpus.api("GET", `/api/quality?month=${month}`);
      simpus.message($("pesan"), "", "");
      $("kelengkapan").textContent = pct(q.completeness);
      $("kelengkapanRinci").textContent = `${q.received} dari ${q.expected} puskesmas`;
      $("ketepatan").textContent = pct(q.timeliness);
      $("jatuhTempo").textContent = `batas ${simpus.tanggal(q.dueDate)}`;
      $("pelanggaran").textContent = q.violationCount;
      $("pencilan").textContent = q.outlierCount;
      $("tabel").innerHTML = q.puskesmas.map(p => `<tr>
        <td>${simpus.esc(p.code)}</td><td>${simpus.esc(p.name)}</td>
        <td>${p.received ? waktu(p.firstReceivedAt) : "–"}</td>
        <td class="angka">${p.revision ?? "–"}${p.revisions > 1 ? ` (${p.revisions} revisi)` : ""}</td>
        <td class="${p.timeliness}">${label[p.timeliness]}</td>
        <td>${p.violations.length ? `<ul class="rinci">${p.violations.map(v => `<li>${simpus.esc(v.message)}</li>`).join("")}</ul>` : "–"}</td>
        <td>${p.outliers.length ? `<ul class="rinci">${p.outliers.map(o => `<li>${simpus.esc(o.message)} (z = ${Math.abs(o.score) >= 999 ? (o.score > 0 ? "∞" : "−∞") : o.score.toLocaleString("id-ID")})</li>`).join("")}</ul>` : "–"}</td>
      </tr>`).join("") || `<tr><td colspan="7">Belum ada puskesmas terdaftar. Daftarkan di halaman Puskesmas.</td></tr>`;
      $("aturan").innerHTML = q.rules.map(r => `<li>${simpus.esc(r.description)}</li>`).join("");
    } catch (err) {
      simpus.message($("pesan"), "galat", (err.problem && (err.problem.detail || err.problem.title)) || "Gagal memuat data.");
    }
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
  $("pilih").addEventListener("submit", e => { e.preventDefault(); tampil(); });
  $("unduh").addEventListener("click", () => unduh(false));
  $("unduhYtd").addEventListener("click", () => unduh(true));
  (async () => {
    if (!await dinkesBar("/")) return;
    $("bulan").value = new URLSearchParams(location.search).get("month") || lastMonth();
    tampil();
  })();
