using System.Globalization;
using System.Net;
using System.Text;

namespace Loci.Bench;

/// <summary>
/// A dependency-free SVG line chart: panels side by side sharing the x axis, each with its own
/// y axis (linear or logarithmic), a legend, and optional reference values drawn dashed (the
/// seed's published figures, for comparison).
/// </summary>
internal static class LpmShapeChart
{
    private const int PanelWidth = 360;
    private const int PanelHeight = 260;
    private const int Margin = 64;
    private const int LegendLine = 14;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

    /// <summary>
    /// Renders one chart. <paramref name="x"/> is shared by every series of every panel;
    /// <paramref name="logX"/> draws it on a log scale (rates that grow geometrically).
    /// </summary>
    public static string Render(double[] x, string xLabel, Panel[] panels, string title, bool logX = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(panels);
        var legendRows = panels.Max(p => p.Series.Length + (p.References?.Length ?? 0) + (p.XReferences?.Length ?? 0));
        var width = (panels.Length * (PanelWidth + Margin)) + Margin;
        var height = Margin + PanelHeight + 56 + (legendRows * LegendLine);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Invariant($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(Invariant($"<text x=\"{width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n"));
        for (var p = 0; p < panels.Length; p++)
        {
            var xAxis = Axis.ForX(x, logX);
            new PanelWriter(svg, Margin + (p * (PanelWidth + Margin)), Margin, x, xAxis, xLabel).Write(panels[p]);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>One panel: its title, y-axis label (with the unit), series, and reference values.</summary>
    /// <param name="References">Horizontal dashed lines at y (e.g. a figure the seed reports).</param>
    /// <param name="XReferences">Vertical dashed lines at x.</param>
    internal sealed record Panel(
        string Title,
        string YLabel,
        (string Name, double[] Y)[] Series,
        bool LogY = false,
        (string Label, double Value)[]? References = null,
        (string Label, double Value)[]? XReferences = null);

    /// <summary>A linear axis from 0 to a round maximum, or a log axis between whole decades.</summary>
    private readonly record struct Axis(double Min, double Max, bool Log)
    {
        /// <summary>The x axis: exactly the data's range (linear), or the decades around it (log).</summary>
        public static Axis ForX(double[] values, bool log) =>
            log ? Decades(values) : new Axis(values.DefaultIfEmpty(0).Min(), values.DefaultIfEmpty(1).Max(), false);

        /// <summary>A y axis: from zero (or a round negative floor) to a round ceiling, or the decades around the data (log).</summary>
        public static Axis ForY(IEnumerable<double> values, bool log)
        {
            var list = values.Where(double.IsFinite).ToList();
            if (log)
            {
                return Decades(list);
            }

            var low = list.DefaultIfEmpty(0).Min();
            return new Axis(low < 0 ? -NiceCeiling(-low) : 0, NiceCeiling(list.DefaultIfEmpty(1).Max()), false);
        }

        /// <summary>A log axis from the 1-2-5 value at or below the smallest positive value to the one at or above the largest.</summary>
        private static Axis Decades(IEnumerable<double> values)
        {
            var positive = values.Where(v => v > 0 && double.IsFinite(v)).DefaultIfEmpty(1).ToList();
            var (low, high) = (positive.Min(), positive.Max());
            var min = OneTwoFive(low, up: false);
            var max = OneTwoFive(high, up: true);
            return new Axis(min, max <= min ? min * 10 : max, true);
        }

        private static double OneTwoFive(double v, bool up)
        {
            var decade = Math.Pow(10, Math.Floor(Math.Log10(v)));
            double[] steps = up ? [1, 2, 5, 10] : [5, 2, 1];
            foreach (var step in steps)
            {
                if (up ? step * decade >= v * 0.9999 : step * decade <= v * 1.0001)
                {
                    return step * decade;
                }
            }

            return decade;
        }

        /// <summary>Whether <paramref name="v"/> lies on the axis (reference lines outside it are not drawn).</summary>
        public bool Covers(double v) => v >= Min * 0.9999 && v <= Max * 1.0001;

        /// <summary>Position in [0, 1] along the axis; values outside are clamped.</summary>
        public double Fraction(double v)
        {
            var f = Log
                ? (Math.Log10(Math.Max(v, Min)) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
                : (v - Min) / Math.Max(1e-12, Max - Min);
            return Math.Clamp(f, 0, 1);
        }

        /// <summary>Tick values: round multiples of a 1-2-2.5-5 step, at most <paramref name="intervals"/> apart; 1-2-5 per decade on a log axis.</summary>
        public IEnumerable<double> Ticks(int intervals)
        {
            if (!Log)
            {
                var step = NiceCeiling((Max - Min) / intervals);
                for (var v = Math.Ceiling((Min / step) - 1e-9) * step; v <= Max + (step * 1e-9); v += step)
                {
                    yield return v;
                }

                yield break;
            }

            var decades = Math.Log10(Max / Min);
            for (var decade = Math.Pow(10, Math.Floor(Math.Log10(Min))); decade <= Max * 1.0001; decade *= 10)
            {
                foreach (var step in decades > 3 ? new[] { 1.0 } : [1.0, 2, 5])
                {
                    if (Covers(decade * step))
                    {
                        yield return decade * step;
                    }
                }
            }
        }
    }

    private sealed class PanelWriter(StringBuilder svg, int left, int top, double[] x, Axis xAxis, string xLabel)
    {
        public void Write(Panel panel)
        {
            var yValues = panel.Series.SelectMany(s => s.Y).Concat(panel.References?.Select(r => r.Value) ?? []);
            var yAxis = Axis.ForY(yValues, panel.LogY);
            double Sx(double v) => left + (xAxis.Fraction(v) * PanelWidth);
            double Sy(double v) => top + PanelHeight - (yAxis.Fraction(v) * PanelHeight);

            svg.Append(Invariant($"<text x=\"{left + (PanelWidth / 2)}\" y=\"{top - 10}\" text-anchor=\"middle\" font-size=\"12\">{Escape(panel.Title)}</text>\n"));
            svg.Append(Invariant($"<rect x=\"{left}\" y=\"{top}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#444\"/>\n"));
            foreach (var yv in yAxis.Ticks(intervals: 5))
            {
                var y = Sy(yv);
                svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{y:F1}\" x2=\"{left + PanelWidth}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>\n"));
                svg.Append(Invariant($"<text x=\"{left - 4}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{Label(yv)}</text>\n"));
            }

            foreach (var xv in xAxis.Ticks(intervals: 10))
            {
                svg.Append(Invariant($"<text x=\"{Sx(xv):F1}\" y=\"{top + PanelHeight + 14}\" text-anchor=\"middle\">{Label(xv)}</text>\n"));
            }

            svg.Append(Invariant($"<text x=\"{left + (PanelWidth / 2)}\" y=\"{top + PanelHeight + 30}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n"));
            var yLabelX = left - 46;
            var yLabelY = top + (PanelHeight / 2);
            svg.Append(Invariant($"<text x=\"{yLabelX}\" y=\"{yLabelY}\" text-anchor=\"middle\" transform=\"rotate(-90 {yLabelX} {yLabelY})\">{Escape(panel.YLabel)}</text>\n"));

            var legend = 0;
            for (var s = 0; s < panel.Series.Length; s++)
            {
                var color = Colors[s % Colors.Length];
                var (name, ys) = panel.Series[s];
                var points = string.Join(' ', ys.Select((v, i) => Invariant($"{Sx(x[i]):F1},{Sy(v):F1}")));
                svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.8\" points=\"{points}\"/>\n"));
                for (var i = 0; i < ys.Length; i++)
                {
                    svg.Append(Invariant($"<circle cx=\"{Sx(x[i]):F1}\" cy=\"{Sy(ys[i]):F1}\" r=\"2\" fill=\"{color}\"/>\n"));
                }

                LegendEntry(legend++, color, dashed: false, name);
            }

            foreach (var (label, value) in panel.References ?? [])
            {
                var y = Sy(value);
                svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{y:F1}\" x2=\"{left + PanelWidth}\" y2=\"{y:F1}\" stroke=\"#555\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>\n"));
                LegendEntry(legend++, "#555", dashed: true, label);
            }

