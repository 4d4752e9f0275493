// The script of admin.html (kept out of the page so the Content-Security-Policy allows no inline script).
"use strict";
const $ = id => document.getElementById(id);
let poliList = [];
async function muat() {
  const s = await simpus.api("GET", "/api/settings");
  for (const k of ["code", "name", "regionCode", "kecamatanCode", "timeZone", "rmFormat"]) $(k).value = s[k] ?? "";
  $("kabKota").value = s.regionName ? `${s.regionName} (${s.regionCode})` : s.regionCode;
  $("kecamatan").value = s.kecamatanName ? `${s.kecamatanName} (${s.kecamatanCode})` : (s.kecamatanCode || "");
  poliList = s.poli;
  $("daftarPoli").innerHTML = s.poli.map(p => `<tr data-poli="${simpus.esc(p.code)}" style="cursor:pointer"><td>${simpus.esc(p.name)}</td><td>${simpus.esc(p.shortName || "")}</td>
    <td>${simpus.esc(p.letter || "")}</td><td>${p.key || "—"}</td><td>${p.sortOrder}</td><td>${p.active ? "ya" : "tidak"}</td></tr>`).join("");
}
$("formSetelan").addEventListener("submit", async e => {
  e.preventDefault();
  const body = {}; for (const k of ["code", "name", "regionCode", "kecamatanCode", "timeZone", "rmFormat"]) body[k] = $(k).value || null;
  try { await simpus.api("PUT", "/api/settings", body); simpus.clearErrors(e.target); simpus.message($("pesanSetelan"), "ok", "Tersimpan."); muat(); document.dispatchEvent(new Event("setelan-puskesmas")); }
  catch (err) { simpus.message($("pesanSetelan"), "galat", simpus.showErrors(e.target, err)); }
});
$("formPoli").addEventListener("submit", async e => {
  e.preventDefault();
  try {
    await simpus.api("POST", "/api/poli", { code: $("pCode").value, name: $("pName").value, shortName: $("pShort").value || null, letter: $("pLetter").value || null,
      sortOrder: +$("pOrder").value || 0, active: $("pActive").checked });
    simpus.clearErrors(e.target); simpus.message($("pesanPoli"), "ok", "Poli tersimpan."); muat();
  } catch (err) { simpus.message($("pesanPoli"), "galat", simpus.showErrors(e.target, err)); }
});
$("daftarPoli").addEventListener("click", e => {
  const tr = e.target.closest("tr[data-poli]");
  const p = tr && poliList.find(x => x.code === tr.dataset.poli);
  if (!p) return;
  $("pCode").value = p.code; $("pName").value = p.name; $("pShort").value = p.shortName || ""; $("pLetter").value = p.letter || "";
  $("pOrder").value = p.sortOrder; $("pActive").checked = p.active;
  $("pShort").focus();
});
// Kab/kota and kecamatan are chosen from the official list by name; the code follows the choice.
function pilihWilayah(input, list, hidden, level, within) {
  const isi = simpus.debounce(async () => {
    const q = $(input).value.trim();
    const m = q.match(/\(([\d.]+)\)$/);
    if (m) { $(hidden).value = m[1]; return; }
    $(hidden).value = "";
    if (q.length < 2) return;
    const params = new URLSearchParams({ q, level: String(level), limit: "20" });
    if (within && $(within).value) params.set("within", $(within).value);
    try {
      const found = await simpus.api("GET", "/api/regions?" + params);
      $(list).innerHTML = found.map(r => `<option value="${simpus.esc(r.name)} (${r.code})">${simpus.esc(r.label)}</option>`).join("");
    } catch { }
  }, 150);
  $(input).addEventListener("input", isi);
}
pilihWilayah("kabKota", "kabKotaDaftar", "regionCode", 2, null);
pilihWilayah("kecamatan", "kecamatanDaftar", "kecamatanCode", 3, "regionCode");
$("formIcd").addEventListener("submit", async e => {
  e.preventDefault();
  const file = $("icdBerkas").files[0];
  if (!file) { simpus.message($("pesanIcd"), "galat", "Pilih berkas CSV ICD-10 terlebih dahulu."); return; }
  $("icdImpor").disabled = true;
  try {
    const res = await fetch("/api/icd10/import", { method: "POST", headers: { "Content-Type": "text/csv", "Accept": "application/json" }, body: await file.text(), credentials: "same-origin" });
    const data = await res.json().catch(() => null);
    if (!res.ok) throw { problem: data || { detail: "Impor gagal (" + res.status + ")." } };
    simpus.message($("pesanIcd"), data.rejected ? "info" : "ok",
      `${data.added} kode ditambahkan, ${data.updated} diperbarui, ${data.rejected} baris dilewati.` + (data.rejected ? " Baris yang dilewati: " + data.rejectedLines.slice(0, 10).join(", ") + "." : ""));
  } catch (err) {
    simpus.message($("pesanIcd"), "galat", simpus.showErrors(e.target, err));
  } finally {
    $("icdImpor").disabled = false;
  }
});
simpus.bar("/admin").then(muat);
