// The script of periksa.html (kept out of the page so the Content-Security-Policy allows no inline script).
"use strict";
const $ = id => document.getElementById(id);
const visitId = Number(location.pathname.split("/").pop());
const caseLabel = { baru: "Baru", lama: "Lama", kkl: "KKL" };
const antigens = ["HB0", "BCG", "POLIO", "DPT-HB-HIB", "IPV", "PCV", "ROTAVIRUS", "CAMPAK-RUBELLA", "JE", "HPV", "DT", "TD"];
let record = null, diagnoses = [], procedures = [], prescriptions = [], immunizations = [], chosenDrug = null, kiaShown = false;

function num(id) { const v = $(id).value.trim().replace(",", "."); return v === "" ? null : Number(v); }

function renderDiagnoses() {
  $("daftarDiagnosis").innerHTML = diagnoses.map((d, i) => `<tr>
    <td><b>${simpus.esc(d.code)}</b></td>
    <td>${simpus.esc(d.name)}<div class="salah" data-error="diagnoses[${i}].code"></div></td>
    <td><input type="radio" name="utama" data-utama="${i}" ${d.primary ? "checked" : ""} aria-label="Diagnosis utama ${simpus.esc(d.code)}" style="width:auto"></td>
    <td><select data-kasus="${i}" aria-label="Jenis kasus ${simpus.esc(d.code)}">${Object.entries(caseLabel).map(([k, l]) => `<option value="${k}" ${d.case === k ? "selected" : ""}>${l}</option>`).join("")}</select>
        ${d.suggested ? `<div class="saran" title="${simpus.esc(d.reason || "")}">saran: ${caseLabel[d.suggested]}</div>` : ""}<div class="salah" data-error="diagnoses[${i}].case"></div></td>
    <td><button type="button" class="hapus" data-hapus-diagnosis="${i}" aria-label="Hapus ${simpus.esc(d.code)}">×</button></td></tr>`).join("");
}

// Stock at the apotek (usable batches), shown on each prescription line so the clinician can prescribe what is there.
const stock = {};
async function loadStock(codes) {
  const missing = codes.filter(c => !(c in stock));
  if (!missing.length) return;
  try { Object.assign(stock, await simpus.api("GET", "/api/pharmacy/availability?drugs=" + encodeURIComponent(missing.join(",")))); } catch { }
}
function stockText(code, quantity, unit) {
  if (!(code in stock)) return "";
  const n = stock[code];
  const cls = n === 0 ? "stok-habis" : n < quantity ? "stok-kurang" : "stok-ada";
  return `<span class="${cls}">${n === 0 ? "stok kosong" : "stok " + n.toLocaleString("id-ID") + " " + simpus.esc(unit)}</span>`;
}

function renderPrescriptions() {
  loadStock(prescriptions.map(p => p.drug)).then(() => prescriptions.forEach((p, i) => {
    const cell = document.querySelector(`[data-stok="${i}"]`);
    if (cell) cell.innerHTML = stockText(p.drug, p.quantity, p.unit);
  }));
  $("daftarResep").innerHTML = prescriptions.map((p, i) => `<tr>
    <td>${simpus.esc(p.drugName)}<div class="salah" data-error="prescriptions[${i}].drug"></div></td><td>${simpus.esc(p.dose)}<div class="salah" data-error="prescriptions[${i}].dose"></div></td>
    <td class="angka">${p.quantity} ${simpus.esc(p.unit)}<div class="salah" data-error="prescriptions[${i}].quantity"></div></td><td class="angka">${p.days ? p.days + " hari" : ""}</td>
    <td class="kecil" data-stok="${i}">${stockText(p.drug, p.quantity, p.unit)}</td>
    <td><button type="button" class="hapus" data-hapus-resep="${i}" aria-label="Hapus ${simpus.esc(p.drugName)}">×</button></td></tr>`).join("");
}

function renderProcedures() {
  $("daftarTindakan").innerHTML = procedures.map((p, i) => `<tr><td>${simpus.esc(p.name)}</td>
    <td><button type="button" class="hapus" data-hapus-tindakan="${i}" aria-label="Hapus ${simpus.esc(p.name)}">×</button></td></tr>`).join("");
}

function renderImmunizations() {
  $("daftarImunisasi").innerHTML = immunizations.map((m, i) => `<span class="lencana">${simpus.esc(m.antigen)} ${m.dose}
    <a href="#" data-hapus-imunisasi="${i}" aria-label="Hapus ${simpus.esc(m.antigen)}">×</a></span>`).join(" ");
}

