"use strict";
/**
 * The kohort ibu part of the KIA panel on /poli/periksa: the pregnancy (HPHT → HPL and gestational age, G-P-A, risk
 * factors), this visit's antenatal contact (who gave it, LILA, Hb, TFU, DJJ, presentation, Td status), the delivery
 * (date, place, helper) and the pregnancy's contacts so far as the paper kohort lists them.
 * periksa.html calls kohortIbu.fill(kiaRecord, examinationRecord) and reads kohortIbu.antenatal() / kohortIbu.delivery().
 */
window.kohortIbu = (() => {
  const $ = id => document.getElementById(id);
  const riskFlags = {
    anemia: "Anemia", hipertensi: "Hipertensi", kek: "KEK (LILA < 23,5)", usia_risiko: "Usia < 20 / > 35", jarak_dekat: "Jarak kehamilan < 2 th",
    paritas_tinggi: "Paritas ≥ 4", tinggi_badan_rendah: "TB < 145 cm", riwayat_sc: "Riwayat SC", preeklamsia: "Preeklamsia", perdarahan: "Perdarahan",
    infeksi: "Infeksi", diabetes: "Diabetes", hiv: "HIV", sifilis: "Sifilis", hepatitis_b: "Hepatitis B", riwayat_keguguran: "Riwayat keguguran",
    kelainan_letak: "Kelainan letak", gemeli: "Hamil kembar", lainnya: "Lainnya",
  };
  const presentations = { kepala: "Kepala", bokong: "Bokong", lintang: "Lintang", belum: "Belum teraba" };
  const dayMs = 86400000;
  let visitDate = null, pregnancy = null, shown = false, hadDelivery = false;

  const num = id => { const v = $(id).value.trim().replace(",", "."); return v === "" ? null : Number(v); };
  const parse = iso => new Date(iso + "T00:00:00Z");
  const iso = d => d.toISOString().slice(0, 10);
  const fmt = v => v == null ? "" : String(v).replace(".", ",");

  /** Completed weeks and days from a reference date to the visit date. */
  function gestation(reference) {
    const days = Math.round((parse(visitDate) - parse(reference)) / dayMs);
    return { weeks: Math.floor(days / 7), days: days % 7 };
  }

  function trimester(week) {
    if (week == null) return null;
    const t1 = pregnancy ? pregnancy.trimester1MaxWeeks : 12, t2 = pregnancy ? pregnancy.trimester2MaxWeeks : 24;
    return week <= t1 ? 1 : week <= t2 ? 2 : 3;
  }

  /** HPHT typed: HPL and gestational age follow (the week field is then computed, not typed). */
  function fromLmp() {
    const lmp = $("ancLmp").value;
    if (lmp) {
      const g = gestation(lmp);
      $("ancWeek").value = g.weeks >= 0 ? g.weeks : "";
      $("ancWeek").readOnly = true;
      $("ancEdd").textContent = simpus.tanggal(iso(new Date(parse(lmp).getTime() + 280 * dayMs)));
    } else {
      $("ancWeek").readOnly = false;
      const w = num("ancWeek");
      $("ancEdd").textContent = w != null && w >= 0 ? simpus.tanggal(iso(new Date(parse(visitDate).getTime() + (280 - 7 * w) * dayMs))) + " (perkiraan)" : "—";
    }
    summary();
  }

  function summary() {
    const box = $("kehamilan");
    if (!pregnancy || pregnancy.endedOn) {
      box.className = "kehamilan";
      box.textContent = pregnancy && pregnancy.endedOn
        ? `Kehamilan terakhir berakhir ${simpus.tanggal(pregnancy.endedOn)} (${pregnancy.endKind}). Centang ANC untuk mencatat kehamilan baru.`
        : "Belum ada kehamilan yang tercatat. Centang ANC untuk memulai kohort kehamilan ini.";
      return;
    }
    const parts = [];
    if (pregnancy.gravida) parts.push(`G${pregnancy.gravida}P${pregnancy.para ?? 0}A${pregnancy.abortus ?? 0}`);
    if (pregnancy.lmp) parts.push("HPHT " + simpus.tanggal(pregnancy.lmp));
    if (pregnancy.edd) parts.push("HPL " + simpus.tanggal(pregnancy.edd));
    if (pregnancy.gestationalWeek != null) parts.push(`UK ${pregnancy.gestationalWeek} mg ${pregnancy.gestationalDays} hr (trimester ${pregnancy.trimester})`);
    parts.push(`${pregnancy.contacts.length} kontak`);
    box.className = "kehamilan" + (pregnancy.dated ? "" : " belum-lengkap");
    box.textContent = (pregnancy.dated ? "" : "Data belum lengkap: isi HPHT atau usia kehamilan. ") + "Kehamilan ini: " + parts.join(" · ");
  }

  function renderContacts(visitId) {
    const panel = $("panelKohort");
    if (!pregnancy || pregnancy.contacts.length === 0) { panel.classList.add("tersembunyi"); return; }
    panel.classList.remove("tersembunyi");
    const met = [["K1 akses", pregnancy.k1Akses], ["K1 murni", pregnancy.k1Murni], ["K4", pregnancy.k4], ["K6", pregnancy.k6]]
      .map(([name, d]) => `<span class="lencana ${d ? "finished" : ""}">${name}: ${d ? "✓ " + simpus.tanggal(d) : "belum"}</span>`).join(" ");
    $("kohortCapaian").innerHTML = met + ` <span class="kecil">Trimester 1 ≤ ${pregnancy.trimester1MaxWeeks} mg, trimester 2 ≤ ${pregnancy.trimester2MaxWeeks} mg.</span>`;
    $("kohortKontak").innerHTML = pregnancy.contacts.map(k => `<tr class="${k.visitId === visitId ? "ini" : ""}">
      <td>${k.visitNumber}</td><td>${simpus.esc(simpus.tanggal(k.date))}</td><td>${k.gestationalWeek ?? "?"}</td><td>${k.trimester ?? "?"}</td>
      <td title="${simpus.esc(k.givenByName || "")}">${k.givenBy === "dokter" ? "Dokter" : "Bidan"}</td>
      <td>${fmt(k.weight)}</td><td>${k.systolic ? k.systolic + "/" + (k.diastolic ?? "") : ""}</td><td>${fmt(k.muac)}</td><td>${fmt(k.hb)}</td>
      <td>${fmt(k.fundalHeight)}</td><td>${k.fetalHeartRate ?? ""}</td><td>${simpus.esc(presentations[k.presentation] || "")}</td><td>${simpus.esc(k.tdStatus || "")}</td></tr>`).join("");
  }

  function toggle() {
    $("ancIsian").classList.toggle("tersembunyi", !$("ancIni").checked);
    if ($("ancIni").checked && !$("ancGivenBy").value) $("ancGivenBy").value = "bidan";
  }

  function fill(k, record) {
    visitDate = record.visitDate;
    pregnancy = k.pregnancy || null;
    const years = (parse(record.visitDate) - parse(record.birthDate)) / (365.25 * dayMs);
    shown = record.poli === "kia" && record.sex === "P" && years >= 10 && years <= 55;
    $("panelAnc").classList.toggle("tersembunyi", !shown);
    if (!shown) { $("panelKohort").classList.add("tersembunyi"); return; }
    if (!$("risiko").children.length) {
      $("risiko").innerHTML = Object.entries(riskFlags).map(([v, l]) => `<label><input type="checkbox" value="${v}"> ${l}</label>`).join("");
    }
    const a = k.antenatal, p = pregnancy && !pregnancy.endedOn ? pregnancy : (a ? pregnancy : null);
    $("ancIni").checked = !!a;
    $("ancLmp").value = p && p.lmp ? p.lmp : "";
    $("ancWeek").value = a && a.gestationalWeek != null ? a.gestationalWeek : (p && p.gestationalWeek != null ? p.gestationalWeek : "");
    $("ancGivenBy").value = a ? a.givenBy : "";
    $("ancG").value = p && p.gravida != null ? p.gravida : ""; $("ancP").value = p && p.para != null ? p.para : ""; $("ancA").value = p && p.abortus != null ? p.abortus : "";
    $("ancMuac").value = a ? fmt(a.muac) : ""; $("ancHb").value = a ? fmt(a.hb) : ""; $("ancTfu").value = a ? fmt(a.fundalHeight) : "";
    $("ancDjj").value = a && a.fetalHeartRate != null ? a.fetalHeartRate : ""; $("ancPresentation").value = a && a.presentation ? a.presentation : "";
    $("ancTd").value = a && a.tdStatus ? a.tdStatus : "";
    $("ancBaru").checked = false;
    $("labelBaru").classList.toggle("tersembunyi", !(p && !a));
    document.querySelectorAll("#risiko input").forEach(c => c.checked = !!(p && p.riskFlags.includes(c.value)));
    hadDelivery = !!k.delivery;
    $("delDate").value = k.delivery ? k.delivery.deliveryDate : "";
    $("delPlace").value = k.delivery ? k.delivery.place : "";
    $("delHelper").value = k.delivery && k.delivery.helper ? k.delivery.helper : "";
    $("persalinan").open = hadDelivery;
    toggle();
    fromLmp();
    renderContacts(k.visitId);
  }

  /** The antenatal section of the KIA body, or null when this visit is no antenatal contact. */
  function antenatal() {
    if (!shown || !$("ancIni").checked) return null;
    const lmp = $("ancLmp").value || null;
    const g = num("ancG");
    return {
      givenBy: $("ancGivenBy").value || null, lmp, gestationalWeek: lmp ? null : num("ancWeek"),
      gravida: g, para: g == null ? null : (num("ancP") ?? 0), abortus: g == null ? null : (num("ancA") ?? 0),
      riskFlags: [...document.querySelectorAll("#risiko input:checked")].map(c => c.value),
      muac: num("ancMuac"), hb: num("ancHb"), fundalHeight: num("ancTfu"), fetalHeartRate: num("ancDjj"),
      presentation: $("ancPresentation").value || null, tdStatus: $("ancTd").value || null, newPregnancy: $("ancBaru").checked,
    };
  }

  /** The delivery section, or null when nothing was typed (a recorded delivery is kept unless all three fields are emptied). */
  function delivery() {
    if (!shown) return null;
    const d = { deliveryDate: $("delDate").value || null, place: $("delPlace").value || null, helper: $("delHelper").value || null };
    return d.deliveryDate || d.place || d.helper ? d : null;
  }

  $("ancIni").addEventListener("change", toggle);
  $("ancLmp").addEventListener("input", fromLmp);
  $("ancWeek").addEventListener("input", fromLmp);

  return { fill, antenatal, delivery, trimester };
})();
