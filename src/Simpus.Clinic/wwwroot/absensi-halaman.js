// The script of absensi.html (kept out of the page so the Content-Security-Policy allows no inline script).
simpus.bar('/absensi');
const $ = s => document.querySelector(s);
const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
const monthInput = $('#month');
const now = new Date();
monthInput.value = now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0');

async function api(url, options) {
  const res = await fetch(url, options);
  if (res.status === 401) { location.href = '/login?returnUrl=' + encodeURIComponent(location.pathname); throw new Error('login'); }
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.detail || body?.title || ('Gagal (' + res.status + ')'));
  return body;
}
const jsonPost = (url, data, method = 'POST') => api(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(data) });
function msg(el, text, ok) { el.innerHTML = text ? `<div class="msg ${ok ? 'ok' : 'err'}" role="status">${esc(text)}</div>` : ''; }

document.querySelectorAll('nav button').forEach(b => b.addEventListener('click', () => {
  document.querySelectorAll('nav button').forEach(x => x.setAttribute('aria-selected', x === b));
  document.querySelectorAll('main section').forEach(s => s.hidden = s.id !== 'tab-' + b.dataset.tab);
}));

function cls(code) {
  if (!code) return '';
  if (code === 'H') return 'c-H';
  if (code === 'L') return 'c-L';
  if (code === 'TK') return 'c-TK';
  if (code.includes('/')) return 'c-TLPSW';
  if (code.startsWith('TL')) return 'c-TL';
  if (code.startsWith('PSW')) return 'c-PSW';
  return 'c-abs';
}
const totals = [['WorkingDays','HK','Hari kerja'],['Hadir','H','Hadir'],['Sakit','S','Sakit'],['Izin','I','Izin'],['Cuti','C','Cuti'],
  ['DinasLuar','DL','Dinas luar'],['TugasBelajar','TB','Tugas belajar'],['TanpaKeterangan','TK','Tanpa keterangan'],
  ['Terlambat','TL','Hari terlambat'],['PulangCepat','PSW','Hari pulang cepat'],['MinutesLate','Mnt','Menit terlambat'],['PunctualityRate','%Tepat','Persentase hari hadir tepat waktu']];
const camel = k => k[0].toLowerCase() + k.slice(1);
const fmt = (k, v) => k === 'PunctualityRate' ? Number(v).toLocaleString('id-ID', { maximumFractionDigits: 1 }) : v;

async function loadRecap() {
  const month = monthInput.value;
  const [recap, holidays] = await Promise.all([
    api('/api/attendance/recap?month=' + month),
    api('/api/attendance/holidays?year=' + month.slice(0, 4))]);
  const days = new Date(recap.year, recap.month, 0).getDate();
  const hol = new Map(holidays.map(h => [h.date, h.name]));
  let head = '<thead><tr><th class="name">Pegawai</th>';
  for (let d = 1; d <= days; d++) {
    const date = new Date(recap.year, recap.month - 1, d);
    const iso = month + '-' + String(d).padStart(2, '0');
    const we = date.getDay() === 0 || date.getDay() === 6 || hol.has(iso);
    head += `<th class="${we ? 'we' : ''}" title="${esc(date.toLocaleDateString('id-ID', { weekday: 'long', day: 'numeric', month: 'long' }) + (hol.has(iso) ? ' — ' + hol.get(iso) : ''))}">${d}<br><small>${'MSSRKJS'[date.getDay()]}</small></th>`;
  }
  head += totals.map((t, i) => `<th class="tot t${i}" data-t="${i}" title="${t[2]}">${t[1]}</th>`).join('') + '</tr></thead>';
  let body = '<tbody>', unit = null;
  for (const e of recap.employees) {
    if (e.unit !== unit) { unit = e.unit; body += `<tr class="unit-row"><td class="name" colspan="${days + 1 + totals.length}">${esc(unit)}</td></tr>`; }
    body += `<tr><td class="name"><a href="#" data-nip="${esc(e.nip ?? '')}" data-name="${esc(e.name)}" data-unit="${esc(e.unit)}">${esc(e.name)}</a><small>${esc(e.nip ?? 'non-ASN')} · ${esc(e.position)}</small></td>`;
    body += e.days.map(c => `<td class="${cls(c)}">${esc(c ?? '')}</td>`).join('');
    body += totals.map((t, i) => `<td class="tot t${i}" data-t="${i}">${fmt(t[0], e[camel(t[0])])}</td>`).join('') + '</tr>';
  }
  if (!recap.employees.length) body += `<tr><td class="name" colspan="${days + 1 + totals.length}">Belum ada pegawai aktif pada bulan ini. Tambahkan di tab Pegawai.</td></tr>`;
  $('#grid').innerHTML = head + body + '</tbody>';
  stickTotals();
  $('#units').innerHTML = '<thead><tr><th class="name">Unit</th><th>Pegawai</th>' + totals.map(t => `<th title="${t[2]}">${t[1]}</th>`).join('') + '</tr></thead><tbody>' +
    recap.units.map(u => `<tr><td class="name">${esc(u.unit)}</td><td>${u.employees}</td>` + totals.map(t => `<td>${fmt(t[0], u[camel(t[0])])}</td>`).join('') + '</tr>').join('') + '</tbody>';
}

