// Charts of the statistics dashboard (uPlot). The numbers come from the page's data-chart attribute, the same
// numbers as the tables beside each chart, which remain the text alternative.
(function () {
  'use strict';
  var holder = document.getElementById('dash-data');
  if (!holder || typeof uPlot === 'undefined') {
    return;
  }
  var data = JSON.parse(holder.getAttribute('data-chart'));
  // Distinguishable colours that also differ in lightness, and dashes so lines differ without colour.
  var colours = ['#004b9b', '#b35900', '#1b6e20', '#a4001d', '#5b2c8f', '#4a4a4a'];
  var dashes = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6]];

  function width(el) {
    return Math.max(280, Math.floor(el.getBoundingClientRect().width || 600));
  }

  // Axis text only: the note in brackets goes (子育て支援課（子どもの手当医療係） → 子育て支援課); the legend and
  // the tables keep the full names.
  function shortName(label) {
    return String(label).replace(/（[^）]*）$/, '');
  }

  // Names that would run into each other at this width are slanted, with room made below for them.
  function categoryAxis(labels, el) {
    var shown = labels.map(shortName);
    var longest = shown.reduce(function (n, l) { return Math.max(n, l.length); }, 0);
    var room = width(el) / Math.max(1, labels.length);
    var axis = {
      values: function (u, splits) {
        return splits.map(function (i) { return shown[i] !== undefined && i === Math.round(i) ? shown[i] : ''; });
      },
      incrs: [1, 2, 5, 10]
    };
    if (el && longest * 13 > room) {
      axis.rotate = 35;
      axis.size = Math.min(150, 24 + Math.ceil(longest * 13 * 0.58));
    }
    return axis;
  }

  // A taller chart when its axis names are slanted, so the bars keep their height.
  function heightFor(axis, base) {
    return base + (axis.rotate ? axis.size - 30 : 0);
  }

  function lineChart(id, field, unit) {
    var el = document.getElementById(id);
    if (!el) {
      return;
    }
    var xs = data.periods.map(function (_, i) { return i; });
    var series = [{ label: '期間', value: function (u, i) { return i == null ? '' : data.periods[i]; } }];
    var values = [xs];
    data.lines.forEach(function (line, k) {
      series.push({
        label: line.name,
        stroke: colours[k % colours.length],
        dash: dashes[k % dashes.length],
        width: 2,
        spanGaps: false,
        points: { show: data.periods.length <= 31 },
        value: function (u, v) { return v == null ? '－' : v + ' ' + unit; }
      });
      values.push(line[field]);
    });
    var x = categoryAxis(data.periods, el);
    new uPlot({
      width: width(el),
      height: heightFor(x, 260),
      series: series,
      scales: { x: { time: false } },
      axes: [x, { label: unit }]
    }, values, el);
  }

  function comparisonChart() {
    var el = document.getElementById('chart-compare');
    if (!el) {
      return;
    }
    var names = data.comparison.map(function (c) { return c.name; });
    var xs = names.map(function (_, i) { return i; });
    var bars = uPlot.paths.bars;
    var x = categoryAxis(names, el);
    new uPlot({
      width: width(el),
      height: heightFor(x, 260),
      series: [
        { label: '課', value: function (u, i) { return i == null ? '' : names[i]; } },
        { label: '平均待ち時間', fill: '#004b9b', stroke: '#004b9b', paths: bars({ size: [0.35, 60], align: -1 }),
          points: { show: false }, value: function (u, v) { return v == null ? '－' : v + ' 分'; } },
        { label: '90パーセンタイル', fill: '#b35900', stroke: '#b35900', paths: bars({ size: [0.35, 60], align: 1 }),
          points: { show: false }, value: function (u, v) { return v == null ? '－' : v + ' 分'; } }
      ],
      scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [x, { label: '分' }]
    }, [xs, data.comparison.map(function (c) { return c.averageMinutes; }),
      data.comparison.map(function (c) { return c.p90Minutes; })], el);
  }

  // Two bar series side by side over named categories.
  function pairedBars(id, names, first, second, unit) {
    var el = document.getElementById(id);
    if (!el) {
      return;
    }
    var xs = names.map(function (_, i) { return i; });
    var bars = uPlot.paths.bars;
    var x = categoryAxis(names, el);
    new uPlot({
      width: width(el),
      height: heightFor(x, 260),
      series: [
        { label: '課', value: function (u, i) { return i == null ? '' : names[i]; } },
        { label: first.label, fill: '#004b9b', stroke: '#004b9b', paths: bars({ size: [0.35, 60], align: -1 }),
          points: { show: false }, value: function (u, v) { return v == null ? '－' : v + ' ' + unit; } },
        { label: second.label, fill: '#b35900', stroke: '#b35900', paths: bars({ size: [0.35, 60], align: 1 }),
          points: { show: false }, value: function (u, v) { return v == null ? '－' : v + ' ' + unit; } }
      ],
      scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [x, { label: unit }]
    }, [xs, first.values, second.values], el);
  }

  function longestChart() {
    var el = document.getElementById('chart-longest');
    if (!el || !data.longest.length) {
      return;
    }
    var names = data.longest.map(function (w) { return w.ticketNumber + '番'; });
    var xs = names.map(function (_, i) { return i; });
    var x = categoryAxis(names, el);
    new uPlot({
      width: width(el),
      height: heightFor(x, 240),
      series: [
        { label: '受付番号', value: function (u, i) { return i == null ? '' : names[i] + '（' + data.longest[i].departmentName + '）'; } },
        { label: '待ち時間', fill: '#a4001d', stroke: '#a4001d', paths: uPlot.paths.bars({ size: [0.6, 60] }),
          points: { show: false }, value: function (u, v) { return v == null ? '－' : v + ' 分'; } }
      ],
      scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [x, { label: '分' }]
    }, [xs, data.longest.map(function (w) { return w.waitMinutes; })], el);
  }

  lineChart('chart-visits', 'visits', '件');
  lineChart('chart-wait', 'waitMinutes', '分');
  comparisonChart();
  pairedBars('chart-yoy', data.yearOnYear.map(function (y) { return y.name; }),
    { label: data.compareLabels[0], values: data.yearOnYear.map(function (y) { return y.visits; }) },
    { label: data.compareLabels[1], values: data.yearOnYear.map(function (y) { return y.lastYearVisits; }) }, '件');
  longestChart();
  (function countersChart() {
    var el = document.getElementById('chart-counters');
    if (!el || !data.counters.length) {
      return;
    }
    var names = data.counters.map(function (c) { return c.label; });
    var x = categoryAxis(names, el);
    new uPlot({
      width: width(el),
      height: heightFor(x, 240),
      series: [
        { label: '窓口', value: function (u, i) { return i == null ? '' : names[i]; } },
        { label: '1時間あたり', fill: '#1b6e20', stroke: '#1b6e20', paths: uPlot.paths.bars({ size: [0.6, 60] }),
          points: { show: false }, value: function (u, v) { return v == null ? '－' : v + ' 件'; } }
      ],
      scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [x, { label: '件' }]
    }, [names.map(function (_, i) { return i; }), data.counters.map(function (c) { return c.perHour; })], el);
  }());
}());
