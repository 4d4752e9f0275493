// Drug catalogue page: the KFA code (Kamus Farmasi dan Alat Kesehatan) of the drug being edited, sent to SATUSEHAT as the
// Medication code. Adds its own panel under the drug form; the codes live in their own table (/api/satusehat/kfa).
"use strict";
(() => {
  const form = document.getElementById("form");
  const code = document.getElementById("code");
  if (!form || !code) return;
  const panel = document.createElement("section");
  panel.className = "panel";
  panel.innerHTML = `<h2>Kode KFA (SATUSEHAT)</h2>
    <form id="formKfa" novalidate>
      <label for="kfaCode">Kode KFA</label><input id="kfaCode" data-field="kfaCode" placeholder="mis. 92000653"><div class="salah" data-error="kfaCode"></div>
      <label for="kfaDisplay">Nama menurut KFA</label><input id="kfaDisplay" data-field="kfaDisplay"><div class="salah" data-error="kfaDisplay"></div>
      <p class="baris"><button type="submit">Simpan kode KFA</button><button type="button" class="kedua" id="hapusKfa">Hapus</button></p>
      <div id="pesanKfa" class="pesan tersembunyi" role="status"></div>
      <p class="kecil" id="infoKfa">Pilih obat dari daftar untuk mengisi kode KFA-nya. Cari kode di KFA Browser Kemenkes.</p>
    </form>`;
  form.closest("section").after(panel);
  const $ = id => document.getElementById(id);
  let codes = new Map(), current = "";

  async function loadCodes() {
    const r = await simpus.api("GET", "/api/satusehat/kfa");
    codes = new Map(r.codes.map(c => [c.drugCode.toUpperCase(), c]));
  }

  function show() {
    const drug = code.value.trim().toUpperCase();
    if (drug === current) return;
    current = drug;
    const k = codes.get(drug);
    $("kfaCode").value = k ? k.kfaCode : "";
    $("kfaDisplay").value = k ? (k.kfaDisplay || "") : "";
    $("infoKfa").textContent = !drug ? "Pilih obat dari daftar untuk mengisi kode KFA-nya." :
      k ? `Kode KFA ${drug} diisi oleh ${k.updatedBy}.` : `${drug} belum punya kode KFA: resepnya dikirim dengan nama obat saja.`;
    simpus.message($("pesanKfa"), "", "");
  }

  // The drug form fills #code when a row is chosen; follow it.
  new MutationObserver(show).observe(document.getElementById("judulForm"), { childList: true, characterData: true, subtree: true });
  code.addEventListener("input", show);

  $("formKfa").addEventListener("submit", async e => {
    e.preventDefault();
    if (!current) return;
    try {
      const saved = await simpus.api("PUT", `/api/satusehat/kfa/${encodeURIComponent(current)}`, { kfaCode: $("kfaCode").value, kfaDisplay: $("kfaDisplay").value });
      codes.set(current, saved);
      simpus.clearErrors($("formKfa"));
      simpus.message($("pesanKfa"), "ok", `Kode KFA ${current} tersimpan.`);
    } catch (err) { simpus.message($("pesanKfa"), "galat", simpus.showErrors($("formKfa"), err)); }
  });
  $("hapusKfa").addEventListener("click", async () => {
    if (!current || !codes.has(current)) return;
    await simpus.api("DELETE", `/api/satusehat/kfa/${encodeURIComponent(current)}`);
    codes.delete(current);
    const drug = current; current = ""; show();
    simpus.message($("pesanKfa"), "ok", `Kode KFA ${drug} dihapus.`);
  });
  loadCodes().then(show).catch(() => { });
})();
