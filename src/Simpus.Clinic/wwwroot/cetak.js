// SIMPUS print pages (/cetak/kartu/{rm}, /cetak/resep/{visitId}, /cetak/surat/{id}, /cetak/surat/baru?kunjungan=&jenis=):
// renders the document as it will be printed (the preview), logs every print, and opens the print dialog at once
// when opened with ?cetak=1 (one click from the desk or the examination page).
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const esc = s => simpus.esc(s);
  const params = new URLSearchParams(location.search);
  const parts = location.pathname.split("/").filter(Boolean);
  const kind = document.body.dataset.dokumen;
  const fmtTanggal = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric" });
  const tanggal = iso => iso ? fmtTanggal.format(new Date(iso + "T00:00:00")) : "";
  const angka = n => String(n).replace(".", ",");
  const roman = n => { let r = "", v = Math.round(n); for (const [k, s] of [[1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"], [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"]]) while (v >= k) { r += s; v -= k; } return r; };
  const satuan = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];
  const terbilang = n => n < 12 ? satuan[n] : n < 20 ? satuan[n - 10] + " belas" : satuan[Math.floor(n / 10)] + " puluh" + (n % 10 ? " " + satuan[n % 10] : "");
  let log = null, logged = false;

  function message(text) { $("pesan").textContent = text || ""; }

  /** "dokter", "dokter gigi", "bidan" from the title before the signer's name (dr., drg., Bidan); null when none. */
  function profesi(name) {
    const n = (name || "").trim();
    return /^drg\.?\s/i.test(n) ? "dokter gigi" : /^dr\.?\s/i.test(n) ? "dokter" : /^(bidan|bd\.)\s/i.test(n) ? "bidan" : null;
  }
  const kapital = s => s.charAt(0).toUpperCase() + s.slice(1);
  const titik = ".................................";

  function kop(lh) {
    const contact = [lh.phone && "Telp. " + lh.phone, lh.email && "Email: " + lh.email].filter(Boolean).join(" · ");
    const government = lh.government || (lh.kabKota ? "PEMERINTAH " + lh.kabKota.toUpperCase() : "");
    return `<div class="kop">${lh.hasLogo ? '<img src="/api/documents/logo" alt="">' : ""}<div class="teks">
      ${government ? `<div class="instansi">${esc(government)}<br>DINAS KESEHATAN</div>` : ""}
      <div class="nama">${esc((lh.name || "").toUpperCase())}</div>
      ${lh.address ? `<div class="alamat">${esc(lh.address)}</div>` : ""}${contact ? `<div class="alamat">${esc(contact)}</div>` : ""}</div></div>`;
  }

  function ttd(place, date, role, s) {
    return `<div class="ttd"><div>${esc(place)}${place ? ", " : ""}${tanggal(date)}</div><div>${esc(role)}</div><div class="ruang"></div>
      <div class="nama-ttd">${esc(s.name || "(" + titik + ")")}</div>
      <div>NIP. ${esc(s.nip || titik)}</div><div>SIP. ${esc(s.sip || titik)}</div></div>`;
  }

  /** A label/value table: the colon in a column of its own, so that a value running to a second line stays under itself. */
  function tabel(rows) {
    return `<table class="data">${rows.map(([k, v]) => `<tr><td class="k">${k}</td><td class="t">:</td><td>${v}</td></tr>`).join("")}</table>`;
  }

  function alamat(p) {
    return [p.address, p.region].filter(Boolean).join(", ");
  }

  function identitas(p) {
    const rows = [["Nama", p.name], ["Jenis kelamin", p.sex === "L" ? "Laki-laki" : "Perempuan"], ["Tanggal lahir / umur", tanggal(p.birthDate) + " / " + p.age],
      ["No. rekam medis", p.rm], ["NIK", p.nik], ["No. BPJS", p.bpjsNumber], ["Alamat", alamat(p)]];
    return tabel(rows.filter(r => r[1]).map(([k, v]) => [k, esc(v)]));
  }

  function vital(v) {
    const parts = [];
    if (v.systolic) parts.push(`Tekanan darah ${v.systolic}/${v.diastolic} mmHg`);
    if (v.pulse) parts.push(`nadi ${v.pulse} x/menit`);
    if (v.respiration) parts.push(`napas ${v.respiration} x/menit`);
    if (v.temperature) parts.push(`suhu ${angka(v.temperature)} °C`);
    if (v.weight) parts.push(`berat badan ${angka(v.weight)} kg`);
    if (v.height) parts.push(`tinggi badan ${angka(v.height)} cm`);
    return parts.join(", ") || "—";
  }

  function diagnosis(list) {
    return list.map(d => `<div>${esc(d.code)} ${esc(d.name)}${d.primary && list.length > 1 ? " (utama)" : ""}</div>`).join("") || "—";
  }

  function surat(c) {
    const nomor = c.number ? esc(c.number) : "<i>(diberikan saat surat diterbitkan)</i>";
    const siapa = profesi(c.signer.name);
    const penanda = `Yang bertanda tangan di bawah ini, ${siapa || "petugas kesehatan"} pada ${esc(c.letterhead.name)}, menerangkan bahwa`;
    let isi = "";
    if (c.kind === "rujukan") {
      isi = `<p>Kepada Yth.<br><b>${esc(c.destination)}</b><br>di Tempat</p>
        <p>Dengan hormat, mohon pemeriksaan dan penanganan lebih lanjut terhadap pasien:</p>${identitas(c.patient)}
        ${tabel([
          ["Tanggal periksa", `${tanggal(c.visitDate)}${c.poli ? ", " + esc(c.poli) : ""}`],
          ["Anamnesis", esc([c.complaint, c.history].filter(Boolean).join(". ") || "—")],
          ["Pemeriksaan fisik", esc(c.physicalExam || "—")],
          ["Tanda vital", vital(c.vitals)],
          ["Diagnosis (ICD-10)", diagnosis(c.diagnoses)],
          ["Terapi yang telah diberikan", c.therapy.length ? `<ol class="terapi">${c.therapy.map(t => `<li>${esc(t)}</li>`).join("")}</ol>` : "—"],
          ["Alasan dirujuk", esc(c.reason)],
        ])}
        <p>Demikian surat rujukan ini kami sampaikan. Atas kerja sama Bapak/Ibu kami ucapkan terima kasih.</p>`;
    } else if (c.kind === "sakit") {
      isi = `<p>${penanda}:</p>${identitas(c.patient)}
        <p>telah kami periksa pada tanggal ${tanggal(c.visitDate)} dan karena sakit perlu beristirahat selama
        <b>${c.restDays} (${terbilang(c.restDays)}) hari</b>, terhitung mulai tanggal ${tanggal(c.restFrom)} sampai dengan ${tanggal(c.restTo)}.</p>
        <p>Demikian surat keterangan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.</p>`;
    } else {
      const v = c.vitals;
      const bmi = v.weight && v.height ? angka((v.weight / Math.pow(v.height / 100, 2)).toFixed(1)) : null;
      isi = `<p>${penanda} pada tanggal ${tanggal(c.visitDate)} telah melakukan pemeriksaan kesehatan terhadap:</p>${identitas(c.patient)}
        <p>dengan hasil pemeriksaan:</p>
        ${tabel([
          ["Tekanan darah", v.systolic ? `${v.systolic}/${v.diastolic} mmHg` : "—"],
          ["Nadi / napas", `${v.pulse ? v.pulse + " x/menit" : "—"} / ${v.respiration ? v.respiration + " x/menit" : "—"}`],
          ["Suhu", v.temperature ? angka(v.temperature) + " °C" : "—"],
          ["Berat badan", v.weight ? angka(v.weight) + " kg" : "—"],
          ["Tinggi badan", `${v.height ? angka(v.height) + " cm" : "—"}${bmi ? ` (IMT ${bmi} kg/m²)` : ""}`],
          ["Pemeriksaan fisik", esc(c.physicalExam || "dalam batas normal")],
        ])}
        <p>Berdasarkan hasil pemeriksaan tersebut, yang bersangkutan dinyatakan <span class="kesimpulan">${esc(c.conclusion)}</span>.</p>
        <p>Surat keterangan ini dipergunakan untuk: <b>${esc(c.purpose)}</b>.</p>`;
    }
    return kop(c.letterhead) + `<h1 class="judul">${esc(c.title)}</h1><div class="nomor">Nomor: ${nomor}</div>` + isi
      + ttd(c.place, c.date, siapa ? kapital(siapa) + " pemeriksa," : "Pemeriksa,", c.signer);
  }

  function kartu(d) {
    const lh = d.letterhead, p = d.patient;
    return `<div class="kepala-kartu">${lh.hasLogo ? '<img src="/api/documents/logo" alt="">' : ""}<div>
        <div class="nama-pkm">${esc((lh.name || "").toUpperCase())}</div>
        <div class="alamat-pkm">${esc([lh.address, lh.phone && "Telp. " + lh.phone].filter(Boolean).join(" · "))}</div></div></div>
      <div class="judul-kartu">KARTU BEROBAT</div>
      <div class="rm">${esc(p.rm)}</div>
      <div class="baris-kartu"><b>${esc(p.name)}</b> (${p.sex})</div>
      <div class="baris-kartu">Lahir ${tanggal(p.birthDate)}</div>
      ${p.address ? `<div class="baris-kartu">${esc(p.address)}</div>` : ""}
      ${p.region ? `<div class="baris-kartu">${esc(p.region)}</div>` : ""}
      <img class="kode-batang" id="kodeBatang" src="/api/documents/barcode?value=${encodeURIComponent(d.barcode)}" alt="Kode batang ${esc(d.barcode)}">
      <div class="pesan-kartu">Bawa kartu ini setiap kali berobat</div>`;
  }

  function resep(d) {
    const p = d.patient;
    return kop(d.letterhead) + `<div class="baris-resep"><span>Tanggal: ${tanggal(d.visitDate)}</span><span>${esc(d.poli)}</span></div>
      <h1 class="judul judul-resep">RESEP</h1>
      ${d.items.map(i => `<div class="resep-item"><span class="r">R/</span>${esc(i.drug)} — No. ${roman(i.quantity) || angka(i.quantity)} (${angka(i.quantity)} ${esc(i.unit)})
        <div class="signa">S ${esc(i.dose)}${i.days ? ` selama ${i.days} hari` : ""}</div></div>`).join("")}
      <div class="pro">${tabel([
        ["Pro", `<b>${esc(p.name)}</b> (${p.sex}, ${esc(p.age)}${d.weight ? ", BB " + angka(d.weight) + " kg" : ""})`],
        ["No. RM", esc(p.rm)],
        ["Alamat", esc(alamat(p) || "—")],
        ["Diagnosis", esc(d.diagnosis || "—")],
      ])}</div>` + ttd(d.place, d.visitDate, "Penulis resep,", d.signer);
  }

  function catat(body, options) {
    return fetch("/api/documents/prints", Object.assign({ method: "POST", credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/json" }, body: JSON.stringify(body) }, options || {}));
  }

  /**
   * One print, one row in the print log. "Cetak" (or ?cetak=1) logs and then opens the print dialog; the "beforeprint"
   * that the dialog raises belongs to that print and is not logged again. A print the page did not start (Ctrl+P, the
   * browser's menu) is logged by "beforeprint".
   */
  async function print() {
    logged = false;
    if (log) {
      try {
        const res = await catat(log);
        if (!res.ok) throw await res.json().catch(() => ({}));
        logged = true;
      } catch (problem) { message((problem && problem.detail) || "Gagal mencatat cetakan."); }
    }
    document.body.dataset.dicetak = String(Number(document.body.dataset.dicetak || 0) + 1);
    window.print();
  }
  $("cetak").addEventListener("click", print);
  window.addEventListener("beforeprint", () => {
    if (logged) { logged = false; return; }
    if (log) catat(log, { keepalive: true }).catch(() => { });
  });
  window.addEventListener("afterprint", () => { logged = false; });

  async function ready() {
    const images = [...document.querySelectorAll("#dokumen img")];
    await Promise.all(images.map(img => img.complete ? null : new Promise(r => { img.onload = img.onerror = r; })));
    document.body.dataset.siap = "1";
    if (params.get("cetak") === "1") await print();
  }

  async function muatSurat(letterId) {
    const letter = await simpus.api("GET", "/api/letters/" + letterId);
    $("dokumen").innerHTML = surat(letter.content);
    document.title = letter.content.title + " " + letter.number + " — SIMPUS";
    $("cetak").hidden = false;
    $("isian").hidden = true;
    $("kembali").href = "/poli/periksa/" + letter.visitId;
    $("info").textContent = `Terbit ${tanggal(letter.content.date)} oleh ${letter.content.signer.name}. Cetak ulang menampilkan nomor dan isi yang sama.`;
    log = { document: letter.kind, letterId: letter.id };
  }

  async function suratBaru() {
    const visitId = Number(params.get("kunjungan")), jenis = params.get("jenis") || "rujukan";
    $("kembali").href = "/poli/periksa/" + visitId;
    $("isian").hidden = false;
    $("isianSakit").hidden = $("isianSakit2").hidden = jenis !== "sakit";
    $("isianSehat").hidden = $("isianSehat2").hidden = jenis !== "sehat";
    const body = () => ({ kind: jenis, restDays: jenis === "sakit" ? Number($("restDays").value) || null : null, restFrom: $("restFrom").value || null,
      purpose: $("purpose").value || null, conclusion: $("conclusion").value || null });
    const pratinjau = async () => {
      message("");
      try { $("dokumen").innerHTML = surat(await simpus.api("POST", `/api/visits/${visitId}/letters/draft`, body())); }
      catch (err) { message(simpus.showErrors($("isian"), err)); }
    };
    $("pratinjau").addEventListener("click", pratinjau);
    $("isian").addEventListener("submit", async e => {
      e.preventDefault();
      $("terbitkan").disabled = true;
      try {
        const letter = await simpus.api("POST", `/api/visits/${visitId}/letters`, body());
        location.replace(`/cetak/surat/${letter.id}?cetak=1`);
      } catch (err) { message(simpus.showErrors($("isian"), err)); $("terbitkan").disabled = false; }
    });
    const issued = (await simpus.api("GET", `/api/visits/${visitId}/letters`)).filter(l => l.kind === jenis);
    $("info").innerHTML = issued.length ? "Sudah terbit: " + issued.map(l => `<a href="/cetak/surat/${l.id}">${esc(l.number)}</a>`).join(", ") : "";
    await pratinjau();
  }

  (async () => {
    try {
      if (kind === "kartu") {
        const rm = decodeURIComponent(parts[2]);
        $("dokumen").innerHTML = kartu(await simpus.api("GET", "/api/documents/card/" + encodeURIComponent(rm)));
        log = { document: "kartu", rm };
      } else if (kind === "resep") {
        const visitId = Number(parts[2]);
        $("kembali").href = "/poli/periksa/" + visitId;
        $("dokumen").innerHTML = resep(await simpus.api("GET", "/api/documents/prescription/" + visitId));
        log = { document: "resep", visitId };
      } else if (parts[2] === "baru") {
        await suratBaru();
        document.body.dataset.siap = "1";
        return;
      } else {
        await muatSurat(Number(parts[2]));
      }
      await ready();
    } catch (err) {
      message((err.problem && err.problem.detail) || "Dokumen tidak dapat dimuat.");
      document.body.dataset.siap = "galat";
    }
  })();
})();
