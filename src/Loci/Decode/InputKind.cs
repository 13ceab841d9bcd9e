namespace Loci.Decode;

internal enum InputKind
{
    /// <summary>A file or stdin: a capture when it starts with a pcap/pcapng magic, else hex text or raw bytes.</summary>
    Auto,
    Hex,
    Raw,
}
