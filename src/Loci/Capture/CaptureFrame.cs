namespace Loci.Capture;

/// <summary>
/// One frame of a capture. <see cref="Data"/> refers to the reader's buffer and is valid only until
/// the next read. <see cref="OriginalLength"/> above <c>Data.Length</c> means the capture's snap length cut it.
/// </summary>
internal readonly record struct CaptureFrame(
    long Number,
    CaptureTime Time,
    int LinkType,
    ReadOnlyMemory<byte> Data,
    long OriginalLength)
{
    public bool IsCut => OriginalLength > Data.Length;
}
