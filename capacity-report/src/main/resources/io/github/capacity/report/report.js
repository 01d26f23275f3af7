// capacity report: draws the JSON block #report-data with uPlot. Runs offline; fetches nothing.
// One script of about 350 lines on purpose: it is inlined into every page as it is, with no
// bundler in the build, and its drawing functions share the page's state (the charts to keep in
// step, what was drawn for #report-status).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('report');
  var rendered = [];   // what was drawn: {id, series, points}, listed in #report-status
  var timeCharts = []; // charts that share the time axis: zoom one, zoom all
  var syncing = false;
  var COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2',
    '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31'];
  var utc = function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); };
  // Time ticks in UTC and 24 h: [smallest step (s), label, then on a new year, month, day, hour,
  // minute, second: the line added below the label], as uPlot's own table.
  var TIME_TICKS = [
    [86400 * 28, '{YYYY}-{MM}', '\n{YYYY}', null, null, null, null, null, 1],
    [86400, '{MM}-{DD}', '\n{YYYY}', null, null, null, null, null, 1],
    [3600, '{HH}:00', '\n{YYYY}-{MM}-{DD}', null, '\n{MM}-{DD}', null, null, null, 1],
    [60, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MM}-{DD}', null, null, null, 1],
    [1, ':{ss}', '\n{YYYY}-{MM}-{DD} {HH}:{mm}', null, '\n{MM}-{DD} {HH}:{mm}', null, '\n{HH}:{mm}', null, 1]
  ];

  function el(tag, attributes) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === 'text') { node.textContent = attributes[key]; } else { node.setAttribute(key, attributes[key]); }
    });
    for (var i = 2; i < arguments.length; i++) {
      if (arguments[i] != null) { node.append(arguments[i]); }
    }
    return node;
  }

  function time(seconds) {
    return new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.000Z$/, 'Z');
  }

  function number(value) {
    if (value == null) { return '–'; }
    return Number(value).toLocaleString('en-US', {maximumFractionDigits: 3});
  }

  function table(headers, rows) {
    var head = el('tr', {});
    headers.forEach(function (h) { head.append(el('th', {text: h})); });
    var body = el('tbody', {});
    rows.forEach(function (row) {
      var tr = el('tr', {});
      row.forEach(function (cell) { tr.append(el('td', {text: typeof cell === 'number' ? number(cell) : cell})); });
      body.append(tr);
    });
    return el('table', {}, el('thead', {}, head), body);
  }

  function chartWidth(box) {
    return Math.max(360, box.clientWidth - 16);
  }

  // Vertical lines for guardrail trips (red) and load shapes (purple) of the section's tests.
  function markerPlugin(markers) {
    return {hooks: {draw: function (u) {
      var ctx = u.ctx;
      ctx.save();
      ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      markers.forEach(function (m, i) {
        if (m.t < u.scales.x.min || m.t > u.scales.x.max) { return; }
        var x = Math.round(u.valToPos(m.t, 'x', true));
        ctx.strokeStyle = ctx.fillStyle = m.type === 'trip' ? '#d62728' : '#7b3fb5';
        ctx.setLineDash(m.type === 'trip' ? [] : [4, 3]);
        ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
        var label = (m.type === 'trip' ? '⚠ ' : '') + m.label;
        ctx.fillText(label.length > 40 ? label.slice(0, 39) + '…' : label, x + 4,
          u.bbox.top + (2 + (i % 3) * 12) * devicePixelRatio);
      });
      ctx.restore();
    }}};
  }

  // Counts and latencies read best against zero.
  function fromZero(u, min, max) {
    return [0, max > 0 ? max * 1.05 : 1];
  }

  function timeOptions(title, box, series, markers, yLabel) {
    return {
      title: title, width: chartWidth(box), height: 240, tzDate: utc,
      cursor: {sync: {key: 'time'}},
      scales: {x: {time: true}, y: {range: fromZero}},
      axes: [{values: TIME_TICKS}, {label: yLabel, size: 60}],
      series: [{label: 'UTC', value: '{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}'}].concat(series),
      plugins: [markerPlugin(markers)],
      hooks: {setScale: [function (u, key) {
        if (key !== 'x' || syncing) { return; }
        syncing = true;
        timeCharts.forEach(function (other) {
          if (other !== u) { other.setScale('x', {min: u.scales.x.min, max: u.scales.x.max}); }
        });
        syncing = false;
        showWindow(u.scales.x.min, u.scales.x.max);
      }]}
    };
  }

  function plot(id, box, options, columns, isTime) {
    var chart = new uPlot(options, columns, box);
    rendered.push({id: id, series: columns.length - 1, points: columns[0].length});
    if (isTime) { timeCharts.push(chart); }
    return chart;
  }

  function line(label, color, dash) {
    return {label: label, stroke: color, width: 1.5, dash: dash, spanGaps: false,
      value: function (u, v) { return v == null ? '–' : number(v); }};
  }

  function chartBox(grid, id) {
    var box = el('div', {'class': 'chart', id: id});
    grid.append(box);
    return box;
  }

  function ratesChart(section, grid, id, markers) {
    var r = section.rates;
    var series = [line('requested', '#7f7f7f', [6, 3]), line('started', '#1f77b4'), line('ok', '#2ca02c'),
      line('failed', '#d62728'), line('dropped', '#ff7f0e'), line('skipped (minute average)', '#9467bd', [2, 3])];
    var columns = [data.x, r.requested, r.started, r.ok, r.failed, r.dropped, r.skipped];
    if (section.summary.cancelled > 0) {
      series.push(line('cancelled', '#8c564b'));
      columns.push(r.cancelled);
    }
    var box = chartBox(grid, id);
    plot(id, box, timeOptions('Executions per second', box, series, markers, 'per second'), columns, true);
  }

  function hostsChart(section, grid, id, markers) {
    var box = chartBox(grid, id);
    if (section.hosts.length === 0) {
      box.append(el('div', {'class': 'note', text: 'No execution started.'}));
      return;
    }
    // Stacked: series k is the sum of hosts 0..k, drawn largest first so each band shows.
    var sums = [];
    var running = data.x.map(function () { return 0; });
    section.byHost.forEach(function (values) {
      running = running.map(function (v, i) { return v + values[i]; });
      sums.push(running);
    });
    var series = [];
    var columns = [data.x];
    for (var k = sums.length - 1; k >= 0; k--) {
      (function (raw, color) {
        series.push({label: section.hosts[k], stroke: color, fill: color + '55', width: 1,
          value: function (u, v, si, i) { return i == null ? '–' : number(raw[i]); }});
      })(section.byHost[k], COLORS[k % COLORS.length]);
      columns.push(sums[k]);
    }
    plot(id, box, timeOptions('Started per second by host (stacked)', box, series, markers, 'per second'),
      columns, true);
  }

  function latencyChart(section, grid, id, markers) {
    var names = ['p50', 'p90', 'p99', 'max'];
    var colors = ['#2ca02c', '#1f77b4', '#ff7f0e', '#d62728'];
    var series = [];
    var columns = [data.x];
    names.forEach(function (n, i) {
      series.push(line(n + ' from planned', colors[i]));
      columns.push(section.latency[n]);
    });
    names.forEach(function (n, i) {
      series.push(line(n + ' from start', colors[i], [5, 4]));
      columns.push(section.service[n]);
    });
    var box = chartBox(grid, id);
    plot(id, box, timeOptions('Latency (ms): from the planned start (solid) and the actual start (dashed)',
      box, series, markers, 'ms'), columns, true);
  }

  function errorsChart(section, grid, id, markers) {
    var box = chartBox(grid, id);
    if (section.errorClasses.length === 0) {
      box.append(el('div', {'class': 'note', text: 'No errors.'}));
      return;
    }
    var series = section.errorClasses.map(function (name, i) { return line(name, COLORS[(i + 3) % COLORS.length]); });
    plot(id, box, timeOptions('Errors per second by class', box, series, markers, 'per second'),
      [data.x].concat(section.errors), true);
  }

  // x is 1 / (1 - p): 10 is 90 %, 1000 is 99.9 %.
  function percentileTick(v) {
    return (100 - 100 / v).toFixed(Math.max(0, Math.round(Math.log10(v)) - 2)) + '%';
  }

  function percentileLabel(v) {
    return (100 - 100 / v).toFixed(Math.max(1, Math.ceil(Math.log10(v)) - 1)) + '%';
  }

  function distributionChart(section, grid, id) {
    var d = section.distribution;
    var box = chartBox(grid, id);
    if (d.x.length === 0) {
      box.append(el('div', {'class': 'note', text: 'No completed execution.'}));
      return;
    }
    var options = {
      title: 'Latency by percentile (ms), log scale as HdrHistogram plots it', width: chartWidth(box), height: 240,
      scales: {x: {time: false, distr: 3, log: 10}},
      axes: [{
        splits: function (u, i, min, max) {
          var s = [];
          for (var v = 1; v <= max * 1.0001; v *= 10) { if (v >= min) { s.push(v); } }
          return s;
        },
        values: function (u, splits) { return splits.map(percentileTick); }
      }, {label: 'ms', size: 60}],
      series: [{label: 'percentile', value: function (u, v) { return v == null ? '–' : percentileLabel(v); }},
        line('from planned start', '#d62728'), line('from actual start', '#1f77b4', [5, 4])]
    };
    plot(id, box, options, [d.x, d.latency, d.service], false);
  }

  function summaryTable(section) {
    var s = section.summary;
    var rows = [['executions', s.requested, s.started, s.ok, s.failed, s.dropped, s.cancelled, s.skipped, s.hosts]];
    var counts = table(['', 'requested', 'started', 'ok', 'failed', 'dropped', 'cancelled', 'skipped', 'hosts'], rows);
    var latencyRows = [];
    [['from planned start', s.latency], ['from actual start', s.service]].forEach(function (pair) {
      var l = pair[1];
      latencyRows.push(l ? [pair[0], l.count, l.min, l.mean, l.p50, l.p90, l.p99, l.p999, l.max]
        : [pair[0], 0, '–', '–', '–', '–', '–', '–', '–']);
    });
    var latency = table(['latency (ms)', 'count', 'min', 'mean', 'p50', 'p90', 'p99', 'p99.9', 'max'], latencyRows);
    var errors = Object.keys(s.errors);
    var errorTable = errors.length === 0 ? el('p', {'class': 'meta', text: 'No errors.'})
      : table(['error class', 'count'], errors.map(function (e) { return [e, s.errors[e]]; }));
    return el('div', {'class': 'summary'}, el('p', {'class': 'meta', text: 'From ' + time(s.from) + ' to ' + time(s.to)}),
      counts, latency, errorTable);
  }

  function section(s, index) {
    var markers = data.markers.filter(function (m) { return s.fleet || m.test === s.name || m.test === ''; });
    var node = el('section', {id: 'section-' + index, 'data-test': s.name},
      el('h2', {text: s.fleet ? 'Fleet: all tests' : 'Test ' + s.name}), summaryTable(s));
    var grid = el('div', {'class': 'grid'});
    node.append(grid);
    root.append(node);
    ratesChart(s, grid, 'rates-' + index, markers);
    hostsChart(s, grid, 'hosts-' + index, markers);
    latencyChart(s, grid, 'latency-' + index, markers);
    errorsChart(s, grid, 'errors-' + index, markers);
    distributionChart(s, grid, 'distribution-' + index);
    return node;
  }

  var windowText = el('span', {'class': 'meta'});
  function showWindow(min, max) {
    windowText.textContent = 'Shown: ' + time(Math.round(min)) + ' to ' + time(Math.round(max));
  }

  function header() {
    root.textContent = '';
    root.append(el('h1', {text: 'Capacity report'}));
    var fleet = data.sections[0];
    var range = data.x.length ? time(data.x[0]) + ' to ' + time(data.x[data.x.length - 1] + data.step) : 'no results';
    var tests = data.sections.slice(1).map(function (s) { return s.name; });
    [['Time range (UTC)', range + ', in steps of ' + data.step + ' s'],
      ['Tests', tests.length ? tests.join(', ') : 'none'],
      ['Hosts', data.hosts.length + (data.hosts.length ? ': ' + data.hosts.map(function (h) { return h.name; }).join(', ') : '')],
      ['Read', number(data.lines) + (data.lines === 1 ? ' line from ' : ' lines from ') + data.files.length
        + (data.files.length === 1 ? ' file; ' : ' files; ') + number(data.kept) + ' kept, '
        + number(data.filteredOut) + ' outside the filters, ' + number(data.bad) + ' bad'],
      ['Filters', filterText()],
      ['Made', data.generated + ' by capacity ' + data.version]
    ].forEach(function (row) { root.append(el('p', {'class': 'meta'}, el('b', {text: row[0] + ': '}), row[1])); });
    if (data.bad > 0) {
      var list = el('pre', {text: data.badLines.join('\n') + (data.bad > data.badLines.length
        ? '\n… and ' + (data.bad - data.badLines.length) + ' more' : '')});
      root.append(el('details', {'class': 'warn'}, el('summary', {text: number(data.bad) + ' bad lines were skipped'}), list));
    }
    if (!fleet) { return; }
    var controls = el('div', {'class': 'controls'}, el('b', {text: 'Show:'}));
    data.sections.forEach(function (s, i) {
      var box = el('input', {type: 'checkbox', checked: 'checked', 'data-section': i});
      box.addEventListener('change', function () {
        document.getElementById('section-' + i).hidden = !box.checked;
      });
      controls.append(el('label', {}, box, ' ' + (s.fleet ? 'fleet' : s.name)));
    });
    var reset = el('button', {type: 'button', text: 'Whole time range'});
    reset.addEventListener('click', function () {
      if (data.x.length) { timeCharts[0].setScale('x', {min: data.x[0], max: data.x[data.x.length - 1]}); }
    });
    controls.append(reset, windowText, el('span', {'class': 'meta', text: 'Drag across a chart to zoom in time.'}));
    root.append(controls);
  }

  function filterText() {
    var f = data.filter;
    var parts = [];
    if (f.from != null) { parts.push('from ' + time(f.from)); }
    if (f.to != null) { parts.push('to ' + time(f.to)); }
    if (f.tests.length) { parts.push('tests ' + f.tests.join(', ')); }
    if (f.hosts.length) { parts.push('hosts ' + f.hosts.join(', ')); }
    return parts.length ? parts.join('; ') : 'none';
  }

  function fleetTables() {
    var node = el('section', {id: 'fleet-tables'}, el('h2', {text: 'Hosts'}));
    node.append(table(['host', 'started', 'ok', 'failed', 'dropped', 'p50 ms', 'p99 ms', 'max ms'],
      data.hosts.map(function (h) {
        var l = h.latency || {};
        return [h.name, h.started, h.ok, h.failed, h.dropped, l.p50, l.p99, l.max];
      })));
    if (data.markers.length) {
      node.append(el('h3', {text: 'Guardrail trips and load shapes'}));
      node.append(table(['time (UTC)', 'what', 'test', 'host', 'detail'], data.markers.map(function (m) {
        return [time(m.t), m.type === 'trip' ? 'guardrail trip' : 'load shape', m.test, m.host, m.label];
      })));
      if (data.markersLeftOut > 0) { node.append(el('p', {'class': 'meta', text: data.markersLeftOut + ' more not drawn'})); }
    }
    if (data.problems.length) {
      node.append(el('h3', {text: 'Problems'}));
      node.append(table(['host', 'test', 'class', 'count'], data.problems.map(function (p) {
        return [p.host, p.test, p.class, p.count];
      })));
    }
    var kinds = Object.keys(data.otherKinds);
    if (kinds.length) {
      node.append(el('p', {'class': 'meta', text: 'Lines of other kinds, not drawn: '
        + kinds.map(function (k) { return k + ' ' + number(data.otherKinds[k]); }).join(', ')}));
    }
    root.append(node);
  }

  try {
    header();
    if (data.x.length === 0) {
      root.append(el('p', {'class': 'warn', text: 'Nothing to draw: no result in the files read'
        + (data.filteredOut > 0 ? ' within the filters.' : '.')}));
    } else {
      data.sections.forEach(section);
      fleetTables();
    }
    if (data.x.length) { showWindow(data.x[0], data.x[data.x.length - 1]); }
  } catch (e) {
    window.reportErrors.push('error: ' + (e && e.stack || e));
  }
  var status = document.getElementById('report-status');
  status.textContent = JSON.stringify({charts: rendered, errors: window.reportErrors,
    canvases: document.querySelectorAll('.chart canvas').length,
    resources: performance.getEntriesByType('resource').map(function (e) { return e.name; })});
  if (window.reportErrors.length) {
    root.prepend(el('div', {'class': 'broken', text: 'This page met errors while drawing: ' + window.reportErrors.join('; ')}));
  }
})();
