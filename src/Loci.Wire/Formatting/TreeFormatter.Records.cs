using System.Globalization;

namespace Loci.Wire.Formatting;

/// <summary>EID-records, referral records and locators in the field tree (RFC 9301 §5.4, RFC 8111 §6.4).</summary>
internal static partial class TreeFormatter
{
    private static void WriteRecords(TreeBuilder tree, EquatableArray<EidRecord> records)
    {
        for (var i = 0; i < records.Count; i++)
        {
            WriteRecord(tree, "record " + (i + 1).ToString(CultureInfo.InvariantCulture), records[i]);
        }
    }

    private static void WriteRecord(TreeBuilder tree, string label, EidRecord record)
    {
        tree.Open(label, record.Prefix);
        tree.Line("ttl", record.Ttl.ToString(CultureInfo.InvariantCulture) + " minutes");
        tree.Line("locator count", record.Locators.Count);
        tree.Line("eid mask-len", record.MaskLength);
        tree.Line("action (ACT)", ((int)record.Action).ToString(CultureInfo.InvariantCulture) + " (" + FormatNames.ActionName(record.Action) + ")");
        tree.Flag("authoritative", "A", record.Authoritative);
        tree.Line("reserved", "0x" + record.ReservedBits.ToString("x3", CultureInfo.InvariantCulture));
        tree.Line("map-version", record.MapVersion);
        AddressTree.Write(tree, "eid prefix", record.EidPrefix);
        WriteLocators(tree, record.Locators, "locator");
        tree.Close();
    }

    private static void WriteReferrals(TreeBuilder tree, EquatableArray<ReferralRecord> records)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            tree.Open("record " + (i + 1).ToString(CultureInfo.InvariantCulture), record.Prefix);
            tree.Line("ttl", record.Ttl.ToString(CultureInfo.InvariantCulture) + " minutes");
            tree.Line("referral count", record.Referrals.Count);
            tree.Line("eid mask-len", record.MaskLength);
            tree.Line("action (ACT)", ((int)record.Action).ToString(CultureInfo.InvariantCulture) + " (" + FormatNames.ReferralActionName(record.Action) + ")");
            tree.Flag("authoritative", "A", record.Authoritative);
            tree.Flag("incomplete", "I", record.Incomplete);
            tree.Line("reserved", "0x" + record.ReservedBits.ToString("x3", CultureInfo.InvariantCulture));
            tree.Line("signature count", record.Signatures.Count);
            tree.Line("map-version", record.MapVersion);
            AddressTree.Write(tree, "eid prefix", record.EidPrefix);
            WriteLocators(tree, record.Referrals, "referral");
            for (var s = 0; s < record.Signatures.Count; s++)
            {
                var signature = record.Signatures[s];
                tree.Open("signature " + (s + 1).ToString(CultureInfo.InvariantCulture));
                tree.Line("original ttl", signature.OriginalTtl);
                tree.Line("expiration", signature.Expiration);
                tree.Line("inception", signature.Inception);
                tree.Line("key tag", signature.KeyTag);
                tree.Line("algorithm", signature.Algorithm);
                tree.Line("signature", HexText.Bytes(signature.Signature.AsSpan()));
                tree.Close();
            }

            tree.Close();
        }
    }

    private static void WriteLocators(TreeBuilder tree, EquatableArray<LocatorRecord> locators, string label)
    {
        for (var i = 0; i < locators.Count; i++)
        {
            var locator = locators[i];
            tree.Open(label + " " + (i + 1).ToString(CultureInfo.InvariantCulture), locator.Rloc.Format());
            tree.Line("priority", locator.Priority);
            tree.Line("weight", locator.Weight);
            tree.Line("multicast priority", locator.MulticastPriority);
            tree.Line("multicast weight", locator.MulticastWeight);
            tree.Line("unused flags", "0x" + locator.UnusedFlags.ToString("x4", CultureInfo.InvariantCulture));
            tree.Flag("local", "L", locator.Local);
            tree.Flag("probed", "p", locator.Probed);
            tree.Flag("reachable", "R", locator.Reachable);
            AddressTree.Write(tree, "rloc", locator.Rloc);
            tree.Close();
        }
    }
}
