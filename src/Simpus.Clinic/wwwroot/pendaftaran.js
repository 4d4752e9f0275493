// The registration desk (/pendaftaran): find or register the patient, send them to a poli, print the queue ticket.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const statusLabel = { "arrived": "menunggu", "in-progress": "dilayani", "finished": "selesai", "cancelled": "batal" };
  const relationLabel = { kepala: "kepala keluarga", istri: "istri", suami: "suami", anak: "anak", orangtua: "orang tua", lainnya: "lainnya" };
  let settings = null, polis = [], payerNames = {};
  let hasil = [], hasilQuery = "", pilihIndex = -1, pilihanManual = false;
  let pasien = null, modeUbah = false;

  const simpan = {
    get otomatis() { return localStorage.getItem("simpus.tiket.otomatis") === "1"; },
    set otomatis(v) { localStorage.setItem("simpus.tiket.otomatis", v ? "1" : "0"); },
    get lebar() { return localStorage.getItem("simpus.tiket.lebar") === "58" ? "58" : "80"; },
    set lebar(v) { localStorage.setItem("simpus.tiket.lebar", v); },
  };

  async function init() {
    const ctx = await simpus.bar("/pendaftaran");
    if (!ctx) return;
    settings = ctx.settings;
    polis = settings.poli.filter(p => p.active);
    $("poli").innerHTML = polis.map(p => `<option value="${simpus.esc(p.code)}">${simpus.esc(p.shortName || p.name)}${p.key ? " (" + p.key + ")" : ""}</option>`).join("");
    $("tombolPoli").innerHTML = polis.filter(p => p.key).map(p => `<kbd>${p.key}</kbd> ${simpus.esc(p.shortName || p.name)}`).join(" ");
    $("filterPoli").innerHTML += polis.map(p => `<option value="${simpus.esc(p.code)}">${simpus.esc(p.name)}</option>`).join("");
    for (const p of settings.payers) payerNames[p.code] = p.name;
    const payers = settings.payers.map(p => `<option value="${simpus.esc(p.code)}">${simpus.esc(p.name)}</option>`).join("");
    $("payer").innerHTML = payers;
    $("defaultPayer").innerHTML = payers;
    $("cetakOtomatis").checked = simpan.otomatis;
    $("lebarTiket").value = simpan.lebar;
    muatAntrean();
    setInterval(muatAntrean, 15000);
  }

  // ---- search as you type; Enter uses the top hit only when it is what was typed ----
  async function jalankanCari(q) {
    const data = await simpus.api("GET", "/api/patients?q=" + encodeURIComponent(q));
    if ($("cari").value.trim() === q) tampilHasil(data, q);
    return data;
  }
  const cari = simpus.debounce(async () => {
    const q = $("cari").value.trim();
    if (q.length < 2) { tampilHasil([], q); $("hasilKosong").classList.add("tersembunyi"); return; }
    try { await jalankanCari(q); } catch { }
  }, 150);
  $("cari").addEventListener("input", () => { pilihanManual = false; cari(); });
  $("cari").addEventListener("keydown", async e => {
    if (e.key === "ArrowDown" && hasil.length) { e.preventDefault(); pilihanManual = true; sorot(Math.min(pilihIndex + 1, hasil.length - 1)); }
    else if (e.key === "ArrowUp" && hasil.length) { e.preventDefault(); pilihanManual = true; sorot(Math.max(pilihIndex - 1, 0)); }
    else if (e.key === "Enter") {
      e.preventDefault();
      const q = $("cari").value.trim();
      if (q.length < 2) return;
      if (q !== hasilQuery) { try { await jalankanCari(q); } catch { return; } }
      if (!hasil.length) return;
      if (pilihanManual) { pilih(hasil[Math.max(pilihIndex, 0)]); return; }
      if (langsung(hasil)) { pilih(hasil[0]); return; }
      peringatanMirip(true);
    }
  });

  /** The top hit may be taken by Enter alone: it is not only similar, and no other hit is as good. */
  function langsung(list) {
    const top = list[0];
    if (top.match === "similar") return false;
    if (list.length === 1) return true;
    const next = list[1];
    return next.match !== top.match ? true : next.score < top.score;
  }

  function peringatanMirip(dariEnter) {
    const top = hasil[0];
    const el = $("hasilMirip");
    if (!top || (!dariEnter && top.match !== "similar")) { el.classList.add("tersembunyi"); return; }
    el.textContent = top.match === "similar"
      ? "Hasil teratas hanya mirip dengan yang diketik. Periksa nama dan umurnya, lalu pilih dengan ↓/↑ dan Enter, atau klik barisnya."
      : "Ada beberapa pasien yang cocok. Pilih dengan ↓/↑ dan Enter, atau klik barisnya.";
    el.classList.remove("tersembunyi");
  }

  /** Address with RT/RW and the village; the puskesmas' own kecamatan and kab/kota are left out where they go without saying. */
  function alamat(p, lengkap) {
    let desa = p.regionName;
    const sendiri = settings && settings.kecamatanName ? `, Kec. ${settings.kecamatanName}, ${settings.regionName}` : null;
    if (desa && !lengkap && sendiri && desa.endsWith(sendiri)) desa = desa.slice(0, -sendiri.length);
    return [p.address, p.rt && "RT " + p.rt, p.rw && "RW " + p.rw, desa].filter(Boolean).join(", ");
  }

  function tampilHasil(data, q) {
    hasil = data; hasilQuery = q; pilihIndex = data.length ? 0 : -1;
    $("hasil").classList.toggle("tersembunyi", !data.length);
    $("hasilKosong").classList.toggle("tersembunyi", data.length > 0 || q.length < 2);
    $("hasilBaris").innerHTML = data.map((p, i) => `<tr data-i="${i}" data-rm="${simpus.esc(p.rm)}" data-match="${p.match}">
      <td>${simpus.esc(p.rm)}</td>
      <td>${simpus.esc(p.name)}${p.match === "similar" ? ' <span class="lencana mirip" title="Ejaan tidak sama persis dengan yang diketik">mirip</span>' : ""}
        ${p.matchedBy === "family" && p.familyHeadName ? `<div class="kecil">${simpus.esc(relationLabel[p.relation] || p.relation)} dari ${simpus.esc(p.familyHeadName)}</div>` : ""}</td>
      <td>${p.sex}</td>
      <td>${simpus.tanggal(p.birthDate)}${p.birthDateEstimated ? "*" : ""} <span class="kecil">(${simpus.umur(p.birthDate)})</span></td>
      <td>${simpus.esc(p.nik || "")}</td><td>${simpus.esc(alamat(p))}</td></tr>`).join("");
    sorot(pilihIndex);
    peringatanMirip(false);
  }
  function sorot(i) {
    pilihIndex = i;
    [...$("hasilBaris").children].forEach((tr, j) => tr.classList.toggle("pilih", j === i));
    const tr = $("hasilBaris").children[i];
    if (tr) tr.scrollIntoView({ block: "nearest" });
  }
  $("hasilBaris").addEventListener("click", e => {
    const tr = e.target.closest("tr");
    if (tr) pilih(hasil[+tr.dataset.i]);
  });

  async function pilih(p) {
    $("hasilMirip").classList.add("tersembunyi");
    pasien = await simpus.api("GET", "/api/patients/" + encodeURIComponent(p.rm));
    tampilPasien();
    $("poli").focus();
  }

  function tampilPasien() {
    $("panelForm").classList.add("tersembunyi");
    $("panelPasien").classList.remove("tersembunyi");
    $("judulPasien").textContent = `${pasien.name} — ${pasien.sex === "L" ? "laki-laki" : "perempuan"}, ${simpus.umur(pasien.birthDate)}`;
    const rows = [
      ["No. RM", pasien.rm], ["NIK", pasien.nik || "—"], ["No. BPJS", pasien.bpjsNumber || "—"],
      ["Tanggal lahir", simpus.tanggal(pasien.birthDate) + (pasien.birthDateEstimated ? " (perkiraan)" : "") + " — " + simpus.umur(pasien.birthDate)],
      ["Alamat", alamat(pasien, true) || "—"],
      ["Telepon", pasien.phone || "—"],
      ["Keluarga", (pasien.familyHeadName ? pasien.familyHeadName + " (" + pasien.familyHeadRm + ")" : "—") + " · " + (relationLabel[pasien.relation] || pasien.relation)],
      ["Pembayaran", payerNames[pasien.defaultPayer] || pasien.defaultPayer],
    ];
    if (pasien.nikMismatchReason) rows.splice(2, 0, ["NIK ≠ tgl lahir", "dikonfirmasi: " + pasien.nikMismatchReason]);
    $("ringkasPasien").innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd>${simpus.esc(v)}</dd>`).join("");
    $("rm").value = pasien.rm;
    $("payer").value = pasien.defaultPayer;
    $("pasienTerpilih").innerHTML = `<strong>${simpus.esc(pasien.name)}</strong> · ${simpus.umur(pasien.birthDate)} · ${simpus.esc(pasien.rm)}`;
    $("pasienTerpilih").classList.remove("kecil");
    $("daftar").disabled = false;
    $("tiket").classList.add("tersembunyi");
  }

  // ---- poli: typing its short name (the select's own type-ahead) or its number key ----
  $("poli").addEventListener("keydown", e => {
    if (/^[1-9]$/.test(e.key) && !e.ctrlKey && !e.altKey) {
      const p = polis.find(x => x.key === +e.key);
      if (p) { e.preventDefault(); $("poli").value = p.code; }
    }
  });

  // ---- patient form ----
  function bukaForm(ubah) {
    modeUbah = ubah;
    const f = $("formPasien");
    f.reset();
    simpus.clearErrors(f);
    simpus.message($("pesanForm"), "", "");
    $("kandidat").classList.add("tersembunyi");
    $("konfirmasiNik").classList.add("tersembunyi");
    $("regionCode").value = "";
    tutupDesa();
    $("panelPasien").classList.add("tersembunyi");
    $("panelForm").classList.remove("tersembunyi");
    $("bagianKeluarga").classList.toggle("tersembunyi", ubah);
    $("judulForm").textContent = ubah ? "Ubah data " + pasien.rm : "Pasien baru";
    if (ubah) {
      for (const k of ["nik", "bpjsNumber", "name", "sex", "birthDate", "address", "rt", "rw", "phone", "defaultPayer", "nikMismatchReason"]) $(k).value = pasien[k] ?? "";
      $("regionCode").value = pasien.regionCode || "";
      $("desa").value = pasien.regionName || pasien.regionCode || "";
      if (pasien.nikMismatchReason) $("konfirmasiNik").classList.remove("tersembunyi");
    } else {
      const q = $("cari").value.trim();
      if (q && !/\d/.test(q)) $("name").value = q.replace(/\b\w/g, c => c.toUpperCase());
      else if (/^\d{16}$/.test(q)) { $("nik").value = q; dariNik(); }
      $("defaultPayer").value = "umum";
    }
    $(ubah ? "name" : "nik").focus();
  }
  $("baru").addEventListener("click", () => bukaForm(false));
  $("ubah").addEventListener("click", () => bukaForm(true));
  $("batal").addEventListener("click", tutupForm);
  function tutupForm() {
    $("panelForm").classList.add("tersembunyi");
    if (pasien) $("panelPasien").classList.remove("tersembunyi");
    $("cari").focus();
  }

  // NIK: fill birth date and sex from it; a date or sex that disagrees is shown at once and needs a reason to be kept.
  function dariNik() {
    const nik = $("nik").value.trim();
    const slot = document.querySelector('[data-error="nik"]');
    $("nik").removeAttribute("aria-invalid"); slot.textContent = "";
    if (!nik) { konfirmasiNik(false); return; }
    if (!/^\d{16}$/.test(nik)) {
      if (nik.length >= 16 || document.activeElement !== $("nik")) { $("nik").setAttribute("aria-invalid", "true"); slot.textContent = "NIK harus 16 digit angka."; }
      return;
    }
    let dd = +nik.substr(6, 2), mm = +nik.substr(8, 2), yy = +nik.substr(10, 2);
    const female = dd > 40; if (female) dd -= 40;
    const now = new Date(); let year = 2000 + yy; if (year > now.getFullYear()) year -= 100;
    const iso = `${year}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
    if (mm < 1 || mm > 12 || dd < 1 || dd > 31) { $("nik").setAttribute("aria-invalid", "true"); slot.textContent = "Bagian tanggal lahir pada NIK tidak sah."; return; }
    if (!$("birthDate").value && !$("estimatedAge").value) $("birthDate").value = iso;
    if (!$("sex").value) $("sex").value = female ? "P" : "L";
    const problems = [];
    if ($("sex").value && ($("sex").value === "P") !== female) problems.push("NIK ini milik " + (female ? "perempuan" : "laki-laki") + ".");
    if ($("birthDate").value && $("birthDate").value.slice(2) !== iso.slice(2)) problems.push("Tanggal lahir pada NIK " + simpus.tanggal(iso) + ".");
    if (problems.length) { $("nik").setAttribute("aria-invalid", "true"); slot.textContent = problems.join(" "); }
    konfirmasiNik(problems.length > 0);
  }
  function konfirmasiNik(show) {
    $("konfirmasiNik").classList.toggle("tersembunyi", !show && !$("nikMismatchReason").value);
  }
  $("nik").addEventListener("input", () => { if ($("nik").value.length === 16) dariNik(); });
  $("nik").addEventListener("blur", dariNik);
  $("sex").addEventListener("change", dariNik);
  $("birthDate").addEventListener("change", dariNik);
  $("bpjsNumber").addEventListener("blur", () => {
    const v = $("bpjsNumber").value.trim(), slot = document.querySelector('[data-error="bpjsNumber"]');
    const bad = v && !/^\d{13}$/.test(v);
    $("bpjsNumber").removeAttribute("aria-invalid"); if (bad) $("bpjsNumber").setAttribute("aria-invalid", "true");
    slot.textContent = bad ? "Nomor kartu BPJS harus 13 digit angka." : "";
  });

  // ---- desa/kelurahan by name: the puskesmas' own kecamatan first ----
  let desa = [], desaIndex = -1;
  const cariDesa = simpus.debounce(async () => {
    const q = $("desa").value.trim();
    if (q.length < 2) { tutupDesa(); return; }
    try {
      const list = await simpus.api("GET", "/api/regions?level=4&q=" + encodeURIComponent(q));
      if ($("desa").value.trim() === q) tampilDesa(list);
    } catch { }
  }, 150);
  $("desa").addEventListener("input", () => { $("regionCode").value = ""; cariDesa(); });
  $("desa").addEventListener("keydown", e => {
    if ($("desaDaftar").classList.contains("tersembunyi")) return;
    if (e.key === "ArrowDown") { e.preventDefault(); sorotDesa(Math.min(desaIndex + 1, desa.length - 1)); }
    else if (e.key === "ArrowUp") { e.preventDefault(); sorotDesa(Math.max(desaIndex - 1, 0)); }
    else if (e.key === "Enter") { e.preventDefault(); if (desa.length) pilihDesa(desa[Math.max(desaIndex, 0)]); }
    else if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); tutupDesa(); }
  });
  $("desa").addEventListener("blur", () => setTimeout(tutupDesa, 150));
  function tampilDesa(list) {
    desa = list; desaIndex = list.length ? 0 : -1;
    $("desaDaftar").innerHTML = list.map((r, i) => `<li role="option" id="desa-${i}" data-i="${i}" aria-selected="${i === 0}">
      <strong>${simpus.esc(r.name)}</strong> <span class="kecil">${simpus.esc(r.kind)} · Kec. ${simpus.esc(r.kecamatan || "")}, ${simpus.esc(r.kabKota || "")}</span></li>`).join("")
      || '<li class="kecil">Tidak ada desa/kelurahan dengan nama itu.</li>';
    $("desaDaftar").classList.remove("tersembunyi");
    $("desa").setAttribute("aria-expanded", "true");
  }
  function sorotDesa(i) {
    desaIndex = i;
    [...$("desaDaftar").children].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    const li = $("desaDaftar").children[i];
    if (li) li.scrollIntoView({ block: "nearest" });
  }
  function pilihDesa(r) {
    $("regionCode").value = r.code;
    $("desa").value = r.label;
    document.querySelector('[data-error="regionCode"]').textContent = "";
    $("desa").removeAttribute("aria-invalid");
    tutupDesa();
  }
  function tutupDesa() {
    $("desaDaftar").classList.add("tersembunyi");
    $("desa").setAttribute("aria-expanded", "false");
  }
  $("desaDaftar").addEventListener("mousedown", e => {
    const li = e.target.closest("li[data-i]");
    if (li) { e.preventDefault(); pilihDesa(desa[+li.dataset.i]); }
  });

  // Duplicate candidates as the desk types.
  const cekDuplikat = simpus.debounce(async () => {
    const name = $("name").value.trim(), sex = $("sex").value, birthDate = $("birthDate").value, estimatedAge = $("estimatedAge").value;
    if (name.length < 3 || !sex || (!birthDate && !estimatedAge)) { tampilKandidat([]); return; }
    const qs = new URLSearchParams({ name, sex });
    if (birthDate) qs.set("birthDate", birthDate); else { qs.set("estimatedAge", estimatedAge); qs.set("estimatedAgeUnit", $("estimatedAgeUnit").value); }
    if (modeUbah) qs.set("exceptRm", pasien.rm);
    try { tampilKandidat(await simpus.api("GET", "/api/patients/duplicates?" + qs)); } catch { }
  }, 250);
  for (const id of ["name", "sex", "birthDate", "estimatedAge", "estimatedAgeUnit"]) $(id).addEventListener("input", cekDuplikat);

  function tampilKandidat(list) {
    $("kandidat").classList.toggle("tersembunyi", !list.length);
    $("yakinBaru").checked = false;
    $("kandidatDaftar").innerHTML = list.map(c => `<li><strong>${simpus.esc(c.name)}</strong> (${c.sex}, ${simpus.tanggal(c.birthDate)}) — ${simpus.esc(c.rm)}
      ${c.nik ? "· NIK " + simpus.esc(c.nik) : ""} ${c.address ? "· " + simpus.esc(c.address) : ""}
      <button type="button" class="kedua" data-rm="${simpus.esc(c.rm)}">Pakai pasien ini</button></li>`).join("");
  }
  $("kandidatDaftar").addEventListener("click", e => {
    const b = e.target.closest("button[data-rm]");
    if (b) pilih({ rm: b.dataset.rm });
  });

  $("formPasien").addEventListener("submit", async e => {
    e.preventDefault();
    const f = $("formPasien");
    const body = {};
    for (const k of ["nik", "bpjsNumber", "name", "sex", "birthDate", "address", "rt", "rw", "phone", "defaultPayer", "familyRm", "relation", "nikMismatchReason"]) body[k] = $(k).value.trim() || null;
    // The desa as picked from the list; a typed code is accepted too.
    body.regionCode = $("regionCode").value || ($("desa").value.trim().match(/^[\d.]+$/) ? $("desa").value.trim() : null);
    if (!body.regionCode && $("desa").value.trim()) {
      $("desa").setAttribute("aria-invalid", "true");
      document.querySelector('[data-error="regionCode"]').textContent = "Pilih desa/kelurahan dari daftar yang muncul saat mengetik namanya.";
      $("desa").focus();
      return;
    }
    body.estimatedAge = $("estimatedAge").value ? +$("estimatedAge").value : null;
    body.estimatedAgeUnit = body.estimatedAge !== null ? $("estimatedAgeUnit").value : null;
    if (body.estimatedAge !== null) body.birthDate = null;
    const kandidatTampil = !$("kandidat").classList.contains("tersembunyi");
    body.checkDuplicates = !modeUbah && !(kandidatTampil && $("yakinBaru").checked);
    $("simpan").disabled = true;
    try {
      pasien = modeUbah
        ? await simpus.api("PUT", "/api/patients/" + encodeURIComponent(pasien.rm), body)
        : await simpus.api("POST", "/api/patients", body);
      tampilPasien();
      simpus.message($("pesanKunjungan"), "ok", (modeUbah ? "Data pasien disimpan: " : "Pasien terdaftar dengan No. RM ") + pasien.rm);
      $("poli").focus();
    } catch (err) {
      const p = err.problem || {};
      if (p.code === "patient.possibleDuplicate") {
        tampilKandidat(p.candidates || []);
        simpus.message($("pesanForm"), "info", "Ada pasien mirip. Pilih pasien yang sama, atau centang 'ini pasien baru' lalu simpan lagi.");
        $("yakinBaru").focus();
      } else if (p.existingRm) {
        simpus.message($("pesanForm"), "galat", p.detail);
        const field = p.field || "nik";
        $(field).setAttribute("aria-invalid", "true");
        document.querySelector(`[data-error="${field}"]`).innerHTML = `${simpus.esc(p.detail)} <button type="button" class="kedua" data-rm="${simpus.esc(p.existingRm)}" id="bukaAda">Buka pasien itu</button>`;
        $("bukaAda").addEventListener("click", () => pilih({ rm: p.existingRm }));
      } else {
        const text = simpus.showErrors(f, err);
        if (p.codes && p.codes.nikMismatchReason) {
          $("konfirmasiNik").classList.remove("tersembunyi");
          $("desa").removeAttribute("aria-invalid");
          $("nikMismatchReason").focus();
        }
        if (p.errors && p.errors.regionCode) $("desa").setAttribute("aria-invalid", "true");
        simpus.message($("pesanForm"), "galat", text);
      }
    } finally {
      $("simpan").disabled = false;
    }
  });

  // ---- visit and its queue ticket ----
  $("formKunjungan").addEventListener("submit", async e => {
    e.preventDefault();
    const f = $("formKunjungan");
    simpus.clearErrors(f);
    const body = { rm: $("rm").value, poli: $("poli").value, payer: $("payer").value, complaint: $("complaint").value.trim() || null };
    if ($("arrivedAt").value) body.arrivedAt = $("arrivedAt").value;
    $("daftar").disabled = true;
    try {
      const v = await simpus.api("POST", "/api/visits", body);
      simpus.message($("pesanKunjungan"), "ok", "Terdaftar: " + v.patientName);
      $("tiket").classList.remove("tersembunyi");
      $("tiket").dataset.visit = v.id;
      $("tiketPoli").textContent = "Nomor antrean " + (v.poliName || v.poli);
      $("tiketNomor").textContent = v.queueLabel || v.queueNumber;
      $("tiketJenis").textContent = "Kunjungan " + v.visitType + " · " + simpus.tanggal(v.visitDate) + " " + simpus.jam(v.arrivedAt);
      $("pratinjauTiket").href = `/cetak/antrean/${v.id}?lebar=${simpan.lebar}`;
      $("complaint").value = ""; $("arrivedAt").value = "";
      if (simpan.otomatis && !v.backEntered) cetak(v.id);
      muatAntrean();
      $("cari").select(); $("cari").focus();
    } catch (err) {
      simpus.message($("pesanKunjungan"), "galat", simpus.showErrors(f, err));
    } finally {
      $("daftar").disabled = !$("rm").value;
    }
  });

  /** Prints the ticket through a hidden frame: the ticket page opens the system print dialog itself. */
  function cetak(visitId) {
    $("bingkaiCetak").src = `/cetak/antrean/${visitId}?lebar=${simpan.lebar}&cetak=1`;
  }
  $("cetakTiket").addEventListener("click", () => { if ($("tiket").dataset.visit) cetak($("tiket").dataset.visit); });
  $("cetakOtomatis").addEventListener("change", e => { simpan.otomatis = e.target.checked; });
  $("lebarTiket").addEventListener("change", e => {
    simpan.lebar = e.target.value;
    if ($("tiket").dataset.visit) $("pratinjauTiket").href = `/cetak/antrean/${$("tiket").dataset.visit}?lebar=${simpan.lebar}`;
  });

  // ---- today's queue: waiting first, then in service, finished folded away ----
  let selesaiTerbuka = false;
  async function muatAntrean() {
    const poli = $("filterPoli").value;
    let visits;
    try { visits = await simpus.api("GET", "/api/visits" + (poli ? "?poli=" + encodeURIComponent(poli) : "")); } catch { return; }
    const byTime = (a, b) => a.arrivedAt < b.arrivedAt ? -1 : a.arrivedAt > b.arrivedAt ? 1 : a.queueNumber - b.queueNumber;
    const group = status => visits.filter(v => v.status === status).sort(byTime);
    const waiting = group("arrived"), serving = group("in-progress");
    const done = visits.filter(v => v.status === "finished" || v.status === "cancelled").sort((a, b) => -byTime(a, b));
    const row = v => `<tr data-visit="${v.id}"><td class="label">${simpus.esc(v.queueLabel || v.queueNumber)}</td><td>${simpus.esc(v.poliShortName || v.poli)}</td>
      <td>${simpus.esc(v.patientName)} <span class="lencana ${v.visitType}">${v.visitType}</span></td>
      <td><span class="lencana ${v.status}">${statusLabel[v.status]}</span></td><td>${simpus.jam(v.arrivedAt)}</td></tr>`;
    const table = (id, list) => `<table id="${id}"><thead><tr><th>No</th><th>Poli</th><th>Pasien</th><th>Status</th><th>Datang</th></tr></thead><tbody>${list.map(row).join("")}</tbody></table>`;
    const html = [];
    html.push(`<h3>Menunggu (${waiting.length})</h3>` + (waiting.length ? table("antreanMenunggu", waiting) : '<p class="kecil" id="antreanMenunggu">Tidak ada yang menunggu.</p>'));
    if (serving.length) html.push(`<h3>Sedang dilayani (${serving.length})</h3>` + table("antreanDilayani", serving));
    if (done.length) html.push(`<details id="antreanSelesai"${selesaiTerbuka ? " open" : ""}><summary>Selesai / batal (${done.length})</summary>${table("antreanSelesaiTabel", done)}</details>`);
    if (!visits.length) html.splice(0, html.length, '<p class="kecil">Belum ada kunjungan hari ini.</p>');
    $("antreanHari").innerHTML = html.join("");
    const det = $("antreanSelesai");
    if (det) det.addEventListener("toggle", () => { selesaiTerbuka = det.open; });
  }
  $("filterPoli").addEventListener("change", muatAntrean);

  document.addEventListener("keydown", e => {
    if (e.key === "F2") { e.preventDefault(); bukaForm(false); }
    else if (e.key === "F3") { e.preventDefault(); $("cari").select(); $("cari").focus(); }
    else if (e.key === "Escape" && !$("panelForm").classList.contains("tersembunyi")) { e.preventDefault(); tutupForm(); }
  });
  init();
})();