/** Pins the total columns to the right edge of the scrolling grid, each at the summed width of the columns after it. */
function stickTotals() {
  const heads = [...document.querySelectorAll('#grid thead th.tot')];
  const offsets = [];
  let right = 0;
  for (let i = heads.length - 1; i >= 0; i--) { offsets[i] = right; right += heads[i].getBoundingClientRect().width; }
  document.querySelectorAll('#grid .tot').forEach(c => { c.style.right = offsets[Number(c.dataset.t)] + 'px'; });
}
window.addEventListener('resize', stickTotals);

$('#grid').addEventListener('click', async ev => {
  const a = ev.target.closest('a[data-name]');
  if (!a) return;
  ev.preventDefault();
  const s = staffList.find(x => (a.dataset.nip && x.nip === a.dataset.nip) || (x.name === a.dataset.name && x.unit === a.dataset.unit));
  if (!s) return;
  const days = await api(`/api/attendance/staff/${s.id}/days?month=${monthInput.value}`);
  $('#detail').innerHTML = `<h3>${esc(s.name)} — ${esc(monthInput.value)} <button type="button" id="detail-close">Tutup</button></h3>` +
    '<table><tr><th>Tanggal</th><th>Jadwal</th><th>Datang</th><th>Pulang</th><th>Terlambat</th><th>Pulang cepat</th><th>Kode</th><th>Semua rekaman</th></tr>' +
    days.filter(d => d.code && d.code !== 'L' || d.punches.length).map(d => `<tr><td>${new Date(d.date + 'T00:00:00').toLocaleDateString('id-ID', { weekday: 'short', day: 'numeric', month: 'short' })}</td>` +
      `<td>${d.dutyStart ? d.dutyStart + '–' + d.dutyEnd : 'libur'}</td><td>${d.arrival ?? '—'}</td><td>${d.departure ?? '—'}</td>` +
      `<td>${d.minutesLate ? d.minutesLate + ' mnt' : ''}</td><td>${d.minutesEarly ? d.minutesEarly + ' mnt' : ''}</td>` +
      `<td class="${cls(d.code)}">${esc(d.code ?? '')}</td><td>${d.punches.join(', ')}</td></tr>`).join('') + '</table>';
  $('#detail-close').addEventListener('click', () => $('#detail').innerHTML = '');
  $('#detail').scrollIntoView({ block: 'nearest' });
});

