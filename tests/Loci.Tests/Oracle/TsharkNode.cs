using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Loci.Tests.Oracle;

/// <summary>
/// One item of tshark's <c>-T json</c> tree: a field name (e.g. <c>lisp.mapping.eid.ipv4</c>, or
/// a text label for unnamed items), its value when it has one, and its children in document order.
/// tshark repeats keys for repeated items (two <c>lisp.mapping</c> objects side by side), so the
/// tree is built by enumerating properties rather than by dictionary lookup.
/// </summary>
public sealed class TsharkNode
{
    private readonly List<TsharkNode> _children = [];

    private TsharkNode(string name, string? value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public string? Value { get; }

    public IReadOnlyList<TsharkNode> Items => _children;

    public static TsharkNode FromJson(string name, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                var node = new TsharkNode(name, null);
                foreach (var property in element.EnumerateObject())
                {
                    node.AddProperty(property.Name, property.Value);
                }

                return node;
            }

            case JsonValueKind.Array:
            {
                // Only with --no-duplicate-keys; kept for robustness: repeated values become siblings.
                var node = new TsharkNode(name, null);
                foreach (var item in element.EnumerateArray())
                {
                    node._children.Add(FromJson(name, item));
                }

                return node;
            }

            case JsonValueKind.String:
                return new TsharkNode(name, element.GetString());
            default:
                return new TsharkNode(name, element.GetRawText());
        }
    }

    /// <summary>The direct children called <paramref name="name"/>.</summary>
    public IEnumerable<TsharkNode> Children(string name) => _children.Where(c => c.Name == name);

    /// <summary>Every descendant called <paramref name="name"/>, depth first, in document order.</summary>
    public IEnumerable<TsharkNode> Descendants(string name)
    {
        foreach (var child in _children)
        {
            if (child.Name == name)
            {
                yield return child;
            }

            foreach (var match in child.Descendants(name))
            {
                yield return match;
            }
        }
    }

    /// <summary>Every descendant (any depth) in document order.</summary>
    public IEnumerable<TsharkNode> AllDescendants()
    {
        foreach (var child in _children)
        {
            yield return child;
            foreach (var nested in child.AllDescendants())
            {
                yield return nested;
            }
        }
    }

    /// <summary>The value of the first direct child called <paramref name="name"/>, or null.</summary>
    public string? Field(string name) => Children(name).FirstOrDefault()?.Value;

    /// <summary>The first direct child's value parsed as a number (decimal, or hex with 0x).</summary>
    public ulong? Number(string name) => ParseNumber(Field(name));

    public static ulong? ParseNumber(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder, 0);
        return builder.ToString();
    }

    private void AddProperty(string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                _children.Add(FromJson(name, item));
            }
        }
        else
        {
            _children.Add(FromJson(name, value));
        }
    }

    private void Append(StringBuilder builder, int depth)
    {
        builder.Append(' ', depth * 2).Append(Name);
        if (Value is not null)
        {
            builder.Append(": ").Append(Value);
        }

        builder.Append('\n');
        foreach (var child in _children)
        {
            child.Append(builder, depth + 1);
        }
    }
}
