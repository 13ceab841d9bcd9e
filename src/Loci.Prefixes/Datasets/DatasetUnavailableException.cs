namespace Loci.Prefixes.Datasets;

/// <summary>The dataset could not be fetched or read; the message says what to do about it.</summary>
public sealed class DatasetUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatasetUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DatasetUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DatasetUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
