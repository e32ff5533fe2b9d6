// Draws the resource page's lag chart with uPlot from the inline JSON (#lag-data).
(function () {
  var holder = document.getElementById("lag-chart");
  var source = document.getElementById("lag-data");
  if (!holder || !source || typeof uPlot === "undefined") {
    return;
  }
  var d = JSON.parse(source.textContent);
  if (!d.t || d.t.length === 0) {
    holder.textContent = "No observations in the last hour.";
    return;
  }
  var width = Math.min(holder.clientWidth || 900, 1100);
  var opts = {
    title: "Lag (seconds)",
    width: width,
    height: 280,
    scales: { x: { time: true } },
    series: [
      {},
      { label: "Replication lag", stroke: "#1f5fbf", width: 2 },
      { label: "Heartbeat lag", stroke: "#7a3fb0", width: 2, dash: [4, 3] },
      { label: "Warn", stroke: "#b7791f", width: 1, dash: [8, 4], points: { show: false } },
      { label: "RPO", stroke: "#c0392b", width: 2, dash: [2, 2], points: { show: false } }
    ],
    axes: [{}, { label: "seconds" }]
  };
  new uPlot(opts, [d.t, d.lag, d.heartbeat, d.warn, d.rpo], holder);
})();
