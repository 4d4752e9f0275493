// Admin page, "Cadangan data": status of the scheduled backups, the backup folder, "Cadangkan sekarang".
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const waktu = iso => iso ? new Date(iso).toLocaleString("id-ID", { dateStyle: "medium", timeStyle: "short" }) : "";
  const mb = bytes => (bytes / 1048576).toLocaleString("id-ID", { maximumFractionDigits: 1 }) + " MB";
  const sumber = { pengaturan: "dipilih di halaman ini", konfigurasi: "dari konfigurasi Simpus:Backup:Folder", bawaan: "bawaan, di folder data" };

  async function muat() {
    const { status } = await simpus.api("GET", "/api/backups");
    const last = status.lastGood;
    $("ringkasanCadangan").textContent =
      (last ? `Cadangan baik terakhir: ${waktu(last.finishedAt)} — ${last.fileName} (${mb(last.sizeBytes)}, diperiksa utuh, ${(last.rowCounts && last.rowCounts.patients) || 0} pasien).`
            : "Belum ada cadangan yang berhasil.")
      + ` Folder: ${status.folder} (${sumber[status.folderSource] || status.folderSource}).`
      + (status.encrypted ? " Cadangan dienkripsi." : " Cadangan tidak dienkripsi (atur Simpus:Backup:Passphrase untuk mengenkripsi).");
    const warnings = [];
    if (status.warning) warnings.push(status.warning);
    if (status.folderInDataDir) warnings.push("Folder cadangan ada di disk yang sama dengan data: bila disk rusak, cadangan ikut hilang. Pilih disk kedua atau flashdisk.");
    if (!status.enabled) warnings.push("Pencadangan terjadwal dimatikan (Simpus:Backup:Enabled).");
    simpus.message($("peringatanCadangan"), "galat", warnings.join(" "));
    if (status.folderSource === "pengaturan" && document.activeElement !== $("bFolder")) $("bFolder").value = status.folder;
    $("daftarCadangan").innerHTML = status.files.map(f =>
      `<tr><td>${simpus.esc(f.fileName)}</td><td>${waktu(f.takenAt)}</td><td>${mb(f.sizeBytes)}</td></tr>`).join("")
      || '<tr><td colspan="3">Belum ada berkas cadangan di folder ini.</td></tr>';
  }

  $("formCadangan").addEventListener("submit", async e => {
    e.preventDefault();
    try {
      await simpus.api("PUT", "/api/backups/settings", { folder: $("bFolder").value });
      simpus.clearErrors(e.target);
      simpus.message($("pesanCadangan"), "ok", "Folder cadangan tersimpan.");
      muat();
    } catch (err) { simpus.message($("pesanCadangan"), "galat", simpus.showErrors(e.target, err)); }
  });

  $("cadangkanSekarang").addEventListener("click", async () => {
    const button = $("cadangkanSekarang");
    button.disabled = true;
    simpus.message($("pesanCadangan"), "ok", "Mencadangkan…");
    try {
      const run = await simpus.api("POST", "/api/backups");
      simpus.message($("pesanCadangan"), "ok", `Selesai: ${run.fileName} (${mb(run.sizeBytes)}, ${run.seconds.toLocaleString("id-ID", { maximumFractionDigits: 1 })} detik).`);
    } catch (err) {
      simpus.message($("pesanCadangan"), "galat", (err.problem && err.problem.detail) || "Cadangan gagal.");
    } finally {
      button.disabled = false;
      muat();
    }
  });

  muat();
})();
