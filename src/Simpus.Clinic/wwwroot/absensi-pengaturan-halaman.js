// The script of absensi-pengaturan.html (kept out of the page so the Content-Security-Policy allows no inline script).
"use strict";
simpus.bar('/absensi');
const $ = s => document.querySelector(s);
const esc = simpus.esc;
const HARI = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const JENIS = { nasional: 'Libur nasional', cuti_bersama: 'Cuti bersama', lokal: 'Libur lokal' };
const hariTeks = iso => new Date(iso + 'T00:00:00').toLocaleDateString('id-ID', { weekday: 'short', day: '2-digit', month: 'short', year: 'numeric' });
const pesan = (id, kind, text) => simpus.message($(id), kind, text);

// Tabs: click, or arrow keys on the tab list.
const tabs = [...document.querySelectorAll('nav.tab button')];
function pilihTab(b) {
  tabs.forEach(x => { x.setAttribute('aria-selected', x === b); x.tabIndex = x === b ? 0 : -1; $('#' + x.getAttribute('aria-controls')).hidden = x !== b; });
  b.focus();
  history.replaceState(null, '', '#' + b.getAttribute('aria-controls'));
}
tabs.forEach((b, i) => {
  b.addEventListener('click', () => pilihTab(b));
  b.addEventListener('keydown', e => {
    if (e.key === 'ArrowRight') pilihTab(tabs[(i + 1) % tabs.length]);
    if (e.key === 'ArrowLeft') pilihTab(tabs[(i + tabs.length - 1) % tabs.length]);
  });
});
const awal = tabs.find(b => '#' + b.getAttribute('aria-controls') === location.hash);
if (awal) pilihTab(awal);

// ---- Hari libur ----
const tahun = $('#tahun');
tahun.value = new Date().getFullYear();
let libur = [];
async function muatLibur() {
  libur = await simpus.api('GET', '/api/attendance/holidays?year=' + tahun.value);
  $('#libur-tabel tbody').innerHTML = libur.length ? libur.map(h => `<tr data-date="${h.date}">
      <td>${esc(hariTeks(h.date))}</td><td>${esc(h.name)}</td><td>${esc(JENIS[h.kind] || h.kind)}</td>
      <td class="aksi"><button type="button" class="kedua" data-ubah="${h.date}" aria-label="Ubah ${esc(h.name)}">Ubah</button>
        <button type="button" class="bahaya" data-hapus="${h.date}" aria-label="Hapus ${esc(h.name)}">Hapus</button></td></tr>`).join('')
    : `<tr><td colspan="4" class="kecil">Belum ada hari libur untuk tahun ${esc(tahun.value)}. Tambahkan di sebelah kanan.</td></tr>`;
}
tahun.addEventListener('change', () => muatLibur());
tahun.addEventListener('input', simpus.debounce(() => { if (/^\d{4}$/.test(tahun.value)) muatLibur(); }, 300));
const lf = $('#libur-form');
$('#libur-tabel').addEventListener('click', async e => {
  const ubah = e.target.closest('[data-ubah]'), hapus = e.target.closest('[data-hapus]');
  if (ubah) {
    const h = libur.find(x => x.date === ubah.dataset.ubah);
    lf.oldDate.value = h.date; lf.date.value = h.date; lf.name.value = h.name; lf.kind.value = h.kind;
    $('#libur-judul').textContent = 'Ubah hari libur'; $('#libur-simpan').textContent = 'Simpan perubahan';
    lf.name.focus();
  }
  if (hapus) {
    const h = libur.find(x => x.date === hapus.dataset.hapus);
    if (!confirm(`Hapus hari libur "${h.name}" (${hariTeks(h.date)})?`)) return;
    try {
      await simpus.api('DELETE', '/api/attendance/holidays/' + h.date);
      pesan('#libur-pesan', 'ok', `"${h.name}" dihapus.`);
      await muatLibur();
    } catch (err) { pesan('#libur-pesan', 'galat', simpus.showErrors(lf, err)); }
  }
});
lf.addEventListener('reset', () => {
  simpus.clearErrors(lf); lf.oldDate.value = '';
  $('#libur-judul').textContent = 'Tambah hari libur'; $('#libur-simpan').textContent = 'Tambah';
});
lf.addEventListener('submit', async e => {
  e.preventDefault();
  simpus.clearErrors(lf);
  if (!lf.date.value) { simpus.showErrors(lf, { problem: { errors: { date: ['Tanggal libur wajib diisi.'] } } }); return; }
  const body = { date: lf.date.value, name: lf.name.value, kind: lf.kind.value };
  const old = lf.oldDate.value;
  try {
    if (old !== body.date && libur.some(h => h.date === body.date) && !confirm('Tanggal ini sudah hari libur. Ganti namanya?')) return;
    await simpus.api('PUT', '/api/attendance/holidays/' + body.date, body);
    if (old && old !== body.date) await simpus.api('DELETE', '/api/attendance/holidays/' + old);
    pesan('#libur-pesan', 'ok', `${body.name.trim()} (${hariTeks(body.date)}) disimpan.`);
    const y = body.date.slice(0, 4);
    lf.reset();
    if (tahun.value !== y) tahun.value = y;
    await muatLibur();
    lf.date.focus();
  } catch (err) { pesan('#libur-pesan', 'galat', simpus.showErrors(lf, err)); }
});

