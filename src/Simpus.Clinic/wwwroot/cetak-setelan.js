// Admin page: the letterhead (kop surat) and the letter number formats (/api/settings/documents), and today's print log.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const form = $("formKop");
  if (!form) return;
  const fields = ["name", "address", "phone", "email"];
  let logo = null;   // null: keep, "": remove, data URL: new

  async function load() {
    const s = await simpus.api("GET", "/api/settings/documents");
    for (const f of fields) $("kop_" + f).value = s.letterhead[f] || "";
    $("kop_pemerintah").value = s.letterhead.government ? s.letterhead.government + " / DINAS KESEHATAN" : "";
    for (const k of ["rujukan", "sakit", "sehat"]) $("format_" + k).value = s.numberFormats[k];
    $("kopLogoPratinjau").innerHTML = s.letterhead.hasLogo ? `<img src="/api/documents/logo?${Date.now()}" alt="Logo" style="height:48px">` : "<span class='kecil'>Tanpa logo</span>";
    logo = null;
    try {
      const log = await simpus.api("GET", "/api/documents/prints");
      $("logCetak").innerHTML = log.map(e => `<tr><td>${simpus.jam(e.printedAt)}</td><td>${simpus.esc(e.printedBy)}</td><td>${e.document}</td>
        <td>${simpus.esc(e.letterNumber || e.rm || "")}</td></tr>`).join("") || '<tr><td colspan="4" class="kecil">Belum ada cetakan hari ini.</td></tr>';
    } catch { }
  }
  $("kop_logo").addEventListener("change", () => {
    const file = $("kop_logo").files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => { logo = reader.result; $("kopLogoPratinjau").innerHTML = `<img src="${logo}" alt="Logo" style="height:48px">`; };
    reader.readAsDataURL(file);
  });
  $("kopHapusLogo").addEventListener("click", () => { logo = ""; $("kopLogoPratinjau").innerHTML = "<span class='kecil'>Logo akan dihapus</span>"; });
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const body = { logo, numberFormats: {} };
    for (const f of fields) body[f] = $("kop_" + f).value;
    for (const k of ["rujukan", "sakit", "sehat"]) body.numberFormats[k] = $("format_" + k).value;
    try { await simpus.api("PUT", "/api/settings/documents", body); simpus.clearErrors(form); simpus.message($("pesanKop"), "ok", "Tersimpan."); load(); }
    catch (err) { simpus.message($("pesanKop"), "galat", simpus.showErrors(form, err)); }
  });
  // The letterhead's first line follows the puskesmas' kab/kota: reload it when that is saved.
  document.addEventListener("setelan-puskesmas", load);
  load();
})();
