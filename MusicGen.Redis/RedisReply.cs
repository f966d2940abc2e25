using System.Globalization;
using System.Text;

namespace MusicGen.Redis;

/// <summary>
/// One reply from the server. Strings keep their exact bytes (binary safe); maps keep their
/// key/value pairs flattened in <see cref="Items"/>, as RESP2 would send them.
/// </summary>
public sealed class RedisReply
{
    public static readonly RedisReply Nil = new(RedisReplyKind.Null);

    private static readonly RedisReply[] NoItems = [];

    private RedisReply(RedisReplyKind kind)
    {
        Kind = kind;
    }

    public RedisReplyKind Kind { get; }

    /// <summary>The bytes of a simple, bulk, verbatim or error string, or of a big number.</summary>
    public ReadOnlyMemory<byte> Bytes { get; private init; }

    public long Integer { get; private init; }

    public double Double { get; private init; }

    /// <summary>The elements of an array, set, push, or the flattened pairs of a map.</summary>
    public IReadOnlyList<RedisReply> Items { get; private init; } = NoItems;

    public bool IsNull => Kind == RedisReplyKind.Null;

    public bool IsError => Kind == RedisReplyKind.Error;

    internal static RedisReply String(RedisReplyKind kind, byte[] bytes) => new(kind) { Bytes = bytes };

    internal static RedisReply FromInteger(long value) => new(RedisReplyKind.Integer) { Integer = value };

    internal static RedisReply FromDouble(double value) => new(RedisReplyKind.Double) { Double = value };

    internal static RedisReply FromBoolean(bool value) => new(RedisReplyKind.Boolean) { Integer = value ? 1 : 0 };

    internal static RedisReply Aggregate(RedisReplyKind kind, RedisReply[] items) => new(kind) { Items = items };

    /// <summary>The reply as text (UTF-8), or null for nil.</summary>
    public string? AsString() => Kind switch
    {
        RedisReplyKind.Null => null,
        RedisReplyKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        RedisReplyKind.Boolean => Integer == 1 ? "1" : "0",
        RedisReplyKind.Double => Double.ToString("R", CultureInfo.InvariantCulture),
        RedisReplyKind.Array or RedisReplyKind.Set or RedisReplyKind.Map or RedisReplyKind.Push =>
            throw new InvalidCastException($"A {Kind} reply is not a string."),
        _ => Encoding.UTF8.GetString(Bytes.Span),
    };

    /// <summary>The reply's bytes, or null for nil.</summary>
    public byte[]? AsBytes() => Kind switch
    {
        RedisReplyKind.Null => null,
        RedisReplyKind.SimpleString or RedisReplyKind.BulkString or RedisReplyKind.VerbatimString
            or RedisReplyKind.Error or RedisReplyKind.BigNumber => Bytes.ToArray(),
        _ => Encoding.UTF8.GetBytes(AsString()!),
    };

    /// <summary>The reply as a number (integers, booleans, and strings holding integers).</summary>
    public long AsInt64() => Kind switch
    {
        RedisReplyKind.Integer or RedisReplyKind.Boolean => Integer,
        RedisReplyKind.Double => (long)Double,
        RedisReplyKind.Null => throw new InvalidCastException("A nil reply is not a number."),
        _ => long.Parse(AsString()!, NumberStyles.Integer, CultureInfo.InvariantCulture),
    };

    public override string ToString() => Kind switch
    {
        RedisReplyKind.Null => "(nil)",
        RedisReplyKind.Array or RedisReplyKind.Set or RedisReplyKind.Map or RedisReplyKind.Push =>
            $"{Kind}[{string.Join(", ", Items)}]",
        _ => AsString() ?? "",
    };
}