// ---- Jadwal kerja ----
let jadwal = [], unit = [];
const hariNama = (s, d) => s.cycleDays === 7 ? HARI[d.dayIndex] : 'Hari ke-' + (d.dayIndex + 1);
const malam = d => d.end <= d.start ? ' <span class="malam">(s.d. besok)</span>' : '';
function kartu(s) {
  const rows = [];
  for (let i = 0; i < s.cycleDays; i++) {
    const d = s.days.find(x => x.dayIndex === i);
    rows.push(`<tr><td>${esc(hariNama(s, { dayIndex: i }))}</td><td>${d ? esc(d.label || '') : ''}</td>
      <td>${d ? esc(d.start) + '–' + esc(d.end) + malam(d) : '<span class="kecil">libur</span>'}</td></tr>`);
  }
  const jenis = s.cycleDays === 7 ? 'Pola mingguan' : `Rotasi ${s.cycleDays} hari, dihitung dari ${esc(simpus.tanggal(s.anchorDate))}`;
  const pakai = unit.filter(u => u.scheduleId === s.id).map(u => u.name);
  return `<div class="panel" data-jadwal="${s.id}"><h2>${esc(s.name)}</h2>
    <p class="kecil">${jenis}; ${s.observesHolidays ? 'libur pada hari libur' : 'tetap masuk pada hari libur'}; ${s.ramadanHours ? 'jam Ramadan' : 'tanpa jam Ramadan'}.
    ${pakai.length ? 'Dipakai: ' + esc(pakai.join(', ')) : 'Belum dipakai unit mana pun.'}</p>
    <table><thead><tr><th>Hari</th><th>Shift</th><th>Jam</th></tr></thead><tbody>${rows.join('')}</tbody></table>
    ${s.cycleDays === 7 ? `<p><button type="button" class="kedua" data-ubah-jadwal="${s.id}">Ubah ${esc(s.name)}</button></p>` : ''}</div>`;
}
async function muatJadwal() {
  [jadwal, unit] = await Promise.all([simpus.api('GET', '/api/attendance/schedules'), simpus.api('GET', '/api/attendance/units')]);
  const opsi = sel => jadwal.map(s => `<option value="${s.id}"${s.id === sel ? ' selected' : ''}>${esc(s.name)}</option>`).join('');
  $('#unit-tabel tbody').innerHTML = unit.map(u => `<tr data-unit="${esc(u.name)}"><td>${esc(u.name)}</td>
    <td><select aria-label="Jadwal unit ${esc(u.name)}">${opsi(u.scheduleId)}</select></td>
    <td class="aksi"><button type="button" data-simpan-unit="${esc(u.name)}" aria-label="Simpan jadwal unit ${esc(u.name)}">Simpan</button></td></tr>`).join('');
  $('#jadwal-list').innerHTML = jadwal.map(kartu).join('');
}
$('#unit-tabel').addEventListener('click', async e => {
  const b = e.target.closest('[data-simpan-unit]');
  if (!b) return;
  const tr = b.closest('tr'), u = unit.find(x => x.name === tr.dataset.unit);
  const scheduleId = Number(tr.querySelector('select').value);
  try {
    await simpus.api('PUT', '/api/attendance/units/' + encodeURIComponent(u.name), { name: u.name, scheduleId, sortOrder: u.sortOrder });
    pesan('#unit-pesan', 'ok', `Unit ${u.name} sekarang memakai jadwal "${jadwal.find(s => s.id === scheduleId).name}".`);
    await muatJadwal();
  } catch (err) { pesan('#unit-pesan', 'galat', err.problem?.detail || err.problem?.title || 'Gagal menyimpan.'); }
});

