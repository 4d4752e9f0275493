// /apotek/penerimaan: a receipt (document, date, source, funding) with its lines (drug, batch, expiry, quantity), and the month's receipts.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  let lines = [], chosen = null, defaultSource = "";

  function draw() {
    $("baris").innerHTML = lines.map((l, i) => `<tr>
        <td>${simpus.esc(l.name)}<div class="salah" data-error="lines[${i}].drug"></div></td>
        <td>${simpus.esc(l.batch)}<div class="salah" data-error="lines[${i}].batch"></div></td>
        <td>${simpus.tanggal(l.expiry)}<div class="salah" data-error="lines[${i}].expiry"></div></td>
        <td class="angka">${apotek.angka(l.quantity)} ${simpus.esc(l.unit)}<div class="salah" data-error="lines[${i}].quantity"></div></td>
        <td class="aksi"><button type="button" class="kedua" data-hapus="${i}" aria-label="Hapus ${simpus.esc(l.name)}">×</button></td></tr>`).join("")
      || `<tr><td colspan="5" class="kecil">Belum ada baris.</td></tr>`;
  }

  function add() {
    $("salahBaris").textContent = "";
    const batch = $("bets").value.trim(), expiry = $("kedaluwarsa").value, q = $("jumlah").value.trim();
    if (!chosen || $("cariObat").value !== chosen.name) { $("salahBaris").textContent = "Pilih obat dari daftar."; $("cariObat").focus(); return; }
    if (!batch) { $("salahBaris").textContent = "Isi nomor bets."; $("bets").focus(); return; }
    if (!expiry) { $("salahBaris").textContent = "Isi tanggal kedaluwarsa."; $("kedaluwarsa").focus(); return; }
    if (!/^\d+$/.test(q) || Number(q) < 1) { $("salahBaris").textContent = "Jumlah harus bilangan bulat 1 atau lebih."; $("jumlah").focus(); return; }
    lines.push({ drug: chosen.code, name: chosen.name, unit: chosen.unit, batch, expiry, quantity: Number(q) });
    draw();
    chosen = null;
    ["cariObat", "bets", "kedaluwarsa", "jumlah"].forEach(id => $(id).value = "");
    $("cariObat").focus();
  }

  async function history() {
    const list = await simpus.api("GET", `/api/pharmacy/receipts?month=${$("bulan").value}`).catch(() => []);
    $("riwayat").innerHTML = list.map(r => `<tr><td>${simpus.tanggal(r.date)}</td>
        <td>${simpus.esc(r.documentNumber)}<div class="kecil">${simpus.esc(r.source)} · ${r.funding.toUpperCase()}</div></td>
        <td class="angka">${r.lineCount}</td></tr>`).join("") || `<tr><td colspan="3" class="kecil">Belum ada penerimaan bulan ini.</td></tr>`;
  }

  apotek.cariObat($("cariObat"), $("hasilObat"), d => { chosen = d; $("cariObat").value = d.name; $("bets").focus(); });
  $("tambah").addEventListener("click", add);
  ["bets", "kedaluwarsa", "jumlah"].forEach((id, i, all) => $(id).addEventListener("keydown", e => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    if (id === "jumlah") add(); else $(all[i + 1]).focus();
  }));
  $("baris").addEventListener("click", e => { const b = e.target.closest("[data-hapus]"); if (b) { lines.splice(Number(b.dataset.hapus), 1); draw(); } });
  $("form").addEventListener("keydown", e => { if (e.key === "Enter" && e.target.matches("#documentNumber, #source, #note")) e.preventDefault(); });
  $("form").addEventListener("submit", async e => {
    e.preventDefault();
    const body = {
      documentNumber: $("documentNumber").value, date: $("date").value, source: $("source").value, funding: $("funding").value, note: $("note").value,
      lines: lines.map(l => ({ drug: l.drug, batch: l.batch, expiry: l.expiry, quantity: l.quantity })),
    };
    try {
      const saved = await simpus.api("POST", "/api/pharmacy/receipts", body);
      simpus.clearErrors($("form"));
      simpus.message($("pesan"), "ok", `Penerimaan ${saved.documentNumber} tersimpan: ${saved.lineCount} baris, ${apotek.angka(saved.totalQuantity)} satuan.`);
      lines = []; draw();
      $("documentNumber").value = ""; $("note").value = "";
      $("documentNumber").focus();
      history(); apotek.peringatan();
    } catch (err) { simpus.message($("pesan"), "galat", simpus.showErrors($("form"), err)); }
  });
  $("bulan").addEventListener("change", history);

  (async () => {
    const ctx = await apotek.start();
    if (!ctx) return;
    if (!ctx.canWrite) { $("simpan").disabled = true; $("tambah").disabled = true; }
    const settings = await simpus.api("GET", "/api/pharmacy/settings").catch(() => null);
    defaultSource = settings && settings.defaultSource || "";
    $("source").value = defaultSource;
    $("date").value = apotek.hariIni();
    $("bulan").value = apotek.hariIni().slice(0, 7);
    draw();
    history();
    $("documentNumber").focus();
  })();
})();