            foreach (var (label, value) in (panel.XReferences ?? []).Where(r => xAxis.Covers(r.Value)))
            {
                var xp = Sx(value);
                svg.Append(Invariant($"<line x1=\"{xp:F1}\" y1=\"{top}\" x2=\"{xp:F1}\" y2=\"{top + PanelHeight}\" stroke=\"#555\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>\n"));
                LegendEntry(legend++, "#555", dashed: true, label);
            }
        }

        private void LegendEntry(int row, string color, bool dashed, string text)
        {
            var ly = top + PanelHeight + 46 + (row * LegendLine);
            var dash = dashed ? " stroke-dasharray=\"6 4\"" : "";
            svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{ly - 4}\" x2=\"{left + 18}\" y2=\"{ly - 4}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>\n"));
            svg.Append(Invariant($"<text x=\"{left + 24}\" y=\"{ly}\">{Escape(text)}</text>\n"));
        }
    }

    private static double NiceCeiling(double v)
    {
        if (v <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= v)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Label(double v) =>
        Math.Abs(v) >= 10_000 ? Invariant($"{v / 1000:0.#}k")
        : v.ToString(Math.Abs(v) >= 100 || v == Math.Floor(v) ? "0" : Math.Abs(v) >= 0.1 ? "0.0#" : "0.0##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