const pf = $('#pola-form');
function isiPola(s) {
  $('#pola-hari tbody').innerHTML = HARI.map((h, i) => {
    const d = s ? s.days.find(x => x.dayIndex === i) : (i < 5 ? { start: '07:30', end: i === 4 ? '16:30' : '16:00' } : null);
    return `<tr data-hari="${i}"><td>${h}</td>
      <td><input type="checkbox" aria-label="${h} masuk kerja"${d ? ' checked' : ''}></td>
      <td><input type="time" aria-label="${h} jam masuk" value="${d ? esc(d.start) : '07:30'}"${d ? '' : ' disabled'}></td>
      <td><input type="time" aria-label="${h} jam pulang" value="${d ? esc(d.end) : '16:00'}"${d ? '' : ' disabled'}></td></tr>`;
  }).join('');
}
$('#pola-hari').addEventListener('change', e => {
  if (e.target.type !== 'checkbox') return;
  e.target.closest('tr').querySelectorAll('input[type=time]').forEach(t => t.disabled = !e.target.checked);
});
$('#jadwal-list').addEventListener('click', e => {
  const b = e.target.closest('[data-ubah-jadwal]');
  if (!b) return;
  const s = jadwal.find(x => x.id === Number(b.dataset.ubahJadwal));
  pf.scheduleId.value = s.id; pf.name.value = s.name; pf.observesHolidays.checked = s.observesHolidays; pf.ramadanHours.checked = s.ramadanHours;
  isiPola(s);
  $('#pola-judul').textContent = 'Ubah pola ' + s.name;
  pf.name.focus();
});
pf.addEventListener('reset', () => setTimeout(() => {
  simpus.clearErrors(pf); $('#pola-hari-salah').textContent = ''; pf.scheduleId.value = '';
  $('#pola-judul').textContent = 'Buat pola mingguan baru'; isiPola(null);
}));
pf.addEventListener('submit', async e => {
  e.preventDefault();
  simpus.clearErrors(pf); $('#pola-hari-salah').textContent = '';
  const days = [...pf.querySelectorAll('#pola-hari tbody tr')].filter(tr => tr.querySelector('input[type=checkbox]').checked).map(tr => {
    const [start, end] = [...tr.querySelectorAll('input[type=time]')].map(t => t.value);
    return { dayIndex: Number(tr.dataset.hari), start, end };
  });
  const id = pf.scheduleId.value;
  const old = id ? jadwal.find(s => s.id === Number(id)) : null;
  const body = { name: pf.name.value, cycleDays: 7, anchorDate: old?.anchorDate ?? '2026-01-05',
    observesHolidays: pf.observesHolidays.checked, ramadanHours: pf.ramadanHours.checked, days };
  try {
    const saved = await simpus.api(id ? 'PUT' : 'POST', '/api/attendance/schedules' + (id ? '/' + id : ''), body);
    pesan('#pola-pesan', 'ok', `Jadwal "${saved.name}" disimpan. Pilih jadwal ini pada unit di sebelah kiri untuk memakainya.`);
    pf.reset();
    await muatJadwal();
  } catch (err) {
    const errors = err.problem?.errors || {};
    const hariErr = Object.keys(errors).filter(k => k.startsWith('days['));
    $('#pola-hari-salah').textContent = hariErr.map(k => HARI[days[Number(k.match(/\d+/)[0])]?.dayIndex] + ': ' + errors[k].join(' ')).join(' ');
    pesan('#pola-pesan', 'galat', simpus.showErrors(pf, err));
  }
});

