using System.Text;

namespace Loci.Wire;

/// <summary>Small helpers shared by the LCAF <c>Format()</c> methods.</summary>
internal static class LcafText
{
    public static string Join(EquatableArray<LispAddress> addresses)
    {
        var text = new StringBuilder();
        foreach (var address in addresses)
        {
            if (text.Length > 0)
            {
                text.Append(", ");
            }

            text.Append(address.Format());
        }

        return text.ToString();
    }
}
