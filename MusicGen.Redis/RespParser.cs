using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace MusicGen.Redis;

/// <summary>
/// Parses one RESP2/RESP3 frame from a buffer. Incomplete input is reported (false) rather than
/// waited for, so the socket reader can keep reading; bulk lengths are checked before any copy.
/// </summary>
internal static class RespParser
{
    private const int MaxDepth = 64;

    /// <summary>
    /// Tries to parse a frame starting at <paramref name="position"/>; on success advances it. When
    /// the frame is incomplete, <paramref name="needed"/> is the total buffer length known to be required.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> buffer, ref int position, out RedisReply reply, out int needed)
    {
        needed = 0;
        var cursor = position;
        if (!TryParse(buffer, ref cursor, out reply, ref needed, 0))
        {
            return false;
        }

        position = cursor;
        return true;
    }

    private static bool TryParse(ReadOnlySpan<byte> buffer, ref int cursor, out RedisReply reply, ref int needed, int depth)
    {
        reply = RedisReply.Nil;
        if (depth > MaxDepth)
        {
            throw new RedisConnectionException("Reply nested deeper than " + MaxDepth);
        }

        if (!TryReadLine(buffer, ref cursor, out var type, out var line))
        {
            return false;
        }

        switch (type)
        {
            case (byte)'+':
                reply = RedisReply.String(RedisReplyKind.SimpleString, line.ToArray());
                return true;
            case (byte)'-':
                reply = RedisReply.String(RedisReplyKind.Error, line.ToArray());
                return true;
            case (byte)'(':
                reply = RedisReply.String(RedisReplyKind.BigNumber, line.ToArray());
                return true;
            case (byte)':':
                reply = RedisReply.FromInteger(ParseInt(line));
                return true;
            case (byte)',':
                reply = RedisReply.FromDouble(ParseDouble(line));
                return true;
            case (byte)'#':
                reply = RedisReply.FromBoolean(line.Length == 1 && line[0] == (byte)'t');
                return true;
            case (byte)'_':
                reply = RedisReply.Nil;
                return true;
            case (byte)'$' or (byte)'=' or (byte)'!':
                return TryReadBulk(buffer, ref cursor, type, ParseInt(line), out reply, ref needed);
            case (byte)'*' or (byte)'~' or (byte)'>' or (byte)'%' or (byte)'|':
                return TryReadAggregate(buffer, ref cursor, type, ParseInt(line), out reply, ref needed, depth);
            default:
                throw new RedisConnectionException($"Protocol error: unexpected reply type '{(char)type}'");
        }
    }

    private static bool TryReadBulk(ReadOnlySpan<byte> buffer, ref int cursor, byte type, long length, out RedisReply reply, ref int needed)
    {
        reply = RedisReply.Nil;
        if (length < 0)
        {
            return true;
        }

        var end = cursor + length + 2;
        if (end > buffer.Length)
        {
            needed = (int)end;
            return false;
        }

        var content = buffer.Slice(cursor, (int)length);
        cursor = (int)end;
        reply = type switch
        {
            (byte)'!' => RedisReply.String(RedisReplyKind.Error, content.ToArray()),
            // Verbatim strings start with a three-letter format and a colon ("txt:"), which is not content.
            (byte)'=' => RedisReply.String(RedisReplyKind.VerbatimString, content.Length >= 4 ? content[4..].ToArray() : content.ToArray()),
            _ => RedisReply.String(RedisReplyKind.BulkString, content.ToArray()),
        };
        return true;
    }

    private static bool TryReadAggregate(ReadOnlySpan<byte> buffer, ref int cursor, byte type, long count, out RedisReply reply, ref int needed, int depth)
    {
        reply = RedisReply.Nil;
        if (count < 0)
        {
            return true;
        }

        var total = type is (byte)'%' or (byte)'|' ? count * 2 : count;
        var items = total == 0 ? [] : new RedisReply[total];
        for (var i = 0; i < total; i++)
        {
            if (!TryParse(buffer, ref cursor, out items[i], ref needed, depth + 1))
            {
                return false;
            }
        }

        if (type == (byte)'|')
        {
            // Attributes annotate the reply that follows; the reply itself is what callers asked for.
            return TryParse(buffer, ref cursor, out reply, ref needed, depth);
        }

        var kind = type switch
        {
            (byte)'~' => RedisReplyKind.Set,
            (byte)'>' => RedisReplyKind.Push,
            (byte)'%' => RedisReplyKind.Map,
            _ => RedisReplyKind.Array,
        };
        reply = RedisReply.Aggregate(kind, items);
        return true;
    }

    private static bool TryReadLine(ReadOnlySpan<byte> buffer, ref int cursor, out byte type, out ReadOnlySpan<byte> line)
    {
        type = 0;
        line = default;
        if (cursor >= buffer.Length)
        {
            return false;
        }

        var rest = buffer[(cursor + 1)..];
        var lf = rest.IndexOf((byte)'\n');
        if (lf < 1)
        {
            if (lf == 0)
            {
                throw new RedisConnectionException("Protocol error: bare LF");
            }

            return false;
        }

        type = buffer[cursor];
        line = rest[..(lf - 1)];
        cursor += lf + 2;
        return true;
    }

    private static long ParseInt(ReadOnlySpan<byte> line) =>
        Utf8Parser.TryParse(line, out long value, out var used) && used == line.Length
            ? value
            : throw new RedisConnectionException("Protocol error: bad integer " + Encoding.ASCII.GetString(line));

    private static double ParseDouble(ReadOnlySpan<byte> line)
    {
        var text = Encoding.ASCII.GetString(line);
        return text switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }
}