/** A search box with a result list: arrows move, Enter picks, Escape closes. */
function combo(input, list, fetcher, render, pick) {
  let items = [], active = 0;
  const close = () => { list.classList.add("tersembunyi"); input.setAttribute("aria-expanded", "false"); };
  const draw = () => {
    list.innerHTML = items.map((it, i) => `<li role="option" data-i="${i}" class="${i === active ? "aktif" : ""}" aria-selected="${i === active}">${render(it)}</li>`).join("");
    list.classList.toggle("tersembunyi", items.length === 0);
    input.setAttribute("aria-expanded", String(items.length > 0));
  };
  const search = simpus.debounce(async () => {
    const q = input.value.trim();
    if (!q) { items = []; close(); return; }
    items = await fetcher(q).catch(() => []);
    if (input.value.trim() !== q) return;
    active = 0; draw();
  }, 120);
  input.addEventListener("input", search);
  input.addEventListener("keydown", e => {
    if (e.key === "ArrowDown" && items.length) { e.preventDefault(); active = (active + 1) % items.length; draw(); }
    else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); active = (active - 1 + items.length) % items.length; draw(); }
    else if (e.key === "Enter") { e.preventDefault(); if (items[active] && !list.classList.contains("tersembunyi")) { const it = items[active]; items = []; close(); pick(it); } }
    else if (e.key === "Escape") { close(); }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  list.addEventListener("mousedown", e => { const li = e.target.closest("li"); if (li) { e.preventDefault(); const it = items[Number(li.dataset.i)]; items = []; close(); pick(it); } });
}

combo($("cariDiagnosis"), $("hasilDiagnosis"),
  q => simpus.api("GET", "/api/icd10?q=" + encodeURIComponent(q) + "&limit=12"),
  m => `<b>${simpus.esc(m.code)}</b> ${simpus.esc(m.name)}`,
  async m => {
    $("cariDiagnosis").value = "";
    if (diagnoses.some(d => d.code === m.code)) { $("cariDiagnosis").focus(); return; }
    const entry = { code: m.code, name: m.name, primary: diagnoses.length === 0, case: "baru", suggested: null };
    diagnoses.push(entry);
    renderDiagnoses();
    try {
      const s = await simpus.api("GET", `/api/visits/${visitId}/diagnoses/suggest?code=${encodeURIComponent(m.code)}`);
      entry.case = s.case; entry.suggested = s.case; entry.reason = s.reason;
      renderDiagnoses();
    } catch { }
    $("cariDiagnosis").focus();
  });

combo($("cariObat"), $("hasilObat"),
  q => simpus.api("GET", "/api/drugs?q=" + encodeURIComponent(q)),
  d => `${simpus.esc(d.name)} <span class="kecil">(${simpus.esc(d.unit)})</span>`,
  d => {
    chosenDrug = d; $("cariObat").value = d.name; $("dosis").focus();
    loadStock([d.code]).then(() => { if (chosenDrug === d) $("stokObat").innerHTML = "Di apotek: " + (stockText(d.code, 1, d.unit) || "–"); });
  });

function addPrescription() {
  $("salahObat").textContent = "";
  const quantity = num("jumlah"), days = num("hari");
  if (!chosenDrug || $("cariObat").value !== chosenDrug.name) { $("salahObat").textContent = "Pilih obat dari daftar."; $("cariObat").focus(); return; }
  if (!$("dosis").value.trim()) { $("salahObat").textContent = "Isi aturan pakai, mis. 3x1."; $("dosis").focus(); return; }
  if (!quantity || quantity <= 0) { $("salahObat").textContent = "Isi jumlah obat."; $("jumlah").focus(); return; }
  prescriptions.push({ drug: chosenDrug.code, drugName: chosenDrug.name, unit: chosenDrug.unit, dose: $("dosis").value.trim(), quantity, days });
  renderPrescriptions();
  chosenDrug = null; ["cariObat", "dosis", "jumlah", "hari"].forEach(id => $(id).value = ""); $("stokObat").textContent = "";
  $("cariObat").focus();
}
$("tambahObat").addEventListener("click", addPrescription);
["dosis", "jumlah", "hari"].forEach(id => $(id).addEventListener("keydown", e => {
  if (e.key !== "Enter") return;
  e.preventDefault();
  if (id === "hari") addPrescription(); else $(id === "dosis" ? "jumlah" : "hari").focus();
}));

