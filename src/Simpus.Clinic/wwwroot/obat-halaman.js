// The script of obat.html (kept out of the page so the Content-Security-Policy allows no inline script).
"use strict";
const $ = id => document.getElementById(id);
let drugs = [], editing = null;

async function load() {
  drugs = await simpus.api("GET", `/api/drugs?all=${$("semua").checked}&q=${encodeURIComponent($("cari").value)}`);
  $("daftar").innerHTML = drugs.map((d, i) => `<tr data-i="${i}" class="${d.active ? "" : "nonaktif"}" tabindex="0">
    <td>${simpus.esc(d.code)}</td><td>${simpus.esc(d.name)}</td><td>${simpus.esc(d.unit)}</td><td>${simpus.esc(d.form || "")}</td>
    <td class="kecil">${simpus.esc(d.fornasClass || "")}</td><td class="angka">${d.minStock ?? ""}</td></tr>`).join("")
    || `<tr class="kosong"><td colspan="6" id="tidakDitemukan">Obat "${simpus.esc($("cari").value.trim())}" tidak ditemukan${$("semua").checked ? "" : " di antara obat aktif"}.
        Periksa ejaan, coba nama generik lain (mis. parasetamol/paracetamol), atau tambahkan sebagai obat baru.</td></tr>`;
}

function edit(d) {
  editing = d;
  simpus.clearErrors($("form"));
  $("judulForm").textContent = d ? "Ubah " + d.name : "Obat baru";
  $("code").value = d ? d.code : ""; $("code").disabled = !!d;
  $("name").value = d ? d.name : ""; $("unit").value = d ? d.unit : ""; $("form2").value = d ? (d.form || "") : "";
  $("fornasClass").value = d ? (d.fornasClass || "") : ""; $("minStock").value = d && d.minStock != null ? d.minStock : "";
  $("nonaktif").classList.toggle("tersembunyi", !d || !d.active);
  (d ? $("name") : $("code")).focus();
}

$("daftar").addEventListener("click", e => { const tr = e.target.closest("tr"); if (tr) edit(drugs[Number(tr.dataset.i)]); });
$("daftar").addEventListener("keydown", e => { if (e.key === "Enter") { const tr = e.target.closest("tr"); if (tr) edit(drugs[Number(tr.dataset.i)]); } });
$("cari").addEventListener("input", simpus.debounce(load, 150));
$("semua").addEventListener("change", load);
$("baru").addEventListener("click", () => edit(null));
$("form").addEventListener("submit", async e => {
  e.preventDefault();
  const min = $("minStock").value.trim();
  if (min !== "" && !/^\d+$/.test(min)) { simpus.showErrors($("form"), { problem: { errors: { minStock: ["Stok minimum harus bilangan bulat 0 atau lebih, atau kosong."] } } }); return; }
  const body = { code: $("code").value, name: $("name").value, unit: $("unit").value, form: $("form2").value, fornasClass: $("fornasClass").value,
    minStock: min === "" ? null : Number(min), active: editing ? editing.active : true };
  try {
    const saved = editing ? await simpus.api("PUT", `/api/drugs/${encodeURIComponent(editing.code)}`, body) : await simpus.api("POST", "/api/drugs", body);
    simpus.message($("pesan"), "ok", `${saved.name} tersimpan.`);
    await load(); edit(saved);
  } catch (err) { simpus.message($("pesan"), "galat", simpus.showErrors($("form"), err)); }
});
$("nonaktif").addEventListener("click", async () => {
  if (!editing || !confirm(`Nonaktifkan ${editing.name}? Obat ini tidak bisa diresepkan lagi.`)) return;
  const saved = await simpus.api("DELETE", `/api/drugs/${encodeURIComponent(editing.code)}`);
  simpus.message($("pesan"), "ok", `${saved.name} dinonaktifkan.`);
  await load(); edit(null);
});

$("formImpor").addEventListener("submit", async e => {
  e.preventDefault();
  const file = $("berkasObat").files[0];
  simpus.clearErrors(document.body);
  if (!file) { simpus.message($("hasilImpor"), "galat", "Pilih berkas CSV dahulu."); return; }
  const data = new FormData();
  data.append("file", file);
  const res = await fetch("/api/drugs/import", { method: "POST", body: data, credentials: "same-origin" });
  const json = await res.json().catch(() => null);
  if (!res.ok) { simpus.message($("hasilImpor"), "galat", (json && (json.detail || json.title)) || "Impor gagal."); return; }
  simpus.message($("hasilImpor"), json.rejected ? "info" : "ok",
    `${json.lines} baris: ${json.added} obat baru, ${json.updated} diperbarui, ${json.unchanged} tetap, ${json.rejected} ditolak.` +
    (json.errors.length ? " " + json.errors.slice(0, 5).map(x => x.message).join(" ") : ""));
  await load();
});

(async () => {
  if (!await simpus.bar("/admin")) return;
  await load();
})();
