// The dashboards' charts on Chart.js (vendored as /assets/chart.umd.js): Indonesian numbers, no animation,
// and every bar or point a link to the list behind it.
"use strict";
const grafik = (() => {
  Chart.defaults.locale = "id-ID";
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = "#1f2328";
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  Chart.defaults.datasets.bar.maxBarThickness = 48;

  const warna = {
    utama: "#0b6e4f", muda: "#8cc5ae", banding: "#9aa5b1", target: "#b42318", biru: "#2f6fb0", kuning: "#d99a00",
    deret: ["#0b6e4f", "#2f6fb0", "#d99a00", "#8e44ad", "#c0504d", "#16a0a0", "#7f8c8d", "#e67e22", "#5b8c00", "#9c6b4e"],
  };
  const angka = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 });
  const fmtBulanPendek = new Intl.DateTimeFormat("id-ID", { month: "short", year: "2-digit" });
  const fmtBulan = new Intl.DateTimeFormat("id-ID", { month: "long", year: "numeric" });
  const tanggal = ym => { const [y, m] = ym.split("-").map(Number); return new Date(y, m - 1, 1); };
  const charts = {};

  /**
   * Creates (or replaces) the chart on canvas#id. link(index, datasetIndex) answers what a click on that bar or point does:
   * a URL to open, a function to run, or null (not clickable).
   */
  function buat(id, config, link) {
    if (charts[id]) charts[id].destroy();
    config.options = config.options || {};
    if (link) {
      config.options.onClick = (_event, elements) => {
        const el = elements[0];
        const target = el && link(el.index, el.datasetIndex);
        if (typeof target === "function") setTimeout(target, 0);
        else if (target) location.href = target;
      };
      config.options.onHover = (event, elements) => {
        const url = elements[0] && link(elements[0].index, elements[0].datasetIndex);
        event.native.target.style.cursor = url ? "pointer" : "default";
      };
    }
    charts[id] = new Chart(document.getElementById(id), config);
    return charts[id];
  }

  /** A dashed horizontal target line over a category chart (one value per label). */
  function garisTarget(label, values) {
    return { type: "line", label, data: values, borderColor: warna.target, backgroundColor: warna.target, borderDash: [6, 4],
      borderWidth: 2, pointRadius: 0, pointHitRadius: 0, fill: false, order: 0 };
  }

  /** A series drawn in one colour (line and points), with any further Chart.js dataset options. */
  function seri(label, data, color, extra) {
    return { label, data, borderColor: color, backgroundColor: color, ...extra };
  }

  /** Axis ticks and tooltips in Indonesian format, with a unit (" %", " mnt"). */
  function satuan(unit) {
    return { ticks: { callback: v => angka.format(v) + unit } };
  }

  return {
    buat, garisTarget, satuan, seri, warna, angka,
    /** The short month labels ("Nov 26") of a trend: a list of { month: "YYYY-MM", ... }. */
    bulanLabel: list => list.map(m => fmtBulanPendek.format(tanggal(m.month))),
    bulan: ym => fmtBulan.format(tanggal(ym)),
    persen: v => v == null ? "–" : angka.format(v) + " %",
  };
})();
