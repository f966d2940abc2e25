using System.Globalization;
using System.Text;

namespace MusicGen.Redis;

/// <summary>One command argument: text, bytes or a number, encoded without boxing.</summary>
public readonly struct RedisArg
{
    private readonly string? _text;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long _number;
    private readonly byte _kind;

    private RedisArg(string? text, ReadOnlyMemory<byte> bytes, long number, byte kind)
    {
        _text = text;
        _bytes = bytes;
        _number = number;
        _kind = kind;
    }

    public static implicit operator RedisArg(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), default, 0, 0);

    public static implicit operator RedisArg(byte[] value) => new(null, value, 0, 1);

    public static implicit operator RedisArg(ReadOnlyMemory<byte> value) => new(null, value, 0, 1);

    public static implicit operator RedisArg(long value) => new(null, default, value, 2);

    public static implicit operator RedisArg(int value) => new(null, default, value, 2);

    public static implicit operator RedisArg(double value) => new(value.ToString("R", CultureInfo.InvariantCulture), default, 0, 0);

    internal int ByteCount => _kind switch
    {
        0 => Encoding.UTF8.GetByteCount(_text!),
        1 => _bytes.Length,
        _ => DigitCount(_number),
    };

    internal int Write(Span<byte> destination) => _kind switch
    {
        0 => Encoding.UTF8.GetBytes(_text!, destination),
        1 => Copy(_bytes.Span, destination),
        _ => _number.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture) ? written : throw new InvalidOperationException(),
    };

    public override string ToString() => _kind switch
    {
        0 => _text!,
        1 => Encoding.UTF8.GetString(_bytes.Span),
        _ => _number.ToString(CultureInfo.InvariantCulture),
    };

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private static int DigitCount(long value)
    {
        Span<byte> scratch = stackalloc byte[24];
        value.TryFormat(scratch, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }
}