function addProcedure() {
  const name = $("tindakan").value.trim();
  if (!name) return;
  procedures.push({ name, code: null });
  $("tindakan").value = "";
  renderProcedures();
}
$("tambahTindakan").addEventListener("click", addProcedure);
$("tindakan").addEventListener("keydown", e => { if (e.key === "Enter") { e.preventDefault(); addProcedure(); } });
$("tambahImunisasi").addEventListener("click", () => {
  const dose = Number($("antigenDose").value) || 1;
  if (!immunizations.some(m => m.antigen === $("antigen").value && m.dose === dose)) immunizations.push({ antigen: $("antigen").value, dose });
  renderImmunizations();
});

document.addEventListener("click", async e => {
  const t = e.target;
  if (t.dataset.hapusDiagnosis !== undefined) {
    const i = Number(t.dataset.hapusDiagnosis), d = diagnoses[i];
    if (d.id && record.visitStatus === "finished") {
      const reason = prompt(`Alasan membatalkan diagnosis ${d.code}?`);
      if (!reason) return;
      try { await simpus.api("POST", `/api/visits/${visitId}/diagnoses/${d.id}/void`, { reason }); }
      catch (err) { simpus.message($("pesan"), "galat", err.problem.detail || "Gagal membatalkan."); return; }
    }
    diagnoses.splice(i, 1);
    if (diagnoses.length && !diagnoses.some(x => x.primary)) diagnoses[0].primary = true;
    renderDiagnoses();
  } else if (t.dataset.hapusResep !== undefined) {
    const i = Number(t.dataset.hapusResep), p = prescriptions[i];
    if (p.id && record.visitStatus === "finished") {
      const reason = prompt(`Alasan membatalkan resep ${p.drugName}?`);
      if (!reason) return;
      try { await simpus.api("POST", `/api/visits/${visitId}/prescriptions/${p.id}/void`, { reason }); }
      catch (err) { simpus.message($("pesan"), "galat", err.problem.detail || "Gagal membatalkan."); return; }
    }
    prescriptions.splice(i, 1); renderPrescriptions();
  } else if (t.dataset.hapusTindakan !== undefined) {
    procedures.splice(Number(t.dataset.hapusTindakan), 1); renderProcedures();
  } else if (t.dataset.hapusImunisasi !== undefined) {
    e.preventDefault(); immunizations.splice(Number(t.dataset.hapusImunisasi), 1); renderImmunizations();
  }
});
document.addEventListener("change", e => {
  if (e.target.dataset.utama !== undefined) diagnoses.forEach((d, i) => d.primary = i === Number(e.target.dataset.utama));
  if (e.target.dataset.kasus !== undefined) diagnoses[Number(e.target.dataset.kasus)].case = e.target.value;
});

function body() {
  const destination = $("rujukTujuan").value.trim(), reason = $("rujukAlasan").value.trim();
  return {
    complaint: $("complaint").value, history: $("history").value,
    vitals: { systolic: num("systolic"), diastolic: num("diastolic"), pulse: num("pulse"), respiration: num("respiration"),
              temperature: num("temperature"), weight: num("weight"), height: num("height") },
    physicalExam: $("physicalExam").value,
    diagnoses: diagnoses.map(d => ({ code: d.code, primary: d.primary, case: d.case })),
    procedures: procedures.map(p => ({ name: p.name, code: p.code })),
    prescriptions: prescriptions.map(p => ({ drug: p.drug, dose: p.dose, quantity: p.quantity, days: p.days })),
    referral: destination || reason ? { destination, reason } : null,
    outcome: $("outcome").value || null,
  };
}

function kiaBody() {
  const gw = num("growthWeight");
  const b = {
    antenatal: kohortIbu.antenatal(),
    delivery: kohortIbu.delivery(),
    kf: $("kf").value ? Number($("kf").value) : null, kn: $("kn").value ? Number($("kn").value) : null,
    immunizations, growth: gw != null ? { weight: gw, height: num("growthHeight") } : null,
  };
  const empty = !b.antenatal && !b.delivery && !b.kf && !b.kn && !immunizations.length && !b.growth;
  return empty && !(record.kia && hasKia(record.kia)) ? null : b;
}
function hasKia(k) { return k.antenatal || k.delivery || k.kf || k.kn || k.immunizations.length || k.growth; }

