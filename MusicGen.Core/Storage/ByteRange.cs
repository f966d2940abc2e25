namespace MusicGen.Core.Storage;

/// <summary>
/// Bytes <see cref="From"/> to <see cref="To"/> inclusive, as in an HTTP Range header; <see cref="To"/> null means "to the end".
/// </summary>
public readonly record struct ByteRange(long From, long? To)
{
    /// <summary>The range clipped to a blob of <paramref name="totalLength"/> bytes, or null when it starts past the end.</summary>
    public (long Offset, long Length)? Resolve(long totalLength)
    {
        if (From < 0 || From >= totalLength || (To is { } to && to < From))
        {
            return null;
        }

        var last = Math.Min(To ?? totalLength - 1, totalLength - 1);
        return (From, last - From + 1);
    }
}