// ---- Jam Ramadan ----
let ramadan = [];
const rf = $('#ramadan-form');
async function muatRamadan() {
  ramadan = await simpus.api('GET', '/api/attendance/ramadan');
  $('#ramadan-tabel tbody').innerHTML = ramadan.length ? ramadan.map(r => `<tr>
      <td>${esc(simpus.tanggal(r.startDate))} – ${esc(simpus.tanggal(r.endDate))}</td><td>${esc(r.startTime)}–${esc(r.endTime)}, Jumat s.d. ${esc(r.fridayEnd)}</td>
      <td>${esc(r.sixDayStartTime)}–${esc(r.sixDayEndTime)}, Jumat s.d. ${esc(r.sixDayFridayEnd)}</td>
      <td class="aksi"><button type="button" class="kedua" data-ubah="${r.id}">Ubah</button>
        <button type="button" class="bahaya" data-hapus="${r.id}">Hapus</button></td></tr>`).join('')
    : '<tr><td colspan="4" class="kecil">Belum ada periode Ramadan.</td></tr>';
}
$('#ramadan-tabel').addEventListener('click', async e => {
  const ubah = e.target.closest('[data-ubah]'), hapus = e.target.closest('[data-hapus]');
  if (ubah) {
    const r = ramadan.find(x => x.id === Number(ubah.dataset.ubah));
    rf.periodId.value = r.id;
    for (const k of ['startDate', 'endDate', 'startTime', 'endTime', 'fridayEnd', 'sixDayStartTime', 'sixDayEndTime', 'sixDayFridayEnd']) rf[k].value = r[k];
    $('#ramadan-judul').textContent = 'Ubah periode Ramadan'; $('#ramadan-simpan').textContent = 'Simpan perubahan';
    rf.startDate.focus();
  }
  if (hapus) {
    if (!confirm('Hapus periode Ramadan ini?')) return;
    try {
      await simpus.api('DELETE', '/api/attendance/ramadan/' + hapus.dataset.hapus);
      pesan('#ramadan-pesan', 'ok', 'Periode dihapus.');
      await muatRamadan();
    } catch (err) { pesan('#ramadan-pesan', 'galat', simpus.showErrors(rf, err)); }
  }
});
rf.addEventListener('reset', () => setTimeout(() => {
  simpus.clearErrors(rf); rf.periodId.value = '';
  $('#ramadan-judul').textContent = 'Tambah periode Ramadan'; $('#ramadan-simpan').textContent = 'Tambah';
}));
rf.addEventListener('submit', async e => {
  e.preventDefault();
  simpus.clearErrors(rf);
  if (!rf.startDate.value || !rf.endDate.value) {
    simpus.showErrors(rf, { problem: { errors: { [rf.startDate.value ? 'endDate' : 'startDate']: ['Isi tanggal mulai dan tanggal akhir.'] } } });
    return;
  }
  const body = { startDate: rf.startDate.value, endDate: rf.endDate.value, startTime: rf.startTime.value, endTime: rf.endTime.value, fridayEnd: rf.fridayEnd.value,
    sixDayStartTime: rf.sixDayStartTime.value, sixDayEndTime: rf.sixDayEndTime.value, sixDayFridayEnd: rf.sixDayFridayEnd.value };
  const id = rf.periodId.value;
  try {
    await simpus.api(id ? 'PUT' : 'POST', '/api/attendance/ramadan' + (id ? '/' + id : ''), body);
    pesan('#ramadan-pesan', 'ok', 'Periode Ramadan disimpan.');
    rf.reset();
    await muatRamadan();
  } catch (err) { pesan('#ramadan-pesan', 'galat', simpus.showErrors(rf, err)); }
});

// ---- Batas TL/PSW ----
let setelan = null;
const bf = $('#batas-form');
function ketBatas() {
  const [a, b, c] = [bf.band1Max.value, bf.band2Max.value, bf.band3Max.value].map(Number);
  $('#batas-ket').textContent = `1–${a} menit → tingkat 1; ${a + 1}–${b} → 2; ${b + 1}–${c} → 3; ≥ ${c + 1} → 4.`;
}
async function muatBatas() {
  setelan = await simpus.api('GET', '/api/attendance/settings');
  bf.band1Max.value = setelan.band1Max; bf.band2Max.value = setelan.band2Max; bf.band3Max.value = setelan.band3Max;
  ketBatas();
}
bf.addEventListener('input', ketBatas);
bf.addEventListener('submit', async e => {
  e.preventDefault();
  const body = { ...setelan, band1Max: Number(bf.band1Max.value), band2Max: Number(bf.band2Max.value), band3Max: Number(bf.band3Max.value) };
  try {
    setelan = await simpus.api('PUT', '/api/attendance/settings', body);
    pesan('#batas-pesan', 'ok', 'Batas TL/PSW disimpan; rekap memakai batas baru.');
    simpus.clearErrors(bf);
  } catch (err) { pesan('#batas-pesan', 'galat', simpus.showErrors(bf, err)); }
});

isiPola(null);
Promise.all([muatLibur(), muatJadwal(), muatRamadan(), muatBatas()])
  .catch(err => pesan('#libur-pesan', 'galat', err.problem?.detail || 'Gagal memuat pengaturan.'));