async function loadSettings() {
  const s = await api('/api/attendance/settings');
  $('#bands').textContent = `Batas TL/PSW: 1–${s.band1Max}, ${s.band1Max + 1}–${s.band2Max}, ${s.band2Max + 1}–${s.band3Max}, ≥${s.band3Max + 1} menit`;
  const f = $('#import-form');
  f.delimiter.value = s.csvLayout.delimiter === '\t' ? 'tab' : s.csvLayout.delimiter;
  f.employeeColumn.value = s.csvLayout.employeeColumn;
  f.timestampColumn.value = s.csvLayout.timestampColumn;
  f.timeColumn.value = s.csvLayout.timeColumn ?? '';
  f.timestampFormat.value = s.csvLayout.timestampFormat;
  f.hasHeader.value = String(s.csvLayout.hasHeader);
}

async function loadImports() {
  const list = await api('/api/attendance/imports');
  $('#imports').innerHTML = '<tr><th>Waktu</th><th>Berkas</th><th>Oleh</th><th>Baris</th><th>Ditambah</th><th>Ganda</th><th>Ditolak</th></tr>' +
    list.map(b => `<tr><td>${new Date(b.importedAt).toLocaleString('id-ID')}</td><td>${esc(b.fileName)}</td><td>${esc(b.importedBy)}</td><td>${b.lines}</td><td>${b.added}</td><td>${b.duplicates}</td><td>${b.rejected}</td></tr>`).join('');
}

$('#import-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const out = $('#import-result');
  out.innerHTML = 'Mengimpor…';
  try {
    const f = ev.target;
    const r = await api('/api/attendance/import', { method: 'POST', body: new FormData(f) });
    if (f.saveLayout.checked) {
      const s = await api('/api/attendance/settings');
      s.csvLayout = { delimiter: f.delimiter.value, employeeColumn: Number(f.employeeColumn.value), timestampColumn: Number(f.timestampColumn.value),
        timeColumn: Number(f.timeColumn.value) || null, timestampFormat: f.timestampFormat.value, hasHeader: f.hasHeader.value === 'true' };
      await jsonPost('/api/attendance/settings', s, 'PUT');
    }
    let html = `<div class="msg ok" role="status">${r.lines} baris dibaca: ${r.added} rekaman baru, ${r.duplicates} sudah ada/ganda, ${r.rejected} baris dilewati` +
      (r.firstDate ? ` (tanggal ${r.firstDate} s.d. ${r.lastDate})` : '') + (r.alreadyImported ? '. Berkas ini sudah pernah diimpor.' : '.') + '</div>';
    if (r.errors.length) html += '<p>Baris yang dilewati:</p><ul class="errors">' + r.errors.map(e => `<li>${esc(e.message)}</li>`).join('') + '</ul>';
    out.innerHTML = html;
    loadImports();
    if (r.firstDate) { monthInput.value = r.lastDate.slice(0, 7); }
    loadRecap();
  } catch (e) { msg(out, e.message, false); }
});

let staffList = [];
async function loadStaff() {
  const [staff, units] = await Promise.all([api('/api/attendance/staff'), api('/api/attendance/units')]);
  staffList = staff;
  $('#absence-staff').innerHTML = staff.filter(s => !s.activeTo || s.activeTo >= new Date().toISOString().slice(0, 10))
    .map(s => `<option value="${s.id}">${esc(s.name)} (${esc(s.unit)})</option>`).join('');
  $('#staff-unit').innerHTML = units.map(u => `<option>${esc(u.name)}</option>`).join('');
  $('#staff').innerHTML = '<tr><th>NIP</th><th>Nama</th><th>Jabatan</th><th>Unit</th><th>ID mesin</th><th>Aktif</th><th>PIN</th></tr>' +
    staff.map(s => `<tr data-id="${s.id}" tabindex="0" style="cursor:pointer"><td>${esc(s.nip ?? '—')}</td><td style="text-align:left">${esc(s.name)}</td><td style="text-align:left">${esc(s.position)}</td><td>${esc(s.unit)}</td><td>${esc(s.machineId ?? '')}</td><td>${s.activeFrom}${s.activeTo ? ' s.d. ' + s.activeTo : ''}</td><td>${s.hasPin ? 'ada' : '—'}</td></tr>`).join('');
}

