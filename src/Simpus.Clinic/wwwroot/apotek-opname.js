// /apotek/opname: physical count per batch against the system balance; the differences are booked with who and when.
"use strict";
(() => {
  const $ = id => document.getElementById(id);
  let batches = [];
  const counted = {};

  function diff(b) {
    const c = counted[b.id];
    if (c === undefined || c === "") return "";
    const d = Number(c) - b.onHand;
    return d === 0 ? "0" : `<span class="selisih ${d < 0 ? "minus" : "plus"}">${d > 0 ? "+" : ""}${apotek.angka(d)}</span>`;
  }

  function draw() {
    const q = $("cari").value.trim().toLowerCase();
    $("baris").innerHTML = batches.map((b, i) => ({ b, i }))
      .filter(({ b }) => !q || (b.drugName + " " + b.drug + " " + b.batchNumber).toLowerCase().includes(q))
      .map(({ b, i }) => `<tr>
        <td>${simpus.esc(b.drugName)}<div class="kecil">${simpus.esc(b.unit)}</div></td><td>${simpus.esc(b.batchNumber)}</td>
        <td class="${b.expired ? "stok-habis" : ""}">${simpus.tanggal(b.expiry)}</td>
        <td class="angka">${apotek.angka(b.onHand)}</td>
        <td class="angka"><input class="jumlah" data-hitung="${i}" inputmode="numeric" value="${counted[b.id] ?? ""}" aria-label="Hitungan fisik ${simpus.esc(b.drugName)} bets ${simpus.esc(b.batchNumber)}">
          <div class="salah" data-error="lines[${i}].counted"></div><div class="salah" data-error="lines[${i}].batchId"></div></td>
        <td class="angka" data-selisih="${i}">${diff(b)}</td></tr>`).join("")
      || `<tr><td colspan="6" class="kecil">Tidak ada bets yang bersisa.</td></tr>`;
    summary();
  }

  function summary() {
    const entered = batches.filter(b => counted[b.id] !== undefined && counted[b.id] !== "");
    const differ = entered.filter(b => Number(counted[b.id]) !== b.onHand).length;
    $("ringkas").textContent = `${entered.length} dari ${batches.length} bets dihitung, ${differ} berselisih.`;
  }

  async function load() {
    batches = await simpus.api("GET", "/api/pharmacy/batches");
    draw();
  }

  async function history() {
    const list = await simpus.api("GET", "/api/pharmacy/opnames").catch(() => []);
    $("riwayat").innerHTML = list.map(o => `<tr data-id="${o.id}" tabindex="0"><td>${simpus.tanggal(o.date)}</td><td class="angka">${o.lineCount}</td>
        <td class="angka">${o.differenceCount}</td><td>${simpus.esc(o.createdBy)}</td></tr>`).join("")
      || `<tr><td colspan="4" class="kecil">Belum ada stok opname.</td></tr>`;
  }

  async function detail(id) {
    const o = await simpus.api("GET", `/api/pharmacy/opnames/${id}`);
    const rows = o.lines.filter(l => l.counted !== l.systemQuantity);
    $("rinci").innerHTML = `<h2>${simpus.tanggal(o.date)} · ${simpus.esc(o.note || "")}</h2>` +
      (rows.length ? `<table class="rapat"><thead><tr><th>Obat</th><th>Bets</th><th class="angka">Sistem</th><th class="angka">Fisik</th><th class="angka">Selisih</th></tr></thead><tbody>` +
        rows.map(l => `<tr><td>${simpus.esc(l.drugName)}</td><td>${simpus.esc(l.batch)}</td><td class="angka">${l.systemQuantity}</td><td class="angka">${l.counted}</td>
          <td class="angka"><span class="selisih ${l.counted < l.systemQuantity ? "minus" : "plus"}">${l.counted - l.systemQuantity}</span></td></tr>`).join("") + "</tbody></table>"
        : `<p class="kecil">Semua ${o.lineCount} bets sesuai.</p>`);
  }

  $("baris").addEventListener("input", e => {
    const input = e.target.closest("[data-hitung]");
    if (!input) return;
    const i = Number(input.dataset.hitung);
    counted[batches[i].id] = input.value.trim();
    document.querySelector(`[data-selisih="${i}"]`).innerHTML = diff(batches[i]);
    summary();
  });
  $("baris").addEventListener("keydown", e => {
    const input = e.target.closest("[data-hitung]");
    if (!input || (e.key !== "Enter" && e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
    e.preventDefault();
    const all = [...document.querySelectorAll("#baris [data-hitung]")];
    const next = all[all.indexOf(input) + (e.key === "ArrowUp" ? -1 : 1)];
    if (next) { next.focus(); next.select(); }
  });
  $("samakan").addEventListener("click", () => {
    batches.forEach(b => { if (counted[b.id] === undefined || counted[b.id] === "") counted[b.id] = String(b.onHand); });
    draw();
  });
  $("cari").addEventListener("input", draw);
  $("riwayat").addEventListener("click", e => { const tr = e.target.closest("tr[data-id]"); if (tr) detail(Number(tr.dataset.id)); });
  $("form").addEventListener("keydown", e => { if (e.key === "Enter" && e.target.matches("#note, #cari")) e.preventDefault(); });
  $("form").addEventListener("submit", async e => {
    e.preventDefault();
    const entered = batches.map((b, i) => ({ b, i })).filter(({ b }) => counted[b.id] !== undefined && counted[b.id] !== "");
    const bad = entered.find(({ b }) => !/^\d+$/.test(counted[b.id]));
    if (bad) { simpus.message($("pesan"), "galat", `Hitungan ${bad.b.drugName} bets ${bad.b.batchNumber} harus bilangan bulat 0 atau lebih.`); return; }
    const body = { date: $("date").value, note: $("note").value, lines: entered.map(({ b }) => ({ batchId: b.id, counted: Number(counted[b.id]), expected: b.onHand })) };
    try {
      const saved = await simpus.api("POST", "/api/pharmacy/opnames", body);
      simpus.clearErrors($("form"));
      simpus.message($("pesan"), "ok", `Stok opname tersimpan: ${saved.lineCount} bets dihitung, ${saved.differenceCount} selisih dibukukan.`);
      Object.keys(counted).forEach(k => delete counted[k]);
      await Promise.all([load(), history()]);
      detail(saved.id);
      apotek.peringatan();
    } catch (err) {
      // Field errors refer to the position in the posted list: map them back to the table rows.
      if (err.problem && err.problem.errors) {
        const mapped = {};
        for (const [field, messages] of Object.entries(err.problem.errors)) {
          const m = /^lines\[(\d+)\]\.(.*)$/.exec(field);
          mapped[m ? `lines[${entered[Number(m[1])].i}].${m[2]}` : field] = messages;
        }
        err.problem.errors = mapped;
      }
      simpus.message($("pesan"), "galat", simpus.showErrors($("form"), err));
      if (err.status === 409) load();
    }
  });

  (async () => {
    const ctx = await apotek.start();
    if (!ctx) return;
    if (!ctx.canWrite) $("simpan").disabled = true;
    $("date").value = apotek.hariIni();
    await Promise.all([load(), history()]);
    const first = document.querySelector("#baris [data-hitung]");
    if (first) first.focus();
  })();
})();
