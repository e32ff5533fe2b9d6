// Draws the reports page's lag-over-the-period chart with uPlot from the inline JSON
// (#report-lag-data): a file, not an inline script, so the console's CSP allows it.
(function () {
  var holder = document.getElementById("report-lag-chart");
  var source = document.getElementById("report-lag-data");
  if (!holder || !source || typeof uPlot === "undefined") {
    return;
  }
  var d = JSON.parse(source.textContent);
  if (!d.t || d.t.length === 0) {
    holder.textContent = "No lag measured in this period.";
    return;
  }
  var width = Math.min(holder.clientWidth || 900, 1100);
  var opts = {
    title: "Largest lag per slice (seconds)",
    width: width,
    height: 260,
    scales: { x: { time: true } },
    series: [
      {},
      { label: "Replication lag", stroke: "#1f5fbf", width: 2, spanGaps: false },
      { label: "RPO", stroke: "#c0392b", width: 2, dash: [2, 2], points: { show: false } }
    ],
    axes: [{}, { label: "seconds" }]
  };
  new uPlot(opts, [d.t, d.lag, d.rpo], holder);
})();