$('#absence-code').addEventListener('change', e => $('#leave-type').disabled = e.target.value !== 'C');
async function loadAbsences() {
  const list = await api('/api/attendance/absences?month=' + monthInput.value);
  $('#absences').innerHTML = '<tr><th>Pegawai</th><th>Jenis</th><th>Dari</th><th>Sampai</th><th>Catatan</th><th></th></tr>' +
    list.map(a => `<tr><td style="text-align:left">${esc(a.staffName)}</td><td>${a.code}${a.leaveType ? ' (' + esc(a.leaveType) + ')' : ''}</td><td>${a.fromDate}</td><td>${a.toDate}</td><td>${esc(a.note)}</td><td><button data-del="${a.id}">Hapus</button></td></tr>`).join('');
}
$('#absences').addEventListener('click', async e => {
  const id = e.target.dataset?.del;
  if (!id || !confirm('Hapus data ketidakhadiran ini?')) return;
  await api('/api/attendance/absences/' + id, { method: 'DELETE' });
  loadAbsences(); loadRecap();
});
$('#absence-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target;
  try {
    await jsonPost('/api/attendance/absences', { staffId: Number(f.staffId.value), code: f.code.value, leaveType: f.code.value === 'C' ? f.leaveType.value : null,
      fromDate: f.fromDate.value, toDate: f.toDate.value || null, note: f.note.value || null });
    msg($('#absence-msg'), 'Tersimpan.', true);
    f.reset(); $('#leave-type').disabled = true;
    loadAbsences(); loadRecap();
  } catch (e) { msg($('#absence-msg'), e.message, false); }
});
function editStaff(id) {
  const s = staffList.find(x => x.id === Number(id));
  if (!s) return;
  const f = $('#staff-form');
  f.staffId.value = s.id; f.nip.value = s.nip ?? ''; f.name.value = s.name; f.position.value = s.position; f.unit.value = s.unit;
  f.machineId.value = s.machineId ?? ''; f.activeFrom.value = s.activeFrom; f.activeTo.value = s.activeTo ?? ''; f.pin.value = '';
  $('#staff-submit').textContent = 'Simpan perubahan'; $('#staff-cancel').hidden = false;
  f.name.focus();
}
$('#staff').addEventListener('click', e => { const tr = e.target.closest('tr[data-id]'); if (tr) editStaff(tr.dataset.id); });
$('#staff').addEventListener('keydown', e => { const tr = e.target.closest('tr[data-id]'); if (tr && e.key === 'Enter') editStaff(tr.dataset.id); });
$('#staff-form').addEventListener('reset', () => { $('#staff-submit').textContent = 'Tambah pegawai'; $('#staff-cancel').hidden = true; $('#staff-form').staffId.value = ''; });
$('#staff-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target;
  const id = f.staffId.value;
  const old = staffList.find(x => x.id === Number(id));
  const body = { nip: f.nip.value || null, name: f.name.value, position: f.position.value, unit: f.unit.value,
    machineId: f.machineId.value || null, activeFrom: f.activeFrom.value, activeTo: f.activeTo.value || null, pin: f.pin.value || null,
    scheduleId: old?.scheduleId ?? null, rotationOffset: old?.rotationOffset ?? 0 };
  try {
    await jsonPost(id ? '/api/attendance/staff/' + id : '/api/attendance/staff', body, id ? 'PUT' : 'POST');
    msg($('#staff-msg'), id ? 'Perubahan disimpan.' : 'Pegawai ditambahkan.', true);
    f.reset(); loadStaff(); loadRecap();
  } catch (e) { msg($('#staff-msg'), e.message, false); }
});

monthInput.addEventListener('change', () => { loadRecap(); loadAbsences(); });
// Open on the last month with a completed day of attendance records (on the 1st: the month just closed).
api('/api/attendance/latest-month').then(r => { if (r && r.month) monthInput.value = r.month; }).catch(() => {})
  .finally(() => { loadRecap(); loadAbsences(); });
loadSettings(); loadImports(); loadStaff();
