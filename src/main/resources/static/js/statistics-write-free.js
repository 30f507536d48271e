// The write-free counter's chart (uPlot): code scans per month as bars, their share of tickets as a line.
// The table below the chart holds the same numbers and is the text alternative.
(function () {
  'use strict';
  var el = document.getElementById('write-free-chart');
  if (!el || typeof uPlot === 'undefined') {
    return;
  }
  var data = JSON.parse(el.getAttribute('data-chart'));
  var xs = data.labels.map(function (_, i) { return i; });
  new uPlot({
    width: Math.max(280, Math.floor(el.getBoundingClientRect().width || 600)),
    height: 280,
    series: [
      { label: '月', value: function (u, i) { return i == null ? '' : data.labels[i]; } },
      { label: 'コード受付数', stroke: '#004b9b', fill: 'rgba(0,75,155,0.35)', scale: 'n',
        paths: uPlot.paths.bars({ size: [0.6, 60] }), points: { show: false },
        value: function (u, v) { return v == null ? '－' : v + ' 件'; } },
      { label: '発券数に対する割合', stroke: '#b35900', width: 2, dash: [8, 4], scale: '%',
        value: function (u, v) { return v == null ? '－' : v + ' %'; } }
    ],
    scales: { x: { time: false, range: [-0.5, data.labels.length - 0.5] },
      n: { range: function (u, min, max) { return [0, Math.max(1, max)]; } },
      '%': { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
    axes: [
      { values: function (u, splits) { return splits.map(function (i) { return data.labels[i] !== undefined && i === Math.round(i) ? data.labels[i] : ''; }); }, incrs: [1, 2] },
      { scale: 'n', label: '件' },
      { scale: '%', side: 1, label: '%', grid: { show: false } }
    ]
  }, [xs, data.scanned, data.share], el);
})();
