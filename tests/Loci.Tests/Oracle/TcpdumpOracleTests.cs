using System.Globalization;
using Loci.Wire;

namespace Loci.Tests.Oracle;

/// <summary>
/// tcpdump's LISP printer (print-lisp.c) as a second, independent decoder of the signed
/// Map-Register and Map-Notify: `tcpdump -r FILE -v -n` must show the flags, the record count, the
/// algorithm, every EID and locator, and the xTR-ID / site-ID Loci wrote.
/// </summary>
public sealed class TcpdumpOracleTests
{
    [Fact]
    public void MapRegisterAndNotify_SignedWithXtrId_TcpdumpShowsRecordsLocatorsAndXtrId()
    {
        using var sha1 = AuthenticationKey.FromPassword(OracleSamples.Sha1Password, AuthAlgorithm.HmacSha1_96);
        using var sha256 = AuthenticationKey.FromPassword(OracleSamples.Sha256Password);
        var register = OracleSamples.Register();
        var registerXtr = OracleSamples.RegisterWithXtrId();
        var notifyXtr = OracleSamples.NotifyWithXtrId();
        using var capture = new OracleCapture("tcpdump");
        capture.AddControl("register", register, register.ToSignedArray(sha1));
        capture.AddControl("register-xtr", registerXtr, registerXtr.ToSignedArray(sha256));
        capture.AddControl("notify-xtr", notifyXtr, notifyXtr.ToSignedArray(sha1), ipv6: true);

        var result = ExternalTool.Run("tcpdump", ["-r", capture.Close(), "-v", "-n"]);
        Assert.True(result.ExitCode == 0, $"tcpdump exited with {result.ExitCode}: {result.StandardError}");
        var packets = SplitPackets(result.StandardOutput);
        Assert.Equal(3, packets.Count);

        AssertShows(packets[0], "LISP-Map-Register, flags [P-Proxy-Map-Reply, M-Want-Map-Notify]", "2 record(s), Authentication SHA1");
        AssertRecords(packets[0], register);
        Assert.DoesNotContain("xTR-ID", packets[0], StringComparison.Ordinal);

        AssertShows(packets[1], "LISP-Map-Register, flags [I-xTR-ID-Present, M-Want-Map-Notify]", "2 record(s), Authentication SHA256");
        AssertRecords(packets[1], registerXtr);
        AssertShows(packets[1], "xTR-ID: 0x0000:  0123 4567 89ab cdef fedc ba98 7654 3210", $"SITE-ID: {OracleSamples.SiteId}");

        AssertShows(packets[2], "LISP-Map-Notify, flags [I-xTR-ID-Present]", "2 record(s), Authentication SHA1");
        AssertRecords(packets[2], notifyXtr);
        AssertShows(packets[2], "xTR-ID: 0x0000:  0123 4567 89ab cdef fedc ba98 7654 3210", $"SITE-ID: {OracleSamples.SiteId}");
    }

    private static void AssertRecords(string packet, AuthenticatedMessage message)
    {
        foreach (var record in message.Records)
        {
            var eid = (InetAddress)record.EidPrefix;
            AssertShows(packet, string.Create(
                CultureInfo.InvariantCulture,
                $"Record TTL {record.Ttl}, {(record.Authoritative ? "Authoritative" : "Non-Authoritative")}, No-Action, Map Version: {record.MapVersion}, EID {eid.Ip}/{record.MaskLength}, {record.Locators.Count} locator(s)"));
            foreach (var locator in record.Locators)
            {
                AssertShows(
                    packet,
                    $"LOC {((InetAddress)locator.Rloc).Ip}",
                    string.Create(CultureInfo.InvariantCulture, $"Priority/Weight {locator.Priority}/{locator.Weight}, Multicast Priority/Weight {locator.MulticastPriority}/{locator.MulticastWeight}"));
            }
        }
    }

    private static void AssertShows(string packet, params string[] expected)
    {
        foreach (var text in expected)
        {
            Assert.True(packet.Contains(text, StringComparison.Ordinal), $"tcpdump output lacks '{text}':\n{packet}");
        }
    }

    /// <summary>tcpdump -v starts each packet with an unindented timestamp line.</summary>
    private static List<string> SplitPackets(string output)
    {
        var packets = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                packets.Add(line + "\n");
            }
            else if (packets.Count > 0)
            {
                packets[^1] += line + "\n";
            }
        }

        return packets;
    }
}
