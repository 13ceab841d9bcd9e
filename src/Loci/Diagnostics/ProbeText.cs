using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Loci.Wire;
using Loci.Wire.Formatting;

namespace Loci.Diagnostics;

/// <summary>The lig/rig output lines, in the layout of the classic lig tool.</summary>
internal static class ProbeText
{
    public static string Milliseconds(TimeSpan rtt) => rtt.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    public static string Endpoint(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{endpoint.Port}" : $"{endpoint.Address}:{endpoint.Port}";

    public static void WriteRecord(TextWriter output, EidRecord record)
    {
        var ttl = record.Ttl.ToString(CultureInfo.InvariantCulture);
        var auth = record.Authoritative ? "auth" : "non-auth";
        if (record.IsNegative)
        {
            output.WriteLine($"  {record.Prefix}  ttl {ttl} min  {auth}  negative, action {FormatNames.ActionName(record.Action)}");
            return;
        }

        output.WriteLine($"  {record.Prefix}  ttl {ttl} min  {auth}  action {FormatNames.ActionName(record.Action)}");
        output.WriteLine($"    {"Locator",-40} {"State",-6} Priority/Weight");
        foreach (var locator in record.Locators)
        {
            var state = locator.Reachable ? "up" : "down";
            output.WriteLine($"    {locator.Rloc,-40} {state,-6} {locator.Priority}/{locator.Weight}");
        }
    }

    public static void WriteReferral(TextWriter output, ReferralRecord record)
    {
        var ttl = record.Ttl.ToString(CultureInfo.InvariantCulture);
        output.WriteLine($"      {FormatNames.ReferralActionName(record.Action)}  {record.Prefix}  ttl {ttl} min{(record.Incomplete ? "  incomplete" : string.Empty)}");
        foreach (var referral in record.Referrals)
        {
            output.WriteLine($"        referral {referral.Rloc}  priority {referral.Priority} weight {referral.Weight}{(referral.Reachable ? string.Empty : "  down")}");
        }
    }
}
