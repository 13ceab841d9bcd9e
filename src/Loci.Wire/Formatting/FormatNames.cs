namespace Loci.Wire.Formatting;

/// <summary>
/// The names the decoder, logs and JSON use for code points. They are part of the JSON contract of
/// `loci decode` (issue 2), so a test freezes them; change them only together with every consumer.
/// </summary>
public static class FormatNames
{
    /// <summary>"map-request", "info-reply", "ecm" ...: the JSON <c>type</c> of a parsed message.</summary>
    public static string TypeName(LispMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message is InfoMessage info ? (info.IsReply ? "info-reply" : "info-request") : TypeName(message.Type);
    }

    /// <summary>
    /// The type name announced by the first byte of a datagram, or null when the type nibble is not a
    /// control message type. Type 7 is split by its R bit (draft-ermagan-lisp-nat-traversal).
    /// </summary>
    public static string? PeekTypeName(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return null;
        }

        var type = (MessageType)(datagram[0] >> 4);
        if (type == MessageType.Info)
        {
            return (datagram[0] & 0x08) != 0 ? "info-reply" : "info-request";
        }

        return type is MessageType.Reserved || !Enum.IsDefined(type) ? null : TypeName(type);
    }

    public static string TypeName(MessageType type) => type switch
    {
        MessageType.MapRequest => "map-request",
        MessageType.MapReply => "map-reply",
        MessageType.MapRegister => "map-register",
        MessageType.MapNotify => "map-notify",
        MessageType.MapNotifyAck => "map-notify-ack",
        MessageType.MapReferral => "map-referral",
        MessageType.Info => "info",
        MessageType.EncapsulatedControlMessage => "ecm",
        MessageType.SharedExtension => "shared-extension",
        _ => "type-" + ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>ACT of an EID-record (RFC 9301 §5.4); 6 and 7 are unassigned (PROTOCOL.md §8.2).</summary>
    public static string ActionName(MapReplyAction action) => action switch
    {
        MapReplyAction.NoAction => "no-action",
        MapReplyAction.NativelyForward => "natively-forward",
        MapReplyAction.SendMapRequest => "send-map-request",
        MapReplyAction.DropNoReason => "drop",
        MapReplyAction.DropPolicyDenied => "drop-policy-denied",
        MapReplyAction.DropAuthFailure => "drop-auth-failure",
        _ => "unassigned-" + ((int)action).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>ACT of a Map-Referral record (RFC 8111 §6.4.1).</summary>
    public static string ReferralActionName(ReferralAction action) => action switch
    {
        ReferralAction.NodeReferral => "node-referral",
        ReferralAction.MsReferral => "ms-referral",
        ReferralAction.MsAck => "ms-ack",
        ReferralAction.MsNotRegistered => "ms-not-registered",
        ReferralAction.DelegationHole => "delegation-hole",
        ReferralAction.NotAuthoritative => "not-authoritative",
        _ => "unassigned-" + ((int)action).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Algorithm ID (IANA "LISP Algorithm ID Numbers").</summary>
    public static string AlgorithmName(AuthAlgorithm algorithm) => algorithm switch
    {
        AuthAlgorithm.None => "none",
        AuthAlgorithm.HmacSha1_96 => "hmac-sha1-96",
        AuthAlgorithm.HmacSha256_128 => "hmac-sha256-128",
        AuthAlgorithm.HmacSha256_128HkdfSha256 => "hmac-sha256-128-hkdf-sha256",
        _ => "unknown",
    };

    public static string AfiName(Afi afi) => afi switch
    {
        Afi.None => "none",
        Afi.IPv4 => "ipv4",
        Afi.IPv6 => "ipv6",
        Afi.Ieee802 => "ieee-802",
        Afi.DistinguishedName => "distinguished-name",
        Afi.Lcaf => "lcaf",
        Afi.Mac => "mac",
        _ => "unknown",
    };

    /// <summary>LCAF type names after RFC 8060 §3 / the IANA registry.</summary>
    public static string LcafTypeName(LcafType type) => type switch
    {
        LcafType.NullBody => "null-body",
        LcafType.AfiList => "afi-list",
        LcafType.InstanceId => "instance-id",
        LcafType.AsNumber => "as-number",
        LcafType.ApplicationData => "application-data",
        LcafType.GeoCoordinates => "geo-coordinates",
        LcafType.OpaqueKey => "opaque-key",
        LcafType.NatTraversal => "nat-traversal",
        LcafType.NonceLocator => "nonce-locator",
        LcafType.MulticastInfo => "multicast-info",
        LcafType.ExplicitLocatorPath => "explicit-locator-path",
        LcafType.SecurityKey => "security-key",
        LcafType.SourceDestKey => "source-dest-key",
        LcafType.ReplicationList => "replication-list",
        LcafType.JsonDataModel => "json-data-model",
        LcafType.KeyValuePair => "key-value",
        LcafType.EncapsulationFormat => "encapsulation-format",
        LcafType.VendorSpecific => "vendor-specific",
        _ => "unassigned",
    };
}
