using System.Globalization;
using System.Net;
using System.Text;

namespace Loci.Bench;

/// <summary>A dependency-free SVG line chart: panels side by side sharing the x axis (sites).</summary>
internal static class LpmShapeChart
{
    private const int PanelWidth = 360;
    private const int PanelHeight = 260;
    private const int Margin = 56;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];

    public static string Render(double[] x, (string Title, (string Name, double[] Y)[] Series)[] panels, string title)
    {
        var width = (panels.Length * (PanelWidth + Margin)) + Margin;
        var height = PanelHeight + (2 * Margin) + 60;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n"));
        svg.Append(Invariant($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(Invariant($"<text x=\"{width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n"));
        for (var p = 0; p < panels.Length; p++)
        {
            Panel(svg, Margin + (p * (PanelWidth + Margin)), Margin, x, panels[p].Title, panels[p].Series);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, int left, int top, double[] x, string title, (string Name, double[] Y)[] series)
    {
        var (xMin, xMax) = (x.Min(), x.Max());
        var yMax = NiceCeiling(series.SelectMany(s => s.Y).DefaultIfEmpty(1).Max());
        double Sx(double v) => left + ((v - xMin) / Math.Max(1e-9, xMax - xMin) * PanelWidth);
        double Sy(double v) => top + PanelHeight - (v / yMax * PanelHeight);

        svg.Append(Invariant($"<text x=\"{left + (PanelWidth / 2)}\" y=\"{top - 10}\" text-anchor=\"middle\" font-size=\"12\">{Escape(title)}</text>\n"));
        svg.Append(Invariant($"<rect x=\"{left}\" y=\"{top}\" width=\"{PanelWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#444\"/>\n"));
        for (var i = 0; i <= 5; i++)
        {
            var yv = yMax * i / 5;
            var y = Sy(yv);
            svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{y:F1}\" x2=\"{left + PanelWidth}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>\n"));
            svg.Append(Invariant($"<text x=\"{left - 4}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{Label(yv)}</text>\n"));
            var xv = xMin + ((xMax - xMin) * i / 5);
            svg.Append(Invariant($"<text x=\"{Sx(xv):F1}\" y=\"{top + PanelHeight + 14}\" text-anchor=\"middle\">{Label(xv)}</text>\n"));
        }

        svg.Append(Invariant($"<text x=\"{left + (PanelWidth / 2)}\" y=\"{top + PanelHeight + 30}\" text-anchor=\"middle\">LISP sites</text>\n"));
        for (var s = 0; s < series.Length; s++)
        {
            var color = Colors[s % Colors.Length];
            var points = string.Join(' ', series[s].Y.Select((v, i) => Invariant($"{Sx(x[i]):F1},{Sy(v):F1}")));
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.8\" points=\"{points}\"/>\n"));
            foreach (var (v, i) in series[s].Y.Select((v, i) => (v, i)))
            {
                svg.Append(Invariant($"<circle cx=\"{Sx(x[i]):F1}\" cy=\"{Sy(v):F1}\" r=\"2\" fill=\"{color}\"/>\n"));
            }

            var ly = top + PanelHeight + 46 + (s * 14);
            svg.Append(Invariant($"<line x1=\"{left}\" y1=\"{ly - 4}\" x2=\"{left + 18}\" y2=\"{ly - 4}\" stroke=\"{color}\" stroke-width=\"2\"/>\n"));
            svg.Append(Invariant($"<text x=\"{left + 24}\" y=\"{ly}\">{Escape(series[s].Name)}</text>\n"));
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
        v >= 10_000 ? Invariant($"{v / 1000:0.#}k") : v.ToString(v >= 100 || v == Math.Floor(v) ? "0" : "0.0#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
