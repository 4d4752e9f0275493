// The script of laporan.html (kept out of the page so the Content-Security-Policy allows no inline script).
(() => {
  const numberFields = ['sasaranBumil', 'sasaranBulin', 'sasaranBayi', 'sasaranBalita', 'penduduk', 'cbr', 'waitingTargetMinutes',
    'trimester1MaxWeeks', 'trimester2MaxWeeks'];
  const textFields = ['headName', 'headNip', 'paper'];
  const $ = id => document.getElementById(id);

  // Last month by default: the report of the month just closed.
  const now = new Date();
  const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const pad = n => String(n).padStart(2, '0');
  $('bulan').value = `${last.getFullYear()}-${pad(last.getMonth() + 1)}`;
  $('bulan').max = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;

  async function problemText(response) {
    try {
      const p = await response.json();
      if (p.errors) {
        return Object.values(p.errors).flat().map(e => typeof e === 'string' ? e : e.message).join(' ');
      }
      return p.detail || p.title || `Gagal (${response.status}).`;
    } catch {
      return `Gagal (${response.status}).`;
    }
  }

  $('unduh').addEventListener('submit', async e => {
    e.preventDefault();
    const msg = $('pesan-unduh');
    const button = $('tombol-unduh');
    button.disabled = true;
    msg.className = 'msg';
    msg.textContent = 'Menyusun laporan ...';
    try {
      const query = new URLSearchParams({ month: $('bulan').value, layout: $('format').value });
      const response = await fetch(`/api/reports/monthly?${query}`);
      if (!response.ok) {
        msg.className = 'msg err';
        msg.textContent = await problemText(response);
        return;
      }
      const blob = await response.blob();
      const disposition = response.headers.get('Content-Disposition') || '';
      const match = /filename="?([^";]+)"?/.exec(disposition);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = match ? match[1] : `laporan-bulanan-${$('bulan').value}.xlsx`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
      msg.className = 'msg ok';
      msg.textContent = `Laporan ${link.download} sudah diunduh.`;
    } catch {
      msg.className = 'msg err';
      msg.textContent = 'Tidak dapat menghubungi server.';
    } finally {
      button.disabled = false;
    }
  });

  async function loadSettings() {
    const [settings, me] = await Promise.all([
      fetch('/api/settings/reports').then(r => r.ok ? r.json() : null),
      fetch('/api/auth/me').then(r => r.ok ? r.json() : null),
    ]);
    if (settings) {
      numberFields.forEach(f => $(f).value = settings[f] ?? '');
      textFields.forEach(f => $(f).value = settings[f] ?? '');
      $('topTenExcluded').value = settings.topTenExcluded ?? '';
    }
    if (!me || me.role !== 'admin') {
      [...numberFields, ...textFields, 'topTenExcluded'].forEach(f => { $(f).readOnly = true; if ($(f).tagName === 'SELECT') $(f).disabled = true; });
      $('tombol-simpan').disabled = true;
      $('pesan-atur').textContent = 'Hanya admin yang dapat mengubah pengaturan ini.';
    }
  }

  $('atur').addEventListener('submit', async e => {
    e.preventDefault();
    const body = {};
    numberFields.forEach(f => body[f] = $(f).value === '' ? null : Number($(f).value));
    textFields.forEach(f => body[f] = $(f).value.trim() || null);
    if (body.waitingTargetMinutes === null) {
      body.waitingTargetMinutes = 30;
    }
    if (body.trimester1MaxWeeks === null) body.trimester1MaxWeeks = 12;
    if (body.trimester2MaxWeeks === null) body.trimester2MaxWeeks = 24;
    body.topTenExcluded = $('topTenExcluded').value.trim();
    const msg = $('pesan-atur');
    const response = await fetch('/api/settings/reports', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (response.ok) {
      msg.className = 'msg ok';
      msg.textContent = 'Pengaturan tersimpan.';
    } else {
      msg.className = 'msg err';
      msg.textContent = await problemText(response);
    }
  });

  loadSettings();
})();
