// The numbers as charts (chart.js, served by this server). The same numbers are in the tables below each chart.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('staff-data').textContent);
  var stats = data.stats;
  var L = data.labels;
  var Chart = window.Chart;
  if (!Chart) return;
  var COLORS = { answered: '#1b6e3a', clarified: '#8a5a00', escalated: '#a3262a', yes: '#1b6e3a', no: '#a3262a', hours: '#00508c' };
  // No animation: numbers appear at once, and nothing moves for people who get dizzy from motion.
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  Chart.defaults.color = '#1a1a1a';

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) canvas.chart = new Chart(canvas, config);
  }

  draw('chart-days', {
    type: 'bar',
    data: {
      labels: stats.days.map(function (d) { return d.day; }),
      datasets: [
        { label: L.answered, data: stats.days.map(function (d) { return d.answered; }), backgroundColor: COLORS.answered },
        { label: L.clarified, data: stats.days.map(function (d) { return d.clarified; }), backgroundColor: COLORS.clarified },
        { label: L.escalated, data: stats.days.map(function (d) { return d.escalated; }), backgroundColor: COLORS.escalated }
      ]
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
  });

  draw('chart-shares', {
    type: 'doughnut',
    data: {
      labels: [L.answered, L.clarified, L.escalated],
      datasets: [{ data: [stats.totals.answered, stats.totals.clarified, stats.totals.escalated], backgroundColor: [COLORS.answered, COLORS.clarified, COLORS.escalated] }]
    }
  });

  var rated = stats.entries.filter(function (e) { return e.helpful + e.notHelpful > 0; }).slice(0, 12);
  draw('chart-helpfulness', {
    type: 'bar',
    data: {
      labels: rated.map(function (e) { return e.question || e.id; }),
      datasets: [
        { label: L.yes, data: rated.map(function (e) { return e.helpful; }), backgroundColor: COLORS.yes },
        { label: L.no, data: rated.map(function (e) { return e.notHelpful; }), backgroundColor: COLORS.no }
      ]
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } }
  });

  draw('chart-hours', {
    type: 'bar',
    data: {
      labels: stats.hours.map(function (h) { return (h.hour < 10 ? '0' : '') + h.hour; }),
      datasets: [{ label: L.questions, data: stats.hours.map(function (h) { return h.questions; }), backgroundColor: COLORS.hours }]
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();
