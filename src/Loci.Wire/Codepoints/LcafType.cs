namespace Loci.Wire;

/// <summary>LCAF types (IANA "LISP Canonical Address Format (LCAF) Types", RFC 8060 §3).</summary>
public enum LcafType : byte
{
    NullBody = 0,
    AfiList = 1,
    InstanceId = 2,
    AsNumber = 3,
    ApplicationData = 4,
    GeoCoordinates = 5,
    OpaqueKey = 6,
    NatTraversal = 7,
    NonceLocator = 8,
    MulticastInfo = 9,
    ExplicitLocatorPath = 10,
    SecurityKey = 11,
    SourceDestKey = 12,
    ReplicationList = 13,
    JsonDataModel = 14,
    KeyValuePair = 15,
    EncapsulationFormat = 16,
    VendorSpecific = 255,
}
