using System.Globalization;
using System.Text;

namespace Loci.Wire.Formatting;

/// <summary>Records in the one-line form: "10.1.0.0/24 ttl 1440 auth [127.0.0.101 1/50 R, ...]".</summary>
internal static partial class SummaryFormatter
{
    private static void AppendRecords(StringBuilder text, EquatableArray<EidRecord> records)
    {
        for (var i = 0; i < records.Count; i++)
        {
            text.Append(i == 0 ? " " : "; ");
            AppendRecord(text, records[i]);
        }
    }

    private static void AppendRecord(StringBuilder text, EidRecord record)
    {
        text.Append(record.Prefix).Append(" ttl ").Append(record.Ttl.ToString(CultureInfo.InvariantCulture));
        if (record.Authoritative)
        {
            text.Append(" auth");
        }

        if (record.MapVersion != 0)
        {
            text.Append(" v").Append(record.MapVersion.ToString(CultureInfo.InvariantCulture));
        }

        // RFC 9301 §5.4: ACT matters for negative records; a positive record with an action is unusual, so show it too.
        if (record.IsNegative || record.Action != MapReplyAction.NoAction)
        {
            text.Append(' ').Append(FormatNames.ActionName(record.Action));
        }

        if (!record.IsNegative)
        {
            AppendLocators(text, record.Locators);
        }
    }

    private static void AppendReferrals(StringBuilder text, EquatableArray<ReferralRecord> records)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            text.Append(i == 0 ? " " : "; ").Append(record.Prefix)
                .Append(" ttl ").Append(record.Ttl.ToString(CultureInfo.InvariantCulture))
                .Append(' ').Append(FormatNames.ReferralActionName(record.Action));
            if (record.Authoritative)
            {
                text.Append(" auth");
            }

            if (record.Incomplete)
            {
                text.Append(" incomplete");
            }

            AppendLocators(text, record.Referrals);
            if (!record.Signatures.IsEmpty)
            {
                text.Append(" sigs ").Append(record.Signatures.Count.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static void AppendLocators(StringBuilder text, EquatableArray<LocatorRecord> locators)
    {
        text.Append(" [");
        for (var i = 0; i < locators.Count; i++)
        {
            var locator = locators[i];
            text.Append(i == 0 ? string.Empty : ", ").Append(locator.Rloc.Format())
                .Append(' ').Append(locator.Priority.ToString(CultureInfo.InvariantCulture))
                .Append('/').Append(locator.Weight.ToString(CultureInfo.InvariantCulture));
            if (locator.Local)
            {
                text.Append(" L");
            }

            if (locator.Probed)
            {
                text.Append(" p");
            }

            if (locator.Reachable)
            {
                text.Append(" R");
            }
        }

        text.Append(']');
    }
}