async function save(finish) {
  const form = $("form");
  simpus.clearErrors(form);
  $("simpan").disabled = $("selesai").disabled = true;
  try {
    const kia = kiaShown ? kiaBody() : null;
    if (kia) { record.kia = await simpus.api("PUT", `/api/visits/${visitId}/kia`, kia); kohortIbu.fill(record.kia, record); }
    const saved = await simpus.api("PUT", `/api/visits/${visitId}/examination${finish ? "?finish=true" : ""}`, body());
    if (finish) { location.href = "/poli"; return; }
    fill(saved);
    simpus.message($("pesan"), "ok", "Tersimpan " + simpus.jam(new Date().toISOString()) + ".");
  } catch (err) {
    simpus.message($("pesan"), "galat", simpus.showErrors(form, err));
  } finally {
    $("simpan").disabled = $("selesai").disabled = false;
  }
}
$("simpan").addEventListener("click", () => save(false));
$("selesai").addEventListener("click", () => save(true));
document.addEventListener("keydown", e => {
  if (e.ctrlKey && (e.key === "s" || e.key === "S")) { e.preventDefault(); save(false); }
  if (e.ctrlKey && e.key === "Enter") { e.preventDefault(); save(true); }
});

function fill(r) {
  const kia = record && record.kia;
  record = r; record.kia = kia;
  $("nama").textContent = r.patientName;
  $("identitas").textContent = `${r.rm} · ${r.sex === "L" ? "Laki-laki" : "Perempuan"} · ${simpus.umur(r.birthDate)} · ${r.poliName || r.poli}${r.queueLabel ? " · antrean " + r.queueLabel : ""} · ${simpus.tanggal(r.visitDate)}`;
  $("status").textContent = { "arrived": "Menunggu", "in-progress": "Diperiksa", "finished": "Selesai — koreksi tercatat", "cancelled": "Dibatalkan" }[r.visitStatus] || r.visitStatus;
  $("status").className = "lencana " + r.visitStatus;
  $("riwayat").href = `/pasien/${encodeURIComponent(r.rm)}/riwayat`;
  $("complaint").value = r.complaint || ""; $("history").value = r.history || ""; $("physicalExam").value = r.physicalExam || "";
  for (const k of ["systolic", "diastolic", "pulse", "respiration", "temperature", "weight", "height"]) $(k).value = r.vitals[k] ?? "";
  diagnoses = r.diagnoses.map(d => ({ id: d.id, code: d.code, name: d.name, primary: d.primary, case: d.case, suggested: null }));
  procedures = r.procedures.map(p => ({ name: p.name, code: p.code }));
  prescriptions = r.prescriptions.map(p => ({ id: p.id, drug: p.drug, drugName: p.drugName, unit: p.unit, dose: p.dose, quantity: p.quantity, days: p.days }));
  $("outcome").value = r.outcome || "";
  $("rujukTujuan").value = r.referral ? r.referral.destination : ""; $("rujukAlasan").value = r.referral ? r.referral.reason : "";
  $("selesai").textContent = r.visitStatus === "finished" ? "Simpan koreksi dan kembali" : "Selesai";
  renderDiagnoses(); renderPrescriptions(); renderProcedures();
}

function fillKia(k) {
  record.kia = k;
  kohortIbu.fill(k, record);
  $("kf").value = k.kf || ""; $("kn").value = k.kn || "";
  immunizations = k.immunizations.map(m => ({ antigen: m.antigen, dose: m.dose }));
  $("growthWeight").value = k.growth ? k.growth.weight : ""; $("growthHeight").value = k.growth ? (k.growth.height ?? "") : "";
  renderImmunizations();
}

(async () => {
  const ctx = await simpus.bar("/poli");
  if (!ctx) return;
  $("antigen").innerHTML = antigens.map(a => `<option>${a}</option>`).join("");
  try {
    fill(await simpus.api("GET", `/api/visits/${visitId}/examination`));
  } catch (err) {
    simpus.message($("pesan"), "galat", (err.problem && err.problem.detail) || "Kunjungan tidak ditemukan.");
    return;
  }
  const ageYears = (Date.now() - new Date(record.birthDate)) / (365.25 * 86400000);
  kiaShown = record.poli === "kia" || (record.poli === "anak" && ageYears < 6);
  if (kiaShown) {
    $("panelKia").classList.remove("tersembunyi");
    fillKia(await simpus.api("GET", `/api/visits/${visitId}/kia`));
  }
  $("form").inert = false;
  $("complaint").focus();
})();
