namespace Loci.Decode;

/// <summary>One input of `loci decode`: hex text, a raw message file, or a path whose content decides (capture magic, hex text, raw bytes).</summary>
internal readonly record struct DecodeInput(InputKind Kind, string Value);
