// /apotek/stok: the alerts, stock per drug, the stock card with its batches, and writing stock off (expired, damaged, lost, returned).
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const funding = { apbd: "APBD", apbn: "APBN", jkn: "JKN", program: "Program", hibah: "Hibah", lainnya: "Lainnya" };
  let stock = [], drug = null, card = null, batch = null, canWrite = false;

  async function alerts() {
    const a = await simpus.api("GET", "/api/pharmacy/alerts");
    $("jendela").textContent = `(${a.expiryWindowMonths} bulan)`;
    $("kedaluwarsa").innerHTML = a.expiring.map(x => `<tr><td><b>${simpus.esc(x.drugName)}</b><div class="bets">bets ${simpus.esc(x.batch)} · sisa ${apotek.angka(x.onHand)} ${simpus.esc(x.unit)}</div></td>
        <td class="${x.expired ? "stok-habis" : "stok-kurang"}">${x.expired ? "kedaluwarsa " : ""}${simpus.tanggal(x.expiry)}${x.expired ? "" : `<div class="kecil">${x.daysToExpiry} hari lagi</div>`}</td>
        <td class="aksi">${canWrite && x.expired ? `<button type="button" class="bahaya" data-hapus="${x.batchId}" data-obat="${simpus.esc(x.drug)}">Keluarkan</button>` : ""}</td></tr>`).join("")
      || `<tr><td class="kecil">Tidak ada bets yang kedaluwarsa dalam ${a.expiryWindowMonths} bulan.</td></tr>`;
    $("minimum").innerHTML = a.belowMinimum.map(x => `<tr><td><a href="#" data-obat-link="${simpus.esc(x.drug)}">${simpus.esc(x.drugName)}</a></td>
        <td class="angka ${x.onHand === 0 ? "stok-habis" : "stok-kurang"}">${apotek.angka(x.onHand)}</td>
        <td class="angka kecil">min ${apotek.angka(x.minimum)}${x.minimumDerived ? "*" : ""}</td></tr>`).join("")
      || `<tr><td class="kecil">Semua obat di atas minimum.</td></tr>`;
    $("kosongHariIni").innerHTML = a.outOfStockPrescribedToday.map(x => `<tr><td><a href="#" data-obat-link="${simpus.esc(x.drug)}">${simpus.esc(x.drugName)}</a></td>
        <td class="angka">${x.prescriptionLines} resep</td><td class="kecil">${x.patients} pasien</td></tr>`).join("")
      || `<tr><td class="kecil">Tidak ada.</td></tr>`;
  }

  async function loadStock() {
    stock = await simpus.api("GET", `/api/pharmacy/stock?onlyWithStock=${$("adaStok").checked}&q=${encodeURIComponent($("cari").value)}`);
    $("stok").innerHTML = stock.map((s, i) => `<tr data-index="${i}" tabindex="-1" class="${drug === s.drug ? "pilih" : ""}">
        <td><b>${simpus.esc(s.name)}</b><div class="kecil">${simpus.esc(s.drug)} · ${simpus.esc(s.fornasClass || "kelas Fornas belum diisi")}</div></td>
        <td class="angka ${s.onHand === 0 ? "stok-habis" : s.belowMinimum ? "stok-kurang" : ""}">${apotek.angka(s.onHand)} <span class="kecil">${simpus.esc(s.unit)}</span>
          ${s.expiredOnHand ? `<div class="kecil stok-habis">+${apotek.angka(s.expiredOnHand)} kedaluwarsa</div>` : ""}</td>
        <td class="angka">${s.minimum == null ? "–" : apotek.angka(s.minimum) + (s.minimumDerived ? "*" : "")}</td>
        <td class="angka">${apotek.angka(s.averageMonthlyUse)}</td>
        <td>${s.nextExpiry ? simpus.tanggal(s.nextExpiry) : "–"}</td></tr>`).join("")
      || `<tr><td colspan="5" class="kecil">Tidak ada obat yang cocok.</td></tr>`;
  }

  async function openCard(code) {
    drug = code;
    const q = [$("dari").value ? "from=" + $("dari").value : "", $("sampai").value ? "to=" + $("sampai").value : ""].filter(Boolean).join("&");
    try {
      card = await simpus.api("GET", `/api/pharmacy/stock/${encodeURIComponent(code)}/card${q ? "?" + q : ""}`);
    } catch (e) { simpus.message($("pesan"), "galat", apotek.pesanGalat(e)); return; }
    $("pilihObat").classList.add("tersembunyi");
    $("isiKartu").classList.remove("tersembunyi");
    $("judulKartu").textContent = `${card.name} (${card.unit})`;
    $("dari").value = card.from; $("sampai").value = card.to;
    $("bets").innerHTML = card.batches.filter(b => b.onHand > 0).map(b => `<tr>
        <td>${simpus.esc(b.batchNumber)}</td><td class="${b.expired ? "stok-habis" : ""}">${simpus.tanggal(b.expiry)}${b.expired ? " (kedaluwarsa)" : ""}</td>
        <td>${funding[b.funding] || b.funding}</td><td class="angka">${apotek.angka(b.onHand)}</td>
        <td class="aksi">${canWrite ? `<button type="button" class="kedua" data-keluar="${b.id}">Keluarkan…</button>` : ""}</td></tr>`).join("")
      || `<tr><td colspan="5" class="kecil">Tidak ada bets yang bersisa.</td></tr>`;
    $("mutasi").innerHTML = `<tr class="kecil"><td>${simpus.tanggal(card.from)}</td><td>Saldo awal</td><td></td><td></td><td></td><td class="angka">${apotek.angka(card.openingBalance)}</td></tr>` +
      card.entries.map(e => `<tr><td>${simpus.tanggal(e.date)}</td><td>${simpus.esc(e.description)}<div class="kecil">oleh ${simpus.esc(e.createdBy)}</div></td>
        <td class="bets">${simpus.esc(e.batch)}</td>
        <td class="angka">${e.quantity > 0 ? apotek.angka(e.quantity) : ""}</td><td class="angka">${e.quantity < 0 ? apotek.angka(-e.quantity) : ""}</td>
        <td class="angka">${apotek.angka(e.balance)}</td></tr>`).join("");
    document.querySelectorAll("#stok tr").forEach(tr => tr.classList.toggle("pilih", stock[Number(tr.dataset.index)]?.drug === code));
  }

  function showWriteOff(batchId) {
    batch = card.batches.find(b => b.id === batchId);
    simpus.clearErrors($("formKeluar"));
    $("formKeluar").classList.remove("tersembunyi");
    $("judulKeluar").textContent = `Keluarkan stok bets ${batch.batchNumber} (sisa ${batch.onHand})`;
    $("alasanKeluar").value = batch.expired ? "kedaluwarsa" : "rusak";
    $("jumlahKeluar").value = batch.expired ? batch.onHand : "";
    $("tanggalKeluar").value = apotek.hariIni();
    $("catatanKeluar").value = "";
    (batch.expired ? $("catatanKeluar") : $("jumlahKeluar")).focus();
  }

  $("formKeluar").addEventListener("submit", async e => {
    e.preventDefault();
    const q = $("jumlahKeluar").value.trim();
    const body = { batchId: batch.id, reason: $("alasanKeluar").value, quantity: q === "" ? null : Number(q), date: $("tanggalKeluar").value, note: $("catatanKeluar").value };
    try {
      const saved = await simpus.api("POST", "/api/pharmacy/adjustments", body);
      $("formKeluar").classList.add("tersembunyi");
      simpus.message($("pesan"), "ok", `${saved.quantity} ${saved.unit} ${saved.drugName} (bets ${saved.batch}) dikeluarkan: ${saved.reason}.`);
      await Promise.all([openCard(drug), loadStock(), alerts()]);
      apotek.peringatan();
    } catch (err) { simpus.message($("pesan"), "galat", simpus.showErrors($("formKeluar"), err)); }
  });
  $("batalKeluar").addEventListener("click", () => $("formKeluar").classList.add("tersembunyi"));
  $("bets").addEventListener("click", e => { const b = e.target.closest("[data-keluar]"); if (b) showWriteOff(Number(b.dataset.keluar)); });
  $("peringatan").addEventListener("click", async e => {
    const link = e.target.closest("[data-obat-link]");
    if (link) { e.preventDefault(); await openCard(link.dataset.obatLink); return; }
    const b = e.target.closest("[data-hapus]");
    if (b) { await openCard(b.dataset.obat); showWriteOff(Number(b.dataset.hapus)); }
  });
  $("stok").addEventListener("click", e => { const tr = e.target.closest("tr[data-index]"); if (tr) openCard(stock[Number(tr.dataset.index)].drug); });
  $("stok").addEventListener("keydown", e => {
    const tr = e.target.closest("tr[data-index]"); if (!tr) return;
    const i = Number(tr.dataset.index);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = document.querySelector(`#stok tr[data-index="${i + (e.key === "ArrowDown" ? 1 : -1)}"]`);
      if (next) next.focus();
    } else if (e.key === "Enter") { e.preventDefault(); openCard(stock[i].drug); }
  });
  $("cari").addEventListener("input", simpus.debounce(loadStock, 150));
  $("cari").addEventListener("keydown", e => { if (e.key === "ArrowDown") { e.preventDefault(); const tr = document.querySelector("#stok tr[data-index]"); if (tr) tr.focus(); } });
  $("adaStok").addEventListener("change", loadStock);
  $("dari").addEventListener("change", () => drug && openCard(drug));
  $("sampai").addEventListener("change", () => drug && openCard(drug));

  (async () => {
    const ctx = await apotek.start();
    if (!ctx) return;
    canWrite = ctx.canWrite;
    await Promise.all([alerts(), loadStock()]);
    $("cari").focus();
  })();
})();
