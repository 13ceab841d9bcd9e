using System.Globalization;
using System.Text;

namespace Loci.Wire.Formatting;

/// <summary>Writes the verbose field tree: indented "name: value" lines, two spaces per level.</summary>
internal sealed class TreeBuilder(StringBuilder text, int indent)
{
    private int _depth = indent;

    public void Line(string name, string value)
    {
        text.Append(' ', _depth * 2).Append(name).Append(": ").Append(value).Append('\n');
    }

    public void Line(string name, long value) => Line(name, value.ToString(CultureInfo.InvariantCulture));

    public void Flag(string name, string letter, bool set) => Line(name + " (" + letter + ")", set ? "1" : "0");

    /// <summary>A heading line whose children follow one level deeper, until <see cref="Close"/>.</summary>
    public void Open(string name, string? value = null)
    {
        text.Append(' ', _depth * 2).Append(name);
        if (value is not null)
        {
            text.Append(": ").Append(value);
        }

        text.Append('\n');
        _depth++;
    }

    public void Close() => _depth--;
}
